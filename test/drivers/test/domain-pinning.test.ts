// Pins, IOThreads, NUMA, perf, lifecycle, device tunables, cpu statistics and keys of the test
// driver against what libvirt 9.0.0's test driver answers (the same calls through libvirt-python
// on test:///default gave these results and this XML). The tests share test:///default's state, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

const asRecord = (params: v.TypedParam[]) => Object.fromEntries(params.map((p) => [p.field, p.value]));
const map = (...cpus: number[]) => Array.from({ length: 8 }, (_, i) => cpus.includes(i));
const err = (code: number, domain: number, message: string) => (e: v.VirError) => e.code === code && e.domain === domain && e.message === message;
const { VIR_FROM_TEST: TEST, VIR_FROM_DOMAIN: DOMAIN } = v.ErrorDomain;
const INVALID = v.ErrorNumber.VIR_ERR_INVALID_ARG;

test('vcpu and emulator pins: kept in <cputune> (an empty vcpu map too) and read back by the pin, vcpu and emulator getters', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  await dom.pinVcpu(1, [false, true, true]);
  await dom.pinVcpu(0, Array(8).fill(false));
  await assert.rejects(dom.pinVcpu(2, [true]), err(INVALID, TEST, "invalid argument: requested vcpu '2' is not present in the domain"));
  await assert.rejects(dom.pinVcpu(0, []), err(INVALID, DOMAIN, 'maplen in virDomainPinVcpu must be greater than zero'));
  assert.deepEqual(await dom.vcpuPinInfo(0), [map(), map(1, 2)]);
  assert.deepEqual((await dom.vcpus()).map((x) => [x.number, x.cpu, x.cpumap]), [[0, -1, map()], [1, 2, map(1, 2)]]);
  await dom.pinEmulator([true, false, true], 0);
  await assert.rejects(dom.pinEmulator([false], 0), err(INVALID, TEST, 'invalid argument: Empty cpu list for pinning'));
  assert.deepEqual(await dom.emulatorPinInfo(), map(0, 2));
  assert.match(await dom.xmlDesc(), /<vcpu placement='static'>2<\/vcpu>\n {2}<cputune>\n {4}<vcpupin vcpu='0' cpuset=''\/>\n {4}<vcpupin vcpu='1' cpuset='1-2'\/>\n {4}<emulatorpin cpuset='0,2'\/>\n {2}<\/cputune>\n/);
  // A snapshot or checkpoint copies the domain through its XML (virDomainDefCopy), which cannot read cpuset='' back.
  const unreadable = err(INVALID, v.ErrorDomain.VIR_FROM_NONE, "invalid argument: Failed to parse bitmap ''");
  await assert.rejects(dom.checkpointCreateXML('<domaincheckpoint><name>c9</name></domaincheckpoint>', 0), unreadable);
  await assert.rejects(dom.snapshotCreateXML('<domainsnapshot><name>s9</name></domainsnapshot>', 0), unreadable);
  await conn.close();
});

test('IOThreads: added, pinned, tuned and deleted; errors from the test driver or the shared domain code as libvirt reports them', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  await dom.addIOThread(3);
  await assert.rejects(dom.addIOThread(3), err(INVALID, DOMAIN, "invalid argument: an IOThread is already using iothread_id '3'"));
  await assert.rejects(dom.addIOThread(0), err(INVALID, TEST, 'invalid argument: invalid value of 0 for iothread_id'));
  await dom.pinIOThread(3, [false, false, false, true]);
  await assert.rejects(dom.pinIOThread(4, [true]), err(INVALID, TEST, 'invalid argument: iothreadid 4 not found'));
  assert.deepEqual(await dom.ioThreadInfo(), [{ iothreadId: 3, cpumap: map(3) }]);
  const xml = await dom.xmlDesc();
  assert.match(xml, /<iothreads>1<\/iothreads>\n {2}<iothreadids>\n {4}<iothread id='3'\/>\n {2}<\/iothreadids>\n {2}<cputune>\n/);
  assert.match(xml, /\n {4}<iothreadpin iothread='3' cpuset='3'\/>\n {2}<\/cputune>/);
  await dom.setIOThreadParams(3, [{ field: 'poll_grow', type: v.VIR_TYPED_PARAM_UINT, value: 7 }]);
  await dom.delIOThread(3);
  await assert.rejects(dom.delIOThread(3), err(INVALID, DOMAIN, "invalid argument: cannot find IOThread '3' in iothreadids list"));
  assert.deepEqual(await dom.ioThreadInfo(), []);
  assert.doesNotMatch(await dom.xmlDesc(), /iothread/);
  await conn.close();
});

