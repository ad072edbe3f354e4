/** Characters that make /bin/sh read a word differently than written. */
const SHELL_SPECIAL = /[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/;

/**
 * Quote a word so that /bin/sh reads it back unchanged: untouched when it has no special
 * character, otherwise in single quotes, with each embedded quote written as '\''.
 */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (!SHELL_SPECIAL.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The command as one line a user can paste into a shell: the environment entries (`NAME=value`,
 * only the value quoted, since `a='b c'` and `'a=b c'` mean different things), then argv.
 */
export function formatCommandLine(env: readonly string[] | null, argv: readonly string[]): string {
  const words: string[] = [];
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    words.push(entry.slice(0, eq + 1) + shellQuote(entry.slice(eq + 1)));
  }
  for (const arg of argv) words.push(shellQuote(arg));
  return words.join(' ');
}
