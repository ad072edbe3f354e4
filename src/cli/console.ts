/**
 * virsh's interactive console (virshRunConsole): the terminal in raw mode, bytes between it and
 * the domain's console stream both ways, until the escape character is typed (a graceful finish)
 * or the stream ends (the guest stopped, another session forced us off).
 */
import { VIR_DOMAIN_SHUTOFF, VIR_STREAM_NONBLOCK, type Domain } from '../index.js';
import { fail } from './opts.js';
import type { Session } from './session.js';

/** The byte an escape setting stands for: `^]` is Ctrl+] (0x1d), anything else its first character. */
export function escapeByte(escape: string): number {
  if (escape.startsWith('^')) return escape.toUpperCase().charCodeAt(1) & 0x1f;
  return escape.charCodeAt(0);
}

export async function runConsole(s: Session, dom: Domain, devName: string | null, flags: number): Promise<void> {
  const { state } = await dom.state();
  if (state === VIR_DOMAIN_SHUTOFF) fail(s, 'The domain is not running');
  const stdin = process.stdin;
  if (!stdin.isTTY) fail(s, 'Cannot run interactive console without a controlling TTY');
  const escape = s.settings.escape;
  s.out.printExtra(`Connected to domain '${dom.name()}'\n`);
  s.out.printExtra(`Escape character is ${escape}${escape.startsWith('^') ? ` (Ctrl + ${escape[1]})` : ''}\n`);
  s.out.flush();

  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  const st = s.conn.newStream(VIR_STREAM_NONBLOCK);
  try {
    await dom.openConsole(devName, st, flags);
    await new Promise<void>((resolve, reject) => {
      const esc = escapeByte(escape);
      let done = false;
      const finish = (graceful: boolean) => {
        if (done) return;
        done = true;
        stdin.off('data', onInput);
        (graceful ? st.finish() : st.abort()).then(resolve, reject);
      };
      const onInput = (data: Buffer) => {
        const at = data.indexOf(esc);
        const send = at >= 0 ? data.subarray(0, at) : data;
        const sent = send.length > 0 ? st.send(send) : Promise.resolve(0);
        sent.then(() => { if (at >= 0) finish(true); }, () => finish(false));
      };
      stdin.on('data', onInput);
      stdin.resume();
      st.recvAll((chunk) => new Promise<void>((written) => process.stdout.write(chunk, () => written())))
        .then(() => {
          if (done) return;
          done = true;
          stdin.off('data', onInput);
          resolve();
        }, (err) => {
          if (done) return;
          done = true;
          stdin.off('data', onInput);
          reject(err);
        });
    });
  } finally {
    stdin.setRawMode(wasRaw);
    stdin.pause();
    st.free();
  }
}
