// Streams through the remote driver against a real libvirtd (its session storage driver, a dir
// pool in a temp directory): what we upload libvirt-python downloads byte for byte and vice
// versa; an aborted download leaves the connection usable.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { open, type Connect, type StoragePool, type StorageVol } from '../../../src/index.js';
import { havePython, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';

const SIZE = 3 * 1024 * 1024 + 123; // several 256 KiB stream packets and a partial one

const PY = String.raw`
import hashlib, sys, libvirt
c = libvirt.open(sys.argv[1])
vol = c.storagePoolLookupByName('sp').storageVolLookupByName(sys.argv[2])
st = c.newStream(0)
if sys.argv[3] == 'download':
    vol.download(st, 0, 0, 0)
    h = hashlib.sha256()
    st.recvAll(lambda s, d, h: h.update(d), h)
    st.finish()
    print(h.hexdigest())
else:
    data = bytes((i * 7) % 251 for i in range(int(sys.argv[4])))
    vol.upload(st, 0, len(data), 0)
    st.send(data)
    st.finish()
    print(hashlib.sha256(data).hexdigest())
`;

describe('streams against libvirtd', { skip: libvirtdSkip }, () => {
  let daemon: RunningDaemon;
  let uri: string;
  let conn: Connect;
  let pool: StoragePool;
  let vol: StorageVol;

  before(async () => {
    daemon = await startLibvirtd();
    uri = `qemu+unix:///session?socket=${daemon.socket}`;
    conn = await open(uri);
    pool = await conn.storagePoolCreateXML(`<pool type='dir'><name>sp</name><target><path>${daemon.dir}/home/pool</path></target></pool>`, 1);
    vol = await pool.createXML(`<volume><name>v.img</name><capacity unit='bytes'>${SIZE}</capacity><target><format type='raw'/></target></volume>`, 0);
  });
  after(async () => {
    await conn?.close();
    await daemon?.stop();
  });

  async function download(): Promise<Buffer> {
    const st = conn.newStream(0);
    await vol.download(st, 0n, 0n, 0);
    const chunks: Buffer[] = [];
    await st.recvAll((b) => { chunks.push(b); });
    await st.finish();
    st.free();
    return Buffer.concat(chunks);
  }

  it('uploads and downloads the same bytes', async () => {
    const data = randomBytes(SIZE);
    const st = conn.newStream(0);
    await vol.upload(st, 0n, BigInt(SIZE), 0);
    for (let at = 0; at < SIZE; at += 1_000_000) await st.send(data.subarray(at, at + 1_000_000));
    await st.finish();
    st.free();
    assert.ok((await download()).equals(data));
    if (havePython) {
      const py = spawnSync('/usr/bin/python3', ['-c', PY, uri, 'v.img', 'download'], { encoding: 'utf8' });
      assert.equal(py.stdout.trim(), createHash('sha256').update(data).digest('hex'), py.stderr);
    }
  });

  it('downloads what libvirt-python uploaded', { skip: !havePython && 'needs python3-libvirt' }, async () => {
    const py = spawnSync('/usr/bin/python3', ['-c', PY, uri, 'v.img', 'upload', String(SIZE)], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    assert.equal(createHash('sha256').update(await download()).digest('hex'), py.stdout.trim());
  });

  it('an aborted download leaves the connection working', async () => {
    const st = conn.newStream(0);
    await vol.download(st, 0n, 0n, 0);
    assert.ok((await st.recv(1000)).length > 0);
    await st.abort();
    st.free();
    assert.equal((await download()).length, SIZE);
    assert.equal(await conn.getType(), 'QEMU');
  });
});
