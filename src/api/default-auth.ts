import { createInterface, type Interface } from 'node:readline';
import type { ConnectAuth, Credential } from '../drivers/types.js';
import {
  VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_EXTERNAL, VIR_CRED_NOECHOPROMPT, VIR_CRED_PASSPHRASE, VIR_CRED_REALM,
} from './constants.js';

const SECRET = new Set([VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT]);
const DEFAULT_CREDTYPES = [VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM, VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT, VIR_CRED_EXTERNAL];

/** Answers read line by line from one input, shared by every prompt of one auth. */
class Prompter {
  #rl: Interface | null = null;
  #lines: string[] = [];
  #waiting: ((line: string | null) => void) | null = null;
  #ended = false;
  #muted = false;

  constructor(private readonly input: NodeJS.ReadableStream, private readonly output: NodeJS.WritableStream) {}

  private get isTTY(): boolean {
    return (this.input as { isTTY?: boolean }).isTTY === true;
  }

  private open(): void {
    if (this.#rl) return;
    const rl = createInterface({ input: this.input, output: this.output, terminal: this.isTTY });
    // Hide what is typed for secrets: readline echoes through this hook on a terminal.
    const hooks = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = hooks._writeToOutput.bind(rl);
    hooks._writeToOutput = (s: string) => { if (!this.#muted) write(s); };
    rl.on('line', (line) => this.deliver(line));
    rl.on('close', () => {
      if (this.#rl !== rl) return; // closed by us between prompts, not by the input ending
      this.#ended = true;
      this.deliver(null);
    });
    this.#rl = rl;
  }

  private deliver(line: string | null): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      waiting(line);
    } else if (line !== null) {
      this.#lines.push(line);
    }
  }

  async ask(prompt: string, secret: boolean): Promise<string | null> {
    this.open();
    this.output.write(prompt);
    this.#muted = secret && this.isTTY;
    const line = this.#lines.length > 0 ? this.#lines.shift()! : this.#ended ? null
      : await new Promise<string | null>((resolve) => { this.#waiting = resolve; });
    if (this.#muted) this.output.write('\n');
    this.#muted = false;
    return line;
  }

  /** Let go of the input between authentications, so an idle process can exit. */
  release(): void {
    const rl = this.#rl;
    this.#rl = null;
    rl?.close();
  }
}

/**
 * libvirt's default auth (virConnectAuthPtrDefault): asks for each credential on the terminal,
 * `PROMPT: `, hiding pass phrases; an empty answer, or input that has ended, takes the
 * credential's default.
 */
export function createDefaultAuth(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): ConnectAuth {
  const prompter = new Prompter(input, output);
  return {
    credtype: DEFAULT_CREDTYPES,
    async callback(creds: Credential[]) {
      try {
        for (const cred of creds) {
          const prompt = cred.challenge ? `${cred.prompt} [${cred.challenge}]: ` : `${cred.prompt}: `;
          // Input that has ended answers '' (libvirt reads EOF as an empty line, getpass as well).
          const answer = (await prompter.ask(prompt, SECRET.has(cred.type))) ?? '';
          cred.result = answer === '' && cred.defresult !== undefined ? cred.defresult : answer;
        }
        return 0;
      } finally {
        prompter.release();
      }
    },
  };
}

/** The default auth on this process's terminal (created on first use, so importing reads nothing). */
export const defaultAuth: ConnectAuth = {
  credtype: DEFAULT_CREDTYPES,
  callback: (creds, cbdata) => {
    shared ??= createDefaultAuth();
    return shared.callback!(creds, cbdata);
  },
};
let shared: ConnectAuth | null = null;
