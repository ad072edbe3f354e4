import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

const dirPool = (name: string, path: string, uuid = ''): string =>
  `<pool type='dir'><name>${name}</name>${uuid && `<uuid>${uuid}</uuid>`}<target><path>${path}</path></target></pool>`;
const UUID = '0c5f5b63-2a47-4c9b-9c39-3f0a1f1e2d10';

test('a pool using the storage of another pool is refused, as libvirt does', async () => {
  const conn = await v.open('test:///default');
  using pool = await conn.storagePoolLookupByName('default-pool');
  const defaultPath = /<path>(.*)<\/path>/.exec(await pool.xmlDesc())![1]!;
  await assert.rejects(conn.storagePoolDefineXML(dirPool('again', defaultPath)), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_OPERATION_FAILED && e.message === "operation failed: Storage source conflict with pool: 'default-pool'");
  await assert.rejects(conn.storagePoolCreateXML(dirPool('again', defaultPath)), /Storage source conflict with pool: 'default-pool'/);
  const pools = await conn.listAllStoragePools();
  assert.equal(pools.length, 1, 'nothing was added');
  for (const p of pools) p.free();
  // Redefining a pool under its own name, or another path, is fine.
  const other = await conn.storagePoolDefineXML(dirPool('other', '/var/tmp/elsewhere', UUID));
  const again = await conn.storagePoolDefineXML(dirPool('other', '/var/tmp/elsewhere', UUID));
  assert.equal(again.name(), 'other');
  const netfs = (name: string) => `<pool type='netfs'><name>${name}</name><source><host name='nas'/><dir path='/export'/></source><target><path>/mnt/${name}</path></target></pool>`;
  using nfs = await conn.storagePoolDefineXML(netfs('nfs1'));
  assert.equal(nfs.name(), 'nfs1');
  await assert.rejects(conn.storagePoolDefineXML(netfs('nfs2')), /conflict with pool: 'nfs1'/);
  other.free();
  again.free();
  pool.free();
  nfs.free();
  assert.equal(await conn.close(), 0);
});

test("listing the volumes of an inactive pool fails with the test driver's wording", async () => {
  const conn = await v.open('test:///default');
  using pool = await conn.storagePoolDefineXML(dirPool('idle', '/var/tmp/idle'));
  await assert.rejects(pool.listAllVolumes(), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID && e.message === 'Requested operation is not valid: storage pool is not active');
  await assert.rejects(pool.numOfVolumes(), /storage pool 'idle' is not active/);
  pool.free();
  assert.equal(await conn.close(), 0);
});
