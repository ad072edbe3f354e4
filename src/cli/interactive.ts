/**
 * The line-by-line shell. On a terminal: node:readline with history and tab completion. On a
 * pipe: each line is read, echoed after the prompt (as readline does for virsh), then run.
 */
import { createInterface } from 'node:readline';
import { StringTokens } from './tokens.js';
import type { Session } from './session.js';
import { complete } from './completion.js';

const PROMPT_RW = 'virsh # ';
const PROMPT_RO = 'virsh > ';
/**
 * readline's screen width when it has no terminal to ask: COLUMNS as atoi reads it, 80 when that is
 * under 2. (Below 12 columns readline draws differently; that is not followed.)
 */
function screenWidth(): number {
  const columns = Number.parseInt(process.env.COLUMNS ?? '', 10);
  return columns > 1 ? columns : 80;
}

/** Run one line's commands; their output is left pending (the caller flushes). */
async function runLine(session: Session, line: string): Promise<void> {
  if (line === '') return;
  const commands = session.parse(new StringTokens(line));
  if (commands) await session.run(commands);
}

/**
 * What readline shows for a line read from a pipe (no terminal: COLUMNS or 80 columns, no wrapping): the
 * prompt and the line; when they reach the last usable column, readline scrolls horizontally,
 * going back to the line start and drawing `<` then the tail, the cursor two thirds across.
 */
function echoedLine(prompt: string, line: string, width: number): string {
  const full = prompt + line;
  if (full.length <= width - 2) return full;
  const margin = full.length - 2 * Math.floor(width / 3);
  return `${prompt}\r<${full.slice(margin + 1)}`;
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
    const width = screenWidth();
    for await (const line of rl) {
      session.out.print(`${echoedLine(prompt(), line, width)}\n`);
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

  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 500,
    completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
      complete(session, line).then((r) => callback(null, r), () => callback(null, [[], line]));
    },
  });
  rl.setPrompt(prompt());
  await new Promise<void>((resolve) => {
    let busy = Promise.resolve();
    rl.on('line', (line) => {
      busy = busy.then(async () => {
        rl.pause();
        await runLine(session, line);
        session.out.flush();
        if (!session.imode) {
          rl.close();
          return;
        }
        rl.setPrompt(prompt());
        rl.resume();
        rl.prompt();
      });
    });
    rl.on('close', () => {
      void busy.then(() => resolve());
    });
    rl.prompt();
  });
  process.stdout.write('\n');
}
