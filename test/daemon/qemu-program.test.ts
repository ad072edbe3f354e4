// libvirt-qemu's and libvirt-lxc's programs (QEMU 0x20008087, LXC 0x00068000) served by tsvirtd:
// real virsh, real libvirt-python and our own client get from tsvirtd what they get from libvirt's
// libvirtd, both serving the test driver (which implements none of these calls), over unix and TCP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { VIR_CONNECT_RO, isVirError, openAuth } from '../../src/index.js';
import { RpcConnection } from '../../src/rpc/connection.js';
import { procedures as P, remoteProgram } from '../../src/rpc/protocol/remote.js';
import { procedures as Q, QEMU_PROGRAM, qemuProgram } from '../../src/rpc/protocol/qemu.js';
import { lxcProgram, procedures as L } from '../../src/rpc/protocol/lxc.js';
import { freePort, havePython, haveVirsh, libvirtdSkip, startLibvirtd, startTsvirtd, type RunningDaemon } from './harness.js';

const skip = !havePython || !haveVirsh ? 'needs libvirt-python and virsh' : libvirtdSkip;
const PY = fileURLToPath(new URL('../../../test/daemon/qemu-program.py', import.meta.url));
const tcpConf = (port: number) => `listen_tcp = 1\nlisten_tls = 0\ntcp_port = "${port}"\nlisten_addr = "127.0.0.1"\nauth_tcp = "none"\n`;

interface Served { daemon: RunningDaemon; port: number }
let ours: Served;
let theirs: Served;

before(async () => {
  if (skip) return;
  const [p1, p2] = await Promise.all([freePort(), freePort()]);
  const [a, b] = await Promise.all([
    startTsvirtd(tcpConf(p1!), ['--listen']),
    startLibvirtd({ prepare: () => ({ listen: true, tcpPorts: [p2!], conf: tcpConf(p2!) }) }),
  ]);
  ours = { daemon: a, port: p1! };
  theirs = { daemon: b, port: p2! };
});
after(() => Promise.all([ours?.daemon.stop(), theirs?.daemon.stop()]));

const uris = (s: Served) => ({ unix: `test+unix:///default?socket=${s.daemon.socket}`, tcp: `test+tcp://127.0.0.1:${s.port}/default` });

/** A client's run, its daemon's address left out of what it printed. */
function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  const anon = (s: string) => s.replace(/\/\/127\.0\.0\.1:\d+\//g, '//127.0.0.1:PORT/');
  return { status: r.status, stdout: anon(r.stdout), stderr: anon(r.stderr) };
}

const VIRSH_SCRIPTS = [
  `qemu-monitor-command test '{"execute":"query-status"}'`,
  'qemu-monitor-command test --hmp info status',
  'qemu-monitor-command test --pretty --return-value \'{"execute":"query-status"}\'',
  `qemu-monitor-command test --pass-fds 0 '{"execute":"query-status"}'`,
  `qemu-agent-command test '{"execute":"guest-ping"}'`,
  `qemu-agent-command test --timeout 5 '{"execute":"guest-ping"}'`,
  'qemu-attach 1234',
  'qemu-monitor-event --timeout 1',
  'qemu-monitor-event test --event STOP --regex --no-case --timeout 1',
  'lxc-enter-namespace test /bin/true',
  `qemu-monitor-command nosuch '{}'`,
  `qemu-agent-command nosuch '{}'`,
];

for (const transport of ['unix', 'tcp'] as const) {
  for (const script of VIRSH_SCRIPTS) {
    test(`virsh over ${transport}: ${script}`, { skip }, () => {
      // --pass-fds needs a unix socket: over TCP virsh's client gives up on the connection.
      const expected = run('virsh', ['-c', uris(theirs)[transport], script]);
      assert.deepEqual(run('virsh', ['-c', uris(ours)[transport], script]), expected);
    });
  }
  test(`virsh read-only over ${transport}: refused as libvirtd refuses`, { skip }, () => {
    const script = `qemu-monitor-command test '{}'; qemu-agent-command test '{}'; qemu-attach 12; qemu-monitor-event --timeout 1`;
    const expected = run('virsh', ['-r', '-c', uris(theirs)[transport], script]);
    assert.match(expected.stderr, /read only access prevents virDomainQemuMonitorCommand/);
    assert.deepEqual(run('virsh', ['-r', '-c', uris(ours)[transport], script]), expected);
  });
  for (const mode of ['rw', 'ro']) {
    test(`libvirt-python (libvirt_qemu, libvirt_lxc) over ${transport}, ${mode}: same results`, { skip }, () => {
      const expected = run('/usr/bin/python3', [PY, uris(theirs)[transport], mode]);
      assert.equal(expected.stderr, '');
      assert.match(expected.stdout, mode === 'ro' ? /^monitor error 29 0 operation forbidden: read only access prevents virDomainQemuMonitorCommand$/m
        : /^monitor error 3 0 this function is not supported by the connection driver: virDomainQemuMonitorCommand$/m);
      assert.deepEqual(run('/usr/bin/python3', [PY, uris(ours)[transport], mode]), expected);
    });
  }
}

