// virDomainOpenGraphicsFD / virDomainOpenGraphics on a running QEMU guest with a VNC display: the
// descriptor goes to QEMU over its monitor (getfd + add_client) and the other end speaks RFB.
// Through tsvirtd over its unix socket with libvirt-python 9.0 and with our remote client, and
// with the driver in-process; tsvirtd keeps no descriptor after many calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { openAuth, type Connect } from '../../../../src/index.js';
import { nativeHelper } from '../../../../src/native/index.js';
import { fdCount, fdsBackTo, startTsvirtd, xdgEnv, type RunningDaemon } from '../../../daemon/harness.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot } from './harness.js';

const skip = nativeHelper() ? false : 'needs the native helper';
const { root } = makeRoot();
let daemon: RunningDaemon;
let uri: string;
const RFB_GREETING = 'RFB 003.008\n';

/** The first bytes a VNC server sends on a socket descriptor we own (closed afterwards). */
function greeting(fd: number): Promise<string> {
  const s = new Socket({ fd, readable: true, writable: true });
  return new Promise((resolve, reject) => {
    let got = '';
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`no RFB greeting, got ${JSON.stringify(got)}`)); }, 30_000);
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (got.length >= RFB_GREETING.length) { clearTimeout(timer); s.destroy(); resolve(got); }
    });
    s.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

test.before(async () => {
  if (skip) return;
  const env = xdgEnv(join(root, 'xdg'), ['config', 'cache', 'data', 'run']);
  daemon = await startTsvirtd('', [], env);
  uri = `qemu+unix:///session?socket=${daemon.socket}`;
});
test.after(async () => {
  if (!skip) {
    spawnSync('virsh', ['-c', uri, 'destroy', 'gfx']);
    spawnSync('virsh', ['-c', uri, 'undefine', 'gfx']);
    await daemon?.stop();
  }
  await cleanupRoot(root);
});

test('a VNC guest\'s display through a passed descriptor: libvirt-python and our client via tsvirtd', { skip }, async () => {
  const conn: Connect = await openAuth(uri, null, 0);
  try {
    const vnc = `<graphics type='vnc'><listen type='socket' socket='${join(root, 'vnc.sock')}'/></graphics>`;
    const dom = await conn.defineXML(guestXml({ name: 'gfx', extraDevices: vnc }));
    await assert.rejects(dom.openGraphicsFD(0, 0), { message: 'Requested operation is not valid: domain is not running' });
    await dom.create();

    const py = spawnSync('/usr/bin/python3', ['-c', `
import libvirt, os, socket, sys
c = libvirt.open(sys.argv[1])
d = c.lookupByName('gfx')
fd = d.openGraphicsFD(0, 0)
print(os.read(fd, 12))
os.close(fd)
a, b = socket.socketpair()
d.openGraphics(0, a.fileno(), libvirt.VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH)
a.close()
print(b.recv(12))
try:
    d.openGraphicsFD(1, 0)
except libvirt.libvirtError as e:
    print(e.get_error_message())
`, uri], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(py.status, 0, py.stderr);
    assert.equal(py.stdout, "b'RFB 003.008\\n'\nb'RFB 003.008\\n'\ninternal error: No graphics backend with index 1\n");

    // A warm-up call first: anything the daemon opens once (and keeps) is in the baseline.
    assert.equal(await greeting(await dom.openGraphicsFD(0, 0)), RFB_GREETING);
    const before = fdCount(daemon.pid);
    for (let i = 0; i < 10; i++) assert.equal(await greeting(await dom.openGraphicsFD(0, 0)), RFB_GREETING);
    const [mine, theirs] = nativeHelper()!.socketpair();
    await dom.openGraphics(0, theirs, 0);
    closeSync(theirs);
    assert.equal(await greeting(mine), RFB_GREETING);
    assert.equal(await fdsBackTo(daemon.pid, before), before, 'tsvirtd keeps none of the descriptors it passed on');
  } finally {
    await conn.close();
  }
});

test('the QEMU driver in-process hands out the display the same way', { skip }, async () => {
  const local = await openAuth(`qemu:///embed?root=${join(root, 'embed')}`, null, 0);
  try {
    const vnc = `<graphics type='vnc'><listen type='socket' socket='${join(root, 'vnc2.sock')}'/></graphics>`;
    const dom = await local.createXML(guestXml({ name: 'gfx2', extraDevices: vnc }), 0);
    try {
      assert.equal(await greeting(await dom.openGraphicsFD(0, 0)), RFB_GREETING);
      await assert.rejects(dom.openGraphicsFD(0, 0x10), /unsupported flags \(0x10\) in function qemuDomainOpenGraphicsFD/);
    } finally {
      await dom.destroy();
    }
  } finally {
    await local.close();
  }
});
