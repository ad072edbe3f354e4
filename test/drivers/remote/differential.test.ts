// The remote driver against real daemons serving test:///default — libvirt 9.0.0's libvirtd and
// our tsvirtd: every corpus scenario gives the same results and errors through our client as
// through libvirt-python against the same daemon. And with no daemon: our test driver in this
// process against libvirt's in python's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fdCount, fdsBackTo, havePython, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from '../../daemon/harness.js';
import { SCENARIOS } from './corpus.js';
import { generatedScenario } from './generated.js';
import { runScenario } from './interpreter.js';
import { runOracle } from './oracle.js';
import { seedRange } from '../../seed-range.js';

const seeds = (): number[] => seedRange('TSVIRT_REMOTE_GEN_SEEDS', 12);
const GENERATED = seeds().map((seed) => generatedScenario(seed, Number(process.env.TSVIRT_REMOTE_GEN_LENGTH ?? 60)));

/** Where both clients connect: a daemon's socket, or (no daemon) test:///default in-process. */
const TARGETS: { name: string; start?: () => Promise<RunningDaemon>; skip: string | false }[] = [
  { name: 'libvirtd', start: () => startLibvirtd(), skip: libvirtdSkip },
  { name: 'tsvirtd', start: () => startTsvirtd(), skip: false },
  { name: 'no daemon (test:///default in each process)', skip: false },
];

for (const { name, start, skip } of TARGETS) {
  describe(`our API vs libvirt-python, ${start ? `remote driver against ${name}` : name}`, { skip: skip || (!havePython && 'needs python3-libvirt') }, () => {
    let daemon: RunningDaemon | undefined;
    let uri = 'test:///default';
    let idleFds = 0;
    before(async () => {
      if (!start) return;
      daemon = await start();
      uri = `test+unix:///default?socket=${daemon.socket}`;
      // a first client makes a daemon open what it keeps afterwards
      await runScenario(uri, { name: 'warm-up', steps: [['getType']] });
      await new Promise((r) => setTimeout(r, 300));
      idleFds = fdCount(daemon.pid);
    });
    // A daemon shares test:///default's state among its open connections: each run starts once
    // the daemon has let the previous client go, so it sees a fresh state.
    const settled = async () => { if (daemon) await fdsBackTo(daemon.pid, idleFds); };
    after(async () => { await daemon?.stop(); });

    it('read-only socket: the daemon refuses changes (tsvirtd)', { skip: name !== 'tsvirtd' && 'only tsvirtd has a read-only socket here' }, async () => {
      const roUri = `test+unix:///default?socket=${daemon!.readOnlySocket}`;
      const scenario = { ...SCENARIOS.find((s) => s.name === 'read-only connection denials')!, readOnly: false };
      const expected = runOracle(roUri, scenario);
      assert.deepEqual(await runScenario(roUri, scenario), expected);
      assert.match(JSON.stringify(expected), /read only access prevents virDomainSuspend/);
    });

    for (const scenario of [...SCENARIOS, ...GENERATED]) {
      it(scenario.name, async () => {
        await settled();
        const expected = runOracle(uri, scenario);
        await settled();
        const actual = await runScenario(uri, scenario);
        for (let i = 0; i < scenario.steps.length; i++) {
          assert.deepEqual(actual[i], expected[i], `step ${i} ${JSON.stringify(scenario.steps[i]).slice(0, 120)}`);
        }
      });
    }
  });
}
