/**
 * A volume's bytes as the Node Duplex the driver contract hands out for virStorageVolUpload and
 * virStorageVolDownload, with libvirt's fd-stream rules: the transfer starts at `offset`; a
 * non-zero `length` bounds it (an upload writing past it fails with ENOSPC once the bound is
 * reached, a download ends there); a download of length 0 runs to the end of the file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { streamSystemError } from './errors.js';

const READ_CHUNK = 256 * 1024;

const enospc = (): NodeJS.ErrnoException => Object.assign(new Error('No space left on device'), { code: 'ENOSPC', errno: -28 });

async function openFile(path: string, mode: 'r' | 'r+'): Promise<FileHandle> {
  try {
    return await open(path, mode);
  } catch (err) {
    throw streamSystemError(err, `Unable to open stream for '${path}'`);
  }
}

/**
 * Writes into the file; `onClose` runs once the file is closed, however the transfer ended, and
 * the stream's finish (or destroy) completes after it.
 */
export async function openUploadStream(path: string, offset: bigint, length: bigint, onClose: () => Promise<void>): Promise<Duplex> {
  const file = await openFile(path, 'r+');
  let position = offset;
  let written = 0n;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close().catch(() => undefined);
    await onClose();
  };
  return new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      if (length > 0n && written === length) return cb(streamSystemError(enospc(), 'cannot write to stream'));
      const take = length > 0n && BigInt(chunk.length) > length - written ? Number(length - written) : chunk.length;
      file.write(chunk, 0, take, Number(position)).then(() => {
        position += BigInt(take);
        written += BigInt(take);
        cb();
      }, (err) => cb(streamSystemError(err, 'cannot write to stream')));
    },
    final(cb) {
      file.sync().then(() => close()).then(() => { this.push(null); cb(); },
        (err) => cb(streamSystemError(err, 'cannot write to stream')));
    },
    destroy(err, cb) {
      close().then(() => cb(err), () => cb(err));
    },
  });
}

/** Reads from the file; the readable side ends at `length` bytes or at the end of the file. */
export async function openDownloadStream(path: string, offset: bigint, length: bigint): Promise<Duplex> {
  const file = await openFile(path, 'r');
  let position = offset;
  let left = length > 0n ? length : -1n;
  let closed = false;
  let reading = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close().catch(() => undefined);
  };
  return new Duplex({
    allowHalfOpen: true,
    read() {
      if (reading || closed) return;
      reading = true;
      const size = left >= 0n && left < BigInt(READ_CHUNK) ? Number(left) : READ_CHUNK;
      const buf = Buffer.allocUnsafe(size);
      (size === 0 ? Promise.resolve({ bytesRead: 0 }) : file.read(buf, 0, size, Number(position))).then(({ bytesRead }) => {
        reading = false;
        if (bytesRead === 0) {
          this.push(null);
          return;
        }
        position += BigInt(bytesRead);
        if (left > 0n) left -= BigInt(bytesRead);
        this.push(buf.subarray(0, bytesRead));
      }, (err) => this.destroy(streamSystemError(err, 'cannot read from stream')));
    },
    // A download carries no data from the client: libvirt's read-only fd stream refuses it.
    write(_chunk, _enc, cb) {
      cb(virError(ErrorDomain.VIR_FROM_STREAMS, ErrorNumber.VIR_ERR_OPERATION_INVALID, 'cannot write to stream'));
    },
    final(cb) {
      close().then(() => cb(), () => cb());
    },
    destroy(err, cb) {
      close().then(() => cb(err), () => cb(err));
    },
  });
}
