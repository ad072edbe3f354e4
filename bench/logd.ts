/**
 * tsvirtlogd, measured against references taken in the same run, in interleaved rounds:
 *   - throughput: the same bytes (64 KiB writes of 100-byte lines) written through the daemon's
 *     pipe until a position query confirms they are all in the log, against writeSync to a file;
 *   - position query latency: write a line to the pipe, ask for the position (drain included),
 *     against the floor of one RPC round trip to the same daemon (a call it refuses at once).
 *
 *   node dist/bench/logd.js     (BENCH_ROUNDS=N, BENCH_MB=N, BENCH_QUERIES=N)
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogManagerClient } from '../src/logd/client.js';
import { logManagerProgram } from '../src/logd/protocol.js';
import { RpcConnection } from '../src/rpc/connection.js';
import { Command } from '../src/util/command/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const MB = Number(process.env.BENCH_MB) || 32;
const QUERIES = Number(process.env.BENCH_QUERIES) || 2000;
const MAIN = fileURLToPath(new URL('../src/logd/main.js', import.meta.url));

const root = mkdtempSync(join(tmpdir(), 'tsvirt-bench-logd-'));
const runDir = join(root, 'run');
const logDir = join(root, 'log');
mkdirSync(logDir);
writeFileSync(join(root, 'conf'), 'max_size = 0\n');
const daemon = new Command(process.execPath, [MAIN, '-f', join(root, 'conf'), '--run-dir', runDir, '--log-dir', logDir])
  .addEnvPassCommon().setErrorFd(2);
await daemon.runAsync();
const socketPath = join(runDir, 'tsvirtlogd-sock');
let client: LogManagerClient | null = null;
for (let i = 0; i < 500 && !client; i++) {
  client = await LogManagerClient.connect(socketPath).catch(() => null);
  if (!client) await sleep(10);
}
if (!client) throw new Error('tsvirtlogd did not start');

const line = `${'bench log line '.repeat(6).slice(0, 99)}\n`;
const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
const chunks = Math.ceil((MB * 1024 * 1024) / chunk.length);
const dom = { name: 'bench', uuid: Buffer.alloc(16, 1) };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const percentile = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))]!;

async function throughDaemon(round: number): Promise<number> {
  const path = join(logDir, `daemon-${round}.log`);
  const { fd } = await client!.openLogFile('qemu', dom, path, 1);
  const started = performance.now();
  for (let i = 0; i < chunks; i++) writeSync(fd, chunk);
  await client!.getLogFilePosition(path); // everything written is in the file now
  const ms = performance.now() - started;
  closeSync(fd);
  rmSync(path);
  return ms;
}

function direct(round: number): number {
  const path = join(logDir, `direct-${round}.log`);
  const fd = openSync(path, 'a', 0o600);
  const started = performance.now();
  for (let i = 0; i < chunks; i++) writeSync(fd, chunk);
  const ms = performance.now() - started;
  closeSync(fd);
  rmSync(path);
  return ms;
}

const daemonMs: number[] = [];
const directMs: number[] = [];
await throughDaemon(-1);
direct(-1);
for (let round = 0; round < ROUNDS; round++) {
  daemonMs.push(await throughDaemon(round));
  directMs.push(direct(round));
}
const ratio = median(daemonMs.map((ms, i) => ms / directMs[i]!));
const mbps = (ms: number) => ((chunks * chunk.length) / 1048576 / (ms / 1000)).toFixed(0);
console.log(`logd: ${MB} MiB of 100-byte lines in 64 KiB writes, ${ROUNDS} rounds (medians)`);
console.log(`  throughput through tsvirtlogd: ${mbps(median(daemonMs))} MiB/s vs writeSync to a file: ${mbps(median(directMs))} MiB/s, time ratio ${ratio.toFixed(2)}`);

// Latency: one line written, then its position asked for; the floor is a refused call.
const path = join(logDir, 'latency.log');
const { fd } = await client.openLogFile('qemu', dom, path, 1);
const raw = await new Promise<RpcConnection>((resolve, reject) => {
  const s = createConnection(socketPath, () => resolve(new RpcConnection(s)));
  s.once('error', reject);
});
const query: number[] = [];
const floor: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  let t = performance.now();
  writeSync(fd, line);
  await client.getLogFilePosition(path);
  query.push(performance.now() - t);
  t = performance.now();
  await raw.call(logManagerProgram.number, logManagerProgram.version, 99).catch(() => {});
  floor.push(performance.now() - t);
}
closeSync(fd);
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
console.log(`  position query after a 100-byte write (drain included): median ${us(median(query))}, p99 ${us(percentile(query, 0.99))}` +
  ` vs RPC round trip floor ${us(median(floor))}, ratio ${(median(query) / median(floor)).toFixed(2)} (${QUERIES} queries)`);

await raw.close();
await client.close();
await daemon.abort();
rmSync(root, { recursive: true, force: true });
