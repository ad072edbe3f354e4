/**
 * GNU readline's emacs keys that virsh's shell has and node:readline does differently or not at
 * all: words as runs of letters and digits (M-b, M-f, M-d, M-DEL), C-w back to a blank, a kill
 * ring that C-w, C-k, C-u, M-d and M-DEL fill (consecutive kills join) with C-y and M-y to yank,
 * C-t to transpose, and C-r, the incremental search back through the history. Every other key
 * goes to node:readline as before.
 */
import type { Interface } from 'node:readline';

type Key = { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean; sequence?: string };
type Line = Interface & { line: string; cursor: number; history: string[] };

const KILL_RING_MAX = 10;
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The method of node:readline's Interface known by this (private) name. */
function internal(rl: Interface, name: string): symbol {
  for (let p: object | null = rl; p; p = Object.getPrototypeOf(p)) {
    const found = Object.getOwnPropertySymbols(p).find((s) => s.description === name);
    if (found) return found;
  }
  throw new Error(`node:readline has no ${name}`);
}

interface Search {
  text: string;
  /** The line and cursor before the search, restored by C-g. */
  line: string;
  cursor: number;
  prompt: string;
  /** Where the match is: -1 for the line being edited, else an index in the history (newest first). */
  entry: number;
  pos: number;
  failed: boolean;
}

