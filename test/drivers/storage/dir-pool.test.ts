/**
 * The directory pool driver at the library level, on qemu:///embed?root=DIR: pool lifecycle on a
 * real directory, raw and qcow2 volumes as real files (qcow2 through qemu-img), clone, resize,
 * wipe, delete, lookups, upload and download streams, configs kept under DIR, and a second
 * driver instance taking the running pool back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'tss-'));
const uri = `qemu:///embed?root=${root}`;
const poolDir = join(root, 'images');
const poolXML = `<pool type='dir'><name>p1</name><target><path>${poolDir}</path></target></pool>`;
const MiB = 1024n * 1024n;

test.after(() => rmSync(root, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function upload(conn: v.Connect, vol: v.StorageVol, data: Buffer, offset = 0, length = 0): Promise<void> {
  const st = conn.newStream();
  await vol.upload(st, offset, length);
  for (let at = 0; at < data.length; at += 100_000) await st.send(data.subarray(at, at + 100_000));
  await st.finish();
}

async function download(conn: v.Connect, vol: v.StorageVol, offset = 0, length = 0): Promise<Buffer> {
  const st = conn.newStream();
  await vol.download(st, offset, length);
  const chunks: Buffer[] = [];
  await st.recvAll((d) => { chunks.push(d); });
  await st.finish();
  return Buffer.concat(chunks);
}

test('a dir pool: define, build, start, volumes as real files, streams, stop, delete, undefine', async () => {
  const conn = await v.open(uri);
  try {
    const pool = await conn.storagePoolDefineXML(poolXML);
    assert.ok(existsSync(join(root, 'etc', 'storage', 'p1.xml')), 'config under the embed root');
    await assert.rejects(pool.create(), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_SYSTEM_ERROR && /cannot open directory '.*images': No such file or directory/.test(e.message));
    assert.equal(await pool.isActive(), false);
    await pool.build();
    assert.equal(statSync(poolDir).mode & 0o777, 0o711);
    await pool.create();
    assert.ok(existsSync(join(root, 'run', 'storage', 'p1.xml')), 'state file of the running pool');
    const info = await pool.info();
    assert.equal(info.state, v.VIR_STORAGE_POOL_RUNNING);
    assert.ok(info.capacity > 0n && info.available > 0n && info.allocation > 0n);
    assert.match(await pool.xmlDesc(), /<mode>0711<\/mode>/);

    // raw: sparse when asked (allocation 0), fully allocated by default
    const sparse = await pool.createXML(`<volume><name>sparse.img</name><capacity unit='M'>64</capacity><allocation>0</allocation></volume>`);
    const full = await pool.createXML(`<volume><name>full.img</name><capacity unit='M'>4</capacity></volume>`);
    const st1 = statSync(join(poolDir, 'sparse.img'));
    assert.equal(st1.size, 64 * 1024 * 1024);
    assert.ok(st1.blocks * 512 < 1024 * 1024, 'sparse file');
    assert.equal(statSync(join(poolDir, 'full.img')).blocks * 512, 4 * 1024 * 1024);
    assert.equal(st1.mode & 0o777, 0o600);
    const sinfo = await sparse.info();
    assert.deepEqual(sinfo, { type: v.VIR_STORAGE_VOL_FILE, capacity: 64n * MiB, allocation: 0n });
    await assert.rejects(pool.createXML(`<volume><name>full.img</name><capacity>1</capacity></volume>`),
      (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_STORAGE_VOL_EXIST && e.message === "storage volume 'full.img' exists already");

    // qcow2 through qemu-img: the header says 20 MiB, the file is small
    const q = await pool.createXML(`<volume><name>disk.qcow2</name><capacity unit='M'>20</capacity><target><format type='qcow2'/></target></volume>`);
    assert.equal(readFileSync(join(poolDir, 'disk.qcow2')).subarray(0, 4).toString('latin1'), 'QFI\xfb');
    const qinfo = await q.info();
    assert.equal(qinfo.capacity, 20n * MiB);
    assert.ok(qinfo.allocation < MiB);
    assert.match(await q.xmlDesc(), /<format type='qcow2'\/>/);
    await q.resize(40n * MiB);
    assert.equal((await q.info()).capacity, 40n * MiB);

    // lookups
    const path = join(poolDir, 'full.img');
    assert.equal((await conn.storageVolLookupByPath(path)).name(), 'full.img');
    assert.equal((await conn.storageVolLookupByKey(path)).name(), 'full.img');
    assert.equal(await full.path(), path);
    await assert.rejects(conn.storageVolLookupByPath('/nope/x'),
      (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_STORAGE_VOL && e.message === "Storage volume not found: no storage vol with matching path '/nope/x'");
    await assert.rejects(pool.storageVolLookupByName('nosuch'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_STORAGE_VOL);

    // upload and download: whole, at an offset, bounded
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await upload(conn, full, data);
    assert.equal(sha(await download(conn, full, 0, data.length)), sha(data));
    assert.equal((await download(conn, full)).length, 4 * 1024 * 1024, 'a download of length 0 runs to the end');
    assert.deepEqual(await download(conn, full, 100, 1000), data.subarray(100, 1100));
    await upload(conn, sparse, data.subarray(0, 5000), 1_000_000);
    assert.deepEqual(readFileSync(join(poolDir, 'sparse.img')).subarray(1_000_000, 1_005_000), data.subarray(0, 5000));
    // past a length bound: the bytes up to it land, then ENOSPC, as libvirt's fd streams
    const st = conn.newStream();
    await full.upload(st, 0, 1000);
    await assert.rejects(async () => {
      await st.send(data.subarray(0, 4000));
      await st.send(data.subarray(0, 4000));
      await st.finish();
    }, (e: v.VirError) => /cannot write to stream: No space left on device/.test(e.message));
    // past the capacity with no bound: the file grows, as with libvirt
    await upload(conn, full, data.subarray(0, 1000), 4 * 1024 * 1024);
    assert.equal(statSync(path).size, 4 * 1024 * 1024 + 1000);

    // clone, wipe, resize of raw
    const cloneXML = `<volume><name>copy.img</name><capacity>0</capacity><target><format type='raw'/></target></volume>`;
    const copy = await pool.createXMLFrom(cloneXML, full);
    assert.equal(sha(readFileSync(join(poolDir, 'copy.img'))), sha(readFileSync(path)));
    await copy.wipe();
    assert.ok(readFileSync(join(poolDir, 'copy.img')).every((b) => b === 0));
    await assert.rejects(copy.resize(1024), (e: v.VirError) => e.message.includes("can't shrink capacity below existing allocation"));
    await copy.resize(8n * MiB);
    assert.equal(statSync(join(poolDir, 'copy.img')).size, 8 * 1024 * 1024);
    const names = (await pool.listAllVolumes()).map((x) => x.name()).sort();
    assert.deepEqual(names, ['copy.img', 'disk.qcow2', 'full.img', 'sparse.img']);

    // files put there by others show up on refresh, probed
    writeFileSync(join(poolDir, 'other.raw'), Buffer.alloc(8192));
    await pool.refresh();
    assert.equal(await pool.numOfVolumes(), 5);
    assert.match(await (await pool.storageVolLookupByName('disk.qcow2')).xmlDesc(), /<clusterSize unit='B'>65536<\/clusterSize>/);

    // a second driver instance (a restarted daemon) takes the running pool back
    const conn2 = await v.open(`qemu:///embed?root=${root}`);
    assert.equal(await (await conn2.storagePoolLookupByName('p1')).numOfVolumes(), 5);
    await conn2.close();

    for (const vol of await pool.listAllVolumes()) await vol.delete();
    assert.equal(existsSync(path), false);
    await pool.destroy();
    assert.equal(existsSync(join(root, 'run', 'storage', 'p1.xml')), false);
    await assert.rejects(pool.listAllVolumes(), (e: v.VirError) => e.message.includes("storage pool 'p1' is not active"));
    await pool.setAutostart(true);
    assert.ok(existsSync(join(root, 'etc', 'storage', 'autostart', 'p1.xml')));
    await pool.delete();
    assert.equal(existsSync(poolDir), false);
    await pool.undefine();
    assert.equal(existsSync(join(root, 'etc', 'storage', 'p1.xml')), false);
    assert.equal(existsSync(join(root, 'etc', 'storage', 'autostart', 'p1.xml')), false);
  } finally {
    await conn.close();
  }
});

test('a transient pool goes away when stopped; bad input changes nothing', async () => {
  const conn = await v.open(uri);
  try {
    const dir = join(root, 'transient');
    const pool = await conn.storagePoolCreateXML(`<pool type='dir'><name>t1</name><target><path>${dir}</path></target></pool>`, v.VIR_STORAGE_POOL_CREATE_WITH_BUILD);
    assert.equal(await pool.isPersistent(), false);
    await assert.rejects(pool.setAutostart(true), (e: v.VirError) => e.message.includes('pool has no config file'));
    await assert.rejects(pool.createXML('<volume><name>a/b</name><capacity>1</capacity></volume>'),
      (e: v.VirError) => e.message.includes("volume name 'a/b' cannot contain '/'"));
    await assert.rejects(pool.createXML('<volume><name>x'), (e: v.VirError) => e.message.includes('Premature end of data'));
    await assert.rejects(conn.storagePoolDefineXML(`<pool type='logical'><name>lv</name><source><name>vg</name></source><target><path>/dev/vg</path></target></pool>`),
      (e: v.VirError) => e.message.includes('missing backend for pool type 3 (logical)'));
    assert.equal((await pool.listAllVolumes()).length, 0);
    await pool.destroy();
    await assert.rejects(conn.storagePoolLookupByName('t1'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_STORAGE_POOL);
    assert.equal((await conn.listAllStoragePools()).length, 0);
  } finally {
    await conn.close();
  }
});
