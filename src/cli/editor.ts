/**
 * Editing text in the user's editor as virsh does: a temporary file `$TMPDIR/virshXXXXXX.xml`,
 * $VISUAL or $EDITOR (else vi) run on the terminal, then the file read back.
 */
import { randomInt } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Command } from '../util/command/index.js';
import { describeErrno } from './errno.js';
import { fail } from './opts.js';
import type { Session } from './session.js';

/** Characters virsh lets through without a shell (ACCEPTED_CHARS). */
const PLAIN = /^[A-Za-z0-9\-_.:@/]*$/;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** g_mkstemp's pattern: six random letters, the file created exclusively (mode 0600). */
export async function writeTempFile(session: Session, text: string): Promise<string> {
  const dir = process.env.TMPDIR ?? '/tmp';
  for (;;) {
    const name = `${dir}/virsh${Array.from({ length: 6 }, () => LETTERS[randomInt(LETTERS.length)]).join('')}.xml`;
    try {
      await writeFile(name, text, { mode: 0o600, flag: 'wx' });
      return name;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST') continue;
      fail(session, `g_mkstemp_full: failed to create temporary file: ${describeErrno(e)}`);
    }
  }
}

/** vshEditFile: run the editor on the file; its failure is reported at once and fails the command. */
export async function runEditor(session: Session, file: string): Promise<void> {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  let cmd: Command;
  if (PLAIN.test(editor)) {
    cmd = new Command(editor, [file]);
  } else {
    // An editor with options or quoting goes through the shell, as the Unix EDITOR convention expects.
    if (!PLAIN.test(file)) fail(session, `${file}: temporary filename contains shell meta or other unacceptable characters (is $TMPDIR wrong?)`);
    cmd = new Command('sh', ['-c', `${editor} ${file}`]);
  }
  session.out.flush();
  try {
    await cmd.setInputFd(0).setOutputFd(1).setErrorFd(2).run();
  } catch (err) {
    fail(session, (err as Error).message);
  }
}

/** vshEditReadBackFile. */
export async function readBack(session: Session, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    fail(session, `${file}: failed to read temporary file: ${describeErrno(err)}`);
  }
}

/** One round in the editor: write, edit, read back, remove. */
export async function editText(session: Session, text: string): Promise<string> {
  const file = await writeTempFile(session, text);
  try {
    await runEditor(session, file);
    return await readBack(session, file);
  } finally {
    await rm(file, { force: true });
  }
}
