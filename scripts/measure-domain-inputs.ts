/**
 * Measures how much of libvirt's own domain XML test inputs tsvirt round-trips as libvirt does:
 * each file is defined on the real test driver (libvirt-python) and on ours, dumped back and
 * undefined; the script counts the files real libvirt accepts whose dump we reproduce byte for
 * byte, and writes the differing files to a JSON report.
 *
 *   node dist/scripts/measure-domain-inputs.js DIR... [--report FILE]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, VirError } from '../src/index.js';
import { printTally, runPythonOracle, takeOption, type Result } from './input-tally.js';

const ORACLE = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open('test:///default')
out = []
for xml in json.load(sys.stdin):
    try:
        d = conn.defineXML(xml)
        out.append({'ok': d.XMLDesc(0)})
        d.undefine()
    except libvirt.libvirtError as e:
        out.append({'error': e.get_error_message()})
json.dump(out, sys.stdout)
`;

function real(docs: string[]): Result[] {
  return runPythonOracle(ORACLE, docs);
}

async function ours(docs: string[]): Promise<Result[]> {
  const conn = await open('test:///default');
  const out: Result[] = [];
  for (const xml of docs) {
    try {
      const d = await conn.defineXML(xml);
      out.push({ ok: await d.xmlDesc(0) });
      await d.undefine();
    } catch (err) {
      if (!(err instanceof VirError)) throw err;
      out.push({ error: err.message });
    }
  }
  await conn.close();
  return out;
}

const args = process.argv.slice(2);
const reportFile = takeOption(args, '--report');
const files = args.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => join(dir, f)));
const docs = files.map((f) => readFileSync(f, 'utf8'));
printTally(files, real(docs), await ours(docs), reportFile);
