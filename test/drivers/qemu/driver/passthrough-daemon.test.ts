/**
 * libvirt-qemu through tsvirtd on one booted test guest (its agent on a virtio channel): real
 * virsh's qemu-monitor-command (QMP, --pretty, --hmp, --pass-fds), qemu-agent-command and qemu-monitor-event,
 * real libvirt-python's monitor event callbacks, and our remote driver's, which are registered
 * again on the daemon after it restarted and keep delivering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { TSVIRTD, startTsvirtd, xdgEnv, type RunningDaemon } from '../../../daemon/harness.js';
import { TSVIRSH } from '../../../cli/harness.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, waitFor, waitForGuestReady } from './harness.js';

const AGENT_CHANNEL = "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>";

const { root } = makeRoot();
let env: Record<string, string>;
let daemon: RunningDaemon;
let restarted: ChildProcess | null = null;
let uri: string;

function run(cmd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: root, LC_ALL: 'C' } },
      (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
  });
}
const virsh = (...args: string[]) => run('virsh', ['-c', uri, ...args]);
const tsvirsh = (...args: string[]) => run(process.execPath, [TSVIRSH, '-c', uri, ...args]);

async function socketUp(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path).once('connect', () => { s.destroy(); resolve(true); }).once('error', () => resolve(false));
  });
}

/** Stop tsvirtd (the guest keeps running) and start it again on the same config, sockets and state. */
async function restartDaemon(): Promise<void> {
  const exited = new Promise((r) => daemon.proc.once('exit', r));
  process.kill(daemon.pid, 'SIGTERM');
  await exited;
  restarted = spawn(process.execPath, [TSVIRTD, '-f', join(daemon.dir, 'tsvirtd.conf'), '-p', join(daemon.dir, 'tsvirtd.pid')], {
    stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: join(daemon.dir, 'config'), ...env },
  });
  await waitFor('the restarted daemon', () => socketUp(daemon.socket));
}

test.before(async () => {
  env = xdgEnv(join(root, 'xdg'), ['config', 'cache', 'data', 'run']);
  daemon = await startTsvirtd('', [], env);
  uri = `qemu+unix:///session?socket=${daemon.socket}`;
});
test.after(async () => {
  await virsh('destroy', 'qp');
  await virsh('undefine', 'qp');
  if (restarted && restarted.exitCode === null) {
    const exited = new Promise((r) => restarted!.once('exit', r));
    restarted.kill('SIGTERM');
    await exited;
  }
  await daemon?.stop();
  await cleanupRoot(root);
});

const PY_EVENTS = `import sys, libvirt, libvirt_qemu
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName('qp')
seen = []
def got(conn, dom, event, seconds, micros, details, opaque):
    seen.append('%s %s %s %s' % (dom.name(), event, details, seconds > 1700000000 and 0 <= micros < 1000000))
flags = libvirt_qemu.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX | libvirt_qemu.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE
cb = libvirt_qemu.qemuMonitorEventRegister(conn, dom, '^(stop|resume)$', got, None, flags)
dom.suspend()
dom.resume()
while len(seen) < 2:
    libvirt.virEventRunDefaultImpl()
libvirt_qemu.qemuMonitorEventDeregister(conn, cb)
print('\\n'.join(seen))`;

