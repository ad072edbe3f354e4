/**
 * Ctrl-C and Ctrl-D on a real terminal, against real virsh: at the prompt Ctrl-C ends the shell
 * with `^C` on the screen, Ctrl-D on an empty line ends it, and Ctrl-C during a running command
 * reaches the command (an event loop stops and the shell carries on).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TSVIRSH, haveVirsh } from './harness.js';
import { TmuxPane, haveTmux } from './tmux.js';

const CASES: Record<string, string[][]> = {
  'Ctrl-C at the prompt': [['list'], ['C-c']],
  'Ctrl-D on an empty line': [['C-d']],
  'Ctrl-D on a line being typed, then Enter': [['uri'], ['C-d'], ['Enter'], ['C-d']],
  'Ctrl-C stops an event loop, the shell goes on': [['event --loop --all', 'Enter'], ['C-c'], ['uri', 'Enter'], ['quit', 'Enter']],
  // readline's emacs keys
  'M-b, C-w at the start of the line': [['list --all', 'M-b', 'M-b', 'C-w', 'Enter']],
  'C-w kills back to a blank, C-y yanks twice': [['echo one two', 'C-w', 'C-y', 'C-y', 'Enter']],
  'kills in a row join': [['echo one two three', 'C-w', 'C-w', 'C-y', 'Enter'], ['echo one two', 'C-w', 'M-BSpace', 'C-y', 'Enter']],
  'M-y yanks an older kill': [['echo a b', 'C-w', 'C-a', 'M-f', 'C-k', 'C-y', 'M-y', 'Enter']],
  'C-t transposes': [['echo abc', 'C-t', 'Enter'], ['echo abc', 'C-a', 'M-f', 'C-t', 'Enter']],
  'M-f, M-d and C-k': [['echo hello world', 'M-b', 'M-d', 'Enter'], ['echo hello world', 'C-a', 'M-f', 'M-f', 'C-k', 'Enter']],
  'C-r finds, again, and runs': [['echo aaa', 'Enter'], ['echo bbb', 'Enter'], ['C-r', 'echo'], ['C-r'], ['Enter']],
  'C-r then an editing key keeps the match': [['echo one', 'Enter'], ['echo two', 'Enter'], ['C-r', 'one'], ['C-e', 'X', 'Enter']],
  'Up walks every entry, repeats too': [['echo x', 'Enter'], ['uri', 'Enter'], ['uri', 'Enter'], ['Up', 'Up', 'Up', 'Enter']],
  'Up ignores what is typed, Down comes back to it': [['echo x', 'Enter'], ['ec', 'Up', 'Down', 'Enter'], ['ec', 'Up', 'C-p', 'C-n', 'C-n', 'C-n', 'Enter']],
  'undo steps': [['echo abc', 'C-_', 'Enter'], ['echo abc def', 'C-w', 'C-k', 'C-_', 'C-_', 'Enter'], ['echo abc def', 'C-w', 'C-_', 'Enter'], ['echo aaaaaaaaaaaaaaaaaaaaaaaaa', 'C-_', 'Enter'],
    ['echo one two', 'C-w', 'C-w', 'C-x', 'C-u', 'Enter']],
  'C-r that fails, and C-g': [['uri', 'Enter'], ['C-r', 'zz'], ['C-g'], ['C-r', 'ur'], ['C-g', 'Enter']],
};

/**
 * The screen once the keys are typed, from the welcome text on (tmux's own report of the end,
 * which it gives late and sometimes not at all, is left out).
 */
async function screenAfter(program: string, groups: string[][]): Promise<string> {
  // a home of its own: no history from elsewhere
  const home = await mkdtemp(join(tmpdir(), 'tsvirsh-keys-'));
  const pane = new TmuxPane(`env HOME=${home} ${program} -c test:///default`, 100, 40);
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
    await rm(home, { recursive: true, force: true });
  }
}

test('terminal keys: the same screens as virsh', { skip: !haveTmux ? 'tmux is not installed' : !haveVirsh ? 'virsh is not installed' : false }, async () => {
  const failures: string[] = [];
  const cases = Object.entries(CASES);
  // a few cases at a time: each runs two shells
  for (let i = 0; i < cases.length; i += 3) {
    await Promise.all(cases.slice(i, i + 3).map(async ([name, groups]) => {
      const [theirs, ours] = await Promise.all([screenAfter('virsh', groups), screenAfter(`${process.execPath} ${TSVIRSH}`, groups)]);
      if (ours !== theirs) failures.push(`${name}\n--- virsh\n${theirs}\n--- tsvirsh\n${ours}`);
    }));
  }
  assert.deepEqual(failures, []);
});
