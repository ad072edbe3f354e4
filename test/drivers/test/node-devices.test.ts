import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

test('node devices filter by capability; the test driver refuses the active/inactive filters as libvirt does', async () => {
  const conn = await v.open('test:///default');
  const names = async (flags: number): Promise<string[]> => (await conn.listAllDevices(flags)).map((d) => { d.free(); return d.name(); });
  assert.deepEqual((await names(0)).sort(), ['computer', 'scsi_host1', 'scsi_host11', 'scsi_host2']);
  assert.deepEqual(await names(v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM), ['computer']);
  assert.deepEqual(await names(v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET | v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV), []);
  assert.deepEqual((await names(v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST)).sort(), ['scsi_host1', 'scsi_host11', 'scsi_host2']);
  assert.deepEqual((await names(v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST)).sort(), ['scsi_host1', 'scsi_host11', 'scsi_host2']);
  assert.deepEqual((await names(v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS)).sort(), ['scsi_host1', 'scsi_host2']);
  await assert.rejects(names(v.VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE | v.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG && e.message === 'unsupported flags (0x80000000) in function testConnectListAllNodeDevices');
  assert.equal(await conn.close(), 0);
});
