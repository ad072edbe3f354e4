/**
 * An RpcStream as the Node Duplex the driver contract hands to src/api/stream.ts:
 * writes become STREAM data packets (waiting for the socket to drain), incoming data is pushed
 * (holes as zeros: the Stream API has no holes), the peer's end of data ends the readable side,
 * end() sends our finish and resolves once the daemon confirms it, destroy() aborts.
 */
import { Duplex } from 'node:stream';
import type { RpcConnection } from '../../rpc/connection.js';
import type { RpcStream } from '../../rpc/stream.js';

const ZEROS = Buffer.alloc(256 * 1024);

export function rpcStreamDuplex(rpc: RpcConnection, stream: RpcStream): Duplex {
  let finishWaiter: ((err?: Error | null) => void) | null = null;
  let peerFinished = false;
  let failure: Error | null = null;

  const duplex = new Duplex({
    allowHalfOpen: true,
    read() {},
    write(chunk: Buffer, _enc, cb) {
      if (failure) return cb(failure);
      try {
        if (stream.write(chunk)) cb();
        else rpc.drained().then(() => cb(failure), cb);
      } catch (err) {
        cb(err as Error);
      }
    },
    final(cb) {
      if (failure) return cb(failure);
      try {
        stream.finish();
      } catch (err) {
        return cb(err as Error);
      }
      if (peerFinished) return cb();
      finishWaiter = cb;
    },
    destroy(err, cb) {
      if (!stream.finished && !failure && !peerFinished) {
        try { stream.abort(); } catch { /* the connection is gone already */ }
      }
      stream.close();
      cb(err);
    },
  });

  const fail = (err: Error) => {
    failure = err;
    const w = finishWaiter;
    finishWaiter = null;
    if (w) w(err);
    else duplex.destroy(err);
  };
  stream.on('data', (data: Buffer) => { duplex.push(data); });
  stream.on('hole', (length: bigint) => {
    for (let left = Number(length); left > 0; left -= ZEROS.length) duplex.push(ZEROS.subarray(0, Math.min(left, ZEROS.length)));
  });
  stream.on('eof', () => { duplex.push(null); });
  stream.on('finish', () => {
    peerFinished = true;
    duplex.push(null);
    const w = finishWaiter;
    finishWaiter = null;
    w?.();
  });
  stream.on('abort', () => fail(new Error('stream aborted by the daemon')));
  stream.on('error', (err: Error) => fail(err));
  return duplex;
}
