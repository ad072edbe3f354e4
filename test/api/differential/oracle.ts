/** The real side: oracle.py run by /usr/bin/python3 with libvirt-python on libvirt's test driver. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORDERED_CALLS, type Outcome, type Scenario } from './scenario.js';

const PYTHON = '/usr/bin/python3';

/** oracle.py stays in the source tree; this module runs from dist/test/api/differential/. */
function scriptPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return join(dir, 'test', 'api', 'differential', 'oracle.py');
}

/** Why the real side cannot run here, or null when it can. */
export function oracleUnavailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const probe = spawnSync(PYTHON, ['-c', 'import libvirt'], { stdio: 'ignore' });
  return probe.status === 0 ? null : `${PYTHON} cannot import libvirt`;
}

/** Run every scenario in one Python process, each on its own fresh connection. */
export function runOracle(scenarios: readonly Scenario[]): Outcome[][] {
  const run = spawnSync(PYTHON, [scriptPath()], {
    input: JSON.stringify({ ordered: ORDERED_CALLS, scenarios }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`oracle.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Outcome[][];
}
