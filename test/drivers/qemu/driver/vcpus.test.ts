/**
 * vCPU counts on a real guest: hotplug and unplug through QMP as libvirt does for `<vcpu
 * current='1'>2</vcpu>`, seen by the guest's kernel; the persistent counts; libvirt's refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../../src/index.js';
import { READY_MARKER } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, waitFor } from './harness.js';

const { root, uri } = makeRoot();
let conn: v.Connect;
let dom: v.Domain;
let st: v.Stream;
let out = '';

/** Type a command into the guest's shell and wait for the line it prints after `tag`. */
async function guestSays(command: string, tag: string): Promise<string> {
  const from = out.length;
  await st.send(Buffer.from(`echo ${tag}=$(${command})\r`));
  const found = await waitFor(`the guest to answer ${command}`, () => new RegExp(`${tag}=(\\S*)\\r?\\n`).exec(out.slice(from)), 60_000);
  return found[1]!;
}

const L = v.VIR_DOMAIN_AFFECT_LIVE, CFG = v.VIR_DOMAIN_AFFECT_CONFIG, MAX = v.VIR_DOMAIN_VCPU_MAXIMUM;

test.before(async () => {
  conn = await v.open(uri);
  dom = await conn.defineXML(guestXml({ name: 'vc', vcpuXml: "<vcpu current='1'>2</vcpu>" }));
  await dom.createWithFlags(v.VIR_DOMAIN_START_PAUSED);
  st = conn.newStream();
  await dom.openConsole(null, st);
  void st.recvAll((data) => { out += data.toString('latin1'); }).catch(() => undefined);
  await dom.resume();
  await waitFor('the guest to reach user space', () => out.includes(READY_MARKER), 120_000);
});
test.after(async () => {
  await st?.abort().catch(() => undefined);
  await dom.destroy().catch(() => undefined);
  await dom.undefine().catch(() => undefined);
  dom.free();
  await conn.close();
  await cleanupRoot(root);
});

test('the guest starts with one of two vCPUs: -smp 1,maxcpus=2', async () => {
  assert.equal(await dom.vcpusFlags(L), 1);
  assert.equal(await dom.vcpusFlags(L | MAX), 2);
  assert.equal(await dom.maxVcpus(), 2);
  assert.equal(await guestSays('cat /sys/devices/system/cpu/present', 'present'), '0');
  assert.equal((await dom.vcpus()).length, 1);
});

test('a live vCPU hotplug reaches the guest, the live XML and vcpucount; unplug gives it back', async () => {
  await dom.setVcpusFlags(2, L);
  assert.equal(await dom.vcpusFlags(L), 2);
  assert.equal(await dom.vcpusFlags(CFG), 1, 'the persistent count is untouched');
  assert.match(await dom.XMLDesc(0), /<vcpu placement='static'>2<\/vcpu>/);
  assert.match(await dom.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE), /<vcpu placement='static' current='1'>2<\/vcpu>/);
  assert.equal(await guestSays('cat /sys/devices/system/cpu/present', 'present'), '0-1');
  // The guest brings the new CPU online itself (no udev here) and runs on it.
  assert.equal(await guestSays('echo 1 >/sys/devices/system/cpu/cpu1/online; cat /sys/devices/system/cpu/online', 'online'), '0-1');
  const vcpus = await dom.vcpus();
  assert.deepEqual(vcpus.map((c) => c.number), [0, 1]);
  assert.ok(vcpus.every((c) => c.state === v.VIR_VCPU_RUNNING));

  await dom.setVcpusFlags(1, L);
  assert.equal(await dom.vcpusFlags(L), 1);
  assert.match(await dom.XMLDesc(0), /<vcpu placement='static' current='1'>2<\/vcpu>/);
  assert.equal(await guestSays('cat /sys/devices/system/cpu/present', 'present'), '0');
  assert.equal((await dom.vcpus()).length, 1);
});

test('bad counts get libvirt\'s errors and change nothing', async () => {
  const err = (code: number, message: string) => (e: v.VirError) => e.code === code && e.message === message;
  await assert.rejects(dom.setVcpusFlags(3, L), err(v.ErrorNumber.VIR_ERR_INVALID_ARG,
    'invalid argument: requested vcpus is greater than max allowable vcpus for the live domain: 3 > 2'));
  await assert.rejects(dom.setVcpusFlags(3, CFG), err(v.ErrorNumber.VIR_ERR_INVALID_ARG,
    'invalid argument: requested vcpus is greater than max allowable vcpus for the persistent domain: 3 > 2'));
  await assert.rejects(dom.setVcpusFlags(4, L | CFG | MAX), err(v.ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED,
    "Operation not supported: maximum vcpu count of a live domain can't be modified"));
  await assert.rejects(dom.setVcpusFlags(0, L), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG);
  await assert.rejects(dom.setVcpusFlags(1, v.VIR_DOMAIN_VCPU_GUEST), err(v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED,
    'argument unsupported: QEMU guest agent is not configured'));
  assert.equal(await dom.vcpusFlags(L), 1);
  assert.equal(await dom.vcpusFlags(CFG), 1);
});

test('CONFIG and MAXIMUM|CONFIG rewrite the persistent definition only', async () => {
  await dom.setVcpusFlags(4, CFG | MAX);
  await dom.setVcpusFlags(3, CFG);
  assert.equal(await dom.vcpusFlags(CFG), 3);
  assert.equal(await dom.vcpusFlags(CFG | MAX), 4);
  assert.equal(await dom.vcpusFlags(L | MAX), 2);
  assert.match(await dom.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE), /<vcpu placement='static' current='3'>4<\/vcpu>/);
  // Shrinking the maximum below the current count takes the current count down with it.
  await dom.setVcpusFlags(2, CFG | MAX);
  assert.match(await dom.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE), /<vcpu placement='static'>2<\/vcpu>/);
  // A fresh driver instance reads the saved config back.
  const other = await v.open(uri);
  try {
    assert.equal(await (await other.lookupByName('vc')).vcpusFlags(CFG | MAX), 2);
  } finally {
    await other.close();
  }
});
