// File descriptors over the unix socket (CALL_WITH_FDS / REPLY_WITH_FDS), tsvirtd against a real
// libvirtd, both serving the test driver: libvirt-python's openGraphics / openGraphicsFD /
// FDAssociate / createXMLWithFiles / createWithFiles and virsh `create --pass-fds` give the same
// results through both daemons; our client gets from libvirtd what libvirt-python gets, and its
// connection stays usable; neither our client nor tsvirtd keeps a descriptor afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bothDaemons, fdCount, fdsBackTo, havePython, haveVirsh, libvirtdSkip, python, startTsvirtd, virsh } from './harness.js';
import { openAuth } from '../../src/index.js';
import { nativeHelper } from '../../src/native/index.js';

const skip = libvirtdSkip || (!havePython ? 'needs libvirt-python' : !haveVirsh ? 'needs virsh' : false);
const daemons = bothDaemons(skip);

const work = mkdtempSync(join(tmpdir(), 'tsvirt-fdpass-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** Each call's outcome as one line: its result or libvirt's error (code, domain, message). */
const SCRIPT = `
import libvirt, os, socket, sys
libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open(sys.argv[1])
def show(what, f):
    try:
        print(what, 'ok', f())
    except libvirt.libvirtError as e:
        print(what, 'error', e.get_error_code(), e.get_error_domain(), e.get_error_message())
dom = c.lookupByName('test')
a, b = socket.socketpair()
show('openGraphics', lambda: dom.openGraphics(0, a.fileno(), 0))
show('openGraphics-file', lambda: dom.openGraphics(0, os.open('/dev/null', os.O_RDONLY), 0))
show('openGraphicsFD', lambda: dom.openGraphicsFD(0, 0))
show('FDAssociate', lambda: dom.FDAssociate('disk0', [a.fileno(), b.fileno()], 0))
xml = open(sys.argv[2]).read()
show('createXMLWithFiles', lambda: c.createXMLWithFiles(xml, [a.fileno()], 0).name())
show('createXMLWithFiles-again', lambda: c.createXMLWithFiles(xml, [a.fileno()], 0).name())
show('destroy', lambda: c.lookupByName('fdguest').destroy())
c.defineXML(xml)
show('createWithFiles', lambda: c.lookupByName('fdguest').createWithFiles([a.fileno(), b.fileno()], 0))
show('state', lambda: c.lookupByName('fdguest').state())
show('still-usable', lambda: len(c.listAllDomains()))
`;

const GUEST = `<domain type='test'><name>fdguest</name><uuid>5f2a1d0e-9c3b-4a55-8e21-0d6f3b7a9c10</uuid><memory>65536</memory><os><type>hvm</type></os></domain>`;

test('libvirt-python passes descriptors to tsvirtd with the results libvirtd gives', { skip }, async () => {
  const xml = join(work, 'guest.xml');
  writeFileSync(xml, GUEST);
  const theirs = python(SCRIPT, daemons.theirs.socket, [xml]);
  assert.equal(theirs.status, 0, theirs.stderr);
  const before = fdCount(daemons.ours.pid);
  const ours = python(SCRIPT, daemons.ours.socket, [xml]);
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, theirs.stdout);
  assert.match(theirs.stdout, /^openGraphics error 3 20 this function is not supported by the connection driver: virDomainOpenGraphics$/m);
  assert.match(theirs.stdout, /^createXMLWithFiles ok fdguest$/m);
  assert.equal(await fdsBackTo(daemons.ours.pid, before), before, 'tsvirtd closed every descriptor it received');
});

test('virsh create --pass-fds through tsvirtd prints what it prints through libvirtd', { skip }, () => {
  const xml = join(work, 'pass.xml');
  writeFileSync(xml, GUEST.replace('fdguest', 'passfds'));
  // virsh passes its own descriptors 0,1,2 by number.
  const theirs = virsh(daemons.theirs.socket, ['create', xml, '--pass-fds', '0,2']);
  const ours = virsh(daemons.ours.socket, ['create', xml, '--pass-fds', '0,2']);
  assert.equal(theirs.status, 0, theirs.stderr);
  assert.deepEqual(ours, { ...theirs, stdout: theirs.stdout.replace(xml, xml) });
  const bad = ['create', xml, '--pass-fds', '99'];
  assert.deepEqual(virsh(daemons.ours.socket, bad), virsh(daemons.theirs.socket, bad));
});

test('our client passes descriptors to libvirtd and gets the errors libvirt-python gets; the connection stays usable', { skip: skip || (!nativeHelper() && 'needs the native helper') }, async () => {
  const py = python(SCRIPT, daemons.theirs.socket, [join(work, 'none.xml')]);
  const expected = new Map(py.stdout.split('\n').filter(Boolean).map((l) => [l.split(' ')[0], l]));
  const myFds = () => readdirSync('/proc/self/fd').length;
  const conn = await openAuth(`test+unix:///default?socket=${daemons.theirs.socket}`, null, 0);
  try {
    const dom = await conn.lookupByName('test');
    const [a, b] = nativeHelper()!.socketpair();
    const show = async (what: string, f: () => Promise<unknown>) => {
      try {
        return `${what} ok ${String(await f())}`;
      } catch (e) {
        const v = e as { code: number; domain: number; message: string };
        return `${what} error ${v.code} ${v.domain} ${v.message}`;
      }
    };
    const before = myFds();
    for (let i = 0; i < 20; i++) {
      assert.equal(await show('openGraphics', () => dom.openGraphics(0, a, 0)), expected.get('openGraphics'));
      assert.equal(await show('openGraphicsFD', () => dom.openGraphicsFD(0, 0)), expected.get('openGraphicsFD'));
      assert.equal(await show('FDAssociate', () => dom.fdAssociate('disk0', [a, b], 0)), expected.get('FDAssociate'));
    }
    const file = openSync('/dev/null', 'r');
    assert.match(await show('openGraphics-file', () => dom.openGraphics(0, file, 0)), /^openGraphics-file error 8 20 fd \d+ must be a socket$/);
    closeSync(file);
    assert.equal(myFds(), before, 'no descriptor left in our process');
    assert.equal((await conn.listAllDomains()).length > 0, true);
    closeSync(a);
    closeSync(b);
  } finally {
    await conn.close();
  }
});

test('without the native helper: tsvirtd and our client work, descriptor calls say the helper is missing', { skip }, async () => {
  const plain = await startTsvirtd('', [], { TSVIRT_NO_NATIVE: '1' });
  try {
    const xml = join(work, 'guest2.xml');
    writeFileSync(xml, GUEST);
    const r = python(SCRIPT, plain.socket, [xml]);
    assert.equal(r.status, 0, r.stderr);
    const missing = "needs tsvirt's native helper (disabled by TSVIRT_NO_NATIVE=1); build it with 'npm rebuild tsvirt'";
    assert.match(r.stdout, new RegExp(`^openGraphics error 3 7 this function is not supported by the connection driver: receiving file descriptors ${missing.replace(/[()]/g, '\\$&')}$`, 'm'));
    assert.match(r.stdout, /^createXMLWithFiles error 3 7 .*native helper/m);
    assert.match(r.stdout, /^still-usable ok 2$/m, 'the connection carried on past the descriptors');
    // Our client without the helper, against libvirtd: the call is refused before it is sent.
    const client = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { openAuth } = await import(${JSON.stringify(new URL('../../src/index.js', import.meta.url).href)});
      const c = await openAuth(process.argv[1], null, 0);
      const d = await c.lookupByName('test');
      try { await d.openGraphicsFD(0, 0); } catch (e) { console.log(e.message); }
      console.log((await c.listAllDomains()).length);
      await c.close();
      process.exit(0);
    `, `test+unix:///default?socket=${daemons.theirs.socket}`], { encoding: 'utf8', env: { ...process.env, TSVIRT_NO_NATIVE: '1' }, timeout: 60_000 });
    assert.equal(client.status, 0, client.stderr);
    assert.equal(client.stdout, `this function is not supported by the connection driver: passing file descriptors ${missing}\n1\n`);
  } finally {
    await plain.stop();
  }
});
