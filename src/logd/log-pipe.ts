/**
 * The reading end of one guest's log pipe, owned by the log daemon.
 *
 * How bytes leave the pipe, and why a reported position is exact:
 *  - The fd is non-blocking (O_NONBLOCK on the open file description), so no read here can block.
 *  - libuv watches it (a net.Socket over the fd) and, when it is readable, reads into our one
 *    buffer and calls `onread` synchronously, which appends the bytes to the log before
 *    returning. Node's stream buffering is bypassed (`onread` mode), so no byte ever sits
 *    between the pipe and the file while JavaScript runs.
 *  - `drain()` reads the fd itself with `readSync` until EAGAIN, appending as it goes. Called
 *    before a position is reported, it moves every byte written to the pipe before the query
 *    into the file, whatever order the event loop picked up the pipe and the query in.
 *  - A readable event libuv already queued for a pipe that `drain()` just emptied still runs:
 *    libuv's read then gets EAGAIN and simply waits for the next event. Nothing blocks, and a
 *    byte is only ever read once, by whichever of the two reads took it from the kernel.
 * Both readers run on the one JavaScript thread, never at the same time.
 */
import { readSync } from 'node:fs';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';

const READ_SIZE = 64 * 1024;

export interface LogPipeSink {
  /** Bytes read from the pipe, in order; must store them before returning. */
  data(chunk: Buffer): void;
  /** The last writer closed the pipe (after all its bytes were delivered), or reading failed. */
  end(err?: Error): void;
}

export class LogPipe {
  readonly fd: number;
  #socket: Socket | null;
  #sink: LogPipeSink;
  #buffer = Buffer.allocUnsafe(READ_SIZE);
  #writerSeen: boolean;
  #ended = false;

  /**
   * `fd`: a FIFO or pipe opened for reading with O_NONBLOCK. `writerSeen` says a writer is known
   * to have opened it: until then a read of 0 bytes means "nobody has opened it yet", not the end.
   */
  constructor(fd: number, sink: LogPipeSink, writerSeen = false) {
    this.fd = fd;
    this.#sink = sink;
    this.#writerSeen = writerSeen;
    // `onread` is honoured by the constructor, though @types/node lists it for connect() only.
    const options: SocketConstructorOpts & { onread: OnReadOpts } = {
      fd,
      readable: true,
      writable: false,
      onread: {
        buffer: this.#buffer,
        callback: (nread: number, buf: Uint8Array) => {
          this.#writerSeen = true;
          this.#deliver(Buffer.from(buf.buffer, buf.byteOffset, nread));
          return true; // keep reading (false would pause the socket)
        },
      },
    };
    this.#socket = new Socket(options);
    this.#socket.on('end', () => this.#finish());
    this.#socket.on('error', (err) => this.#finish(err));
  }

  /** Whether a writer has been seen on the pipe (data, or an empty pipe that still has a writer). */
  get writerSeen(): boolean {
    return this.#writerSeen;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Moves everything waiting in the pipe into the sink now, without blocking. Afterwards every
   * byte a writer put in the pipe before this call is in the sink. Sees the end of the pipe too.
   */
  drain(): void {
    while (!this.#ended) {
      let n: number;
      try {
        n = readSync(this.fd, this.#buffer, 0, READ_SIZE, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          this.#writerSeen = true; // EAGAIN, unlike EOF, means some writer holds the pipe open
          return;
        }
        if (code === 'EINTR') continue;
        this.#finish(err as Error);
        return;
      }
      if (n === 0) {
        if (this.#writerSeen) this.#finish();
        return;
      }
      this.#writerSeen = true;
      this.#deliver(this.#buffer.subarray(0, n));
    }
  }

  /** Stops libuv from reading (the pipe stays open); used while handing the pipe to a new daemon. */
  pause(): void {
    this.#socket?.pause();
  }

  /** Lets libuv read again after `pause()`. */
  resume(): void {
    this.#socket?.resume();
  }

  /** Closes our end. A writer still holding the pipe then gets EPIPE. */
  close(): void {
    this.#ended = true;
    this.#socket?.destroy();
    this.#socket = null;
  }

  #deliver(chunk: Buffer): void {
    if (this.#ended) return;
    try {
      this.#sink.data(chunk);
    } catch (err) {
      this.#finish(err as Error);
    }
  }

  #finish(err?: Error): void {
    if (this.#ended) return;
    this.close();
    this.#sink.end(err);
  }
}
