/**
 * virsh's tables: one space before each cell, columns padded to the widest cell plus two
 * spaces, a dashed line (widest + 3 per column) under the header; control characters shown
 * as \xNN so they cannot break the layout. Without a header (quiet mode) widths come from
 * the rows alone. Outside a UTF-8 locale virsh cannot decode other characters and escapes
 * each of their bytes; its escape is cut to four characters, so every such byte reads \xff.
 */
import { cliLocale } from './locale.js';

/** Printable ASCII without a backslash: shown as is, one column per character (nearly every cell). */
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;
const ZERO_WIDTH = /\p{Mn}|\p{Me}|\p{Cf}/u;
/** What glibc's iswprint refuses beyond the ASCII controls: C1 controls, line and paragraph separators. */
const UNPRINTABLE = /[\u0080-\u009f\u2028\u2029]/u;
/** virsh's \x%02x of a negative char, truncated to its four-character buffer. */
const CUT_ESCAPE = '\\xff';

/** Escape what cannot be measured and return the text with its column width. */
function safeCell(text: string, utf8: boolean): { text: string; width: number } {
  if (PLAIN.test(text)) return { text, width: text.length };
  let out = '';
  let width = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (cp < 0x20 || cp === 0x7f || (ch === '\\' && text[i] === 'x')) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
      width += 4;
    } else if (cp > 0x7f && (!utf8 || UNPRINTABLE.test(ch))) {
      const bytes = Buffer.byteLength(ch);
      out += CUT_ESCAPE.repeat(bytes);
      width += 4 * bytes;
    } else if (ZERO_WIDTH.test(ch)) {
      out += ch;
    } else {
      out += ch;
      width += isWide(cp) ? 2 : 1;
    }
  }
  return { text: out, width };
}

/** East Asian wide and full-width ranges, which terminals draw two columns wide. */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], showHeader = true): string {
  const all = showHeader ? [header, ...rows] : rows;
  const { utf8 } = cliLocale();
  const cells = all.map((row) => row.map((cell) => safeCell(cell, utf8)));
  const widths = header.map((_, col) => Math.max(0, ...cells.map((row) => row[col]?.width ?? 0)));
  const line = (row: { text: string; width: number }[]): string =>
    row.map((cell, col) => ` ${cell.text}${col < row.length - 1 ? ' '.repeat(widths[col]! - cell.width + 2) : ''}`).join('') + '\n';
  let out = '';
  cells.forEach((row, i) => {
    out += line(row);
    if (showHeader && i === 0) out += widths.map((w) => '-'.repeat(w + 3)).join('') + '\n';
  });
  return out;
}
