/** Raw-socket helpers for tests that play a hostile peer of a daemon (tsvirtd, tsvirtlogd) or of a client. */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { FrameDecoder, MessageStatus, MessageType, encodePacket, type Packet } from '../../src/rpc/packet.js';
import { KEEPALIVE_PROGRAM, procedures as K } from '../../src/rpc/protocol/keepalive.js';

export const PING = encodePacket({ prog: KEEPALIVE_PROGRAM, vers: 1, proc: K.PING.number, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK });
export const isPong = (p: Packet): boolean => p.header.prog === KEEPALIVE_PROGRAM && p.header.proc === K.PONG.number;

/** Packets read from `sock` until `count` arrived (rejects after `ms`, or at the close); the rest of the stream is left unread. */
export function readPackets(sock: Socket, count: number, ms = 60_000): Promise<Packet[]> {
  const dec = new FrameDecoder();
  const got: Packet[] = [];
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { cleanup(); reject(new Error(`${got.length} of ${count} packets within ${ms} ms`)); }, ms);
    const onData = (d: Buffer) => {
      got.push(...dec.push(d));
      if (got.length >= count) { cleanup(); resolve(got); }
    };
    const onClose = () => { cleanup(); reject(new Error(`closed after ${got.length} of ${count} packets`)); };
    const cleanup = () => { clearTimeout(t); sock.off('data', onData); sock.off('close', onClose); sock.pause(); };
    sock.on('data', onData);
    sock.on('close', onClose);
    sock.resume();
  });
}

/**
 * Write `unit` `times` times without ever reading, then wait up to `ms` for the peer to take it
 * all; resolves with the bytes it left in our queue (more than 0: the peer stopped reading us).
 */
export async function floodWithoutReading(sock: Socket, unit: Buffer, times: number, ms: number): Promise<number> {
  sock.pause();
  for (let i = 0; i < times; i++) sock.write(unit);
  const deadline = Date.now() + ms;
  while (sock.writableLength > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return sock.writableLength;
}

/** Resident memory of a process, in KiB. */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
  return Number(m![1]);
}
