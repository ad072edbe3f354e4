/**
 * Event lines against real virsh: a real libvirtd serves the test driver, real virsh and tsvirsh
 * both wait for events on it (domain, network, pool) and a third client (virsh) makes the events;
 * both listeners must print the same lines. Probe events (objects named `probe`) repeat until
 * both listeners have printed one, so neither misses the events under test however slowly it
 * starts; the probes' lines and the final count are left out of the comparison.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { libvirtdSkip, startLibvirtd, virsh, type RunningDaemon } from '../daemon/harness.js';
import { TSVIRSH, haveVirsh } from './harness.js';

const skip = !haveVirsh ? 'needs virsh' : libvirtdSkip;
let daemon: RunningDaemon | null = null;

before(async () => {
  if (skip) return;
  daemon = await startLibvirtd();
  writeFileSync(join(daemon.dir, 'probe-net.xml'), "<network><name>probe</name><bridge name='probebr0'/></network>");
  writeFileSync(join(daemon.dir, 'probe-pool.xml'), "<pool type='dir'><name>probe</name><target><path>/probe</path></target></pool>");
});
after(async () => {
  await daemon?.stop();
});

interface Listener { output: () => string; done: Promise<void> }

function listen(program: string[], uri: string, command: string): Listener {
  const child = spawn(program[0]!, [...program.slice(1), '-c', uri, command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { out += `stderr: ${d}`; });
  return { output: () => out, done: new Promise((resolve, reject) => { child.on('error', reject); child.on('close', () => resolve()); }) };
}

const withoutProbes = (text: string): string =>
  text.split('\n').filter((line) => !line.includes('probe') && !line.startsWith('events received')).join('\n');

const CASES: { name: string; listen: string; probe: string; changes: string }[] = [
  {
    name: 'domain events: lifecycle and metadata-change',
    listen: 'event --all --loop --timeout 6',
    probe: "metadata test --uri http://probe/ --key p --set '<p/>'",
    changes: "suspend test; resume test; destroy test; start test; desc test --title hello; desc test --live 'a description'; "
      + "metadata test --uri http://example.org/ --key ex --set '<x/>'; save test $DIR/s; restore $DIR/s; undefine test; destroy test",
  },
  {
    name: 'network lifecycle events',
    listen: 'net-event --event lifecycle --loop --timeout 6',
    probe: 'net-create $DIR/probe-net.xml; net-destroy probe',
    changes: 'net-destroy default; net-start default; net-destroy default; net-undefine default',
  },
  {
    name: 'pool refresh events',
    listen: 'pool-event --event refresh --loop --timeout 6',
    probe: 'pool-create $DIR/probe-pool.xml; pool-refresh probe; pool-destroy probe',
    changes: 'pool-refresh default-pool; pool-refresh default-pool',
  },
  {
    name: 'pool lifecycle events',
    listen: 'pool-event --event lifecycle --loop --timeout 6',
    probe: 'pool-create $DIR/probe-pool.xml; pool-destroy probe',
    changes: 'pool-refresh default-pool; pool-destroy default-pool; pool-start default-pool; pool-destroy default-pool; pool-undefine default-pool',
  },
];

for (const c of CASES) {
  test(`${c.name}: tsvirsh prints what virsh prints`, { skip }, async () => {
    const uri = `test+unix:///default?socket=${daemon!.socket}`;
    const run = (commands: string): void => {
      const made = virsh(daemon!.socket, [commands.replaceAll('$DIR', daemon!.dir)]);
      assert.equal(made.stderr, '', made.stdout);
    };
    const listeners = [listen(['virsh'], uri, c.listen), listen([process.execPath, TSVIRSH], uri, c.listen)];
    for (let i = 0; listeners.some((l) => !l.output().includes('probe')); i++) {
      assert.ok(i < 40, `listeners never saw a probe: ${listeners.map((l) => l.output()).join(' | ')}`);
      run(c.probe);
      await new Promise((r) => setTimeout(r, 200));
    }
    run(c.changes);
    await Promise.all(listeners.map((l) => l.done));
    const [expected, actual] = listeners.map((l) => l.output());
    assert.match(expected!, /events received: \d+\n/);
    assert.match(withoutProbes(expected!), /event '/, 'no event under test was seen');
    assert.equal(withoutProbes(actual!), withoutProbes(expected!));
  });
}