test('virsh, libvirt-python and our client reach the monitor, the agent and the monitor events of a booted guest through tsvirtd', async () => {
  const serial = join(root, 'serial.log');
  const xmlFile = join(root, 'qp.xml');
  writeFileSync(xmlFile, guestXml({ name: 'qp', serialLog: serial, extraDevices: AGENT_CHANNEL }));
  assert.equal((await virsh('define', xmlFile)).status, 0);
  assert.equal((await virsh('start', 'qp')).status, 0);

  // QMP: QEMU's whole reply, its id included; --pretty and --return-value as virsh formats them.
  const qmp = await virsh('qemu-monitor-command', 'qp', '{"execute":"query-status"}');
  assert.equal(qmp.stderr, '');
  assert.match(qmp.stdout, /^\{"return":\{"status":"running","singlestep":false,"running":true\},"id":"tsvirt-\d+"\}\n\n$/);
  const value = await virsh('qemu-monitor-command', 'qp', '--pretty', '--return-value', '{"execute":"query-status"}');
  assert.equal(value.stdout, '{\n  "status": "running",\n  "singlestep": false,\n  "running": true\n}\n');
  assert.deepEqual(await virsh('qemu-monitor-command', 'qp', '--hmp', 'info', 'status'), { status: 0, stdout: 'VM status: running\r\n\n\n', stderr: '' });
  // A descriptor of virsh's (its stdin) reaches QEMU with the command: closefd finds it by name after.
  const getfd = await virsh('qemu-monitor-command', 'qp', '--pass-fds', '0', '{"execute":"getfd","arguments":{"fdname":"from-virsh"}}');
  assert.match(getfd.stdout, /^\{"return":\{\},"id":"tsvirt-\d+"\}\n/, getfd.stderr);
  const closefd = await virsh('qemu-monitor-command', 'qp', '--return-value', '{"execute":"closefd","arguments":{"fdname":"from-virsh"}}');
  assert.equal(closefd.stdout, '{}\n');
  const again = await virsh('qemu-monitor-command', 'qp', '{"execute":"closefd","arguments":{"fdname":"from-virsh"}}');
  assert.match(again.stdout, /"desc":"File descriptor named 'from-virsh' not found"/);
  const bad = await virsh('qemu-monitor-command', 'qp', '{"execute":"query-status","id":"x"}');
  assert.equal(bad.stderr, "error: internal error: Unable to append command 'id' string\n");

  // The agent, once the guest's runs: its whole reply.
  await waitForGuestReady(serial);
  const ping = await waitFor('the agent to answer', async () => {
    const r = await virsh('qemu-agent-command', 'qp', '{"execute":"guest-ping"}');
    return r.status === 0 ? r : null;
  }, 60_000);
  assert.equal(ping.stdout, '{"return":{}}\n\n');
  // tsvirsh prints what virsh prints (QMP ids aside: each call has its own)
  for (const args of [['qemu-monitor-command', 'qp', '--pretty', '--return-value', '{"execute":"query-status"}'], ['qemu-monitor-command', 'qp', '--hmp', 'info status'],
    ['qemu-agent-command', 'qp', '--timeout', '10', '{"execute":"guest-ping"}'], ['qemu-monitor-command', 'qp', '--hmp', 'no-such-command'], ['qemu-agent-command', 'qp', '{"execute":"no-such-command"}']]) {
    assert.deepEqual(await tsvirsh(...args), await virsh(...args), args.join(' '));
  }
  const dominfo = await virsh('dominfo', 'qp');
  assert.match(dominfo.stdout, /Messages: +tainted: custom monitor control commands issued\n +tainted: custom guest agent control commands issued\n/);

  // virsh waits for one STOP event while our client pauses the guest
  const conn = await v.open(uri, { reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });
  try {
    const dom = await conn.lookupByName('qp');
    // (tsvirsh beside it, printing the same)
    const args = ['qemu-monitor-event', 'qp', '--event', 'STOP', '--timeout', '60'];
    const waiting = [virsh(...args), tsvirsh(...args)];
    // each has registered once the daemon holds its callback; a pause before that would be missed
    await new Promise((r) => setTimeout(r, 2000));
    await dom.suspend();
    for (const stop of await Promise.all(waiting)) {
      assert.equal(stop.stderr, '');
      assert.match(stop.stdout, /^event STOP at \d{10}\.\d{6} for domain 'qp': <null>\nevents received: 1\n\n$/);
    }
    await dom.resume();
    // An event with data, pretty-printed: both print the same event the same way.
    const resetArgs = ['qemu-monitor-event', '--event', 'RESET', '--pretty', '--timeout', '60'];
    const resets = [virsh(...resetArgs), tsvirsh(...resetArgs)];
    await new Promise((r) => setTimeout(r, 2000));
    await dom.reset();
    const [theirReset, ourReset] = await Promise.all(resets);
    assert.match(theirReset!.stdout, /^event RESET at \d+\.\d{6} for domain 'qp': \{\n  "guest": false,\n  "reason": "host-qmp-system-reset"\n\}\n/);
    assert.deepEqual(ourReset, theirReset);

    // libvirt-python: a regex, case ignored, for one domain.
    const py = await run('/usr/bin/python3', ['-c', PY_EVENTS, uri]);
    assert.equal(py.stderr, '');
    assert.equal(py.stdout, 'qp STOP None True\nqp RESUME None True\n');

    // Our client: one exact name, and every event; both again after the daemon restarted.
    const stops: string[] = [];
    const all: string[] = [];
    await conn.domainQemuMonitorEventRegister(dom, 'STOP', (e) => { stops.push(`${e.dom.name()} ${e.event} ${e.details}`); });
    await conn.domainQemuMonitorEventRegister(null, null, (e) => { all.push(e.event); });
    await dom.suspend();
    await dom.resume();
    await waitFor('STOP and RESUME', () => all.includes('STOP') && all.includes('RESUME'));
    assert.deepEqual(stops, ['qp STOP null']);

    await restartDaemon();
    await waitFor('the guest recovered by the new daemon', async () => (await virsh('domstate', 'qp')).stdout.startsWith('running'));
    // the taints came back with the status file
    assert.match((await virsh('dominfo', 'qp')).stdout, /Messages: +tainted: custom monitor control commands issued\n +tainted: custom guest agent control commands issued\n/);
    await waitFor('our client to reconnect', async () => { try { return (await dom.state()).state === v.VIR_DOMAIN_RUNNING; } catch { return false; } });
    await dom.suspend();
    await waitFor('STOP after the restart', () => stops.length === 2);
    assert.equal(stops[1], 'qp STOP null');
    await dom.resume();
  } finally {
    await conn.close();
  }
});
