/**
 * Generated virsh sessions through the daemons (fixed seeds; TSVIRSH_DAEMON_SEEDS=FROM-TO and
 * TSVIRSH_DAEMON_LENGTH run others when hunting; TSVIRSH_DAEMON_TRANSPORT=unix|tcp|tls picks one
 * transport for all of them). The sessions of the tsvirsh generated differential, reaching the test
 * driver through a daemon: real virsh against tsvirtd and tsvirsh through our remote driver against
 * tsvirtd must print what real virsh prints against libvirt's libvirtd, over unix sockets, TCP or
 * TLS (a PKI made by openssl).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTsvirsh, runVirsh, type RunOptions } from '../cli/harness.js';
import { generatedScenario } from '../cli/generated/sequence.js';
import { QEMU_LXC_COMMANDS } from '../cli/generated/commands.js';
import { makePki } from '../drivers/remote/pki.js';
import { freePort, haveVirsh, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from './harness.js';
import { seedRange } from '../seed-range.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip || (spawnSync('openssl', ['version']).status !== 0 && 'needs openssl');

type Transport = 'unix' | 'tcp' | 'tls';

const seeds = (): number[] => seedRange('TSVIRSH_DAEMON_SEEDS', 40);
const length = Number(process.env.TSVIRSH_DAEMON_LENGTH ?? 30);
/** Half the seeds over unix sockets, a quarter each over TCP and TLS, unless one transport is asked for. */
const transportOf = (seed: number): Transport =>
  (process.env.TSVIRSH_DAEMON_TRANSPORT as Transport | undefined) ?? (['unix', 'tcp', 'unix', 'tls'] as const)[seed % 4]!;

/** Where a transport reaches the test driver's `path`; the daemon's own socket and ports are placeholders. */
function uriFor(transport: Transport, pki: string): (path: string) => string {
  if (transport === 'unix') return (path) => `test+unix://${path}?socket=$SOCKET`;
  if (transport === 'tcp') return (path) => `test+tcp://$TCP${path}`;
  return (path) => `test+tls://$TLS${path}?pkipath=${pki}`;
}

interface Listening { daemon: RunningDaemon; tcp: number; tls: number }

const listenConf = (pki: string, tcp: number, tls: number): string =>
  `listen_tcp = 1\nlisten_tls = 1\ntcp_port = "${tcp}"\ntls_port = "${tls}"\nlisten_addr = "127.0.0.1"\nauth_tcp = "none"\nauth_tls = "none"\n`
  + `key_file = "${pki}/serverkey.pem"\ncert_file = "${pki}/servercert.pem"\nca_file = "${pki}/cacert.pem"\n`;

/** The placeholders of one daemon: its unix socket and its TCP and TLS addresses. */
const varsOf = (d: Listening): RunOptions => ({
  // libvirtd runs as nobody: it writes save files into the session's directory.
  dirMode: 0o777,
  vars: { $SOCKET: d.daemon.socket, $TCP: `127.0.0.1:${d.tcp}`, $TLS: `127.0.0.1:${d.tls}` },
});

/**
 * libvirtd and two tsvirtd, all listening on unix, TCP and TLS: one tsvirtd for virsh, one for
 * tsvirsh, so the three sessions of a seed run at once without sharing test:///default's state.
 */
class Rig {
  pki = '';
  theirs!: Listening;
  forVirsh!: Listening;
  forTsvirsh!: Listening;

  async start(): Promise<void> {
    const [t1, t2, t3, t4, t5, t6] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const libvirtd = await startLibvirtd({
      prepare: (dir) => {
        this.pki = makePki(join(dir, 'pki'));
        return { listen: true, tcpPorts: [t1!, t2!], conf: listenConf(this.pki, t1!, t2!) };
      },
    });
    this.theirs = { daemon: libvirtd, tcp: t1!, tls: t2! };
    const [a, b] = await Promise.all([startTsvirtd(listenConf(this.pki, t3!, t4!), ['--listen']), startTsvirtd(listenConf(this.pki, t5!, t6!), ['--listen'])]);
    this.forVirsh = { daemon: a, tcp: t3!, tls: t4! };
    this.forTsvirsh = { daemon: b, tcp: t5!, tls: t6! };
  }

  async stop(): Promise<void> {
    await Promise.all([this.theirs?.daemon.stop(), this.forVirsh?.daemon.stop(), this.forTsvirsh?.daemon.stop()]);
  }
}

/** Seeds run one after another per rig (test:///default is one state per daemon); two rigs share the seeds. */
const RIGS = 2;

describe('generated virsh sessions through tsvirtd and libvirtd', { skip, concurrency: RIGS }, () => {
  const rigs = Array.from({ length: RIGS }, () => new Rig());
  before(() => Promise.all(rigs.map((r) => r.start())));
  after(() => Promise.all(rigs.map((r) => r.stop())));
  const all = seeds();
  for (let k = 0; k < RIGS; k++) {
    describe(`rig ${k + 1}`, { concurrency: 1 }, () => {
      for (const seed of all.filter((_, i) => i % RIGS === k)) {
        const transport = transportOf(seed);
        it(`seed ${seed} over ${transport}`, async () => {
          const rig = rigs[k]!;
          // tsvirtd does not serve libvirt's QEMU and LXC programs yet (real virsh then meets "Cannot find program").
          const generated = generatedScenario(seed, length, { uri: uriFor(transport, rig.pki), leaveOut: QEMU_LXC_COMMANDS });
          // Lines echoed from standard input are not scrolled: where readline's window starts would
          // depend on the length of each daemon's socket path or port.
          const scenario = { ...generated, env: { ...generated.env, COLUMNS: '1000' } };
          const [expected, viaVirsh, viaTsvirsh] = await Promise.all([
            runVirsh(scenario, varsOf(rig.theirs), 30_000),
            runVirsh(scenario, varsOf(rig.forVirsh), 30_000),
            runTsvirsh(scenario, varsOf(rig.forTsvirsh)),
          ]);
          const what = `${JSON.stringify(scenario.args)}\n${scenario.stdin ?? ''}`;
          assert.deepEqual(viaVirsh, expected, `virsh against tsvirtd: ${what}`);
          assert.deepEqual(viaTsvirsh, expected, `tsvirsh through the remote driver: ${what}`);
        });
      }
    });
  }
});
