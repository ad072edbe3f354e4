/** Runs a corpus scenario through libvirt-python (oracle.py) against the same daemon. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './corpus.js';

// oracle.py stays in the source tree (tsc copies only .ts): dist/test/drivers/remote -> test/drivers/remote
const ORACLE = fileURLToPath(new URL('../../../../test/drivers/remote/oracle.py', import.meta.url));

export function runOracle(uri: string, scenario: Scenario): unknown[] {
  const r = spawnSync('/usr/bin/python3', [ORACLE], {
    input: JSON.stringify({ uri, readOnly: scenario.readOnly ?? false, steps: scenario.steps }), encoding: 'utf8', timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`oracle.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[];
}
