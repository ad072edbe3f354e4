/**
 * The line-by-line shell. On a terminal: node:readline with history and tab completion. On a
 * pipe: each line is read, echoed after the prompt (as readline does for virsh), then run.
 */
import { createInterface } from 'node:readline';
import { StringTokens } from './tokens.js';
import type { Session } from './session.js';
import { complete } from './completion.js';
import { TabKey } from './tab-key.js';
import { addReadlineKeys } from './readline-keys.js';
import { lineEcho } from './line-echo.js';
import { cliLocale } from './locale.js';

const PROMPT_RW = 'virsh # ';
const PROMPT_RO = 'virsh > ';
/** Run one line's commands; their output is left pending (the caller flushes). */
async function runLine(session: Session, line: string): Promise<void> {
  if (line === '') return;
  const commands = session.parse(new StringTokens(line));
  if (commands) await session.run(commands);
}

function welcome(session: Session): void {
  if (session.out.quiet) return;
  session.out.print("Welcome to virsh, the virtualization interactive terminal.\n\n");
  session.out.print("Type:  'help' for help with commands\n       'quit' to quit\n\n");
  session.out.flush();
}

export async function runShell(session: Session): Promise<void> {
  welcome(session);
  const prompt = (): string => (session.settings.readonly ? PROMPT_RO : PROMPT_RW);
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
    const echo = lineEcho(process.env, cliLocale().utf8);
    for await (const line of rl) {
      session.history?.add(line);
      session.out.print(`${echo(prompt(), line)}\n`);
      await runLine(session, line);
      // Lines from a pipe: quick commands share one write (errors still flush first).
      session.out.flushSoon();
      if (!session.imode) break;
    }
    rl.close();
    // virsh ends with a newline whether input ended (after a bare prompt) or quit was typed.
    session.out.print(session.imode ? `${prompt()}\n` : '\n');
    session.out.flush();
    return;
  }

  const tab = new TabKey(process.stdin, process.stdout, (line) => complete(session, line));
  const history = session.history;
  const rl = createInterface({
    input: process.stdin, output: process.stdout, terminal: true, completer: tab.completer,
    history: history?.newestFirst() ?? [], historySize: history?.max ?? 500,
  });
  tab.attach(rl);
  addReadlineKeys(rl, process.stdout);
  rl.setPrompt(prompt());
  let quit = false;
  await new Promise<void>((resolve) => {
    let busy = Promise.resolve();
    rl.on('line', (line) => {
      if (history) {
        history.add(line);
        // readline keeps every line, repeats and blanks too; node:readline skips those
        (rl as unknown as { history: string[] }).history = history.newestFirst();
      }
      busy = busy.then(async () => {
        rl.pause();
        // While a command runs the terminal is in its usual mode, as readline leaves it between
        // lines: Ctrl-C is a signal the command can catch (event loops, job watches).
        process.stdin.setRawMode(false);
        await runLine(session, line);
        process.stdin.setRawMode(true);
        session.out.flush();
        if (!session.imode) {
          quit = true;
          rl.close();
          return;
        }
        rl.setPrompt(prompt());
        rl.resume();
        rl.prompt();
      });
    });
    // Ctrl-C at the prompt: readline echoes it and the signal ends virsh, history unsaved.
    rl.on('SIGINT', () => {
      process.stdout.write('^C');
      process.stdin.setRawMode(false);
      process.kill(process.pid, 'SIGINT');
    });
    rl.on('close', () => {
      void busy.then(() => resolve());
    });
    rl.prompt();
  });
  // End of input (Ctrl-D on an empty line): readline's own line break, then virsh's.
  process.stdout.write(quit ? '\n' : '\n\n');
}
