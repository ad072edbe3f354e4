/**
 * The ordering stress run (seed 004) against a real tsvirtlogd: many writers, each writing a
 * burst of lines to its guest's pipe and at once asking for the position, thousands of times.
 * The queries share a few connections and are pipelined on them (as libvirt's client does for
 * calls from several threads), so the daemon often reads a query before the pipe written
 * just before it. Returns every (expected, reported) pair that differed.
 */
import { closeSync, statSync, writeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { logManagerProgram, logProcedures } from '../../src/logd/protocol.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import type { TestDaemon } from './daemon-harness.js';

export interface StressResult {
  queries: number;
  bytes: number;
  wrong: { writer: number; round: number; expected: bigint; reported: bigint }[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pipelined(socketPath: string): Promise<RpcConnection> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath, () => resolve(new RpcConnection(socket)));
    socket.once('error', reject);
  });
}

export async function orderingStress(daemon: TestDaemon, writers: number, rounds: number, connections: number): Promise<StressResult> {
  const dom = { name: 'stress', uuid: Buffer.alloc(16, 5) };
  const result: StressResult = { queries: 0, bytes: 0, wrong: [] };
  const client = await daemon.client();
  const conns = await Promise.all(Array.from({ length: connections }, () => pipelined(daemon.socketPath)));
  const opened = await Promise.all(Array.from({ length: writers }, async (_, w) => {
    const path = daemon.logPath(`stress-${w}.log`);
    return { path, conn: conns[w % conns.length]!, ...(await client.openLogFile('qemu', dom, path, 1)) };
  }));
  await Promise.all(opened.map(async ({ path, conn, fd }, w) => {
    const rand = prng(w + 1);
    let written = 0;
    for (let round = 0; round < rounds; round++) {
      // a burst of whole lines, up to ~48 KiB (under a pipe's 64 KiB, so the write never blocks)
      const lines = 1 + Math.floor(rand() * 400);
      let burst = '';
      for (let i = 0; i < lines; i++) burst += `w${w} r${round} l${i} ${'#'.repeat(Math.floor(rand() * 100))}\n`;
      written += writeSync(fd, burst);
      const { pos } = await conn.invoke(logManagerProgram, logProcedures.DOMAIN_GET_LOG_FILE_POSITION, { path, flags: 0 });
      result.queries++;
      if (pos.offset !== BigInt(written)) result.wrong.push({ writer: w, round, expected: BigInt(written), reported: pos.offset });
    }
    result.bytes += written;
    closeSync(fd);
    if (statSync(path).size < written) throw new Error(`${path} lost bytes`);
  }));
  await client.close();
  await Promise.all(conns.map((c) => c.close()));
  return result;
}
