/**
 * virGetPassword for secret-set-value --interactive: one line typed at the terminal without
 * echo (raw mode), or read from standard input when it is not a terminal; null at its end.
 */
export function readPassword(): Promise<string | null> {
  const input = process.stdin;
  const tty = input.isTTY === true;
  if (tty) input.setRawMode(true);
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | null): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (tty) input.setRawMode(false);
      input.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      const end = text.search(/[\r\n\x04]/);
      if (end < 0) {
        typed += text;
        return;
      }
      finish(text[end] === '\x04' && typed === '' && end === 0 ? null : typed + text.slice(0, end));
    };
    const onEnd = (): void => finish(typed === '' ? null : typed);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
