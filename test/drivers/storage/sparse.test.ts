/**
 * Sparse volume streams (VIR_STORAGE_VOL_{UP,DOWN}LOAD_SPARSE_STREAM) against libvirt 9.0.0: the
 * same steps through libvirtd (a session daemon as nobody) and through tsvirtd (qemu:///session in
 * temporary XDG directories), each with a dir pool on the same file system holding volumes of the
 * same layout. libvirt-python's recvFlags(STOP_AT_HOLE)/recvHole sees the same data and hole
 * segments, sparseSendAll leaves the same allocation and holes (st_blocks, SEEK_DATA/SEEK_HOLE by
 * Python's os.lseek), virsh vol-download/vol-upload --sparse give the same output and layouts, and
 * tsvirsh does what virsh does; refused hole calls give libvirt's errors and change nothing. Our
 * own client (the library through the remote driver) repeats libvirt-python's steps through both
 * daemons and must print what libvirt-python prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import {
  STREAM_AT_HOLE, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, VIR_STREAM_RECV_STOP_AT_HOLE,
  isVirError, open, type StorageVol,
} from '../../../src/index.js';
import { canFindHoles } from '../../../src/util/file-layout.js';
import { connect } from 'node:net';
import { RpcConnection } from '../../../src/rpc/connection.js';
import { MessageStatus, MessageType } from '../../../src/rpc/packet.js';
import { procedures as P, remoteProgram } from '../../../src/rpc/protocol/remote.js';
import { TSVIRSH } from '../../cli/harness.js';
import { havePython, haveVirsh, libvirtdSkip } from '../../daemon/harness.js';
import { startStorageSides, type Side } from './daemon-sides.js';

const skip = !haveVirsh ? 'needs virsh' : !havePython ? 'needs libvirt-python' : libvirtdSkip;
const CLIENT = fileURLToPath(new URL('../../../../test/drivers/storage/sparse-client.py', import.meta.url));
const KiB = 1024;
const MiB = 1024 * KiB;

const sides: Side[] = [];
const tsRoot = mkdtempSync(join(tmpdir(), 'tssparse-'));

interface Run { status: number | null; stdout: string; stderr: string }
function run(cmd: string, args: string[], cwd: string): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: cwd, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const virsh = (side: Side, ...args: string[]) => run('virsh', ['-c', side.uri, ...args], side.work);
const tsvirsh = (side: Side, ...args: string[]) => run(process.execPath, [TSVIRSH, '-c', side.uri, ...args], side.work);

function client(side: Side, ...args: string[]): unknown {
  const r = run('/usr/bin/python3', [CLIENT, side.uri, 'images', ...args], side.work);
  assert.equal(r.status, 0, `${side.name}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

interface Layout { size: number; blocks: number; sections: [string, number][] }
function layout(path: string): Layout {
  const r = run('/usr/bin/python3', [CLIENT, '-', '-', 'layout', path], tmpdir());
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Layout;
}

/** A file of `size` bytes with data only at `extents` ([offset, bytes]): everything else a hole. */
function writeSparse(path: string, size: number, extents: [number, Buffer][]): void {
  const fd = openSync(path, 'w');
  try {
    for (const [offset, data] of extents) writeSync(fd, data, 0, data.length, offset);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

// data, a hole, data longer than one packet, a hole, a little data, a trailing hole
const EXTENTS: [number, Buffer][] = [[0, randomBytes(64 * KiB)], [2 * MiB, randomBytes(300 * KiB + 12)], [6 * MiB, randomBytes(4 * KiB)]];
const SIZE = 8 * MiB;
const UPLOAD: [number, Buffer][] = [[MiB, randomBytes(128 * KiB)], [3 * MiB, randomBytes(700 * KiB)]];

test.before(async () => {
  if (skip) return;
  sides.push(...await startStorageSides(tsRoot));
  for (const side of sides) {
    spawnSync('chmod', ['-R', 'a+rwX', side.work]);
    writeFileSync(join(side.work, 'pool.xml'), `<pool type='dir'><name>images</name><target><path>${side.pool}</path></target></pool>`);
    for (const args of [['pool-define', 'pool.xml'], ['pool-build', 'images'], ['pool-start', 'images'],
      ['vol-create-as', 'images', 'holey.img', '8M', '--allocation', '0'], ['vol-create-as', 'images', 'up.img', '8M', '--allocation', '0'],
      ['vol-create-as', 'images', 'full.img', '8M']]) {
      const r = virsh(side, ...args);
      assert.equal(r.status, 0, `${side.name} ${args.join(' ')}: ${r.stderr}`);
    }
    writeSparse(join(side.pool, 'holey.img'), SIZE, EXTENTS);
    writeSparse(join(side.work, 'local.img'), 5 * MiB, UPLOAD);
    spawnSync('chmod', ['-R', 'a+rwX', side.work]);
  }
});
test.after(async () => {
  for (const side of sides) await side.daemon.stop();
  rmSync(tsRoot, { recursive: true, force: true });
});

/** The step's result on each side: tsvirtd's must equal libvirtd's. */
function both<T>(step: (side: Side) => T, what: string): T {
  const [theirs, ours] = sides.map(step);
  assert.deepEqual(ours, theirs, what);
  return theirs!;
}

test('libvirt-python sparse download: the same data and hole segments from tsvirtd as from libvirtd', { skip }, (t) => {
  const expected = both((side) => layout(join(side.pool, 'holey.img')), 'the two volumes are laid out alike');
  assert.ok(expected.sections.some(([kind]) => kind === 'hole'), 'the file system keeps holes');
  if (!canFindHoles()) {
    t.skip('SEEK_DATA/SEEK_HOLE need the native helper, which is not built: tsvirtd sends the whole file as data');
    return;
  }
  const [segments] = both((side) => client(side, 'download', 'holey.img'), 'whole volume') as [string, number][][];
  assert.deepEqual(segments!.map(([kind, n]) => [kind, n]), expected.sections);
  both((side) => client(side, 'download', 'holey.img', String(32 * KiB), String(3 * MiB)), 'offset 32 KiB, 3 MiB');
  both((side) => client(side, 'download', 'holey.img', String(100 * KiB), '0'), 'from inside a hole to the end');
});

test('libvirt-python sparseSendAll: tsvirtd leaves the same allocation and holes as libvirtd', { skip }, () => {
  both((side) => client(side, 'upload', 'up.img', join(side.work, 'local.img')), 'upload');
  const up = both((side) => layout(join(side.pool, 'up.img')), 'the uploaded volume');
  assert.deepEqual(up, layout(join(sides[0]!.work, 'local.img')), 'the volume is laid out as the local file');
  both((side) => readFileSync(join(side.pool, 'up.img')).equals(readFileSync(join(side.work, 'local.img'))), 'same bytes');
  // into an allocated volume: each hole seeks and truncates there, as libvirt's fd stream does
  both((side) => client(side, 'upload', 'full.img', join(side.work, 'local.img')), 'upload into an allocated volume');
  // (where the old allocation lies beyond SEEK_DATA's sight, page cache decides: compare blocks)
  both((side) => { const { size, blocks } = layout(join(side.pool, 'full.img')); return { size, blocks }; }, 'the allocated volume after a sparse upload');
  both((side) => readFileSync(join(side.pool, 'full.img')).equals(readFileSync(join(side.work, 'local.img'))), 'same bytes');
});

test('virsh vol-download / vol-upload --sparse: same output and layouts through tsvirtd; tsvirsh as virsh', { skip }, (t) => {
  const steps = (cli: typeof virsh, side: Side) => {
    const down = cli(side, 'vol-download', '--pool', 'images', 'holey.img', 'down.img', '--sparse');
    const up = cli(side, 'vol-upload', '--pool', 'images', 'up.img', 'local.img', '--sparse');
    return {
      down, up, downLayout: layout(join(side.work, 'down.img')), upLayout: layout(join(side.pool, 'up.img')),
      bytes: readFileSync(join(side.work, 'down.img')).equals(readFileSync(join(side.pool, 'holey.img')))
        && readFileSync(join(side.work, 'local.img')).equals(readFileSync(join(side.pool, 'up.img'))),
    };
  };
  const downLayouts: Layout[] = [];
  const theirs = both((side) => {
    const { downLayout, ...rest } = steps(virsh, side);
    downLayouts.push(downLayout);
    return rest;
  }, 'virsh through each daemon');
  const downLayout = downLayouts[0]!;
  assert.equal(theirs.down.status, 0, theirs.down.stderr);
  assert.ok(theirs.bytes);
  const ours = steps(tsvirsh, sides[0]!);
  assert.deepEqual([ours.down, ours.up, ours.bytes], [theirs.down, theirs.up, theirs.bytes], 'tsvirsh against libvirtd as virsh');
  assert.deepEqual(ours.downLayout, downLayout, 'tsvirsh makes the holes libvirtd sends');
  if (!canFindHoles()) {
    t.skip('SEEK_DATA/SEEK_HOLE need the native helper: layouts of files tsvirsh and tsvirtd read not compared');
    return;
  }
  assert.deepEqual(ours.upLayout, theirs.upLayout, 'tsvirsh sends the local file\'s holes as virsh');
  assert.deepEqual(downLayouts[1], downLayout, 'virsh through tsvirtd: the downloaded file laid out as through libvirtd');
});

test('hole calls libvirt refuses: the same errors from tsvirtd as from libvirtd, the volume unchanged', { skip }, () => {
  const before = both((side) => layout(join(side.pool, 'holey.img')), 'before');
  both((side) => client(side, 'errors', 'holey.img'), 'refused hole calls');
  assert.deepEqual(layout(join(sides[1]!.pool, 'holey.img')), before);
});

/** sparse-client.py's `download` and `errors` steps with our library, printing the same JSON. */
async function ourClient(side: Side, step: 'download' | 'errors', ...args: string[]): Promise<unknown> {
  const conn = await open(side.uri);
  try {
    const vol = await (await conn.storagePoolLookupByName('images')).storageVolLookupByName('holey.img');
    return step === 'download' ? [await ourDownload(conn.newStream(), vol, args)] : await ourErrors(conn, vol);
  } finally {
    await conn.close();
  }
}

async function ourDownload(st: ReturnType<Awaited<ReturnType<typeof open>>['newStream']>, vol: StorageVol, args: string[]): Promise<unknown> {
  await vol.download(st, BigInt(args[0] ?? 0), BigInt(args[1] ?? 0), VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
  const segments: (['hole', number] | ['data', number, ReturnType<typeof createHash>])[] = [];
  for (;;) {
    const got = await st.recvFlags(256 * KiB, VIR_STREAM_RECV_STOP_AT_HOLE);
    if (got === STREAM_AT_HOLE) {
      segments.push(['hole', Number(await st.recvHole())]);
      continue;
    }
    if (got.length === 0) break;
    const last = segments.at(-1);
    if (last?.[0] === 'data') {
      last[1] += got.length;
      last[2].update(got);
    } else {
      segments.push(['data', got.length, createHash('sha256').update(got)]);
    }
  }
  await st.finish();
  return segments.map((seg) => (seg[0] === 'data' ? [seg[0], seg[1], seg[2].digest('hex')] : seg));
}

async function ourErrors(conn: Awaited<ReturnType<typeof open>>, vol: StorageVol): Promise<unknown[]> {
  const out: unknown[] = [];
  const outcome = async (step: string, call: () => Promise<unknown>) => {
    try {
      const r = await call();
      out.push({ step, ok: typeof r === 'bigint' ? Number(r) : r ?? 0 });
    } catch (err) {
      if (!isVirError(err)) throw err;
      out.push({ step, error: [err.code, err.domain, err.message] });
    }
  };
  let st = conn.newStream();
  await vol.download(st, 0n, 4096n, 0);
  await outcome('recvHole on a plain download', () => st.recvHole());
  await outcome('recvFlags with an unknown flag', () => st.recvFlags(16, 2));
  await outcome('recvHole with a flag', () => st.recvHole(1));
  await outcome('recvFlags STOP_AT_HOLE on a plain download', async () => ((await st.recvFlags(4096, VIR_STREAM_RECV_STOP_AT_HOLE)) as Buffer).length);
  await st.abort();
  st = conn.newStream();
  await vol.upload(st, 0n, 0n, 0);
  await outcome('sendHole on a plain upload', () => st.sendHole(4096));
  await st.abort();
  for (const [step, length, flags] of [['negative', -4096, 0], ['zero', 0, 0], ['flagged', 4096, 1]] as const) {
    const up = conn.newStream();
    await vol.upload(up, 0n, 0n, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
    await outcome(`sendHole ${step}`, () => up.sendHole(length, flags));
    await outcome(`finish after the ${step} hole`, () => up.finish());
  }
  st = conn.newStream();
  await vol.download(st, 0n, 0n, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
  await outcome('recvHole before any hole', () => st.recvHole());
  await st.abort();
  await outcome('vol info after the refused holes', async () => {
    const { type, capacity, allocation } = await vol.info();
    return `[${type}, ${capacity}, ${allocation}]`;
  });
  return out;
}

test('our client through libvirtd and tsvirtd: what libvirt-python gets (segments, refused hole calls)', { skip }, async () => {
  for (const side of sides) {
    assert.deepEqual(await ourClient(side, 'errors'), client(side, 'errors', 'holey.img'), `${side.name}: refused hole calls`);
    for (const args of [[], [String(32 * KiB), String(3 * MiB)]]) {
      assert.deepEqual(await ourClient(side, 'download', ...args), client(side, 'download', 'holey.img', ...args), `${side.name}: download ${args.join(' ')}`);
    }
  }
});

/**
 * A hostile client on our RPC core: a STREAM_HOLE on an upload, either well formed on an upload
 * opened without the sparse flag, or cut short (3 bytes) on a sparse one. Resolves with whether the
 * daemon dropped the connection (and the next step's answer if not).
 */
async function hostileHole(side: Side, kind: 'on a plain upload' | 'malformed'): Promise<string> {
  const socket = connect(side.daemon.socket);
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  const rpc = new RpcConnection(socket);
  try {
    await rpc.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'qemu:///session', flags: 0 });
    const { pool } = await rpc.invoke(remoteProgram, P.STORAGE_POOL_LOOKUP_BY_NAME, { name: 'images' });
    const { vol } = await rpc.invoke(remoteProgram, P.STORAGE_VOL_LOOKUP_BY_NAME, { pool, name: 'holey.img' });
    const serial = rpc.nextSerial();
    const proc = P.STORAGE_VOL_UPLOAD.number;
    const stream = rpc.openStream(remoteProgram.number, remoteProgram.version, proc, serial);
    const flags = kind === 'malformed' ? 1 : 0; // VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM
    await rpc.invoke(remoteProgram, P.STORAGE_VOL_UPLOAD, { vol, offset: 0n, length: 0n, flags }, { serial });
    const closed = new Promise<string>((resolve) => rpc.once('close', () => resolve('connection dropped')));
    if (kind === 'malformed') {
      const header = { prog: remoteProgram.number, vers: remoteProgram.version, proc, type: MessageType.STREAM_HOLE, serial, status: MessageStatus.CONTINUE };
      rpc.sendPacket(header, Buffer.from([0, 0, 16]));
    } else {
      stream.writeHole(4096n);
    }
    const next = rpc.invoke(remoteProgram, P.CONNECT_GET_LIB_VERSION, undefined).then(() => 'still served', () => 'connection dropped');
    return await Promise.race([closed, next]);
  } finally {
    rpc.destroy();
  }
}

test('a hole on a stream not opened sparse, or one cut short: both daemons drop the client, the volume unchanged', { skip }, async () => {
  const before = both((side) => layout(join(side.pool, 'holey.img')), 'before');
  for (const side of sides) {
    assert.equal(await hostileHole(side, 'on a plain upload'), 'connection dropped', side.name);
    assert.equal(await hostileHole(side, 'malformed'), 'connection dropped', `${side.name}, malformed`);
  }
  assert.deepEqual(layout(join(sides[1]!.pool, 'holey.img')), before);
  assert.deepEqual(await ourClient(sides[1]!, 'download'), client(sides[1]!, 'download', 'holey.img'), 'tsvirtd still serves');
});
