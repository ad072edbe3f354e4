/**
 * An RpcStream as the Node Duplex the driver contract hands to src/api/stream.ts:
 * writes become STREAM data packets (waiting for the socket to drain), incoming data is pushed,
 * the peer's end of data ends the readable side, end() sends our finish and resolves once the
 * daemon confirms it, destroy() aborts. A sparse stream (the call's @sparseflag was set) is in
 * object mode: StreamHoles written become STREAM_HOLE packets and incoming holes are pushed as
 * StreamHoles; a hole on any other stream fails it, as libvirt's client refuses it.
 */
import { Duplex } from 'node:stream';
import type { RpcConnection } from '../../rpc/connection.js';
import { rpcError } from '../../rpc/packet.js';
import type { RpcStream } from '../../rpc/stream.js';
import type { StreamHole } from '../types.js';

export function rpcStreamDuplex(rpc: RpcConnection, stream: RpcStream, sparse: boolean): Duplex {
  let finishWaiter: ((err?: Error | null) => void) | null = null;
  let peerFinished = false;
  let failure: Error | null = null;

  const duplex = new Duplex({
    allowHalfOpen: true,
    objectMode: sparse,
    read() {},
    write(chunk: Buffer | StreamHole, _enc, cb) {
      if (failure) return cb(failure);
      try {
        const sent = chunk instanceof Uint8Array ? stream.write(chunk) : stream.writeHole(chunk.length, chunk.flags);
        if (sent) cb();
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
  stream.on('hole', (length: bigint, flags: number) => {
    if (sparse) duplex.push({ length, flags } satisfies StreamHole);
    else fail(rpcError('Unexpected stream hole'));
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
