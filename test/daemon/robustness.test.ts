// Hostile and careless clients against tsvirtd: bad packets drop only their sender, errors match
// libvirtd's byte for byte, and connections that come and go leave the daemon's fds unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { RpcConnection } from '../../src/rpc/connection.js';
import { FrameDecoder, MessageStatus, MessageType, encodePacket, type Packet } from '../../src/rpc/packet.js';
import { encodeValue } from '../../src/rpc/codec.js';
import { remoteProgram, procedures as P, REMOTE_PROGRAM } from '../../src/rpc/protocol/remote.js';
import { VirError } from '../../src/errors/index.js';
import { fdsBackTo, libvirtdSkip, settledFds, startLibvirtd, startTsvirtd, type RunningDaemon } from './harness.js';

let ours: RunningDaemon;
let theirs: RunningDaemon | null = null;

before(async () => {
  ours = await startTsvirtd('keepalive_interval = 1\nkeepalive_count = 2\n');
  if (!libvirtdSkip) theirs = await startLibvirtd();
});
after(async () => {
  await Promise.all([ours?.stop(), theirs?.stop()]);
});

async function connect(path: string): Promise<net.Socket> {
  const s = net.connect(path);
  await new Promise<void>((resolve, reject) => { s.once('connect', resolve); s.once('error', reject); });
  return s;
}

