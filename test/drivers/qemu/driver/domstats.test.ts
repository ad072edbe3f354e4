/**
 * The all-domain stats call on a booted guest with a disk, a NIC and two vCPU slots: libvirt
 * 9.0's field names, order and types (real libvirt's embedded QEMU driver running the same guest
 * is the oracle for names and order; values differ), the group selection, libvirt's refusals, and
 * the call through tsvirtd from libvirt-python.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from '../../../../src/index.js';
import { Command } from '../../../../src/util/command/index.js';
import { READY_MARKER } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, waitForGuestReady } from './harness.js';
import { startTsvirtd, xdgEnv } from '../../../daemon/harness.js';

const sourceDir = dirname(fileURLToPath(import.meta.url)).replace(/\/dist\/test\//, '/test/');
const { root, uri } = makeRoot();
let conn: v.Connect;
let dom: v.Domain;

function statsXml(name: string, dir: string): string {
  const disk = join(dir, `${name}.img`);
  writeFileSync(disk, '');
  truncateSync(disk, 16 << 20);
  const extraDevices = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>
    <interface type='user'><mac address='52:54:00:11:22:33'/><model type='virtio'/></interface>`;
  return guestXml({ name, serialLog: join(dir, `${name}.log`), vcpuXml: "<vcpu current='1'>2</vcpu>", extraDevices });
}

/** Python's type name for a typed parameter as libvirt-python converts it. */
const pyType = (p: v.TypedParam) => (p.type === v.VIR_TYPED_PARAM_STRING ? 'str' : p.type === v.VIR_TYPED_PARAM_BOOLEAN ? 'bool'
  : p.type === v.VIR_TYPED_PARAM_DOUBLE ? 'float' : 'int');

test.before(async () => {
  conn = await v.open(uri);
  dom = await conn.createXML(statsXml('st', root), 0);
  await waitForGuestReady(join(root, 'st.log'));
});
test.after(async () => {
  await dom.destroy().catch(() => undefined);
  dom.free();
  await conn.close();
  await cleanupRoot(root);
});

