/**
 * VNC displays with automatic ports: the first free port of qemu.conf's range, shown in the live
 * XML, answered by QEMU's VNC server (RFB banner), given back at stop; a busy or exhausted range
 * and a fixed port someone holds fail cleanly with nothing left behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder } from './harness.js';

const { root, uri } = makeRoot();
/** A range of our own (three ports free when the test starts), away from 5900 where other VNC servers may live. */
let BASE: number;
let conn: v.Connect;
let squatter: Server;

const vncXml = (name: string, graphics = "<graphics type='vnc' autoport='yes'/>"): string =>
  guestXml({ name, serialLog: join(root, `${name}.log`), extraDevices: graphics });

/** The port of the live XML's VNC display. */
async function livePort(dom: v.Domain): Promise<number> {
  const m = /<graphics type='vnc' port='(\d+)' autoport='yes'/.exec(await dom.XMLDesc(0));
  assert.ok(m, 'the live XML shows the port');
  return Number(m[1]);
}

/** The first bytes QEMU's VNC server sends: the RFB protocol version. */
function rfbBanner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => {
      got += d.toString('latin1');
      if (got.length >= 12) {
        sock.destroy();
        resolve(got.slice(0, 12));
      }
    });
    sock.on('error', reject);
  });
}

/** Whether nothing listens on `port` (IPv4 and IPv6, as the driver's own test). */
function portFree(port: number): Promise<boolean> {
  const on = (host: string) => new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EAFNOSUPPORT' || e.code === 'EADDRNOTAVAIL'));
    s.listen({ port, host, ipv6Only: host === '::', exclusive: true }, () => s.close(() => resolve(true)));
  });
  return on('::').then((free) => free && on('0.0.0.0'));
}

/** The first run of three free ports from a start that differs between concurrent runs. */
async function freeRange(): Promise<number> {
  for (let base = 15900 + (process.pid % 4000) * 4; base < 32000; base += 4) {
    if ((await portFree(base)) && (await portFree(base + 1)) && (await portFree(base + 2))) return base;
  }
  throw new Error('no three free ports below 32000');
}

test.before(async () => {
  BASE = await freeRange();
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc', 'qemu.conf'), `remote_display_port_min = ${BASE}\nremote_display_port_max = ${BASE + 2}\n`);
  // Someone else holds the first port of the range.
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(BASE, '0.0.0.0', resolve));
  conn = await v.open(uri);
});
test.after(async () => {
  for (const dom of await conn.listAllDomains()) await dom.destroy().catch(() => undefined);
  await conn.close();
  squatter.close();
  await cleanupRoot(root);
});

test('automatic ports: first free one of the range, RFB on it, exhaustion refused, given back at stop', async () => {
  const a = await conn.createXML(vncXml('a'), v.VIR_DOMAIN_START_PAUSED);
  assert.equal(await livePort(a), BASE + 1, 'the busy first port is skipped');
  assert.match(await a.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE), /<graphics type='vnc' port='-1' autoport='yes'/, 'the port is the run\'s, not the definition\'s');
  assert.equal(await rfbBanner(BASE + 1), 'RFB 003.008\n');
  const b = await conn.createXML(vncXml('b'), v.VIR_DOMAIN_START_PAUSED);
  assert.equal(await livePort(b), BASE + 2);

  await assert.rejects(conn.createXML(vncXml('c'), v.VIR_DOMAIN_START_PAUSED), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INTERNAL_ERROR && e.message === `internal error: Unable to find an unused port in range 'display' (${BASE}-${BASE + 2})`);
  assert.equal(processesUnder(root).length, 2, 'no QEMU for the refused guest');
  await assert.rejects(conn.lookupByName('c'));

  // A fixed port an automatic display holds is refused before QEMU runs.
  await assert.rejects(conn.createXML(vncXml('d', `<graphics type='vnc' port='${BASE + 2}'/>`), v.VIR_DOMAIN_START_PAUSED),
    (e: v.VirError) => e.message === `internal error: Failed to reserve port ${BASE + 2}`);

  await a.destroy();
  // the driver gave the port back at stop; the kernel frees the socket of the killed QEMU in its own time
  for (let i = 0; i < 100 && !(await portFree(BASE + 1)); i++) await new Promise((r) => setTimeout(r, 100));
  const c = await conn.createXML(vncXml('c'), v.VIR_DOMAIN_START_PAUSED);
  assert.equal(await livePort(c), BASE + 1, 'the port came back at stop');
  assert.equal(await rfbBanner(BASE + 1), 'RFB 003.008\n');
  await b.destroy();
  await c.destroy();
  assert.equal(processesUnder(root).length, 0);
});

test('a fixed port something else listens on: QEMU\'s own reason, nothing left behind', async () => {
  const dom = await conn.defineXML(vncXml('busy', `<graphics type='vnc' port='${BASE}'/>`));
  await assert.rejects(dom.create(), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INTERNAL_ERROR && /^internal error: process exited while connecting to monitor: .*qemu-system-x86_64: -vnc 127\.0\.0\.1:\d+.*: Failed to find an available port: Address already in use$/.test(e.message));
  assert.equal(processesUnder(root).length, 0);
  assert.equal((await dom.state()).state, v.VIR_DOMAIN_SHUTOFF);
  // The port it claimed was given back: an automatic display can use the range again.
  await dom.undefine();
  const next = await conn.createXML(vncXml('next'), v.VIR_DOMAIN_START_PAUSED);
  assert.equal(await livePort(next), BASE + 1);
  await next.destroy();
});

test('qemu.conf ranges are checked as libvirt checks them', async () => {
  const bad = makeRoot();
  mkdirSync(join(bad.root, 'etc'), { recursive: true });
  const conf = join(bad.root, 'etc', 'qemu.conf');
  try {
    writeFileSync(conf, 'remote_display_port_min = 5000\n');
    await assert.rejects(v.open(bad.uri), (e: v.VirError) =>
      e.message === `internal error: ${conf}: remote_display_port_min: port must be greater than or equal to 5900`);
    writeFileSync(conf, 'remote_display_port_min = 6000\nremote_display_port_max = 5999\n');
    await assert.rejects(v.open(bad.uri), (e: v.VirError) =>
      e.message === `internal error: ${conf}: remote_display_port_max: port must be between the minimal port and 65535`);
  } finally {
    await cleanupRoot(bad.root);
  }
});
