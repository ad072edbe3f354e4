// The ssh transport through the system ssh client to a real sshd on loopback (its own config,
// host key and authorized key in a temporary directory), proxied by `nc -U` to a real libvirtd.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../../../src/index.js';
import { freePort, libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';
import { SCENARIOS } from './corpus.js';
import { runScenario } from './interpreter.js';

const skip = libvirtdSkip || (!existsSync('/usr/sbin/sshd') && 'needs openssh-server')
  || (spawnSync('nc', ['-h']).error !== undefined && 'needs netcat-openbsd');

async function waitForLine(proc: ChildProcess, text: string, log: () => string): Promise<void> {
  for (let i = 0; i < 200 && !log().includes(text); i++) {
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!log().includes(text)) throw new Error(`sshd did not start: ${log()}`);
}

describe('ssh transport', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-sshd-'));
  let sshd: ChildProcess;
  let daemon: RunningDaemon;
  let base: string;

  before(async () => {
    const port = await freePort();
    for (const key of ['host_key', 'client_key', 'stranger_key']) {
      assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]).status, 0);
    }
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
    const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
    writeFileSync(join(dir, 'sshd_config'), [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password', 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', `PidFile ${join(dir, 'sshd.pid')}`, '',
    ].join('\n'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
    let log = '';
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr!.on('data', (d) => { log += d; });
    await waitForLine(sshd, 'Server listening', () => log);
    daemon = await startLibvirtd();
    base = `test+ssh://root@127.0.0.1:${port}/default?socket=${daemon.socket}&known_hosts=${join(dir, 'known_hosts')}&no_tty=1`;
  });
  after(async () => {
    await daemon?.stop();
    if (sshd && sshd.exitCode === null) {
      const gone = new Promise((r) => sshd.once('exit', r));
      sshd.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches libvirtd through sshd: encrypted, secure, and the corpus runs', async () => {
    const uri = `${base}&keyfile=${join(dir, 'client_key')}`;
    const c = await open(uri);
    assert.equal(await c.getType(), 'TEST');
    assert.equal(await c.isEncrypted(), true);
    assert.equal(await c.isSecure(), true);
    await c.close();
    const lifecycle = SCENARIOS.find((s) => s.name === 'domain define and lifecycle')!;
    const out = await runScenario(uri, lifecycle);
    assert.equal(out[0], 'd1');
    assert.deepEqual(out.at(-1), { error: [42, 12, 'Domain not found'] });
  });

  it("a refused key fails with ssh's own words", async () => {
    await assert.rejects(open(`${base}&keyfile=${join(dir, 'stranger_key')}`), (err: Error & { code: number }) => {
      assert.equal(err.code, 38);
      assert.match(err.message, /^End of file while reading data: .*Permission denied \(publickey\).*: Input\/output error$/);
      return true;
    });
  });
});
