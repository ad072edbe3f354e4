/**
 * A connected unix stream socket that carries file descriptors, as a Duplex like net.Socket.
 * Bytes flow as usual; a descriptor that arrives rides on the last byte of the read that
 * brought it, so it is queued with that byte's position in the stream, and the reader claims it
 * by position (`takeFds`). A descriptor is sent with `writeFd`: one dummy byte 0x00 carrying it,
 * in order with the bytes written before it (libvirt's one-fd-per-sendmsg rule).
 */
import { Duplex } from 'node:stream';
import { getSystemErrorName } from 'node:util';
import type { Socket } from 'node:net';
import { closeFds, type FdCarrier, type ReceivedFd } from '../rpc/fd-carrier.js';
import { NativeEvent, nativeHelper, type NativeHelper, type NativeSocketHandle } from './index.js';

interface Outgoing {
  data: Buffer;
  fd: number;
  done?: (err?: Error | null) => void;
}

const EAGAIN = 11;

function systemError(errno: number, syscall: string): NodeJS.ErrnoException {
  const code = getSystemErrorName(-errno);
  return Object.assign(new Error(`${syscall} ${code}`), { errno: -errno, code, syscall });
}

export class FdSocket extends Duplex implements FdCarrier {
  private readonly handle: NativeSocketHandle;
  private received = 0;
  private readonly fds: ReceivedFd[] = [];
  private readonly outgoing: Outgoing[] = [];
  /** Dummy bytes queued by writeFd, mapped to the descriptor each carries. */
  private readonly fdBytes = new WeakMap<Buffer, number>();
  private reading = false;
  private waitingWritable = false;

  /** Take over `fd`, a connected unix stream socket. */
  constructor(private readonly native: NativeHelper, fd: number) {
    // Room for a few 64 KiB reads, so a bulk transfer does not stop and restart polling per read.
    super({ allowHalfOpen: false, readableHighWaterMark: 256 * 1024 });
    this.handle = native.attach(fd, (kind, a, b) => this.onEvent(kind, a, b));
  }

  /**
   * Move a connected net.Socket that has not started reading (paused before connecting, or
   * accepted with pauseOnConnect) onto the helper: its descriptor is duplicated, it is destroyed.
   */
  static adopt(native: NativeHelper, socket: Socket): FdSocket {
    const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd !== 'number' || fd < 0) throw new Error('the socket has no descriptor to adopt');
    const own = native.dup(fd);
    socket.destroy();
    return new FdSocket(native, own);
  }

  takeFds(end: number): ReceivedFd[] {
    let n = 0;
    while (n < this.fds.length && this.fds[n].at < end) n++;
    return n === 0 ? [] : this.fds.splice(0, n);
  }

  /** Send `fd` with `data` in one sendmsg() (QEMU's monitor wants it on the command itself), else on a dummy byte. */
  writeFd(fd: number, data: Buffer = Buffer.alloc(1)): void {
    if (data.length === 0) throw new RangeError('a descriptor needs at least one byte to travel with');
    const carrier = Buffer.from(data); // its own buffer: the mark below is by identity
    this.fdBytes.set(carrier, this.native.dup(fd));
    this.write(carrier);
  }

  get queuedFds(): number {
    return this.fds.length;
  }

  override _read(): void {
    if (this.reading) return;
    this.reading = true;
    this.updatePoll();
  }

  override _writev(chunks: { chunk: Buffer }[], done: (err?: Error | null) => void): void {
    let plain: Buffer[] = [];
    const flushPlain = () => {
      if (plain.length === 0) return;
      this.outgoing.push({ data: plain.length === 1 ? plain[0] : Buffer.concat(plain), fd: -1 });
      plain = [];
    };
    for (const { chunk } of chunks) {
      const fd = this.fdBytes.get(chunk);
      if (fd === undefined) { plain.push(chunk); continue; }
      flushPlain();
      this.fdBytes.delete(chunk);
      this.outgoing.push({ data: chunk, fd });
    }
    flushPlain();
    this.outgoing[this.outgoing.length - 1].done = done;
    this.flush();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this._writev([{ chunk }], done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.native.shutdownWrite(this.handle);
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.native.close(this.handle);
    closeFds(this.fds.splice(0).map((r) => r.fd));
    for (const o of this.outgoing.splice(0)) {
      if (o.fd >= 0) closeFds([o.fd]);
      o.done?.(err ?? new Error('socket destroyed'));
    }
    done(err);
  }

  private onEvent(kind: number, a: unknown, b: unknown): void {
    if (this.destroyed) {
      if (kind === NativeEvent.DATA && Array.isArray(b)) closeFds(b as number[]);
      return;
    }
    switch (kind) {
      case NativeEvent.DATA: {
        const data = a as Buffer;
        if (Array.isArray(b)) for (const fd of b as number[]) this.fds.push({ fd, at: this.received + data.length - 1 });
        this.received += data.length;
        if (!this.push(data)) { this.reading = false; this.updatePoll(); }
        break;
      }
      case NativeEvent.EOF:
        this.reading = false;
        this.updatePoll();
        this.push(null);
        break;
      case NativeEvent.ERROR:
        this.destroy(systemError(a as number, 'read'));
        break;
      case NativeEvent.WRITABLE:
        this.waitingWritable = false;
        this.updatePoll();
        this.flush();
        break;
    }
  }

  /** Send what is queued until the socket is full; the rest goes when it is writable again. */
  private flush(): void {
    while (this.outgoing.length > 0 && !this.destroyed) {
      const o = this.outgoing[0];
      const n = this.native.send(this.handle, o.data, o.fd);
      if (n === -EAGAIN) {
        this.waitingWritable = true;
        this.updatePoll();
        return;
      }
      if (n < 0) {
        this.destroy(systemError(-n, 'write'));
        return;
      }
      if (o.fd >= 0) { closeFds([o.fd]); o.fd = -1; }
      if (n < o.data.length) { o.data = o.data.subarray(n); continue; }
      this.outgoing.shift();
      o.done?.();
    }
  }

  private updatePoll(): void {
    if (!this.destroyed) this.native.poll(this.handle, this.reading, this.waitingWritable);
  }
}

/**
 * The socket to use for a connected unix socket: an FdSocket when the native helper is built
 * (the net.Socket must not have started reading: paused before connecting, or accepted with
 * pauseOnConnect), else the net.Socket itself, still paused: the caller resumes it once it listens.
 */
export function fdPassingSocket(socket: Socket): Duplex {
  const native = nativeHelper();
  if (native) return FdSocket.adopt(native, socket);
  return socket;
}
