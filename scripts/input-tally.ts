/**
 * What the measure-*-inputs scripts share: running a python oracle over JSON, and tallying real
 * libvirt's results against ours file by file.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** One file's outcome: the dumped XML, or the error message. */
export type Result = { ok: string } | { error: string };

/** Run a python script with libvirt-python, JSON in on stdin, JSON out on stdout. */
export function runPythonOracle(script: string, input: unknown): Result[] {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result[];
}

/** Remove `--name VALUE` from the arguments and return VALUE. */
export function takeOption(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}

/**
 * Count the files real libvirt accepts and whose dump we reproduce, print the counts as JSON and
 * write the files that differ (in output or in error text) to `reportFile` when given.
 */
export function printTally(files: string[], theirs: Result[], mine: Result[], reportFile?: string): void {
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
    } else {
      counts.bothReject++;
      if (o.error !== r.error) report.push({ file, real: r, ours: o });
    }
  });
  console.log(JSON.stringify(counts));
  if (reportFile) writeFileSync(reportFile, JSON.stringify(report, null, 1));
}
