/**
 * The interactive shell used as a person would: tsvirsh runs on a real terminal (a tmux pane),
 * keys are typed, and the screen is read back — prompt, tab completion of commands, options and
 * domain names, history, quit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { TSVIRSH } from './harness.js';
import { TmuxPane, haveTmux } from './tmux.js';

let pane: TmuxPane;
const screen = (): string => pane.screen();
const type = (...keys: string[]): void => pane.type(...keys);
const waitFor = (pattern: RegExp, what: string): Promise<string> => pane.waitFor(pattern, what);

/** The last line holding the prompt (tmux drops trailing blanks). */
const promptLine = (text: string): string => text.split('\n').filter((l) => l.startsWith('virsh #')).pop() ?? '';

test('interactive shell on a terminal: completion, history, quit', { skip: haveTmux ? false : 'tmux is not installed' }, async () => {
  pane = new TmuxPane(`${process.execPath} ${TSVIRSH} -c test:///default; sleep 30`);
  try {
    await waitFor(/Welcome to virsh[\s\S]*^virsh #$/m, 'the welcome text and prompt');

    type('li', 'Tab');
    await waitFor(/^virsh # list$/m, 'the command name completed');
    type('Enter');
    await waitFor(/^ 1 {4}test {3}running$/m, 'the domain table');

    type('dominfo t', 'Tab');
    await waitFor(/^virsh # dominfo test$/m, 'the domain name completed');
    type('Enter');
    await waitFor(/^Name: {11}test$/m, 'dominfo output');

    // As in bash, the first Tab completes what is common, a second one lists the candidates
    // (a Tab typed while the first is still being answered counts as the first).
    type('list --a', 'Tab');
    let options = '';
    for (let i = 0; i < 10 && !/--all +--autostart/.test(options); i++) {
      await sleep(200);
      type('Tab');
      await sleep(200);
      options = screen();
    }
    assert.match(options, /--all +--autostart/);
    assert.match(promptLine(options), /^virsh # list --a$/);
    type('C-u', 'Up');
    await waitFor(/^virsh # dominfo test$/m, 'the previous command from history');
    type('C-u', 'echo one "two three"', 'Enter');
    await waitFor(/^one two three$/m, 'echo output');

    type('quit', 'Enter');
    // tsvirsh has ended when the shell that ran it goes on to `sleep`, and no prompt follows quit.
    for (let i = 0; i < 200 && pane.currentCommand() !== 'sleep'; i++) await sleep(50);
    assert.equal(pane.currentCommand(), 'sleep');
    const end = screen();
    assert.doesNotMatch(end.slice(end.lastIndexOf('virsh # quit') + 'virsh # quit'.length), /virsh #/);
  } finally {
    pane.kill();
  }
});

const haveVirsh = spawnSync('virsh', ['--version']).status === 0;

/** The screen of a terminal session: a shell running `program` with `args`, then `keys` typed one by one. */
async function terminalSession(program: string, args: string, keys: string[][]): Promise<string> {
  const session = new TmuxPane(`${program} ${args}; echo STATUS=$?; sleep 30`, 100, 40);
  try {
    for (const [i, key] of keys.entries()) {
      // a fresh, empty prompt (tmux drops its trailing blank) for each command typed
      await session.waitFor(new RegExp(`(^virsh #.*\\n[^]*){${i}}^virsh #$`, 'm'), `prompt ${i + 1}`);
      session.type(...key);
    }
    return (await session.waitFor(/STATUS=\d+/, 'the end of the session')).trimEnd();
  } finally {
    session.kill();
  }
}

test('on a terminal, polkit\'s text agent runs around each connect as virsh runs it: the same screens',
  { skip: !haveTmux ? 'tmux is not installed' : !haveVirsh ? 'virsh is not installed' : false }, async () => {
    const ours = `${process.execPath} ${TSVIRSH}`;
    const typed = [['connect test:///default', 'Enter'], ['uri', 'Enter'], ['quit', 'Enter']];
    const interactive = await Promise.all(['virsh', ours].map((p) => terminalSession(p, '-c test:///default', typed)));
    assert.match(interactive[0], /^virsh # uri\ntest:\/\/\/default$/m);
    assert.equal(interactive[1], interactive[0]);
    // A one-shot command too: the agent's lines on the terminal, the command's output elsewhere.
    const oneShot = await Promise.all(['virsh', ours].map((p) => terminalSession(p, '-c test:///default list >/dev/null', [])));
    assert.match(oneShot[0], /STATUS=0/);
    assert.equal(oneShot[1], oneShot[0]);
  });
