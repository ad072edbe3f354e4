/**
 * Editing text in the user's editor as virsh does: a temporary file under $TMPDIR, $VISUAL or
 * $EDITOR (else vi) run on the terminal, then the file read back.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from '../util/command/index.js';
import { fail } from './opts.js';
import type { Session } from './session.js';

/** Characters virsh lets through without a shell (ACCEPTED_CHARS). */
const PLAIN = /^[A-Za-z0-9\-_.:@/+]*$/;

export async function editText(session: Session, text: string): Promise<string> {
  const dir = await mkdtemp(join(process.env.TMPDIR || '/tmp', 'virsh'));
  const file = join(dir, 'edit.xml');
  try {
    await writeFile(file, text, { mode: 0o600 });
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    // An editor with options or quoting goes through the shell, as the Unix EDITOR convention expects.
    const cmd = PLAIN.test(editor) ? new Command(editor, [file]) : new Command('sh', ['-c', `${editor} ${file}`]);
    session.out.flush();
    await cmd.setInputFd(0).setOutputFd(1).setErrorFd(2).run();
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      fail(session, `${file}: failed to read temporary file: ${(err as Error).message}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
