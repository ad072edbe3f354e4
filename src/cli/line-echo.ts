/**
 * What virsh's readline writes for a line it reads from a pipe: the prompt and the line, drawn
 * as on the terminal $TERM names, whose width is COLUMNS (or the terminal's, or 80).
 * - A terminal that cannot move the cursor up (dumb, unknown, no TERM): one row that scrolls
 *   sideways once the text reaches the last usable column: back to the row start, `<`, the tail,
 *   the cursor two thirds across.
 * - One that wraps by itself and holds the cursor at the margin (am and xenl, as xterm): the text
 *   as it is; when it ends exactly at the margin, readline forces the wrap, goes back up and redraws
 *   the last character. Outside a UTF-8 locale readline also returns to each new row's start and
 *   draws it again from there, and goes back over the last row by redrawing it.
 * - Any other: readline breaks the rows itself; ending at the margin, it goes to the next row and back up.
 */
import { terminalCaps } from './terminfo.js';

function screenWidth(env: NodeJS.ProcessEnv, declared: number | null): number {
  // COLUMNS as atoi reads it; readline ignores values under 2.
  const columns = Number.parseInt(env.COLUMNS ?? '', 10);
  if (columns > 1) return columns;
  return declared !== null && declared > 1 ? declared : 80;
}

/** The echo of a prompt and the line read after it, for the terminal `env` describes. */
export function lineEcho(env: NodeJS.ProcessEnv, utf8: boolean): (prompt: string, line: string) => string {
  const caps = terminalCaps(env.TERM || 'dumb', env);
  const width = screenWidth(env, caps?.columns ?? null);
  if (!caps || caps.up === '') {
    return (prompt, line) => {
      const text = prompt + line;
      if (text.length <= width - 2) return text;
      const margin = text.length - 2 * Math.floor(width / 3);
      // The prompt stays as first drawn; the redraw starts over it.
      return `${prompt}\r<${text.slice(margin + 1)}`;
    };
  }
  const endsAtMargin = (text: string): boolean => text.length > 0 && text.length % width === 0;
  if (caps.autoMargins && caps.newlineGlitch && utf8) {
    return (prompt, line) => {
      const text = prompt + line;
      return endsAtMargin(text) ? `${text} \r${caps.up}${caps.right.repeat(width - 1)}${caps.clearToEol}${text.slice(-1)}` : text;
    };
  }
  if (caps.autoMargins && caps.newlineGlitch) {
    return (prompt, line) => {
      const text = prompt + line;
      // Each row with the first character of the next, then back to that row's start.
      const rows: string[] = [];
      for (let at = 0; at < text.length; at += width) rows.push(text.slice(at, at + width + 1));
      if (!endsAtMargin(text)) return rows.join('\r');
      const lastRow = text.slice(text.length - width);
      return `${rows.join('\r')} \r${caps.up}${lastRow.slice(0, -1)}${caps.clearToEol}${lastRow.slice(-1)}`;
    };
  }
  return (prompt, line) => {
    const text = prompt + line;
    const rows: string[] = [];
    for (let at = 0; at < text.length; at += width) rows.push(text.slice(at, at + width));
    return rows.join('\n\r') + (endsAtMargin(text) ? `\n\r${caps.up}` : '');
  };
}