test('every group\'s fields in libvirt\'s names, order and types, as real libvirt reports the same running guest', async () => {
  const oracleRoot = join(root, 'lv');
  mkdirSync(join(oracleRoot, 'etc'), { recursive: true });
  writeFileSync(join(oracleRoot, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\nstdio_handler = "file"\n');
  const xmlFile = join(root, 'lv.xml');
  writeFileSync(xmlFile, statsXml('st', oracleRoot));
  const cmd = new Command('/usr/bin/python3', [join(sourceDir, 'domstats-oracle.py'), oracleRoot, xmlFile, join(oracleRoot, 'st.log'), READY_MARKER]).setOutputBuffer().setErrorBuffer();
  await cmd.run();
  const expected = JSON.parse(cmd.capturedOutput!) as [string, string][];

  const [record, ...more] = await conn.getAllDomainStats();
  assert.equal(more.length, 0);
  assert.equal(record!.domain.name(), 'st');
  assert.deepEqual(record!.params.map((p) => [p.field, pyType(p)]), expected);

  // Types libvirt's C code gives each field (Python folds the integer kinds together).
  const byName = new Map(record!.params.map((p) => [p.field, p]));
  const type = (f: string) => byName.get(f)?.type;
  assert.equal(type('state.state'), v.VIR_TYPED_PARAM_INT);
  assert.equal(type('cpu.time'), v.VIR_TYPED_PARAM_ULLONG);
  assert.equal(type('cpu.cache.monitor.count'), v.VIR_TYPED_PARAM_UINT);
  assert.equal(type('balloon.current'), v.VIR_TYPED_PARAM_ULLONG);
  assert.equal(type('vcpu.current'), v.VIR_TYPED_PARAM_UINT);
  assert.equal(type('vcpu.0.state'), v.VIR_TYPED_PARAM_INT);
  assert.equal(type('vcpu.0.time'), v.VIR_TYPED_PARAM_ULLONG);
  assert.equal(type('net.count'), v.VIR_TYPED_PARAM_UINT);
  assert.equal(type('block.count'), v.VIR_TYPED_PARAM_UINT);
  assert.equal(type('block.0.backingIndex'), v.VIR_TYPED_PARAM_UINT);
  assert.equal(type('block.0.rd.reqs'), v.VIR_TYPED_PARAM_ULLONG);
  assert.equal(type('dirtyrate.calc_start_time'), v.VIR_TYPED_PARAM_LLONG);
  // Values that must hold for this guest.
  assert.equal(byName.get('state.state')!.value, v.VIR_DOMAIN_RUNNING);
  assert.equal(byName.get('vcpu.current')!.value, 1);
  assert.equal(byName.get('vcpu.maximum')!.value, 2);
  assert.equal(byName.get('balloon.maximum')!.value, 256n * 1024n);
  assert.equal(byName.get('block.0.name')!.value, 'vda');
  assert.equal(byName.get('block.0.capacity')!.value, 16n << 20n);
  assert.ok((byName.get('block.0.rd.reqs')!.value as bigint) > 0n, 'the guest kernel probed the disk');
  assert.ok((byName.get('cpu.time')!.value as bigint) > 0n);
});

test('groups and domain lists select what is reported; inactive domains get their config\'s fields', async () => {
  const [r] = await conn.getAllDomainStats(v.VIR_DOMAIN_STATS_STATE | v.VIR_DOMAIN_STATS_VCPU);
  assert.deepEqual(r!.params.map((p) => p.field),
    ['state.state', 'state.reason', 'vcpu.current', 'vcpu.maximum', 'vcpu.0.state', 'vcpu.0.time', 'vcpu.0.wait', 'vcpu.0.delay']);
  const off = await conn.defineXML(statsXml('off', root));
  try {
    const [s] = await conn.domainListGetStats([off], v.VIR_DOMAIN_STATS_STATE | v.VIR_DOMAIN_STATS_BALLOON | v.VIR_DOMAIN_STATS_VCPU | v.VIR_DOMAIN_STATS_INTERFACE);
    assert.equal(s!.domain.name(), 'off');
    assert.deepEqual(s!.params.map((p) => [p.field, p.value]), [['state.state', v.VIR_DOMAIN_SHUTOFF], ['state.reason', 0],
      ['balloon.current', 262144n], ['balloon.maximum', 262144n], ['vcpu.current', 1], ['vcpu.maximum', 2]]);
    const active = await conn.getAllDomainStats(v.VIR_DOMAIN_STATS_STATE, v.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    assert.deepEqual(active.map((x) => x.domain.name()), ['st']);
    const inactive = await conn.getAllDomainStats(v.VIR_DOMAIN_STATS_STATE, v.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE);
    assert.deepEqual(inactive.map((x) => x.domain.name()), ['off']);
  } finally {
    await off.undefine();
    off.free();
  }
});

test('libvirt\'s refusals: unknown flags, groups this driver lacks under ENFORCE_STATS, an empty domain list', async () => {
  await assert.rejects(conn.getAllDomainStats(0, 0x100), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG
    && e.message === 'unsupported flags (0x100) in function qemuConnectGetAllDomainStats');
  await assert.rejects(conn.getAllDomainStats(v.VIR_DOMAIN_STATS_PERF, v.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS),
    (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED
      && e.message === 'argument unsupported: Stats types bits 0x40 are not supported by this daemon or QEMU');
  assert.deepEqual((await conn.getAllDomainStats(v.VIR_DOMAIN_STATS_PERF))[0]!.params, []);
  await assert.rejects(conn.domainListGetStats([]), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG
    && e.message === 'invalid argument: doms array in virDomainListGetStats must contain at least one domain');
});

test('through tsvirtd: libvirt-python\'s getAllDomainStats and domainListGetStats reach the QEMU driver', async () => {
  const xdg = join(root, 'xdg');
  const env = xdgEnv(xdg, ['config', 'cache', 'data', 'run']);
  const daemon = await startTsvirtd('', [], env);
  try {
    const script = `import json, sys, libvirt
c = libvirt.open('qemu+unix:///session?socket=' + sys.argv[1])
d = c.defineXML(open(sys.argv[2]).read())
try:
    [(dom, stats)] = c.getAllDomainStats(0, 0)
    [(_, some)] = c.domainListGetStats([d], libvirt.VIR_DOMAIN_STATS_VCPU, 0)
    print(json.dumps([dom.name(), stats, some]))
finally:
    d.undefine()`;
    const xmlFile = join(root, 'remote.xml');
    writeFileSync(xmlFile, statsXml('remote', root));
    const r = spawnSync('/usr/bin/python3', ['-c', script, daemon.socket, xmlFile], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const [name, all, some] = JSON.parse(r.stdout) as [string, Record<string, unknown>, Record<string, unknown>];
    assert.equal(name, 'remote');
    assert.deepEqual(all, { 'state.state': v.VIR_DOMAIN_SHUTOFF, 'state.reason': 0, 'balloon.current': 262144, 'balloon.maximum': 262144,
      'vcpu.current': 1, 'vcpu.maximum': 2, 'block.count': 1, 'block.0.name': 'vda', 'block.0.path': join(root, 'remote.img') });
    assert.deepEqual(some, { 'vcpu.current': 1, 'vcpu.maximum': 2 });
  } finally {
    await daemon.stop();
  }
});
