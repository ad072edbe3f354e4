/**
 * `tsvirsh console` on a real terminal (a tmux pane) against a booted guest: virsh's banner, a
 * command typed into the guest's busybox shell and its answer on screen, Ctrl+] to leave with
 * the guest still running; `create --console` attaches right after the start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { TSVIRSH } from '../../../cli/harness.js';
import { TmuxPane, haveTmux } from '../../../cli/tmux.js';
import { READY_MARKER } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot } from './harness.js';

const { root, uri } = makeRoot();
const virsh = `${process.execPath} ${TSVIRSH} -c '${uri}'`;

test.after(async () => {
  const conn = await v.open(uri);
  for (const dom of await conn.listAllDomains()) {
    await dom.destroy().catch(() => undefined);
    dom.free();
  }
  await conn.close();
  await cleanupRoot(root);
});

/** Run one tsvirsh command in a fresh pane; the pane's shell goes on to `sleep` when it ends. */
function tsvirshPane(args: string): TmuxPane {
  return new TmuxPane(`${virsh} ${args}; echo TSVIRSH-EXIT=$?; sleep 60`, 120, 40);
}

async function leaveWithEscape(pane: TmuxPane): Promise<void> {
  pane.type('C-]');
  await pane.waitFor(/TSVIRSH-EXIT=0/, 'tsvirsh to end after Ctrl+]');
}

test('create --console, then console: the guest\'s shell answers through tsvirsh; Ctrl+] leaves it running', { skip: haveTmux ? false : 'tmux is not installed' }, async () => {
  const file = join(root, 'guest.xml');
  writeFileSync(file, guestXml({ name: 'tty' }));
  let pane = tsvirshPane(`create ${file} --console`);
  try {
    await pane.waitFor(/Domain 'tty' created from .*\nConnected to domain 'tty'\nEscape character is \^\] \(Ctrl \+ \]\)/, 'the banner');
    await pane.waitFor(new RegExp(READY_MARKER), 'the guest reaching user space', 120_000);
    await leaveWithEscape(pane);
  } finally {
    pane.kill();
  }

  pane = tsvirshPane('console tty');
  try {
    await pane.waitFor(/^Connected to domain 'tty'\nEscape character is \^\] \(Ctrl \+ \]\)$/m, 'the banner');
    pane.type('echo tsvirsh-$((6*7))', 'Enter');
    await pane.waitFor(/^tsvirsh-42\s*$/m, 'the guest shell\'s answer', 30_000);
    await leaveWithEscape(pane);
  } finally {
    pane.kill();
  }

  const conn = await v.open(uri);
  const dom = await conn.lookupByName('tty');
  assert.equal((await dom.state()).state, v.VIR_DOMAIN_RUNNING);
  dom.free();
  await conn.close();
});

test('console refuses a shut-off domain and a terminal-less caller as virsh does', { skip: haveTmux ? false : 'tmux is not installed' }, async () => {
  const conn = await v.open(uri);
  (await conn.defineXML(guestXml({ name: 'off' }))).free();
  await conn.close();
  const pane = tsvirshPane('console off');
  try {
    await pane.waitFor(/^error: The domain is not running\s*\nTSVIRSH-EXIT=1/m, 'the refusal');
  } finally {
    pane.kill();
  }
  // Without a terminal: the same output as real virsh 9.0.0 (on its test driver, same check order).
  const ours = spawnSync(process.execPath, [TSVIRSH, '-c', uri, 'console', 'tty'], { encoding: 'utf8', input: '' });
  const theirs = spawnSync('virsh', ['-c', 'test:///default', 'console', 'test'], { encoding: 'utf8', input: '' });
  assert.deepEqual([ours.status, ours.stdout, ours.stderr], [theirs.status, theirs.stdout, theirs.stderr]);
  assert.equal(ours.stderr, 'error: Cannot run interactive console without a controlling TTY\n');
});
