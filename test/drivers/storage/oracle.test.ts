/**
 * Differential test against libvirt's own storage driver: real virsh runs one script of pool and
 * volume commands against libvirt 9.0.0's libvirtd (a session daemon as nobody) and against
 * tsvirtd (qemu:///session in temporary XDG directories), each with its own pool directory on
 * the same file system. Outputs must be equal once the pool path, owners, timestamps and the
 * file system's moving free-space numbers are normalised; uploaded and downloaded bytes too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveVirsh, libvirtdSkip } from '../../daemon/harness.js';
import { startStorageSides, type Side } from './daemon-sides.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip;
const UUID = '4b1e5b2c-3f6a-4d8e-9c0b-2a7f1e6d5c4b';

const sides: Side[] = [];
// as long as libvirtd's directory name (harness: 'libvirtd-XXXXXX'), so tables come out as wide
const tsRoot = mkdtempSync(join(tmpdir(), 'tsvirtdo-'));

function virsh(side: Side, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('virsh', ['-c', side.uri, ...args], { cwd: side.work, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: side.work, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What differs between two hosts' runs of the same steps: paths, ids, times, free space. */
function normalise(side: Side, text: string, poolSizes: boolean): string {
  let t = text.split(side.pool).join('POOL')
    .replace(/<(owner|group)>\d+<\//g, '<$1>ID</')
    .replace(/<([amcb]time)>[\d.]+<\//g, '<$1>T</');
  if (poolSizes) {
    t = t.replace(/<(allocation|available) unit='bytes'>\d+</g, "<$1 unit='bytes'>N<")
      .replace(/^(Allocation|Available):( +)[\d.]+ \w+$/gm, '$1:$2N')
      .replace(/^( p1 +\w+ +\w+ +\w+ +[\d.]+ \w+ +)[\d.]+ \w+( +)[\d.]+ \w+/gm, '$1N$2N');
  }
  return t;
}

test.before(async () => {
  if (skip) return;
  sides.push(...await startStorageSides(tsRoot));
  const data = randomBytes(3 * 1024 * 1024 + 5);
  for (const side of sides) {
    writeFileSync(join(side.work, 'pool.xml'), `<pool type='dir'><name>p1</name><uuid>${UUID}</uuid><target><path>${side.pool}</path></target></pool>`);
    writeFileSync(join(side.work, 'up.bin'), data);
    writeFileSync(join(side.work, 'small.bin'), data.subarray(0, 1000));
    spawnSync('chmod', ['-R', 'a+rwX', side.work]);
  }
});
test.after(async () => {
  for (const side of sides) await side.daemon.stop();
  rmSync(tsRoot, { recursive: true, force: true });
});

/** [command line, whether its output carries the pool's free-space numbers] */
const SCRIPT: [string[], boolean][] = [
  [['pool-define', 'pool.xml'], false],
  [['pool-start', 'p1'], false],
  [['pool-build', 'p1', '--overwrite', '--no-overwrite'], false],
  [['pool-build', 'p1'], false],
  [['pool-start', 'p1'], false],
  [['pool-start', 'p1'], false],
  [['pool-info', 'p1'], true],
  [['pool-dumpxml', 'p1'], true],
  [['pool-dumpxml', '--inactive', 'p1'], true],
  [['pool-list', '--all', '--details'], true],
  [['vol-create-as', 'p1', 'a.img', '10M'], false],
  [['vol-create-as', 'p1', 's.img', '10M', '--allocation', '0'], false],
  [['vol-create-as', 'p1', 'q.qcow2', '20M', '--format', 'qcow2'], false],
  [['vol-create-as', 'p1', 'a.img', '1M'], false],
  [['vol-create-as', 'p1', 'x/y', '1M'], false],
  [['vol-list', 'p1', '--details'], false],
  [['vol-info', '--pool', 'p1', 'a.img'], false],
  [['vol-info', '--pool', 'p1', 's.img'], false],
  [['vol-dumpxml', '--pool', 'p1', 'a.img'], false],
  [['vol-dumpxml', '--pool', 'p1', 's.img'], false],
  [['vol-dumpxml', '--pool', 'p1', 'q.qcow2'], false],
  [['vol-upload', '--pool', 'p1', 'a.img', 'up.bin'], false],
  [['vol-download', '--pool', 'p1', 'a.img', 'down.bin', '--length', String(3 * 1024 * 1024 + 5)], false],
  [['vol-upload', '--pool', 'p1', 's.img', 'small.bin', '--offset', '9000000'], false],
  [['vol-upload', '--pool', 'p1', 's.img', 'up.bin', '--offset', '9000000'], false],
  [['vol-info', '--pool', 'p1', 's.img'], false],
  [['vol-upload', '--pool', 'p1', 'nosuch', 'up.bin'], false],
  [['vol-info', '--pool', 'nosuch', 'a.img'], false],
  [['vol-info', '/nope/x'], false],
  [['vol-info', '/nope//x/'], false],
  [['vol-info', '--physical', '--pool', 'p1', 'q.qcow2'], false],
  [['vol-info', '--physical', '--bytes', '--pool', 'p1', 's.img'], false],
  [['vol-resize', '--pool', 'p1', 'q.qcow2', '40M'], false],
  [['vol-info', '--pool', 'p1', 'q.qcow2'], false],
  [['vol-resize', '--pool', 'p1', 'a.img', '30M'], false],
  [['vol-resize', '--pool', 'p1', 'a.img', '1M'], false],
  [['vol-resize', '--pool', 'p1', 'a.img', '1M', '--shrink'], false],
  [['vol-resize', '--pool', 'p1', 'a.img', '--', '-1M'], false],
  [['vol-info', '--pool', 'p1', 'a.img'], false],
  [['vol-wipe', '--pool', 'p1', 's.img'], false],
  [['vol-info', '--pool', 'p1', 's.img'], false],
  [['vol-clone', '--pool', 'p1', 'a.img', 'c.img'], false],
  [['vol-dumpxml', '--pool', 'p1', 'c.img'], false],
  [['vol-clone', '--pool', 'p1', 'q.qcow2', 'c.qcow2'], false],
  [['vol-info', '--pool', 'p1', 'c.qcow2'], false],
  [['vol-delete', '--pool', 'p1', 'c.qcow2'], false],
  [['vol-delete', '--pool', 'p1', 'c.qcow2'], false],
  [['pool-refresh', 'p1'], false],
  [['vol-list', 'p1', '--details'], false],
  [['vol-dumpxml', '--pool', 'p1', 'q.qcow2'], false],
  [['vol-path', '--pool', 'p1', 'q.qcow2'], false],
  [['pool-undefine', 'p1'], false],
  [['pool-delete', 'p1'], false],
  [['pool-destroy', 'p1'], false],
  [['pool-create', 'pool.xml'], false],
  [['pool-info', 'p1'], true],
  [['pool-destroy', 'p1'], false],
  [['pool-info', 'p1'], false],
  [['vol-list', 'p1'], false],
  [['vol-info', '--pool', 'p1', 'a.img'], false],
  [['pool-autostart', 'p1'], false],
  [['pool-list', '--all', '--details'], false],
  [['pool-delete', 'p1'], false],
  [['pool-undefine', 'p1'], false],
  [['pool-info', 'p1'], false],
];

test('virsh against libvirtd and against tsvirtd: the same outputs for one storage script', { skip }, () => {
  const differences: string[] = [];
  for (const [args, poolSizes] of SCRIPT) {
    const [a, b] = sides.map((side) => {
      const r = virsh(side, args);
      return { status: r.status, stdout: normalise(side, r.stdout, poolSizes), stderr: normalise(side, r.stderr, poolSizes) };
    });
    try {
      assert.deepEqual(b, a);
    } catch (err) {
      differences.push(`virsh ${args.join(' ')}\n${(err as Error).message}`);
    }
  }
  const sha = (side: Side) => createHash('sha256').update(readFileSync(join(side.work, 'down.bin'))).digest('hex');
  assert.equal(sha(sides[1]!), sha(sides[0]!), 'downloaded bytes');
  assert.deepEqual(differences, []);
});
