/**
 * Sparse streams in the library itself (qemu:///embed?root=DIR, no daemon): sparseSendAll from a
 * source with holes leaves real holes (few allocated blocks, the bytes right), a sparse download
 * walks the file with inData/recvFlags/recvHole, plain recv reads a hole as zeros, and the hole
 * calls on a plain stream are refused with libvirt's client errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../src/index.js';
import { canFindHoles } from '../../../src/util/file-layout.js';

const KiB = 1024;
const root = mkdtempSync(join(tmpdir(), 'tssl-'));
const poolDir = join(root, 'images');
test.after(() => rmSync(root, { recursive: true, force: true }));

/** [offset, data] extents in a file of SIZE bytes: everything else is a hole. */
const SIZE = 4096 * KiB;
const EXTENTS: [number, Buffer][] = [[512 * KiB, randomBytes(300 * KiB)], [2048 * KiB, randomBytes(8 * KiB)]];
const expected = Buffer.alloc(SIZE);
for (const [at, data] of EXTENTS) data.copy(expected, at);

/** A SparseSource over EXTENTS, answering inData from them (as a file's SEEK_DATA would). */
function extentSource(): v.SparseSource {
  let pos = 0;
  const section = () => {
    const inside = EXTENTS.find(([at, d]) => pos >= at && pos < at + d.length);
    if (inside) return { inData: true, length: BigInt(inside[0] + inside[1].length - pos) };
    const next = EXTENTS.find(([at]) => at > pos);
    return { inData: false, length: BigInt((next ? next[0] : SIZE) - pos) };
  };
  return {
    inData: section,
    skip: (length) => { pos += Number(length); },
    read: (nbytes) => {
      const out = expected.subarray(pos, Math.min(pos + nbytes, SIZE));
      pos += out.length;
      return out;
    },
  };
}

test('sparse streams through the library on the embedded storage driver', async () => {
  const conn = await v.open(`qemu:///embed?root=${root}`);
  try {
    const pool = await conn.storagePoolCreateXML(`<pool type='dir'><name>p</name><target><path>${poolDir}</path></target></pool>`, v.VIR_STORAGE_POOL_CREATE_WITH_BUILD);
    const vol = await pool.createXML(`<volume><name>s.img</name><capacity unit='M'>8</capacity><allocation>0</allocation></volume>`);

    let st = conn.newStream();
    await vol.upload(st, 0, 0, v.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
    await st.sparseSendAll(extentSource());
    await st.finish();
    const file = join(poolDir, 's.img');
    assert.ok(readFileSync(file).equals(expected), 'the bytes, holes reading as zeros');
    const allocated = statSync(file).blocks * 512;
    assert.ok(allocated >= 308 * KiB && allocated < 400 * KiB, `only the data is allocated (${allocated} bytes)`);

    // a sparse download, walked with inData and recvFlags(STOP_AT_HOLE) / recvHole
    st = conn.newStream();
    await vol.download(st, 0, 0, v.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
    const sections: [boolean, number][] = [];
    const got: Buffer[] = [];
    for (;;) {
      const { inData, length } = await st.inData();
      if (!inData && length === 0n) break;
      sections.push([inData, Number(length)]);
      if (!inData) {
        got.push(Buffer.alloc(Number(length)));
        continue;
      }
      const data = await st.recvFlags(Number(length), v.VIR_STREAM_RECV_STOP_AT_HOLE);
      assert.notEqual(data, v.STREAM_AT_HOLE);
      got.push(data as Buffer);
    }
    assert.equal((await st.recvFlags(16, v.VIR_STREAM_RECV_STOP_AT_HOLE) as Buffer).length, 0, 'the end');
    await st.finish();
    assert.ok(Buffer.concat(got).equals(expected));
    if (canFindHoles()) {
      assert.deepEqual(sections.filter(([inData]) => !inData).map(([, n]) => n), [512 * KiB, 2048 * KiB - 812 * KiB, SIZE - 2056 * KiB]);
    } else {
      assert.ok(sections.every(([inData]) => inData), 'without SEEK_DATA the file is all data');
    }

    // recvFlags stops at a hole until recvHole takes it; plain recv reads a hole as zeros
    st = conn.newStream();
    await vol.download(st, 0, 0, v.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
    if (canFindHoles()) {
      assert.equal(await st.recvFlags(KiB, v.VIR_STREAM_RECV_STOP_AT_HOLE), v.STREAM_AT_HOLE);
      assert.equal(await st.recvFlags(KiB, v.VIR_STREAM_RECV_STOP_AT_HOLE), v.STREAM_AT_HOLE);
      assert.deepEqual(await st.recv(KiB), Buffer.alloc(KiB));
      assert.equal(await st.recvHole(), BigInt(511 * KiB));
      assert.equal(await st.recvHole(), 0n, 'no hole pending');
      assert.deepEqual(await st.recv(16), EXTENTS[0]![1].subarray(0, 16));
    }
    await st.abort();

    // the hole calls on plain streams, and a bad hole on a sparse upload (the file unchanged)
    st = conn.newStream();
    await vol.download(st, 0, 0, 0);
    const rpcInvalid = (message: string) => (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID
      && e.domain === v.ErrorDomain.VIR_FROM_RPC && e.message === `Requested operation is not valid: ${message}`;
    await assert.rejects(st.recvHole(), rpcInvalid('Holes are not supported with this stream'));
    await assert.rejects(st.inData(), rpcInvalid('Holes are not supported with this stream'));
    await assert.rejects(st.recvFlags(16, 2), { message: 'unsupported flags (0x2) in function remoteStreamRecvFlags' });
    await st.abort();
    st = conn.newStream();
    await vol.upload(st, 0, 0, 0);
    await assert.rejects(st.sendHole(4096), rpcInvalid('Skipping is not supported with this stream'));
    await st.abort();
    st = conn.newStream();
    await vol.upload(st, 0, 0, v.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
    await assert.rejects(st.sendHole(-1), { message: 'length in virFDStreamSendHole must be greater than zero' });
    st.free();
    assert.ok(readFileSync(file).equals(expected), 'the refused hole changed nothing');
    await vol.delete();
    await pool.destroy();
  } finally {
    await conn.close();
  }
});
