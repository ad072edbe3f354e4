/**
 * A volume's bytes as the Node Duplex the driver contract hands out for virStorageVolUpload and
 * virStorageVolDownload, with libvirt's fd-stream rules: the transfer starts at `offset`; a
 * non-zero `length` bounds it (an upload writing past it fails with ENOSPC once the bound is
 * reached, a download ends there); a download of length 0 runs to the end of the file.
 *
 * Sparse transfers (the *_SPARSE_STREAM flags) are object-mode Duplexes whose chunks are data
 * Buffers or StreamHoles: a download reads the file's real layout (data up to each hole, then the
 * hole), an upload turns each hole into a real one (seek past it, then ftruncate), never zeros.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, checkFlags, invalidArgError, virError } from '../../errors/index.js';
import { fileSection } from '../../util/file-layout.js';
import type { StreamHole } from '../types.js';
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
export async function openUploadStream(path: string, offset: bigint, length: bigint, sparse: boolean, onClose: () => Promise<void>): Promise<Duplex> {
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
  /** virFDStreamSendHole: the file position moves past the hole and the file ends there (for now). */
  const skip = async ({ length: hole, flags }: StreamHole) => {
    checkFlags(ErrorDomain.VIR_FROM_STREAMS, 'virFDStreamSendHole', flags, 0);
    if (hole <= 0n) throw invalidArgError(ErrorDomain.VIR_FROM_STREAMS, 'virFDStreamSendHole', 'length', 'length in virFDStreamSendHole must be greater than zero');
    const take = length > 0n && hole > length - written ? length - written : hole;
    position += take;
    written += take;
    try {
      await file.truncate(Number(position));
    } catch (err) {
      throw streamSystemError(err, 'unable to truncate');
    }
  };
  return new Duplex({
    writableObjectMode: sparse,
    read() {},
    write(chunk: Buffer | StreamHole, _enc, cb) {
      if (!(chunk instanceof Uint8Array)) return void skip(chunk).then(() => cb(), cb);
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
export async function openDownloadStream(path: string, offset: bigint, length: bigint, sparse: boolean): Promise<Duplex> {
  const file = await openFile(path, 'r');
  let position = offset;
  let left = length > 0n ? length : -1n;
  /** Sparse: bytes left in the data section being read (0: look at the layout again). */
  let dataLeft = 0n;
  let closed = false;
  let reading = false;
  /** The next hole to send, or the data section's length (virFDStreamThreadDoRead). */
  const nextSection = async (): Promise<StreamHole | null> => {
    let section;
    try {
      section = await fileSection(file.fd, position);
    } catch (err) {
      throw streamSystemError(err, 'Unable to seek to data');
    }
    const len = left >= 0n && section.length > left ? left : section.length;
    if (section.inData) {
      dataLeft = len;
      return null;
    }
    position += len;
    if (left > 0n) left -= len;
    return { length: len, flags: 0 };
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close().catch(() => undefined);
  };
  const readData = async (): Promise<Buffer | StreamHole | null> => {
    if (sparse && dataLeft === 0n) {
      const hole = await nextSection();
      // a hole of length 0 is the end of the file (or of the bounded length)
      if (hole) return hole.length > 0n ? hole : null;
    }
    const bound = sparse ? dataLeft : left;
    const size = bound >= 0n && bound < BigInt(READ_CHUNK) ? Number(bound) : READ_CHUNK;
    if (size === 0) return null;
    const buf = Buffer.allocUnsafe(size);
    let bytesRead;
    try {
      ({ bytesRead } = await file.read(buf, 0, size, Number(position)));
    } catch (err) {
      throw streamSystemError(err, 'cannot read from stream');
    }
    if (bytesRead === 0) return null;
    position += BigInt(bytesRead);
    if (left > 0n) left -= BigInt(bytesRead);
    if (sparse) dataLeft -= BigInt(bytesRead);
    return buf.subarray(0, bytesRead);
  };
  return new Duplex({
    allowHalfOpen: true,
    objectMode: sparse,
    read() {
      if (reading || closed) return;
      reading = true;
      readData().then((chunk) => {
        reading = false;
        this.push(chunk);
      }, (err) => this.destroy(err));
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
