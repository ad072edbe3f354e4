// Streams through tsvirtd, differential against libvirtd serving libvirt's test driver: its one
// stream procedure, virDomainScreenshot (the PNG libvirt installs), read by real virsh, real
// libvirt-python and our remote driver; volume upload/download answer what libvirtd answers (the
// test driver has neither); clients that vanish mid-stream leave no descriptor or state behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from '../../src/index.js';
import { TEST_SCREENSHOT } from '../../src/drivers/test/screenshot.js';
import { bothDaemons, fdCount, havePython, haveVirsh, libvirtdSkip, virsh, type RunningDaemon } from './harness.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip || (!existsSync(TEST_SCREENSHOT) && `needs ${TEST_SCREENSHOT} (libvirt-daemon)`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const PY = String.raw`
import hashlib, os, sys, libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open(sys.argv[1])
st = c.newStream(0)
mime = c.lookupByName('test').screenshot(st, 0, 0)
if sys.argv[2] == 'vanish':
    st.recv(1024)
    os._exit(0)
h = hashlib.sha256()
st.recvAll(lambda s, d, h: h.update(d), h)
st.finish()
print(mime, h.hexdigest())
`;

describe('streams through tsvirtd, as through libvirtd', { skip }, () => {
  const png = () => readFileSync(TEST_SCREENSHOT);

  const daemons = bothDaemons();

  it('virsh screenshot: the same output and the same bytes', () => {
    const run = (d: RunningDaemon) => {
      const file = join(d.dir, 'shot.png');
      const r = virsh(d.socket, ['screenshot', 'test', file]);
      return { out: `${r.status} ${r.stdout.replace(file, 'FILE')}${r.stderr}`, bytes: sha(readFileSync(file)) };
    };
    const a = run(daemons.ours);
    assert.deepEqual(a, run(daemons.theirs));
    assert.equal(a.bytes, sha(png()));
  });

  it('virsh vol-upload/vol-download: the test driver has neither, on both daemons', () => {
    const script = (d: RunningDaemon) => `vol-create-as default-pool v.img 1M; vol-download --pool default-pool v.img ${d.dir}/x; vol-upload --pool default-pool v.img ${TEST_SCREENSHOT}`;
    const a = virsh(daemons.ours.socket, [script(daemons.ours)]);
    const b = virsh(daemons.theirs.socket, [script(daemons.theirs)]);
    assert.deepEqual([a.stdout, a.stderr.replaceAll(daemons.ours.dir, 'DIR')], [b.stdout, b.stderr.replaceAll(daemons.theirs.dir, 'DIR')]);
    assert.match(a.stderr, /not supported by the connection driver: virStorageVolDownload/);
  });

  it('libvirt-python screenshot + recvAll: the same MIME type and bytes', { skip: !havePython && 'needs python3-libvirt' }, () => {
    const py = (d: RunningDaemon) => spawnSync('/usr/bin/python3', ['-c', PY, `test+unix:///default?socket=${d.socket}`, 'all'], { encoding: 'utf8' });
    const a = py(daemons.ours);
    assert.equal(a.stdout, py(daemons.theirs).stdout, a.stderr);
    assert.equal(a.stdout, `image/png ${sha(png())}\n`);
  });

  it('our remote driver reads the same screenshot through tsvirtd', async () => {
    const conn = await open(`test+unix:///default?socket=${daemons.ours.socket}`);
    try {
      const st = conn.newStream(0);
      assert.equal(await (await conn.lookupByName('test')).screenshot(st, 0, 0), 'image/png');
      const chunks: Buffer[] = [];
      await st.recvAll((b) => { chunks.push(b); });
      await st.finish();
      st.free();
      assert.equal(sha(Buffer.concat(chunks)), sha(png()));
    } finally {
      await conn.close();
    }
  });

  it('clients vanishing mid-stream leave no descriptor behind, and the daemon still serves', { skip: !havePython && 'needs python3-libvirt' }, async () => {
    const idle = async () => {
      for (let i = 0; i < 600 && fdCount(daemons.ours.pid) > base; i++) await new Promise((r) => setTimeout(r, 50)); // up to 30 s under load
      return fdCount(daemons.ours.pid);
    };
    // one full run first, so lazily opened descriptors (log, driver state) are in the baseline
    spawnSync('/usr/bin/python3', ['-c', PY, `test+unix:///default?socket=${daemons.ours.socket}`, 'all']);
    // the finished client's socket may still be closing on the daemon's side: wait for a steady count
    let base = fdCount(daemons.ours.pid);
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const now = fdCount(daemons.ours.pid);
      if (now === base) break;
      base = now;
    }
    await Promise.all(Array.from({ length: 8 }, () => new Promise<void>((resolve) => {
      const p = spawn('/usr/bin/python3', ['-c', PY, `test+unix:///default?socket=${daemons.ours.socket}`, 'vanish'], { stdio: 'ignore' });
      p.on('exit', () => resolve());
    })));
    assert.equal(await idle(), base);
    const r = virsh(daemons.ours.socket, ['screenshot', 'test', join(daemons.ours.dir, 'after.png')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sha(readFileSync(join(daemons.ours.dir, 'after.png'))), sha(png()));
  });
});
