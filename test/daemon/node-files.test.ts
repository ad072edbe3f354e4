/**
 * Generated node files through the daemons: libvirtd and tsvirtd each open test+unix:///path/node.xml
 * for their client; real virsh against tsvirtd and tsvirsh through our remote driver must print
 * what real virsh prints against libvirtd. TSVIRSH_DAEMON_NODE_SEEDS=FROM-TO runs other seeds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runTsvirsh, runVirsh, type RunOptions, type Scenario } from '../cli/harness.js';
import { generatedNodeFileScenario } from '../cli/generated/node-files.js';
import { bothDaemons, haveVirsh, libvirtdSkip, type RunningDaemon } from './harness.js';
import { seedRange } from '../seed-range.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip;

const seeds = (): number[] => seedRange('TSVIRSH_DAEMON_NODE_SEEDS', 8);

// libvirtd runs as nobody: the session's directory must let it read the node file.
const varsOf = (d: RunningDaemon): RunOptions => ({ dirMode: 0o777, vars: { $SOCKET: d.socket } });

/** The scenario with its test:///path URI reaching the same file through a daemon's unix socket. */
const throughDaemon = (s: Scenario): Scenario => ({
  ...s, args: s.args.map((a) => (a === 'test://$DIR/node.xml' ? 'test+unix://$DIR/node.xml?socket=$SOCKET' : a)),
});

describe('generated node files through tsvirtd and libvirtd', { skip, concurrency: 2 }, () => {
  const daemons = bothDaemons(skip);
  for (const seed of seeds()) {
    const scenario = throughDaemon(generatedNodeFileScenario(seed));
    it(scenario.name, async () => {
      const [expected, viaVirsh, viaTsvirsh] = await Promise.all([
        runVirsh(scenario, varsOf(daemons.theirs), 30_000),
        runVirsh(scenario, varsOf(daemons.ours), 30_000),
        runTsvirsh(scenario, varsOf(daemons.ours)),
      ]);
      assert.deepEqual(viaVirsh, expected, `virsh against tsvirtd: ${scenario.files!['node.xml']}`);
      assert.deepEqual(viaTsvirsh, expected, `tsvirsh through the remote driver: ${scenario.files!['node.xml']}`);
    });
  }
});