/** An opened client on our RPC core. */
async function client(path: string): Promise<RpcConnection> {
  const c = new RpcConnection(await connect(path));
  await c.invoke(remoteProgram, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
  return c;
}

async function lookupWorks(c: RpcConnection): Promise<void> {
  const r = await c.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' });
  assert.equal(r.dom.name, 'test');
}

/**
 * Send raw bytes; resolve with what comes back until the peer closes or `wantPackets` arrive.
 * With one reply wanted per buffer, each buffer waits for the previous reply: libvirtd itself
 * answers pipelined calls in no fixed order.
 */
async function exchange(path: string, bytes: Buffer[], wantPackets: number, timeoutMs = 3000): Promise<{ packets: Packet[]; closed: boolean }> {
  const s = await connect(path);
  const dec = new FrameDecoder();
  const packets: Packet[] = [];
  return new Promise((resolve) => {
    const done = (closed: boolean) => { clearTimeout(t); s.destroy(); resolve({ packets, closed }); };
    const t = setTimeout(() => done(false), timeoutMs);
    const lockstep = wantPackets === bytes.length;
    let sent = 0;
    const sendNext = () => { if (sent < bytes.length) s.write(bytes[sent++]); };
    s.on('data', (d) => {
      packets.push(...dec.push(d));
      if (packets.length >= wantPackets && wantPackets > 0) done(false);
      else if (lockstep) sendNext();
    });
    s.on('close', () => done(true));
    s.on('error', () => undefined);
    if (lockstep) sendNext();
    else while (sent < bytes.length) sendNext();
  });
}

const call = (proc: number, serial: number, payload?: Buffer, over: Partial<{ prog: number; vers: number; status: number; type: number }> = {}) =>
  encodePacket({ prog: over.prog ?? REMOTE_PROGRAM, vers: over.vers ?? 1, proc, type: over.type ?? MessageType.CALL, serial, status: over.status ?? MessageStatus.OK }, payload);
const TEST_DOMAIN = { name: 'test', uuid: Buffer.from('6695eb01f6a4830479aa97f2502e193f', 'hex'), id: 1 };
const cpuStats = (nparams: number, ncpus: number) => call(P.DOMAIN_GET_CPU_STATS.number, 1,
  encodeValue(P.DOMAIN_GET_CPU_STATS.args, { dom: TEST_DOMAIN, nparams, start_cpu: 0, ncpus, flags: 0 }));
const freePages = (npages: number, cellCount: number) => call(P.NODE_GET_FREE_PAGES.number, 1,
  encodeValue(P.NODE_GET_FREE_PAGES.args, { pages: Array(npages).fill(4), startCell: 0, cellCount, flags: 0 }));
const open = (serial: number) => call(P.CONNECT_OPEN.number, serial, encodeValue(P.CONNECT_OPEN.args, { name: 'test:///default', flags: 0 }));

const BAD_CALLS: [string, Buffer[], number][] = [
  ['unknown procedure', [open(0), call(444, 1)], 2],
  ['unknown program', [call(1, 0, undefined, { prog: 0x12345678 })], 1],
  ['wrong version', [call(1, 0, undefined, { vers: 2 })], 1],
  ['call before CONNECT_OPEN', [call(P.CONNECT_GET_TYPE.number, 7)], 1],
  ['feature query before CONNECT_OPEN', [call(P.CONNECT_SUPPORTS_FEATURE.number, 7, encodeValue(P.CONNECT_SUPPORTS_FEATURE.args, { feature: 9 }))], 1],
  ['CONNECT_OPEN twice', [open(0), open(1)], 2],
  ['short arguments', [open(0), call(P.DOMAIN_LOOKUP_BY_NAME.number, 1, Buffer.from('000000ff', 'hex'))], 2],
  ['string above its maximum', [open(0), call(P.DOMAIN_LOOKUP_BY_NAME.number, 1, Buffer.from('7fffffff', 'hex'))], 2],
  ['CALL with status CONTINUE', [open(0), call(P.CONNECT_GET_TYPE.number, 1, undefined, { status: MessageStatus.CONTINUE })], 2],
  ['serial echoed as sent', [open(0xdeadbeef), call(P.CONNECT_GET_TYPE.number, 0xfffffffe)], 2],
  ['unknown domain', [open(0), call(P.DOMAIN_LOOKUP_BY_NAME.number, 1, encodeValue(P.DOMAIN_LOOKUP_BY_NAME.args, { name: 'nosuch' }))], 2],
  // Limits libvirtd checks before the driver runs (a libvirt client checks them before sending)
  ['cpu stats: nparams above the limit', [open(0), cpuStats(17, 1)], 2],
  ['cpu stats: ncpus above the limit', [open(0), cpuStats(1, 129)], 2],
  ['free pages: more counts than a reply holds', [open(0), freePages(600, 2)], 2],
  ['free pages: a driver that fills none', [open(0), freePages(1, 1)], 2],
];

for (const [what, bytes, n] of BAD_CALLS) {
  test(`${what}: the same reply bytes as libvirtd`, { skip: libvirtdSkip }, async () => {
    const a = await exchange(ours.socket, bytes, n);
    const b = await exchange(theirs!.socket, bytes, n);
    assert.equal(a.packets.length, n);
    assert.deepEqual(a.packets.map((p) => p.header), b.packets.map((p) => p.header));
    assert.deepEqual(a.packets.map((p) => Buffer.from(p.payload).toString('hex')), b.packets.map((p) => Buffer.from(p.payload).toString('hex')));
  });
}

test('garbage, short, oversized and truncated packets drop only their sender', async () => {
  const good = await client(ours.socket);
  const over = Buffer.alloc(4); over.writeUInt32BE(32 * 1024 * 1024 + 5);
  const cases: Buffer[][] = [
    [Buffer.from('00000003', 'hex')],
    [over],
    [Buffer.from('ffffffffffffffff', 'hex')],
    [Buffer.from('0000001b00000000', 'hex')],
    [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ];
  for (const bytes of cases) {
    const r = await exchange(ours.socket, bytes, 0);
    assert.equal(r.closed, true, `closed after ${bytes[0].toString('hex')}`);
    assert.equal(r.packets.length, 0);
    await lookupWorks(good);
  }
  // Truncated: half a packet then hang up.
  const half = open(0).subarray(0, 20);
  const r = await exchange(ours.socket, [half], 0, 300);
  assert.equal(r.closed, false);
  await lookupWorks(good);
  // Slow: a packet one byte at a time is served.
  const s = await connect(ours.socket);
  const dec = new FrameDecoder();
  const got = new Promise<Packet[]>((resolve) => s.on('data', (d) => { const p = dec.push(d); if (p.length) resolve(p); }));
  for (const b of open(5)) { s.write(Buffer.from([b])); await new Promise((x) => setImmediate(x)); }
  const [reply] = await got;
  assert.equal(reply.header.serial, 5);
  assert.equal(reply.header.status, MessageStatus.OK);
  s.destroy();
  await lookupWorks(good);
  await good.close();
});

test('keepalive: a client that asks for it and then never answers a PING is dropped', async () => {
  const s = await connect(ours.socket);
  const pings: number[] = [];
  const dec = new FrameDecoder();
  const start = Date.now();
  s.on('data', (d) => { for (const p of dec.push(d)) if (p.header.prog === 0x6b656570) pings.push(Date.now() - start); });
  s.write(call(P.CONNECT_SUPPORTS_FEATURE.number, 0, encodeValue(P.CONNECT_SUPPORTS_FEATURE.args, { feature: 10 })));
  await new Promise<void>((resolve) => s.once('close', () => resolve()));
  const waited = Date.now() - start;
  assert.equal(pings.length, 2, `PINGs at ${pings.join(', ')} ms`);
  assert.ok(waited >= 2500 && waited < 6000, `dropped after ${waited} ms (interval 1 s, count 2)`);
});

test('10000 open/close cycles (8 at a time) leave the daemon\'s and the client\'s fds where they were', async () => {
  const warm = await client(ours.socket);
  await warm.close();
  const base = await settledFds(ours.pid);
  const selfBase = await settledFds(process.pid);
  const cycle = async () => {
    const c = await client(ours.socket);
    await c.invoke(remoteProgram, P.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 });
    await c.invoke(remoteProgram, P.CONNECT_CLOSE, undefined);
    await c.close();
  };
  for (let i = 0; i < 1250; i++) await Promise.all(Array.from({ length: 8 }, cycle));
  assert.equal(await fdsBackTo(ours.pid, base), base);
  assert.equal(await fdsBackTo(process.pid, selfBase), selfBase);
});

test('clients vanishing mid-call or with events registered leave nothing behind', async () => {
  const base = await settledFds(ours.pid);
  const watcher = await client(ours.socket);
  const events: Packet[] = [];
  watcher.on('message', (p: Packet) => events.push(p));
  await watcher.invoke(remoteProgram, P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, { eventID: 0, dom: null });
  for (let i = 0; i < 20; i++) {
    const c = await client(ours.socket);
    await c.invoke(remoteProgram, P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, { eventID: 0, dom: null });
    // Calls in flight, then the socket is gone.
    const pending = [
      c.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' }),
      c.invoke(remoteProgram, P.CONNECT_GET_CAPABILITIES, undefined),
      c.invoke(remoteProgram, P.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 }),
    ];
    c.destroy();
    await Promise.allSettled(pending);
  }
  // The survivors still get their events; the daemon did not trip over the dead ones.
  const dom = (await watcher.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' })).dom;
  await watcher.invoke(remoteProgram, P.DOMAIN_SUSPEND, { dom });
  await watcher.invoke(remoteProgram, P.DOMAIN_RESUME, { dom });
  for (let i = 0; i < 50 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(events.length, 2);
  assert.ok(events.every((e) => e.header.serial === 1 && e.header.proc === P.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number));
  await watcher.close();
  assert.equal(await fdsBackTo(ours.pid, base), base);
});

test('read-only socket: every state change refused with VIR_ERR_OPERATION_DENIED', async () => {
  const c = await client(ours.readOnlySocket!);
  const dom = (await c.invoke(remoteProgram, P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' })).dom;
  for (const [proc, args] of [
    [P.DOMAIN_DESTROY, { dom }], [P.DOMAIN_SUSPEND, { dom }], [P.DOMAIN_UNDEFINE, { dom }],
    [P.DOMAIN_DEFINE_XML, { xml: '<domain/>' }], [P.DOMAIN_SET_AUTOSTART, { dom, autostart: 1 }],
  ] as const) {
    await assert.rejects(c.invoke(remoteProgram, proc as typeof P.DOMAIN_DESTROY, args as never),
      (e: VirError) => e.code === 29 && /read only access prevents/.test(e.message));
  }
  await c.close();
});

test('1000 concurrent client connections are served', async () => {
  const clients = await Promise.all(Array.from({ length: 1000 }, () => client(ours.socket)));
  const results = await Promise.all(clients.map((c) => c.invoke(remoteProgram, P.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 })));
  assert.ok(results.every((r) => r.ret === 1 && r.domains[0].name === 'test'));
  await Promise.all(clients.map((c) => c.close()));
});

test('max_clients: connections beyond the limit are closed at once, the others served', async () => {
  const small = await startTsvirtd('max_clients = 2\n');
  const a = await client(small.socket);
  const b = await client(small.socket);
  const r = await exchange(small.socket, [open(0)], 1, 2000);
  assert.equal(r.closed, true);
  assert.equal(r.packets.length, 0);
  await lookupWorks(a);
  await a.close();
  // Once one leaves, a new client is served.
  let served = false;
  for (let i = 0; i < 50 && !served; i++) {
    served = (await exchange(small.socket, [open(0)], 1, 500)).packets.length === 1;
    if (!served) await new Promise((x) => setTimeout(x, 20));
  }
  assert.equal(served, true);
  await lookupWorks(b);
  await b.close();
  await small.stop();
});
