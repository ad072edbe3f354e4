// The test driver's scheduler, memory, blkio and NUMA parameters against what libvirt 9.0.0's test
// driver answers (checked with libvirt-python on test:///default).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

const asRecord = (params: v.TypedParam[]) => Object.fromEntries(params.map((p) => [p.field, p.value]));
const UNLIMITED = 2n ** 53n - 1n;

test('scheduler: a fixed "fair" scheduler of weight 50; the Flags getter refuses the string flag its public function adds', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  assert.deepEqual(await dom.schedulerType(), { type: 'fair', nparams: 1 });
  assert.deepEqual(asRecord(await dom.schedulerParameters()), { weight: 50 });
  await assert.rejects(dom.schedulerParametersFlags(0),
    (e: v.VirError) => e.message === 'unsupported flags (0x4) in function testDomainGetSchedulerParametersFlags');
  await dom.setSchedulerParameters([{ field: 'weight', type: v.VIR_TYPED_PARAM_UINT, value: 10 }]);
  assert.deepEqual(asRecord(await dom.schedulerParameters()), { weight: 50 });
  await assert.rejects(dom.setSchedulerParameters([{ field: 'cap', type: v.VIR_TYPED_PARAM_UINT, value: 1 }]),
    (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED && e.message === "argument unsupported: parameter 'cap' not supported");
  await assert.rejects(dom.setSchedulerParameters([{ field: 'weight', type: v.VIR_TYPED_PARAM_INT, value: 1 }]),
    (e: v.VirError) => e.message === "invalid argument: invalid type 'int' for parameter 'weight', expected 'uint'");
  await conn.close();
});

test('memory and blkio parameters are kept in <memtune> and <blkiotune>; an inverted hard/swap limit is refused', async () => {
  const conn = await v.open('test:///default');
  using dom = await conn.lookupByName('test');
  assert.deepEqual(asRecord(await dom.memoryParameters()), { hard_limit: UNLIMITED, soft_limit: UNLIMITED, swap_hard_limit: UNLIMITED });
  await dom.setMemoryParameters([{ field: 'hard_limit', type: v.VIR_TYPED_PARAM_ULLONG, value: 1048576n }]);
  await assert.rejects(dom.setMemoryParameters([{ field: 'swap_hard_limit', type: v.VIR_TYPED_PARAM_ULLONG, value: 1024n }]),
    (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG && e.domain === v.ErrorDomain.VIR_FROM_TEST
      && e.message === 'invalid argument: memory hard_limit tunable value must be lower than or equal to swap_hard_limit');
  assert.equal(asRecord(await dom.memoryParameters()).hard_limit, 1048576n);
  assert.deepEqual(asRecord(await dom.blkioParameters()), {
    weight: 0, device_weight: '', device_read_iops_sec: '', device_write_iops_sec: '', device_read_bytes_sec: '', device_write_bytes_sec: '',
  });
  await dom.setBlkioParameters([{ field: 'weight', type: v.VIR_TYPED_PARAM_UINT, value: 500 }]);
  assert.equal(asRecord(await dom.blkioParameters()).weight, 500);
  const xml = await dom.XMLDesc();
  assert.match(xml, /<\/currentMemory>\n {2}<blkiotune>\n {4}<weight>500<\/weight>\n {2}<\/blkiotune>\n {2}<memtune>\n {4}<hard_limit unit='KiB'>1048576<\/hard_limit>\n {2}<\/memtune>\n/);
  assert.deepEqual(asRecord(await dom.numaParameters()), { numa_mode: 0, numa_nodeset: '' });
  await conn.close();
});
