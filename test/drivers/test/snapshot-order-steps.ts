// Seeded snapshot operations and the lists they are judged by, run through our API; the same
// operations run through libvirt-python by snapshot-order-oracle.py. libvirt keeps snapshots in a
// hash table with a per-process random seed, so a plain listing has no order to match (sorted on
// both sides); children live in linked lists, so child lists and topological walks have one order.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as v from '../../../src/index.js';
import { Rng } from '../../cli/generated/rng.js';

const ORACLE = fileURLToPath(new URL('../../../../test/drivers/test/snapshot-order-oracle.py', import.meta.url));

export const havePython = spawnSync('/usr/bin/python3', ['-c', 'import libvirt']).status === 0;

/** One seed's operations on a domain of its own (so all seeds can share one connection). */
export interface Seed { domain: string; ops: Op[] }

export const seeds = (count: number, first = 1): Seed[] =>
  Array.from({ length: count }, (_, i) => ({ domain: `order${first + i}`, ops: ops(first + i) }));

/** The oracle's steps for every seed, through libvirt-python on `uri` (in process by default). */
export function oracle(list: Seed[], uri?: string): Step[][] {
  const run = spawnSync('/usr/bin/python3', [ORACLE, ...(uri ? [uri] : [])],
    { input: JSON.stringify(list), encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
  // stderr may carry libvirt's warnings (a redefinition without its domain is logged).
  if (run.status !== 0) throw new Error(`oracle failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Step[][];
}

/** Every seed through our API on `conn`, compared step by step with `theirs`. */
export async function compare(conn: v.Connect, list: Seed[], theirs: Step[][], equal: (a: unknown, b: unknown, msg: string) => void): Promise<void> {
  for (const [i, seed] of list.entries()) {
    const mine = await ours(conn, seed.domain, seed.ops);
    mine.forEach((step, n) => equal(step, theirs[i]![n], `${seed.domain}, step ${n} (${JSON.stringify(seed.ops[n])})`));
  }
}

export type Op =
  | { op: 'create' }
  | { op: 'revert'; k: number }
  | { op: 'delete'; k: number; flags: number }
  | { op: 'redefine'; k: number; j: number; flags: number; bare: boolean };

export interface Step { error: string | null; lists: unknown }

/** Mostly creates (so trees grow past a few levels), with reverts to branch them. */
export function ops(seed: number, steps = 40): Op[] {
  const rng = new Rng(seed);
  const int = () => rng.int(0, 999);
  const deleteFlags = [0, 0, 0, v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN, v.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY];
  const redefineFlags = [v.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, v.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | v.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT];
  return Array.from({ length: steps }, (): Op => {
    const x = rng.next();
    if (x < 0.4) return { op: 'create' };
    if (x < 0.6) return { op: 'revert', k: int() };
    if (x < 0.8) return { op: 'delete', k: int(), flags: rng.pick(deleteFlags) };
    return { op: 'redefine', k: int(), j: int(), flags: rng.pick(redefineFlags), bare: rng.chance(0.3) };
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
    // Without its domain: libvirt keeps the one the snapshot had, so a later revert still works.
    if (op.bare) xml = xml.replace(/<domain[ >].*<\/domain>/s, '');
    if (parent !== null) xml = xml.replace('</name>', `</name><parent><name>${parent}</name></parent>`);
    await dom.snapshotCreateXML(xml, op.flags);
  }
  return counter;
}

export async function ours(conn: v.Connect, domain: string, sequence: Op[]): Promise<Step[]> {
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
