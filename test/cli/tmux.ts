/** A real terminal for tests: one pane of a private tmux server (nothing else's sessions are touched). */
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

export const haveTmux = spawnSync('tmux', ['-V']).status === 0;

export class TmuxPane {
  readonly #socket = `tsvirt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /** Start `command` in a detached pane of the given size. */
  constructor(command: string, width = 120, height = 50) {
    this.tmux('new-session', '-d', '-s', 'shell', '-x', String(width), '-y', String(height), command);
  }

  tmux(...args: string[]): string {
    const run = spawnSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tmux ${args[0]}: ${run.stderr}`);
    return run.stdout;
  }

  /** What the pane shows now. */
  screen(): string {
    return this.tmux('capture-pane', '-t', 'shell', '-p');
  }

  /** Type keys (tmux key names such as Enter, Tab, C-u, C-]; other words literally). */
  type(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'shell', ...keys);
  }

  /** The program the pane runs now (to see that one ended and the shell moved on). */
  currentCommand(): string {
    return this.tmux('list-panes', '-t', 'shell', '-F', '#{pane_current_command}').trim();
  }

  /** Wait until the screen shows `pattern` (terminals redraw asynchronously). */
  async waitFor(pattern: RegExp, what: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      await sleep(50);
    }
    assert.fail(`screen never showed ${what}:\n${this.screen()}`);
  }

  kill(): void {
    this.tmux('kill-server');
  }
}
