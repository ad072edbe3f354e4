/**
 * A domain's log during one run (libvirt's qemuDomainLogContext). QEMU's stdout and stderr go
 * into tsvirtlogd's pipe when the log daemon serves this driver instance (libvirt's
 * stdio_handler = "logd"): its output keeps flowing while the driver's daemon restarts. With no
 * log daemon listening they are appended to the log file directly (stdio_handler = "file").
 * Either way the run's header goes in first and the position after it is marked, so a failed
 * start shows exactly what QEMU printed during this attempt.
 */
import { existsSync, fstatSync, openSync, writeSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { createLogger, formatTimestamp } from '../../../log/index.js';
import { LogManagerClient, type DomainRef, type LogPosition } from '../../../logd/client.js';
import type { Command } from '../../../util/command/index.js';

const log = createLogger('qemu.log');

/** Where a run's part of the log starts: a file offset, or the log daemon's (inode, offset). */
export type LogMark = { offset: number } | { pos: LogPosition };

/** The most of a log read back for an error message. */
const READ_MAX = 1024 * 1024;

/** The log daemon's view of a domain: its name and its UUID as 16 bytes. */
export function logDomain(def: { name: string; uuid: string }): DomainRef {
  return { name: def.name, uuid: Buffer.from(def.uuid.replace(/-/g, ''), 'hex') };
}

function writeHeader(fd: number, cmd: Command): void {
  writeSync(fd, `${formatTimestamp(new Date())}: starting up\n`);
  cmd.writeArgLog(fd);
}

export class GuestLogs {
  readonly socketPath: string;
  #client: Promise<LogManagerClient | null> | null = null;

  constructor(socketPath: string) {
    this.socketPath = socketPath;
  }

  /** The log daemon's client, or null when none listens (then logs are plain files). */
  #logd(): Promise<LogManagerClient | null> {
    if (this.#client) return this.#client;
    if (!existsSync(this.socketPath)) return Promise.resolve(null);
    this.#client = LogManagerClient.connect(this.socketPath).catch((err: Error) => {
      log.warn('log daemon at %s unreachable, writing logs directly: %s', this.socketPath, err.message);
      this.#client = null;
      return null;
    });
    return this.#client;
  }

  /**
   * Opens this run's log and writes the header with `cmd`'s command line. `fd` is for QEMU's
   * stdout and stderr (close it once QEMU runs); `mark` is the position after the header.
   */
  async start(path: string, dom: DomainRef, cmd: Command): Promise<{ fd: number; mark: LogMark }> {
    const logd = await this.#logd();
    if (logd) {
      const { fd } = await logd.openLogFile('qemu', dom, path, 0);
      writeHeader(fd, cmd);
      return { fd, mark: { pos: await logd.getLogFilePosition(path) } };
    }
    const fd = openSync(path, 'a', 0o600);
    writeHeader(fd, cmd);
    return { fd, mark: { offset: fstatSync(fd).size } };
  }

  /** The log from `mark` on (through the log daemon, which first drains QEMU's pipe). */
  async readFrom(path: string, mark: LogMark): Promise<string> {
    if ('pos' in mark) {
      const logd = await this.#logd();
      if (!logd) return '';
      return (await logd.readLogFile(path, mark.pos, BigInt(READ_MAX)).catch(() => Buffer.alloc(0))).toString('utf8');
    }
    const bytes = await readFile(path).catch(() => Buffer.alloc(0));
    return bytes.subarray(mark.offset, mark.offset + READ_MAX).toString('utf8');
  }

  /** Appends a line of ours (libvirt's qemuDomainLogAppendMessage). */
  async append(path: string, dom: DomainRef, line: string): Promise<void> {
    const logd = await this.#logd();
    if (logd) await logd.appendLogFile('qemu', dom, path, line);
    else await appendFile(path, line, { mode: 0o600 });
  }

  async close(): Promise<void> {
    const client = await this.#client;
    this.#client = null;
    await client?.close();
  }
}
