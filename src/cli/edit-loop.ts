/**
 * virsh's edit cycle, shared by every *-edit command: the object's XML into a temporary file,
 * the editor, and a define of what came back; when the define fails and standard input is a
 * terminal, the user may edit again, force another define, or (where validation can be turned
 * off) define without it.
 */
import { rm } from 'node:fs/promises';
import { readBack, runEditor, writeTempFile } from './editor.js';
import { CommandFailed } from './opts.js';
import type { Session } from './session.js';

export interface EditSteps<T> {
  /** The object's current XML (read again before each define, to catch changes made meanwhile). */
  getXML(): Promise<string>;
  /**
   * The XML came back unchanged: print the command's line and return true to stop there
   * (snapshot-edit --current goes on to define it).
   */
  unchanged(): boolean;
  /** Define the edited XML; `original` is the XML the edit started from. */
  define(edited: string, original: string): Promise<T>;
  /** Turn validation off for the next define (the `i` answer); absent when the command has none. */
  relax?(): void;
}

/** Why the cycle ended without a define. */
export type EditOutcome<T> = { unchanged: true } | { unchanged: false; defined: T | null };

/**
 * Run the cycle. `defined` is null when a define failed without a terminal to ask on (virsh
 * then reports "Failed." and goes on as if it had worked). Failures to read the XML or run the
 * editor are thrown, after the latter is reported.
 */
export async function editCycle<T>(s: Session, steps: EditSteps<T>): Promise<EditOutcome<T>> {
  let doc = await steps.getXML();
  const file = await writeTempFile(s, doc);
  let relaxAvailable = steps.relax !== undefined;
  try {
    let edited = '';
    let reedit = true;
    for (;;) {
      if (reedit) {
        await runEditor(s, file);
        edited = await readBack(s, file);
        if (edited === doc && steps.unchanged()) return { unchanged: true };
      }
      const reread = await steps.getXML();
      let problem: string | null = null;
      let defined: T | null = null;
      let error: unknown = null;
      if (reread !== doc) {
        problem = 'The XML configuration was changed by another user.';
        doc = reread;
      } else {
        try {
          defined = await steps.define(edited, doc);
        } catch (err) {
          error = err;
          problem = 'Failed.';
        }
      }
      if (problem === null) return { unchanged: false, defined };
      const answer = await askReedit(s, problem, relaxAvailable, error);
      // The changes are thrown away: the command fails, its error already shown.
      if (answer === 'n') throw new CommandFailed();
      reedit = answer === 'y';
      if (answer === 'i') {
        steps.relax!();
        relaxAvailable = false;
      }
      if (answer === null) {
        s.out.error(problem);
        return { unchanged: false, defined: null };
      }
    }
  } finally {
    await rm(file, { force: true });
  }
}

/** vshAskReedit: null when standard input is not a terminal. */
async function askReedit(s: Session, problem: string, relaxAvailable: boolean, error: unknown): Promise<'y' | 'n' | 'f' | 'i' | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return null;
  if (error) s.out.error((error as Error).message || 'unknown error');
  const choices = relaxAvailable ? '[y,n,i,f,?]' : '[y,n,f,?]';
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  try {
    for (;;) {
      s.out.print(`\r${problem} Try again? ${choices}: `);
      s.out.flush();
      const c = (await readChar()).toLowerCase();
      if (c === '?') {
        const lines = ['', 'y - yes, start editor again', 'n - no, throw away my changes'];
        if (relaxAvailable) lines.push('i - turn off validation and try to redefine again');
        lines.push('f - force, try to redefine again', '? - print this help');
        s.out.print(lines.map((l) => `${l}\r\n`).join(''));
        continue;
      }
      if (c === 'y' || c === 'n' || c === 'f' || (relaxAvailable && c === 'i')) {
        s.out.print('\r\n');
        return c;
      }
    }
  } finally {
    stdin.setRawMode(wasRaw);
  }
}

function readChar(): Promise<string> {
  return new Promise((resolve) => {
    const onData = (data: Buffer) => {
      process.stdin.off('data', onData);
      process.stdin.pause();
      resolve(data.toString('latin1', 0, 1));
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}
