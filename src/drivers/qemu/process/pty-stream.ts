import { closeSync, constants, openSync } from 'node:fs';
import { Duplex } from 'node:stream';
import tty from 'node:tty';

/**
 * Both directions of a pty's slave side as one Duplex (libvirt's virFDStreamOpenPTY): raw mode,
 * so the line discipline neither echoes nor translates what passes. QEMU holds the master; when
 * it exits, reads fail with EIO, which is the end of the stream here.
 */
class PtyDuplex extends Duplex {
  readonly #input: tty.ReadStream;
  readonly #output: tty.WriteStream;

  constructor(input: tty.ReadStream, output: tty.WriteStream) {
    super();
    this.#input = input;
    this.#output = output;
    input.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) input.pause();
    });
    input.on('end', () => this.push(null));
    input.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EIO' ? this.push(null) : this.destroy(err)));
    output.on('error', (err) => this.destroy(err));
    input.pause();
  }

  override _read(): void {
    this.#input.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.#output.write(chunk, done);
  }

  /** Finishing a console closes it: the pty has no end-of-data of its own to send. */
  override _final(done: (err?: Error | null) => void): void {
    done();
    setImmediate(() => this.destroy());
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.#input.destroy();
    this.#output.destroy();
    done(err);
  }
}

function openTty(path: string): number {
  return openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
}

/** Open the pty at `path` for a console stream; throws the system error of open(2). */
export function openPtyStream(path: string): Duplex {
  const readFd = openTty(path);
  let writeFd: number;
  try {
    writeFd = openTty(path);
  } catch (err) {
    closeSync(readFd);
    throw err;
  }
  const input = new tty.ReadStream(readFd);
  input.setRawMode(true);
  return new PtyDuplex(input, new tty.WriteStream(writeFd));
}
