/**
 * Measures how much of libvirt's own domain XML test inputs tsvirt round-trips as libvirt does:
 * each file is defined on the real test driver (libvirt-python) and on ours, dumped back and
 * undefined; the script counts the files real libvirt accepts whose dump we reproduce byte for
 * byte, and writes the differing files to a JSON report.
 *
 *   node dist/scripts/measure-domain-inputs.js DIR... [--report FILE]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, VirError } from '../src/index.js';

type Result = { ok: string } | { error: string };

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
  const r = spawnSync('/usr/bin/python3', ['-c', ORACLE], { input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result[];
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
const reportAt = args.indexOf('--report');
const reportFile = reportAt >= 0 ? args.splice(reportAt, 2)[1] : undefined;
const files = args.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => join(dir, f)));
const docs = files.map((f) => readFileSync(f, 'utf8'));
const [theirs, mine] = [real(docs), await ours(docs)];

const counts = { inputs: files.length, realAccepts: 0, identical: 0, differs: 0, weReject: 0, bothReject: 0, weAcceptRealRejects: 0 };
const report: { file: string; real: Result; ours: Result }[] = [];
files.forEach((file, i) => {
  const [r, o] = [theirs[i]!, mine[i]!];
  if ('ok' in r) {
    counts.realAccepts++;
    if ('ok' in o && o.ok === r.ok) counts.identical++;
    else {
      if ('ok' in o) counts.differs++; else counts.weReject++;
      report.push({ file, real: r, ours: o });
    }
  } else if ('ok' in o) {
    counts.weAcceptRealRejects++;
    report.push({ file, real: r, ours: o });
  } else counts.bothReject++;
});
console.log(JSON.stringify(counts));
if (reportFile) writeFileSync(reportFile, JSON.stringify(report, null, 1));