export function addReadlineKeys(input: Interface, output: NodeJS.WritableStream): void {
  const rl = input as Line;
  const ttyWrite = internal(rl, '_ttyWrite');
  const refresh = internal(rl, '_refreshLine');
  const original = (rl as unknown as Record<symbol, (s: string, key: Key) => void>)[ttyWrite]!.bind(rl);
  const redraw = (): void => (rl as unknown as Record<symbol, () => void>)[refresh]!();
  const ring: string[] = [];
  let lastWasKill = false;
  let yank: { start: number; end: number; index: number } | null = null;
  let search: Search | null = null;

  const setLine = (line: string, cursor: number): void => {
    rl.line = line;
    rl.cursor = cursor;
    redraw();
  };

  /** Remove [from, to) into the kill ring; a kill right after a kill joins the last entry. */
  const kill = (from: number, to: number): void => {
    if (from === to) return;
    const text = rl.line.slice(from, to);
    if (lastWasKill && ring.length > 0) ring[0] = from < rl.cursor ? text + ring[0] : ring[0] + text;
    else {
      ring.unshift(text);
      if (ring.length > KILL_RING_MAX) ring.pop();
    }
    setLine(rl.line.slice(0, from) + rl.line.slice(to), from);
  };

  const wordEnd = (pos: number): number => {
    const s = rl.line;
    while (pos < s.length && !isWordChar(s[pos])) pos++;
    while (pos < s.length && isWordChar(s[pos])) pos++;
    return pos;
  };
  const wordStart = (pos: number): number => {
    const s = rl.line;
    while (pos > 0 && !isWordChar(s[pos - 1])) pos--;
    while (pos > 0 && isWordChar(s[pos - 1])) pos--;
    return pos;
  };

  /** The search's match from entry `entry` (and, in it, at or before `before`) backwards. */
  const findBack = (text: string, entry: number, before: number): { entry: number; pos: number } | null => {
    for (let e = entry; e < rl.history.length; e++) {
      const candidate = e < 0 ? search!.line : rl.history[e]!;
      const from = e === entry ? before : candidate.length;
      if (from < 0) continue;
      const pos = candidate.lastIndexOf(text, from);
      if (pos >= 0) return { entry: e, pos };
    }
    return null;
  };

  const showSearch = (): void => {
    const s = search!;
    const line = s.entry < 0 ? s.line : rl.history[s.entry]!;
    rl.setPrompt(`(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.text}': `);
    setLine(line, s.pos);
  };

  const endSearch = (restore: boolean): void => {
    const s = search!;
    search = null;
    rl.setPrompt(s.prompt);
    if (restore) setLine(s.line, s.cursor);
    else setLine(rl.line, rl.cursor);
  };

  const searchKey = (s: string, key: Key): boolean => {
    const st = search!;
    if (key.ctrl && key.name === 'r') {
      const next = st.text === '' ? null : findBack(st.text, st.entry, st.pos - 1);
      if (next) Object.assign(st, next, { failed: false });
      else st.failed = st.text !== '';
      showSearch();
      return true;
    }
    if (key.ctrl && key.name === 'g') {
      endSearch(true);
      return true;
    }
    if (key.name === 'backspace' && !key.meta) {
      st.text = st.text.slice(0, -1);
      const found = st.text === '' ? null : findBack(st.text, -1, st.line.length);
      Object.assign(st, found ?? { entry: -1, pos: st.cursor }, { failed: false });
      showSearch();
      return true;
    }
    if (!key.ctrl && !key.meta && s.length === 1 && s >= ' ' && s !== '\x7f') {
      st.text += s;
      const found = findBack(st.text, st.entry, st.pos);
      if (found) Object.assign(st, found, { failed: false });
      else st.failed = true;
      showSearch();
      return true;
    }
    // any other key ends the search with the match in the line, then does its usual work
    endSearch(false);
    return false;
  };

  // readline's previous-history / next-history: every entry in turn, whatever is typed, the line
  // being edited kept to come back to (node:readline filters by what is typed and skips repeats)
  let historyIndex = -1;
  let editedLine = '';
  const walkHistory = (step: number): void => {
    const to = historyIndex + step;
    if (to < -1 || to >= rl.history.length) {
      output.write('\x07');
      return;
    }
    if (historyIndex === -1) editedLine = rl.line;
    historyIndex = to;
    const line = to === -1 ? editedLine : rl.history[to]!;
    setLine(line, line.length);
  };

  const handle = (s: string, key: Key): boolean => {
    if (search && searchKey(s, key)) return true;
    if (!key.meta && ((!key.ctrl && (key.name === 'up' || key.name === 'down')) || (key.ctrl && (key.name === 'p' || key.name === 'n')))) {
      walkHistory(key.name === 'up' || key.name === 'p' ? 1 : -1);
      return true;
    }
    if (key.name === 'return' || key.name === 'enter') historyIndex = -1;
    const wasKill = lastWasKill;
    const lastYank = yank;
    lastWasKill = false;
    yank = null;
    const { line, cursor } = rl;
    if (key.ctrl && !key.meta) {
      switch (key.name) {
        case 'w': {
          let from = cursor;
          while (from > 0 && /\s/.test(line[from - 1]!)) from--;
          while (from > 0 && !/\s/.test(line[from - 1]!)) from--;
          lastWasKill = wasKill;
          kill(from, cursor);
          lastWasKill = true;
          return true;
        }
        case 'k':
        case 'u':
          lastWasKill = wasKill;
          if (key.name === 'k') kill(cursor, line.length);
          else kill(0, cursor);
          lastWasKill = true;
          return true;
        case 'y': {
          if (ring.length === 0) return true;
          setLine(line.slice(0, cursor) + ring[0] + line.slice(cursor), cursor + ring[0]!.length);
          yank = { start: cursor, end: cursor + ring[0]!.length, index: 0 };
          return true;
        }
        case 't': {
          if (cursor === 0 || line.length < 2) return true;
          const at = cursor === line.length ? cursor - 1 : cursor;
          setLine(line.slice(0, at - 1) + line[at] + line[at - 1] + line.slice(at + 1), at + 1);
          return true;
        }
        case 'r':
          search = { text: '', line, cursor, prompt: rl.getPrompt(), entry: -1, pos: cursor, failed: false };
          showSearch();
          return true;
        default:
          return false;
      }
    }
    if (key.meta && !key.ctrl) {
      switch (key.name) {
        case 'b':
          setLine(line, wordStart(cursor));
          return true;
        case 'f':
          setLine(line, wordEnd(cursor));
          return true;
        case 'd':
          lastWasKill = wasKill;
          kill(cursor, wordEnd(cursor));
          lastWasKill = true;
          return true;
        case 'backspace':
          lastWasKill = wasKill;
          kill(wordStart(cursor), cursor);
          lastWasKill = true;
          return true;
        case 'y': {
          if (!lastYank || ring.length < 2) return true;
          const index = (lastYank.index + 1) % ring.length;
          const text = ring[index]!;
          setLine(line.slice(0, lastYank.start) + text + line.slice(lastYank.end), lastYank.start + text.length);
          yank = { start: lastYank.start, end: lastYank.start + text.length, index };
          return true;
        }
        default:
          return false;
      }
    }
    return false;
  };

  // readline's undo: each change is one step, except that typed characters in a row (up to 20)
  // are one; C-_ or C-x C-u takes a step back, a new line starts afresh
  const undo: { line: string; cursor: number; typing: number; end: number }[] = [];
  let afterCtrlX = false;
  const undoKey = (s: string, key: Key): boolean => {
    const ctrlX = afterCtrlX;
    afterCtrlX = key.ctrl === true && key.name === 'x';
    if (s !== '\x1f' && !(ctrlX && key.ctrl && key.name === 'u')) return false;
    const step = undo.pop();
    if (!step) output.write('\x07');
    else setLine(step.line, step.cursor);
    return true;
  };
  const record = (before: { line: string; cursor: number }, s: string, key: Key): void => {
    if (key.name === 'return' || key.name === 'enter' || historyIndex !== -1) {
      undo.length = 0;
      return;
    }
    if (rl.line === before.line) return;
    const typed = !key.ctrl && !key.meta && s.length === 1 && s >= ' ' && s !== '\x7f';
    const top = undo[undo.length - 1];
    if (typed && top && top.typing > 0 && top.typing < 20 && top.end === before.cursor) {
      top.typing++;
      top.end = rl.cursor;
    } else {
      undo.push({ line: before.line, cursor: before.cursor, typing: typed ? 1 : 0, end: rl.cursor });
    }
  };

  // node:readline's public Interface exposes its key handler through a getter: shadow it here.
  Object.defineProperty(rl, ttyWrite, {
    configurable: true,
    value: (rawS: string | undefined, rawKey: Key | undefined) => {
      // node:readline passes no string for keys such as the arrows
      const s = rawS ?? '';
      const key = rawKey ?? {};
      let handled = false;
      let undone = false;
      const before = { line: rl.line, cursor: rl.cursor };
      try {
        undone = !search && undoKey(s, key);
        handled = undone || handle(s, key);
      } catch {
        // a key this module gets wrong must not end the shell: node:readline has it then
      }
      if (!handled) original(rawS as string, rawKey as Key);
      if (!search && !undone) record(before, s, key);
    },
  });
}
