/** `help GROUP` finds a group by its name as well as its keyword, as virsh does (the listing itself is in tsvirsh's words). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TSVIRSH, haveVirsh } from './harness.js';

const run = (program: string[], topic: string): { status: number | null; first: string } => {
  const r = spawnSync(program[0]!, [...program.slice(1), 'help', topic], { encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C' } });
  return { status: r.status, first: r.stdout.split('\n')[0]! };
};

test('help by group name or keyword: the same group header as virsh', { skip: !haveVirsh && 'virsh is not installed' }, () => {
  for (const topic of ['Networking', 'network', 'Storage Pool', 'pool', 'Domain Management', 'monitor', 'Virsh itself', 'Snapshot']) {
    const ours = run([process.execPath, TSVIRSH], topic);
    assert.deepEqual(ours, run(['virsh'], topic), topic);
    assert.equal(ours.status, 0);
  }
});
