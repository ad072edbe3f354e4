// The ssh transport through the system ssh client to a real sshd on loopback (test/drivers/remote/sshd.ts):
// proxied by `nc -U` to a real libvirtd, and by `tsvirtd --stdio` (proxy=native, and proxy=auto
// when no daemon socket is there) on the far side.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../../../src/index.js';
import { TSVIRTD, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';
import { SCENARIOS } from './corpus.js';
import { runScenario } from './interpreter.js';
import { sshdSkip, startSshd, type RunningSshd } from './sshd.js';

const ncSkip = spawnSync('nc', ['-h']).error !== undefined && 'needs netcat-openbsd';
const lifecycle = SCENARIOS.find((s) => s.name === 'domain define and lifecycle')!;

describe('ssh transport to libvirtd (netcat)', { skip: libvirtdSkip || sshdSkip || ncSkip }, () => {
  let sshd: RunningSshd;
  let daemon: RunningDaemon;
  let base: string;

  before(async () => {
    sshd = await startSshd();
    daemon = await startLibvirtd();
    base = `test+ssh://root@127.0.0.1:${sshd.port}/default?socket=${daemon.socket}&known_hosts=${sshd.knownHosts}&no_tty=1`;
  });
  after(async () => {
    await daemon?.stop();
    await sshd?.stop();
  });

  it('reaches libvirtd through sshd: encrypted, secure, and the corpus runs', async () => {
    const uri = `${base}&keyfile=${sshd.clientKey}`;
    const c = await open(uri);
    assert.equal(await c.getType(), 'TEST');
    assert.equal(await c.isEncrypted(), true);
    assert.equal(await c.isSecure(), true);
    await c.close();
    const out = await runScenario(uri, lifecycle);
    assert.equal(out[0], 'd1');
    assert.deepEqual(out.at(-1), { error: [42, 12, 'Domain not found'] });
  });

  it("a refused key fails with ssh's own words", async () => {
    await assert.rejects(open(`${base}&keyfile=${sshd.strangerKey}`), (err: Error & { code: number }) => {
      assert.equal(err.code, 38);
      assert.match(err.message, /^End of file while reading data: .*Permission denied \(publickey\).*: Input\/output error$/);
      return true;
    });
  });
});

describe('ssh transport to tsvirtd --stdio (native)', { skip: sshdSkip }, () => {
  // `tsvirtd` on the far side's PATH: a wrapper that records how it was run, then runs ours.
  const bin = mkdtempSync(join(tmpdir(), 'tsvirt-sshbin-'));
  const runs = join(bin, 'runs.log');
  let sshd: RunningSshd;
  let base: string;

  before(async () => {
    writeFileSync(join(bin, 'tsvirtd'), `#!/bin/sh\necho "$*" >> ${runs}\nexec ${process.execPath} ${TSVIRTD} "$@"\n`);
    chmodSync(join(bin, 'tsvirtd'), 0o755);
    sshd = await startSshd({ path: `${bin}:/usr/local/bin:/usr/bin:/bin` });
    base = `test+ssh://root@127.0.0.1:${sshd.port}/default?known_hosts=${sshd.knownHosts}&no_tty=1&keyfile=${sshd.clientKey}`;
  });
  after(async () => {
    await sshd?.stop();
    rmSync(bin, { recursive: true, force: true });
  });

  it('proxy=native runs tsvirtd --stdio on the far side, and the corpus runs through it', async () => {
    const uri = `${base}&proxy=native`;
    const c = await open(uri);
    assert.equal(await c.getType(), 'TEST');
    assert.equal(await c.isEncrypted(), true);
    assert.equal((await (await c.lookupByName('test')).info()).maxMem, 8388608);
    await c.close();
    const out = await runScenario(uri, lifecycle);
    assert.equal(out[0], 'd1');
    assert.deepEqual(out.at(-1), { error: [42, 12, 'Domain not found'] });
    assert.match(readFileSync(runs, 'utf8'), /^--stdio$/m);
  });

  it('proxy=auto (the default without socket=) falls back to tsvirtd --stdio when no daemon socket is there', {
    skip: existsSync('/run/tsvirt/tsvirt-sock') && 'a system tsvirtd is running here',
  }, async () => {
    writeFileSync(runs, '');
    const c = await open(base);
    assert.equal(await c.getType(), 'TEST');
    await c.close();
    assert.equal(readFileSync(runs, 'utf8'), '--stdio\n');
  });

  it('proxy=native with netcat= is refused before ssh runs', async () => {
    await assert.rejects(open(`${base}&proxy=native&netcat=nc`), (err: Error & { code: number }) => {
      assert.equal(err.code, 8); // VIR_ERR_INVALID_ARG
      assert.match(err.message, /netcat path not valid with native proxy mode/);
      return true;
    });
  });
});
