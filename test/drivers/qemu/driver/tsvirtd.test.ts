/**
 * The QEMU driver served by tsvirtd (qemu:///session in temporary XDG directories), driven by
 * real virsh 9.0.0 and libvirt-python over its unix socket: define, start, dominfo, domstate,
 * dumpxml, console bytes, destroy, undefine, on one booted guest. virsh's output must equal
 * tsvirsh's through the same daemon (CPU time aside); the console stream carries the boot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TSVIRSH } from '../../../cli/harness.js';
import { startTsvirtd, xdgEnv, type RunningDaemon } from '../../../daemon/harness.js';
import { READY_MARKER } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot } from './harness.js';

const { root } = makeRoot();
let daemon: RunningDaemon;
let uri: string;

function run(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: root, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const virsh = (...args: string[]) => run('virsh', ['-c', uri, ...args]);
const tsvirsh = (...args: string[]) => run(process.execPath, [TSVIRSH, '-c', uri, ...args]);

/** Both CLIs, same command, same daemon: equal output once `normalise` dropped what varies per call. */
function same(args: string[], normalise = (s: string) => s): string {
  const a = virsh(...args), b = tsvirsh(...args);
  assert.equal(a.status, 0, `virsh ${args.join(' ')}: ${a.stderr}`);
  assert.deepEqual({ status: b.status, stdout: normalise(b.stdout), stderr: b.stderr }, { status: a.status, stdout: normalise(a.stdout), stderr: a.stderr });
  return a.stdout;
}

test.before(async () => {
  const env = xdgEnv(join(root, 'xdg'), ['config', 'cache', 'data', 'run']);
  daemon = await startTsvirtd('', [], env);
  uri = `qemu+unix:///session?socket=${daemon.socket}`;
});
test.after(async () => {
  virsh('destroy', 'td');
  virsh('undefine', 'td');
  await daemon?.stop();
  await cleanupRoot(root);
});

test('virsh and libvirt-python drive a real guest through tsvirtd as through libvirtd', async () => {
  const xmlFile = join(root, 'td.xml');
  writeFileSync(xmlFile, guestXml({ name: 'td' }));
  assert.match(virsh('define', xmlFile).stdout, /^Domain 'td' defined from /);
  same(['domstate', '--reason', 'td']);
  assert.equal(same(['domstate', '--reason', 'td']).trim(), 'shut off (unknown)');
  assert.match(virsh('start', 'td').stdout, /^Domain 'td' started/);

  // The console through the daemon's stream, both ways: the whole boot reaches libvirt-python, up
  // to the shell's prompt after the guest's marker, then a typed command is answered.
  const script = `import sys, time, libvirt
c = libvirt.open(sys.argv[1])
d = c.lookupByName('td')
st = c.newStream(0)
d.openConsole(None, st, 0)
seen = b''
marker = sys.argv[2].encode()
while not (marker in seen and b'/ # ' in seen.split(marker)[-1]):
    r = st.recv(4096)
    if not r:
        break
    seen += r
if not (marker in seen and b'/ # ' in seen.split(marker)[-1]):
    print('ended: ' + seen[-400:].decode('latin1'))
    sys.exit(0)
st.send(b'echo tsvirt-$((6*7))\\n')
seen = b''
while b'tsvirt-42' not in seen:
    r = st.recv(4096)
    if not r:
        break
    seen += r
st.abort()
print('answered' if b'tsvirt-42' in seen else 'no answer: ' + seen[-400:].decode('latin1'))`;
  const con = run('/usr/bin/python3', ['-c', script, uri, READY_MARKER]);
  assert.equal(con.status, 0, `${con.stderr}`.slice(-2000));
  assert.equal(con.stdout.trim(), 'answered');

  const noCpuTime = (s: string) => s.replace(/^CPU time:.*$/m, 'CPU time:');
  const info = same(['dominfo', 'td'], noCpuTime);
  assert.match(info, /^State: +running$/m);
  assert.match(info, /^Persistent: +yes$/m);
  assert.match(info, /^Max memory: +262144 KiB$/m);
  assert.equal(same(['domstate', '--reason', 'td']).trim(), 'running (booted)');
  const xml = same(['dumpxml', 'td']);
  assert.match(xml, /<domain type='qemu' id='\d+'>/);
  // separate virsh runs are separate clients: the daemon holds the driver, so the live XML stays
  assert.match(xml, /<console type='pty' tty='\/dev\/pts\/\d+'>/);
  same(['list', '--all']);

  const py = run('/usr/bin/python3', ['-c', `import sys, libvirt
c = libvirt.open(sys.argv[1])
d = c.lookupByName('td')
print(d.info()[0], d.state(), d.isActive(), d.isPersistent(), c.getType())`, uri]);
  assert.equal(py.status, 0, py.stderr);
  assert.equal(py.stdout.trim(), '1 [1, 1] 1 1 QEMU');

  assert.match(virsh('destroy', 'td').stdout, /^Domain 'td' destroyed/);
  assert.equal(same(['domstate', '--reason', 'td']).trim(), 'shut off (destroyed)');
  assert.match(virsh('undefine', 'td').stdout, /^Domain 'td' has been undefined/);
  const gone = virsh('dominfo', 'td');
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /error: failed to get domain 'td'/);
});
