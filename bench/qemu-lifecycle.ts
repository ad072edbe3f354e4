/**
 * Start and destroy latency of one small guest (the test guest, TCG) in the same run under:
 *   - the floor: bare QEMU spawned, QMP connected, `cont` answered; then SIGTERM until it exits;
 *   - tsvirt: `conn.createXML()` / `dom.destroy()` on qemu:///embed, in process;
 *   - libvirt 9.0.0: libvirt-python's createXML / destroy on its own qemu:///embed (QEMU as root,
 *     logs to files, no security driver), timed inside Python.
 * Then 20 guests started concurrently (and destroyed) under tsvirt and bare.
 * Ratios are tsvirt / floor and libvirt / tsvirt (goals: start within 2x the floor, destroy 3x).
 *
 *   node dist/bench/qemu-lifecycle.js      (BENCH_ROUNDS=N, default 10)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from '../src/index.js';
import { testGuest } from '../test/drivers/qemu/guest/test-guest.js';
import { guestXml } from '../test/drivers/qemu/driver/guest-xml.js';
import { startBareQemu } from './qemu/floor.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 10;
const CONCURRENT = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, (performance.now() - t0) / 1000];
}

async function floorSide(dir: string): Promise<{ start: number[]; destroy: number[] }> {
  const guest = testGuest();
  const out = { start: [] as number[], destroy: [] as number[] };
  for (let i = 0; i <= ROUNDS; i++) {
    const [q, start] = await timed(() => startBareQemu(guest, dir, `floor${i}`, 256));
    const [, destroy] = await timed(() => q.kill());
    if (i > 0) {
      out.start.push(start);
      out.destroy.push(destroy);
    }
  }
  return out;
}

async function tsvirtSide(conn: v.Connect, dir: string): Promise<{ start: number[]; destroy: number[] }> {
  const xml = guestXml({ name: 'benchts', serialLog: join(dir, 'ts.serial') });
  const out = { start: [] as number[], destroy: [] as number[] };
  for (let i = 0; i <= ROUNDS; i++) {
    const [dom, start] = await timed(() => conn.createXML(xml, 0));
    const [, destroy] = await timed(() => dom.destroy());
    dom.free();
    if (i > 0) {
      out.start.push(start);
      out.destroy.push(destroy);
    }
  }
  return out;
}

function libvirtSide(dir: string): { start: number[]; destroy: number[] } | string {
  if (spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status !== 0) return 'python3-libvirt is not installed';
  const root = join(dir, 'libvirt');
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\nstdio_handler = "file"\nsecurity_driver = "none"\n');
  const xmlFile = join(dir, 'libvirt.xml');
  writeFileSync(xmlFile, guestXml({ name: 'benchlv', serialLog: join(dir, 'lv.serial') }));
  const script = join(projectRoot(), 'bench', 'qemu', 'libvirt-side.py');
  const run = spawnSync('/usr/bin/python3', [script, root, xmlFile, String(ROUNDS)], { encoding: 'utf8' });
  if (run.status !== 0) return `libvirt side failed: ${run.stderr.trim().split('\n').pop()}`;
  return JSON.parse(run.stdout) as { start: number[]; destroy: number[] };
}

async function concurrent(conn: v.Connect, dir: string): Promise<void> {
  const guest = testGuest();
  const names = Array.from({ length: CONCURRENT }, (_, i) => `conc${i}`);
  const [bare, bareStart] = await timed(() => Promise.all(names.map((n) => startBareQemu(guest, dir, `bare-${n}`, 128))));
  const [, bareStop] = await timed(() => Promise.all(bare.map((q) => q.kill())));
  const xmls = names.map((n) => guestXml({ name: n, serialLog: join(dir, `${n}.serial`), memoryMiB: 128 }));
  const [doms, tsStart] = await timed(() => Promise.all(xmls.map((x) => conn.createXML(x, 0))));
  const [, tsStop] = await timed(() => Promise.all(doms.map((d) => d.destroy())));
  doms.forEach((d) => d.free());
  console.log(`  ${CONCURRENT} guests at once: start ${ms(tsStart)} (bare ${ms(bareStart)}, ratio ${(tsStart / bareStart).toFixed(2)}), ` +
    `destroy ${ms(tsStop)} (bare ${ms(bareStop)}, ratio ${(tsStop / bareStop).toFixed(2)})`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsqb-'));
  const conn = await v.open(`qemu:///embed?root=${join(dir, 'tsvirt')}`);
  try {
    const floor = await floorSide(dir);
    const ts = await tsvirtSide(conn, dir);
    const lv = libvirtSide(dir);
    console.log(`qemu-lifecycle (${ROUNDS} rounds, medians; test guest under TCG)`);
    for (const what of ['start', 'destroy'] as const) {
      const f = median(floor[what]);
      const t = median(ts[what]);
      let line = `  ${what}: floor ${ms(f)}, tsvirt ${ms(t)} (tsvirt/floor ${(t / f).toFixed(2)})`;
      if (typeof lv === 'string') line += `; libvirt not measured: ${lv}`;
      else line += `, libvirt ${ms(median(lv[what]))} (libvirt/tsvirt ${(median(lv[what]) / t).toFixed(2)})`;
      console.log(line);
    }
    await concurrent(conn, dir);
  } finally {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
