// Snapshot list orders against libvirt 9.0.0's own test driver (libvirt-python, test:///default).
// libvirt keeps snapshots in a hash table with a per-process random seed, so a plain listing has
// no order to match (sorted on both sides here); but children live in linked lists, so child
// lists and topological walks come back in one order, which seeded random sequences of creates,
// reverts, deletes (all three modes) and reparenting redefines must reproduce step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as v from '../../../src/index.js';

const ORACLE = fileURLToPath(new URL('../../../../test/drivers/test/snapshot-order-oracle.py', import.meta.url));
const havePython = spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status === 0;
const skip = havePython ? false : 'needs libvirt-python';

const SEEDS = 200;
const STEPS = 40;

type Op =
  | { op: 'create' }
  | { op: 'revert'; k: number }
  | { op: 'delete'; k: number; flags: number }
  | { op: 'redefine'; k: number; j: number; flags: number };

interface Step { error: string | null; lists: unknown }

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly creates (so trees grow past a few levels), with reverts to branch them. */
function ops(seed: number): Op[] {
  const r = random(seed);
  const int = () => Math.floor(r() * 1000);
  const deleteFlags = [0, 0, 0, v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY];
  const redefineFlags = [v.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, v.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | v.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT];
  return Array.from({ length: STEPS }, (): Op => {
    const x = r();
    if (x < 0.4) return { op: 'create' };
    if (x < 0.6) return { op: 'revert', k: int() };
    if (x < 0.8) return { op: 'delete', k: int(), flags: deleteFlags[int() % deleteFlags.length]! };
    return { op: 'redefine', k: int(), j: int(), flags: redefineFlags[int() % 2]! };
  });
}

const TOPO = v.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL;
const DESC = v.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
const names = (xs: v.DomainSnapshot[]) => xs.map((s) => s.getName());
const pick = <T>(items: T[], k: number): T => items[k % items.length]!;

/** The same lists as the oracle's lists(), through our API. */
async function lists(dom: v.Domain): Promise<unknown> {
  const all = (await dom.snapshotListNames(0)).sort();
  const per = [];
  for (const name of all) {
    const snap = await dom.snapshotLookupByName(name);
    per.push([name, await snap.listChildrenNames(0), await snap.listChildrenNames(DESC),
      names(await snap.listAllChildren(DESC)), await snap.numChildren(0)]);
  }
  return {
    current: (await dom.hasCurrentSnapshot()) ? (await dom.snapshotCurrent()).getName() : null,
    roots: await dom.snapshotListNames(v.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS),
    topo: await dom.snapshotListNames(TOPO),
    topoAll: names(await dom.listAllSnapshots(TOPO)),
    topoLeaves: await dom.snapshotListNames(TOPO | v.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES),
    all,
    per,
  };
}

/** One operation, its target picked from the sorted names as the oracle picks it. */
async function apply(dom: v.Domain, op: Op, counter: number): Promise<number> {
  const all = (await dom.snapshotListNames(0)).sort();
  if (op.op === 'create' || all.length === 0) {
    await dom.snapshotCreateXML(`<domainsnapshot><name>s${counter}</name></domainsnapshot>`, 0);
    return counter + 1;
  }
  const target = await dom.snapshotLookupByName(pick(all, op.k));
  if (op.op === 'revert') await dom.revertToSnapshot(target, 0);
  else if (op.op === 'delete') await target.delete(op.flags);
  else {
    const below = new Set([...await target.listChildrenNames(DESC), target.getName()]);
    const parent = pick([...all.filter((n) => !below.has(n)), null], op.j);
    let xml = (await target.getXMLDesc(0)).replace(/<parent>\s*<name>[^<]*<\/name>\s*<\/parent>/, '');
    if (parent !== null) xml = xml.replace('</name>', `</name><parent><name>${parent}</name></parent>`);
    await dom.snapshotCreateXML(xml, op.flags);
  }
  return counter;
}

async function ours(conn: v.Connect, domain: string, sequence: Op[]): Promise<Step[]> {
  const dom = await conn.defineXML(`<domain type='test'><name>${domain}</name><memory>1024</memory><os><type>hvm</type></os></domain>`);
  let counter = 0;
  const out: Step[] = [];
  for (const op of sequence) {
    let error: string | null = null;
    try {
      counter = await apply(dom, op, counter);
    } catch (err) {
      if (!(err instanceof v.VirError)) throw err;
      error = err.message;
    }
    out.push({ error, lists: await lists(dom) });
  }
  return out;
}

test(`snapshot child lists and topological walks in libvirt's order (${SEEDS} seeds x ${STEPS} steps)`, { skip }, async () => {
  const seeds = Array.from({ length: SEEDS }, (_, i) => ({ domain: `order${i}`, ops: ops(i + 1) }));
  const run = spawnSync('/usr/bin/python3', [ORACLE], { input: JSON.stringify(seeds), encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
  assert.equal(run.stderr, '');
  const theirs = JSON.parse(run.stdout) as Step[][];
  const conn = await v.open('test:///default');
  try {
    for (const [i, seed] of seeds.entries()) {
      const mine = await ours(conn, seed.domain, seed.ops);
      mine.forEach((step, n) => assert.deepEqual(step, theirs[i]![n], `seed ${i + 1}, step ${n} (${JSON.stringify(seed.ops[n])})`));
    }
  } finally {
    await conn.close();
  }
});
