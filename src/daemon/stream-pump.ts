/**
 * The daemon's end of a data stream, as libvirtd runs it: the driver's Duplex on one side, the
 * client's RpcStream (opened for the call's serial) on the other.
 *
 *   read  (download, screenshot)  driver data -> STREAM/CONTINUE packets, driver holes (sparse
 *                                 streams) -> STREAM_HOLE, then an empty CONTINUE at the driver's
 *                                 end; a driver failure -> STREAM/ERROR
 *   write (upload, and every       client data and holes -> the driver. A console is a 'read'
 *   stream's other half)           stream to the protocol but carries keystrokes back, so client
 *                                 data always goes to the driver (as libvirtd). A hole on a stream
 *                                 not opened sparse drops the client, as libvirtd does
 *   client finish (STREAM/OK)     the driver side is ended (flushed), then confirmed with STREAM/OK
 *   client abort (empty ERROR)    the driver side is destroyed, then confirmed with STREAM/OK
 *   client gone                   the driver side is destroyed; nothing stays behind
 */
import type { Duplex } from 'node:stream';
import type { RpcConnection } from '../rpc/connection.js';
import type { RpcStream } from '../rpc/stream.js';
import { MessageStatus, MessageType } from '../rpc/packet.js';
import type { StreamHole } from '../drivers/types.js';
import { createLogger } from '../log/index.js';

const log = createLogger('daemon.stream');

/** What the pump needs of its client: stop reading the socket while the driver is full. */
export interface InputHold { hold(on: boolean): void }

/** `sparse`: the call asked for holes (its @sparseflag); the driver's Duplex then carries StreamHoles. */
export function pumpStream(rpc: RpcConnection, stream: RpcStream, duplex: Duplex, direction: 'read' | 'write', sparse: boolean, input: InputHold): void {
  let over = false;
  // A full driver side stops the client's socket until it drains; a transfer that ends first
  // (finished, aborted, failed) never drains, so its end lets the socket go.
  let holding = false;
  const release = () => {
    if (!holding) return;
    holding = false;
    input.hold(false);
  };
  const end = () => {
    over = true;
    release();
    stream.close();
    if (!duplex.destroyed) duplex.destroy();
  };
  const confirm = () => {
    if (over) return;
    try { stream.finish(); } catch { /* the client is gone */ }
    end();
  };
  const fail = (err: Error) => {
    if (over) return;
    log.info(`stream ${stream.key} failed: ${err.message}`);
    try { stream.fail(err); } catch { /* the client is gone */ }
    end();
  };
  duplex.on('error', fail);

  stream.on('abort', confirm);
  stream.on('error', () => end()); // the connection ended under the stream
  stream.on('finish', () => {
    if (direction === 'read' || duplex.writableFinished) return confirm();
    // end()'s callback also reports a write that failed while the data was flushed
    duplex.end((err?: Error | null) => (err ? fail(err) : confirm()));
  });

  if (direction === 'read') {
    // Events rather than async iteration: an iterator destroys the Duplex when the data ends,
    // while the transfer is not over until the client's finish.
    duplex.on('data', (chunk: Buffer | StreamHole) => {
      if (over) return;
      try {
        const sent = chunk instanceof Uint8Array ? stream.write(chunk) : stream.writeHole(chunk.length, chunk.flags);
        if (!sent) {
          duplex.pause();
          rpc.drained().then(() => duplex.resume(), () => end());
        }
      } catch (err) {
        fail(err as Error);
      }
    });
    duplex.on('end', () => { if (!over) stream.end(); });
  }
  // A hole the driver refuses is answered as libvirtd answers it: a REPLY carrying the error
  // (which libvirt's client takes as its finish's reply), the stream forgotten from then on.
  const refuseHole = (err: Error) => {
    if (over) return;
    log.info(`stream ${stream.key}: hole refused: ${err.message}`);
    const { prog, vers, proc, serial } = stream;
    rpc.replyError({ prog, vers, proc, serial, type: MessageType.STREAM_HOLE, status: MessageStatus.CONTINUE }, err);
    end();
  };
  const write = (data: Buffer | StreamHole) => {
    if (over) return;
    const written = data instanceof Uint8Array ? duplex.write(data) : duplex.write(data, (err) => { if (err) refuseHole(err); });
    if (!written && !holding) {
      holding = true;
      input.hold(true);
      duplex.once('drain', release);
    }
  };
  stream.on('data', write);
  stream.on('hole', (length: bigint, flags: number) => {
    if (sparse) return write({ length, flags });
    log.info(`stream ${stream.key}: unexpected stream hole, dropping the client`);
    end();
    rpc.destroy();
  });
}
