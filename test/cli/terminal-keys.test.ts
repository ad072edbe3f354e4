/**
 * Ctrl-C and Ctrl-D on a real terminal, against real virsh: at the prompt Ctrl-C ends the shell
 * with `^C` on the screen, Ctrl-D on an empty line ends it, and Ctrl-C during a running command
 * reaches the command (an event loop stops and the shell carries on).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TSVIRSH, haveVirsh } from './harness.js';
import { TmuxPane, haveTmux } from './tmux.js';

const CASES: Record<string, string[][]> = {
  'Ctrl-C at the prompt': [['list'], ['C-c']],
  'Ctrl-D on an empty line': [['C-d']],
  'Ctrl-D on a line being typed, then Enter': [['uri'], ['C-d'], ['Enter'], ['C-d']],
  'Ctrl-C stops an event loop, the shell goes on': [['event --loop --all', 'Enter'], ['C-c'], ['uri', 'Enter'], ['quit', 'Enter']],
};

/**
 * The screen once the keys are typed, from the welcome text on (tmux's own report of the end,
 * which it gives late and sometimes not at all, is left out).
 */
async function screenAfter(program: string, groups: string[][]): Promise<string> {
  const pane = new TmuxPane(`${program} -c test:///default`, 100, 40);
  try {
    pane.tmux('set-option', '-t', 'shell', 'remain-on-exit', 'on');
    await pane.waitFor(/^virsh #$/m, 'the prompt');
    // virsh lets a Ctrl-C in its first second or two at the prompt go by; later ones end it
    await sleep(2500);
    for (const keys of groups) {
      pane.type(...keys);
      await sleep(500);
    }
    await sleep(500);
    const screen = pane.screen();
    return screen.slice(screen.indexOf('Welcome to virsh')).replace(/^Pane is dead.*$/m, '').trimEnd();
  } finally {
    pane.kill();
  }
}

for (const [name, groups] of Object.entries(CASES)) {
  test(`terminal keys: ${name}, as in virsh`, { skip: !haveTmux ? 'tmux is not installed' : !haveVirsh ? 'virsh is not installed' : false }, async () => {
    const [theirs, ours] = await Promise.all([screenAfter('virsh', groups), screenAfter(`${process.execPath} ${TSVIRSH}`, groups)]);
    assert.equal(ours, theirs);
  });
}
