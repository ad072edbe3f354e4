/**
 * Measures how much of libvirt's own network, storage pool and storage volume XML test inputs
 * tsvirt round-trips as libvirt does: each file goes through the real test driver
 * (libvirt-python) and ours (network define + dump + undefine, pool define + dump + undefine,
 * volume create in a started pool + dump), and the script counts the files real libvirt accepts
 * whose dump we reproduce byte for byte; the differing files go to a JSON report.
 *
 *   node dist/scripts/measure-other-inputs.js net|pool|vol DIR [--pools POOLDIR] [--report FILE]
 *
 * Volumes are created in the pool libvirt's storagevolxml2xmltest pairs them with, read from
 * POOLDIR (libvirt's tests/storagepoolxml2xmlin). Networks are measured without the default
 * network, whose name most of libvirt's network inputs reuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, VirError, type Connect } from '../src/index.js';
import { printTally, runPythonOracle, takeOption, type Result } from './input-tally.js';

type Kind = 'net' | 'pool' | 'vol';
type Step = { kind: Kind; xml: string; pool?: string };

const ORACLE = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open('test:///default')
out = []
steps = json.load(sys.stdin)
if steps and steps[0]['kind'] == 'net':
    n = conn.networkLookupByName('default'); n.destroy(); n.undefine()
for step in steps:
    try:
        if step['kind'] == 'net':
            n = conn.networkDefineXML(step['xml'])
            out.append({'ok': n.XMLDesc(0)})
            n.undefine()
        elif step['kind'] == 'pool':
            p = conn.storagePoolDefineXML(step['xml'])
            out.append({'ok': p.XMLDesc(0)})
            p.undefine()
        else:
            p = conn.storagePoolCreateXML(step['pool'])
            try:
                out.append({'ok': p.createXML(step['xml']).XMLDesc(0)})
            finally:
                p.destroy()
    except libvirt.libvirtError as e:
        out.append({'error': e.get_error_message()})
json.dump(out, sys.stdout)
`;

function real(steps: Step[]): Result[] {
  return runPythonOracle(ORACLE, steps);
}

async function ourStep(conn: Connect, step: Step): Promise<string> {
  if (step.kind === 'net') {
    const n = await conn.networkDefineXML(step.xml);
    const xml = await n.xmlDesc(0);
    await n.undefine();
    return xml;
  }
  if (step.kind === 'pool') {
    const p = await conn.storagePoolDefineXML(step.xml);
    const xml = await p.xmlDesc(0);
    await p.undefine();
    return xml;
  }
  const p = await conn.storagePoolCreateXML(step.pool!);
  try {
    return await (await p.createXML(step.xml)).xmlDesc(0);
  } finally {
    await p.destroy();
  }
}

async function ours(steps: Step[]): Promise<Result[]> {
  const conn = await open('test:///default');
  if (steps[0]?.kind === 'net') {
    // libvirt's inputs mostly reuse the name of the default network
    const n = await conn.networkLookupByName('default');
    await n.destroy();
    await n.undefine();
  }
  const out: Result[] = [];
  for (const step of steps) {
    try {
      out.push({ ok: await ourStep(conn, step) });
    } catch (err) {
      if (!(err instanceof VirError)) throw err;
      out.push({ error: err.message });
    }
  }
  await conn.close();
  return out;
}

/** The pool file storagevolxml2xmltest uses for a volume file. */
function poolFileFor(volFile: string): string {
  if (volFile.includes('partition')) return 'pool-disk.xml';
  if (volFile.includes('logical')) return 'pool-logical.xml';
  if (volFile.includes('gluster')) return 'pool-gluster.xml';
  if (volFile.includes('sheepdog')) return 'pool-sheepdog.xml';
  return 'pool-dir.xml';
}

const args = process.argv.slice(2);
const reportFile = takeOption(args, '--report');
const poolDir = takeOption(args, '--pools');
const [kind, dir] = args as [Kind, string];
const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
const steps: Step[] = files.map((f) => ({
  kind,
  xml: readFileSync(join(dir, f), 'utf8'),
  pool: kind === 'vol' ? readFileSync(join(poolDir!, poolFileFor(f)), 'utf8') : undefined,
}));
printTally(files, real(steps), await ours(steps), reportFile);
