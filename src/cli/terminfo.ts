/**
 * The few terminal capabilities readline's line display depends on, read from the compiled
 * terminfo entry of $TERM (ncurses' binary format, found where ncurses looks for it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TerminalCaps {
  /** am: the terminal wraps at the right margin. */
  autoMargins: boolean;
  /** xenl: the wrap waits for the next character (the "newline glitch"). */
  newlineGlitch: boolean;
  /** cols: the width the entry declares, if any. */
  columns: number | null;
  /** cuu1, cuf1, el: cursor up, cursor right, clear to end of line ('' when absent). */
  up: string;
  right: string;
  clearToEol: string;
}

// Positions in terminfo's standard capability order.
const BOOL_AM = 1;
const BOOL_XENL = 4;
const NUM_COLS = 0;
const STR_EL = 6;
const STR_CUF1 = 17;
const STR_CUU1 = 19;
const MAGIC_16BIT = 0o432;
const MAGIC_32BIT = 0o1036;

/** The directories ncurses searches, in its order. */
function searchPath(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  if (env.TERMINFO) dirs.push(env.TERMINFO);
  if (env.HOME) dirs.push(join(env.HOME, '.terminfo'));
  // An empty element in TERMINFO_DIRS stands for the system directories.
  for (const dir of (env.TERMINFO_DIRS ?? '').split(':')) if (dir) dirs.push(dir);
  dirs.push('/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo');
  return dirs;
}

function readEntry(name: string, env: NodeJS.ProcessEnv): Buffer | null {
  if (name === '' || name.includes('/') || name.startsWith('.')) return null;
  const first = name[0]!;
  for (const dir of searchPath(env)) {
    for (const sub of [first, first.charCodeAt(0).toString(16)]) {
      try {
        return readFileSync(join(dir, sub, name));
      } catch {
        // not in this directory
      }
    }
  }
  return null;
}

/** The capabilities of terminal `name`, or null when no readable entry describes it. */
export function terminalCaps(name: string, env: NodeJS.ProcessEnv = process.env): TerminalCaps | null {
  const entry = readEntry(name, env);
  if (!entry || entry.length < 12) return null;
  const magic = entry.readInt16LE(0);
  if (magic !== MAGIC_16BIT && magic !== MAGIC_32BIT) return null;
  const [namesSize, boolCount, numCount, strCount, tableSize] = [2, 4, 6, 8, 10].map((at) => entry.readInt16LE(at)) as [number, number, number, number, number];
  const numWidth = magic === MAGIC_32BIT ? 4 : 2;
  const boolsAt = 12 + namesSize;
  // Numbers start on an even offset.
  const numsAt = boolsAt + boolCount + ((namesSize + boolCount) % 2);
  const strsAt = numsAt + numCount * numWidth;
  const tableAt = strsAt + strCount * 2;
  if (tableAt + tableSize > entry.length) return null;
  const flag = (i: number): boolean => i < boolCount && entry[boolsAt + i] === 1;
  const number = (i: number): number | null => {
    if (i >= numCount) return null;
    const v = numWidth === 4 ? entry.readInt32LE(numsAt + i * 4) : entry.readInt16LE(numsAt + i * 2);
    return v >= 0 ? v : null;
  };
  const string = (i: number): string => {
    if (i >= strCount) return '';
    const offset = entry.readInt16LE(strsAt + i * 2);
    if (offset < 0 || offset >= tableSize) return '';
    const end = entry.indexOf(0, tableAt + offset);
    // Padding ($<5>) only delays output on slow lines; with no terminal to time, none is sent.
    return entry.toString('latin1', tableAt + offset, end < 0 ? tableAt + tableSize : end).replace(/\$<[\d.*/]+>/g, '');
  };
  return {
    autoMargins: flag(BOOL_AM),
    newlineGlitch: flag(BOOL_XENL),
    columns: number(NUM_COLS),
    up: string(STR_CUU1),
    right: string(STR_CUF1),
    clearToEol: string(STR_EL),
  };
}