/** Every call of our API through a daemon, as `name ok|error code domain message` lines. */
async function ourClientSteps(uri: string, flags = 0): Promise<string[]> {
  const conn = await openAuth(uri, null, flags);
  const dom = await conn.lookupByName('test');
  const steps: [string, () => Promise<unknown>][] = [
    ['monitor', () => dom.qemuMonitorCommand('{"execute":"query-status"}')],
    ['monitor-hmp', () => dom.qemuMonitorCommand('info status', 1)],
    ['agent', () => dom.qemuAgentCommand('{"execute":"guest-ping"}', -1)],
    ['attach', () => conn.qemuAttach(1234)],
    ['event-register', () => conn.domainQemuMonitorEventRegister(null, null, () => undefined)],
    ['event-register-domain', () => conn.domainQemuMonitorEventRegister(dom, 'ST.*', () => undefined, 3)],
    ['lxc-namespace', () => dom.lxcOpenNamespace()],
  ];
  const out: string[] = [];
  try {
    for (const [name, call] of steps) {
      try {
        out.push(`${name} ok ${JSON.stringify(await call())}`);
      } catch (err) {
        if (!isVirError(err)) throw err;
        out.push(`${name} error ${err.code} ${err.message}`);
      }
    }
  } finally {
    await conn.close();
  }
  return out;
}

for (const transport of ['unix', 'tcp'] as const) {
  test(`our client over ${transport}: the same answers from tsvirtd as from libvirtd, read-write and read-only`, { skip }, async () => {
    for (const flags of [0, VIR_CONNECT_RO]) {
      const expected = await ourClientSteps(uris(theirs)[transport], flags);
      assert.match(expected[0]!, flags ? /^monitor error \d+ operation forbidden: read only access prevents virDomainQemuMonitorCommand$/
        : /^monitor error 3 this function is not supported by the connection driver: virDomainQemuMonitorCommand$/);
      assert.deepEqual(await ourClientSteps(uris(ours)[transport], flags), expected);
    }
  });
}

/** Calls no libvirt client makes: each daemon's answer (code, domain, message), side by side. */
async function rawAnswers(socket: string): Promise<string[]> {
  const s = connect(socket);
  await new Promise<void>((resolve, reject) => { s.once('connect', resolve); s.once('error', reject); });
  const rpc = new RpcConnection(s);
  const out: string[] = [];
  const answer = async (name: string, call: () => Promise<unknown>) => {
    try {
      out.push(`${name} ok ${JSON.stringify(await call())}`);
    } catch (err) {
      if (!isVirError(err)) throw err;
      out.push(`${name} error ${err.code} ${err.domain} ${err.message}`);
    }
  };
  const dom = { name: 'test', uuid: Buffer.from('6695eb01f6a4830479aa97f2502e193f', 'hex'), id: 1 };
  try {
    await answer('before-open', () => rpc.invoke(qemuProgram, Q.DOMAIN_MONITOR_COMMAND, { dom, cmd: '{}', flags: 0 }));
    await rpc.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
    await answer('deregister-unknown', () => rpc.invoke(qemuProgram, Q.CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER, { callbackID: 7 }));
    await answer('unknown-procedure', () => rpc.call(QEMU_PROGRAM, 1, 99));
    await answer('wrong-version', () => rpc.call(QEMU_PROGRAM, 2, Q.DOMAIN_MONITOR_COMMAND.number));
    await answer('event-procedure-called', () => rpc.call(QEMU_PROGRAM, 1, Q.DOMAIN_MONITOR_EVENT.number));
    await answer('no-such-domain', () => rpc.invoke(qemuProgram, Q.DOMAIN_AGENT_COMMAND, { dom: { ...dom, name: 'nosuch', uuid: Buffer.alloc(16, 1) }, cmd: '{}', timeout: -1, flags: 0 }));
    await answer('attach-pid-0', () => rpc.invoke(qemuProgram, Q.DOMAIN_ATTACH, { pid_value: 0, flags: 0 }));
    await answer('register', () => rpc.invoke(qemuProgram, Q.CONNECT_DOMAIN_MONITOR_EVENT_REGISTER, { dom: null, event: null, flags: 0 }));
    await answer('lxc', () => rpc.invoke(lxcProgram, L.DOMAIN_OPEN_NAMESPACE, { dom, flags: 0 }));
  } finally {
    await rpc.close();
  }
  return out;
}

test('raw calls of the QEMU and LXC programs: tsvirtd answers as libvirtd', { skip }, async () => {
  const expected = await rawAnswers(theirs.daemon.socket);
  assert.match(expected[1]!, /^deregister-unknown error 1 7 internal error: qemu monitor event callback 7 not registered$/);
  assert.deepEqual(await rawAnswers(ours.daemon.socket), expected);
});
