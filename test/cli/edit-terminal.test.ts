/**
 * The edit cycle's question on a real terminal (a tmux pane): an editor that breaks the XML the
 * first time and changes the memory the second; the answers `?` then `y`, or `n`, or `f` then
 * `n`. Real virsh and tsvirsh must leave the same screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TSVIRSH, haveVirsh } from './harness.js';
import { TmuxPane, haveTmux } from './tmux.js';

const EDITOR = `#!/bin/sh
d=$(dirname "$0")
if [ -e "$d/broken" ]; then
  cp "$d/orig.xml" "$1"; sed -i 's/<memory unit=.KiB.>[0-9]*</<memory unit="KiB">2097152</' "$1"
else
  cp "$1" "$d/orig.xml"; echo '<domain' > "$1"; touch "$d/broken"
fi
`;

/** Run one program's edit session in a pane, answering the question with `answers`; the final screen. */
async function session(program: string, answers: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsvirsh-edit-tty-'));
  await writeFile(join(dir, 'ed.sh'), EDITOR);
  await chmod(join(dir, 'ed.sh'), 0o755);
  // Wide enough that no line wraps.
  const pane = new TmuxPane(`cd ${dir} && env -i PATH="$PATH" LC_ALL=C TMPDIR=${dir} EDITOR=${dir}/ed.sh ${program} -c test:///default `
    + `'edit test; dominfo test'; echo STATUS=$?; sleep 60`, 200, 60);
  try {
    let asked = 0;
    for (const answer of answers) {
      // Each answer follows a new question (after `?` the help reprints it).
      // (tmux drops the blank after the question's colon)
      await pane.waitFor(new RegExp(`(Try again\\? \\[y,n,i,f,\\?\\]:[^]*){${++asked}}`), `question ${asked}`);
      pane.type(answer);
    }
    const screen = await pane.waitFor(/STATUS=\d+/, 'the end of the session');
    await sleep(50);
    return screen
      .replace(/^(CPU time:\s+)\d+\.\ds$/m, '$1<cpu>s')
      .trimEnd();
  } finally {
    pane.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

const skip = !haveTmux ? 'tmux is not installed' : !haveVirsh ? 'virsh is not installed' : false;

for (const answers of [['?', 'y'], ['n'], ['f', 'n']]) {
  test(`edit on a terminal, answering ${answers.join(' then ')}: the same screen as virsh`, { skip }, async () => {
    const [theirs, ours] = await Promise.all([session('virsh', answers), session(`${process.execPath} ${TSVIRSH}`, answers)]);
    assert.match(theirs, /Failed\. Try again\? \[y,n,i,f,\?\]:/);
    assert.equal(ours, theirs);
  });
}
