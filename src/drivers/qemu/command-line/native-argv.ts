/**
 * Reading a QEMU command line as `domxml-to-native` prints it: shell words, QEMU's `a=b,c=d`
 * option syntax with its doubled-comma escape, and JSON option values.
 */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';

export type Props = Record<string, unknown>;

export function badArgv(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `cannot parse QEMU argv: ${detail}`);
}

/** Split a shell line into words: single and double quotes and backslashes as a POSIX shell reads them. */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw badArgv('unterminated quote');
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) text += line[j] === '\\' && j + 1 < line.length ? line[++j] : line[j];
      if (j >= line.length) throw badArgv('unterminated quote');
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `a=b,c=d` with QEMU's doubled-comma escape; a leading bare word is kept under ''. */
export function keyValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.replace(/,,/g, '\u0000').split(',')) {
    const p = part.replace(/\u0000/g, ',');
    const eq = p.indexOf('=');
    if (eq < 0) out.set(out.size === 0 ? '' : p, out.size === 0 ? p : 'on');
    else out.set(p.slice(0, eq), p.slice(eq + 1));
  }
  return out;
}

/** A `-device`/`-blockdev`/`-netdev`/`-object` value: JSON as libvirt writes it, or key=value pairs. */
export function jsonOrKeys(text: string, firstKey: string): Props {
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as Props;
    } catch {
      throw badArgv(`malformed JSON option '${text}'`);
    }
  }
  const kv = keyValues(text);
  const out: Props = Object.fromEntries(kv);
  if (kv.has('')) {
    out[firstKey] = kv.get('');
    delete out[''];
  }
  return out;
}

/** `512`, `512M`, `2G`, `1048576k`: a size in KiB (QEMU's default unit for -m is MiB). */
export function sizeKiB(text: string): number {
  const m = /^(\d+)([kKmMgGtT]?)[bB]?$/.exec(text);
  if (!m) throw badArgv(`bad memory size '${text}'`);
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return unit === 'k' ? n : unit === 'g' ? n * 1024 * 1024 : unit === 't' ? n * 1024 ** 3 : n * 1024;
}
