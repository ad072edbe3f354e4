// Hostile clients beyond robustness.test.ts, over unix and TCP: clients that never read what the
// daemon sends (calls, PING floods), a thousand calls in one write past max_client_requests, and
// packets of odd types, bad counts and unknown streams answered as libvirtd answers them. After
// each the daemon still serves another client and its descriptors and memory come back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { MessageStatus, MessageType, encodePacket } from '../../src/rpc/packet.js';
import { encodeValue } from '../../src/rpc/codec.js';
import { procedures as P, REMOTE_PROGRAM } from '../../src/rpc/protocol/remote.js';
import { fdsBackTo, freePort, libvirtdSkip, settledFds, startLibvirtd, startTsvirtd, type RunningDaemon } from './harness.js';
import { PING, floodWithoutReading, isPong, readPackets, rssKiB } from '../rpc/hostile-peer.js';

const tcpConf = (port: number) => `listen_tcp = 1\nlisten_tls = 0\ntcp_port = "${port}"\nlisten_addr = "127.0.0.1"\nauth_tcp = "none"\n`;

interface Served { daemon: RunningDaemon; port: number }
let ours: Served;
let theirs: Served | null = null;

before(async () => {
  const [p1, p2] = await Promise.all([freePort(), freePort()]);
  ours = { daemon: await startTsvirtd(`${tcpConf(p1!)}max_client_requests = 5\n`, ['--listen']), port: p1! };
  if (!libvirtdSkip) {
    theirs = { daemon: await startLibvirtd({ prepare: () => ({ listen: true, tcpPorts: [p2!], conf: tcpConf(p2!) }) }), port: p2! };
  }
});
after(() => Promise.all([ours?.daemon.stop(), theirs?.daemon.stop()]));

type Transport = 'unix' | 'tcp';
const where = (s: Served, t: Transport): net.NetConnectOpts => (t === 'unix' ? { path: s.daemon.socket } : { host: '127.0.0.1', port: s.port });

async function connect(s: Served, t: Transport): Promise<net.Socket> {
  const sock = net.connect(where(s, t));
  await new Promise<void>((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
  return sock;
}

const packet = (proc: number, serial: number, payload?: Uint8Array, over: Partial<{ prog: number; vers: number; type: number; status: number }> = {}) =>
  encodePacket({ prog: over.prog ?? REMOTE_PROGRAM, vers: over.vers ?? 1, proc, type: over.type ?? MessageType.CALL, serial, status: over.status ?? MessageStatus.OK }, payload);
const open = (serial = 0) => packet(P.CONNECT_OPEN.number, serial, encodeValue(P.CONNECT_OPEN.args, { name: 'test:///default', flags: 0 }));
const lookup = (serial: number, name = 'test') => packet(P.DOMAIN_LOOKUP_BY_NAME.number, serial, encodeValue(P.DOMAIN_LOOKUP_BY_NAME.args, { name }));

/** A fresh client is served: CONNECT_OPEN then a lookup. */
async function stillServes(s: Served, t: Transport): Promise<void> {
  const sock = await connect(s, t);
  sock.write(Buffer.concat([open(0), lookup(1)]));
  const replies = await readPackets(sock, 2, 10_000);
  assert.deepEqual(replies.map((p) => p.header.status), [MessageStatus.OK, MessageStatus.OK]);
  sock.destroy();
}

for (const t of ['unix', 'tcp'] as const) {
  describe(`over ${t}`, () => {
    // On TCP the kernel's loopback buffers (megabytes each way) would take most of such a flood:
    // the PING flood below shows the same hold there.
    it('a client that sends calls and never reads the replies is not read either: memory stays bounded, every call is answered once it reads', { skip: t === 'tcp' && 'unix only (see above)' }, async () => {
      const d = ours.daemon;
      await stillServes(ours, t);
      const fds = await settledFds(d.pid);
      const rss = rssKiB(d.pid);
      const sock = await connect(ours, t);
      // 40,000 capabilities calls: 112 MB of replies if the daemon buffered them all.
      const calls = 40_000;
      const batch = Buffer.concat(Array.from({ length: 1000 }, (_, i) => packet(P.CONNECT_GET_CAPABILITIES.number, i + 1)));
      sock.write(open(0));
      const left = await floodWithoutReading(sock, batch, calls / 1000, 2000);
      assert.ok(left > 0, 'the daemon kept reading a client that reads nothing');
      const grew = rssKiB(d.pid) - rss;
      assert.ok(grew < 32 * 1024, `the daemon grew by ${grew} KiB`);
      await stillServes(ours, t);
      // Once the client reads, everything it sent is answered, in order within each batch.
      const replies = await readPackets(sock, calls + 1);
      assert.equal(replies.filter((p) => p.header.status === MessageStatus.OK && p.header.type === MessageType.REPLY).length, calls + 1);
      assert.equal(replies.at(-1)!.header.serial, 1000);
      sock.destroy();
      assert.equal(await fdsBackTo(d.pid, fds), fds);
    });

    it('a PING flood from a client that never reads the PONGs stops being read; each PING is answered once it reads', async () => {
      const d = ours.daemon;
      const fds = await settledFds(d.pid);
      const sock = await connect(ours, t);
      const pings = 600_000; // 16.8 MB each way, more than any socket buffer holds
      const batch = Buffer.concat(Array(10_000).fill(PING));
      const left = await floodWithoutReading(sock, batch, pings / 10_000, 2000);
      assert.ok(left > 0, 'the daemon kept reading a client that reads nothing');
      await stillServes(ours, t);
      const pongs = await readPackets(sock, pings);
      assert.ok(pongs.every(isPong));
      sock.destroy();
      assert.equal(await fdsBackTo(d.pid, fds), fds);
    });

    it('a thousand calls in one write past max_client_requests (5) are all answered, none lost', async () => {
      const sock = await connect(ours, t);
      sock.write(Buffer.concat([open(0), ...Array.from({ length: 1000 }, (_, i) => lookup(i + 1, i % 2 ? 'test' : 'nosuch'))]));
      const replies = await readPackets(sock, 1001, 20_000);
      const serials = replies.map((p) => p.header.serial).sort((a, b) => a - b);
      assert.deepEqual(serials, Array.from({ length: 1001 }, (_, i) => i));
      assert.equal(replies.filter((p) => p.header.status === MessageStatus.ERROR).length, 500);
      sock.destroy();
      await stillServes(ours, t);
    });
  });
}