test('NUMA, perf events and lifecycle actions land in the definition', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  await dom.setNumaParameters([{ field: 'numa_nodeset', type: v.VIR_TYPED_PARAM_STRING, value: '0' }]);
  assert.deepEqual(asRecord(await dom.numaParameters()), { numa_mode: 0, numa_nodeset: '0' });
  await dom.setPerfEvents([{ field: 'cmt', type: v.VIR_TYPED_PARAM_BOOLEAN, value: true }, { field: 'cpu_cycles', type: v.VIR_TYPED_PARAM_BOOLEAN, value: false }]);
  const perf = asRecord(await dom.perfEvents());
  assert.equal(Object.keys(perf).length, 22);
  assert.deepEqual([perf.cmt, perf.cpu_cycles, perf.mbmt], [true, false, false]);
  await assert.rejects(dom.setLifecycleAction(v.VIR_DOMAIN_LIFECYCLE_POWEROFF, v.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY),
    err(v.ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, DOMAIN, "unsupported configuration: Lifecycle event 'poweroff' doesn't support 'coredump-destroy' action"));
  await assert.rejects(dom.setLifecycleAction(9, 0), err(INVALID, DOMAIN, "invalid argument: invalid lifecycle type '9'"));
  await dom.setLifecycleAction(v.VIR_DOMAIN_LIFECYCLE_CRASH, v.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY);
  const xml = await dom.xmlDesc();
  assert.match(xml, /<numatune>\n {4}<memory mode='strict' nodeset='0'\/>\n {2}<\/numatune>/);
  assert.match(xml, /<on_crash>coredump-destroy<\/on_crash>\n {2}<perf>\n {4}<event name='cmt' enabled='yes'\/>\n {4}<event name='cpu_cycles' enabled='no'\/>\n {2}<\/perf>/);
  await conn.close();
});

test('interface bandwidth and block I/O limits: kept in the device, checked together as libvirt does', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  const uint = (field: string, value: number) => ({ field, type: v.VIR_TYPED_PARAM_UINT, value });
  const ullong = (field: string, value: bigint) => ({ field, type: v.VIR_TYPED_PARAM_ULLONG, value });
  await dom.setInterfaceParameters('testnet0', [uint('inbound.average', 100), uint('outbound.peak', 5)]);
  assert.deepEqual(asRecord(await dom.interfaceParameters('aa:bb:cc:dd:ee:ff')), {
    'inbound.average': 100, 'inbound.peak': 0, 'inbound.burst': 0, 'inbound.floor': 0, 'outbound.average': 0, 'outbound.peak': 0, 'outbound.burst': 0,
  });
  await assert.rejects(dom.interfaceParameters('nosuch'), err(INVALID, DOMAIN, "invalid argument: 'nosuch' is not a known interface"));
  await assert.rejects(dom.setBlockIoTune('vda', [ullong('total_bytes_sec', 100n)]),
    err(INVALID, TEST, 'invalid argument: total_bytes_sec cannot be set higher than total_bytes_sec_max '));
  await dom.setBlockIoTune('vda', [ullong('total_bytes_sec_max', 1000n), ullong('total_bytes_sec', 100n), { field: 'group_name', type: v.VIR_TYPED_PARAM_STRING, value: 'g' }]);
  const tune = asRecord(await dom.blockIoTune('/guest/diskimage1'));
  assert.equal(Object.keys(tune).length, 20);
  assert.deepEqual([tune.total_bytes_sec, tune.total_bytes_sec_max, tune.group_name, tune.read_bytes_sec], [100n, 1000n, 'g', 0n]);
  const xml = await dom.xmlDesc();
  assert.match(xml, /<target dev='vda' bus='virtio'\/>\n {6}<iotune>\n {8}<total_bytes_sec>100<\/total_bytes_sec>\n {8}<total_bytes_sec_max>1000<\/total_bytes_sec_max>\n {8}<group_name>g<\/group_name>\n {6}<\/iotune>/);
  assert.match(xml, /<source network='default'\/>\n {6}<bandwidth>\n {8}<inbound average='100'\/>\n {6}<\/bandwidth>\n {6}<target dev='testnet0'\/>/);
  await conn.close();
});

test('cpu statistics (fixed totals, split over the cores) and keys of the code set asked for', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  assert.deepEqual((await dom.getCPUStats(true)).map(asRecord), [{ cpu_time: 48772617035n, user_time: 5540000000n, system_time: 6460000000n }]);
  assert.deepEqual((await dom.getCPUStats(false)).map(asRecord), [
    { cpu_time: 24386308517n, vcpu_time: 23151740627n }, { cpu_time: 24386308518n, vcpu_time: 23151740628n },
  ]);
  await dom.sendKey(v.VIR_KEYCODE_SET_LINUX, 10, [1, 28]);
  await assert.rejects(dom.sendKey(v.VIR_KEYCODE_SET_LINUX, 10, [1, 600]), err(v.ErrorNumber.VIR_ERR_INTERNAL_ERROR, TEST, 'internal error: invalid keycode 600 of linux codeset'));
  await assert.rejects(dom.sendKey(99, 10, [1]), err(INVALID, DOMAIN, "Unsupported codeset '99'"));
  await dom.destroy();
  await assert.rejects(dom.getCPUStats(true), err(v.ErrorNumber.VIR_ERR_OPERATION_INVALID, DOMAIN, 'Requested operation is not valid: domain is not running'));
  await conn.close();
});
