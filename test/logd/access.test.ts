/**
 * Only the daemon's own user may connect. Node exposes no SO_PEERCRED, so the daemon cannot ask
 * the kernel who is on the other end; the kernel refuses everyone else earlier, at connect():
 * the run directory is 0700 and the socket 0600, both owned by the daemon's user. This test
 * runs a client as `nobody` (through the Command API's uid setting) against a real daemon.
 */
import assert from 'node:assert/strict';
import { chmodSync, statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Command } from '../../src/util/command/index.js';
import { TestDaemon } from './daemon-harness.js';

const NOBODY = 65534;
/** Connects to the socket and prints what happened: 'connected' or the error code. */
const CLIENT = `const s = require('node:net').createConnection(process.argv[1]);
s.on('connect', () => { console.log('connected'); s.destroy(); });
s.on('error', (e) => console.log(e.code));`;

let daemon: TestDaemon;
before(async () => {
  daemon = await TestDaemon.start();
  chmodSync(daemon.root, 0o711); // the temporary root lets anyone through: only the daemon's own modes guard
});
after(() => daemon?.stop());

async function connectAs(uid: number | null): Promise<string> {
  const cmd = new Command(process.execPath, ['-e', CLIENT, daemon.socketPath]).setOutputBuffer();
  if (uid !== null) cmd.setUID(uid).setGID(uid);
  await cmd.run();
  return cmd.capturedOutput!.trim();
}

test('the socket and its directory belong to the daemon\'s user alone', () => {
  const uid = process.getuid!();
  assert.deepEqual([statSync(daemon.runDir).uid, statSync(daemon.runDir).mode & 0o777], [uid, 0o700]);
  assert.deepEqual([statSync(daemon.socketPath).uid, statSync(daemon.socketPath).mode & 0o777], [uid, 0o600]);
});

test('a client running as another user is refused; the daemon\'s user gets in', async () => {
  assert.equal(await connectAs(null), 'connected');
  assert.equal(await connectAs(NOBODY), 'EACCES');
});

test('the socket\'s own mode refuses another user even where the directory would let it through', async () => {
  chmodSync(daemon.runDir, 0o711);
  try {
    assert.equal(await connectAs(NOBODY), 'EACCES');
  } finally {
    chmodSync(daemon.runDir, 0o700);
  }
  assert.equal(await connectAs(null), 'connected', 'and the daemon still serves');
});
