/**
 * virConnectDomainXMLToNative / FromNative through the API of an embedded QEMU driver, and
 * tsvirsh's domxml-to-native against real virsh on libvirt's embedded driver.
 *
 * libvirt 9.0.0 dropped the QEMU driver's from-native, so its oracle is our own to-native (itself
 * checked against libvirt by differential.test.ts): a command line read back and built again must
 * give the same command line.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { open, openReadOnly, type Connect } from '../../../../src/index.js';
import { ErrorDomain, ErrorNumber } from '../../../../src/errors/codes.js';
import { Command } from '../../../../src/util/command/index.js';
import { corpusFiles } from './harness.js';

/** Corpus files with no command line to read back: libvirt refuses them as we do (an itco watchdog, a secondary VGA). */
const NOT_BUILT = new Set(['rng-q35.xml', 'video-pc-qxl-vga.xml']);
const files = (await corpusFiles()).filter((f) => !basename(f).startsWith('err-') && !NOT_BUILT.has(basename(f)));
const cli = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

/** A virsh-like shell on `qemu:///embed?root=ROOT`: its standard output with the root named ROOT, and its status. */
async function runShell(program: string[], root: string, args: string[]): Promise<{ out: string; status: number }> {
  const [bin, ...pre] = program;
  const cmd = new Command(bin!, [...pre, '-c', `qemu:///embed?root=${root}`, ...args]).setOutputBuffer().setErrorBuffer();
  const status = await cmd.run({ exitStatus: true });
  return { out: (cmd.capturedOutput ?? '').split(root).join('ROOT'), status };
}

describe('domxml-to-native and domxml-from-native on qemu:///embed', () => {
  let root: string;
  let uri: string;
  let conn: Connect;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tsvirt-native-'));
    uri = `qemu:///embed?root=${root}`;
    conn = await open(uri);
  });
  after(async () => {
    await conn?.close();
    await rm(root, { recursive: true, force: true });
  });

  for (const file of files) {
    test(`${basename(file)}: the command line read back builds the same command line`, async () => {
      const argv = await conn.domainXMLToNative('qemu-argv', await readFile(file, 'utf8'));
      const xml = await conn.domainXMLFromNative('qemu-argv', argv);
      assert.match(xml, /^<domain type='(qemu|kvm)'>\n/);
      assert.equal(await conn.domainXMLToNative('qemu-argv', xml), argv);
    });
  }

  test('the XML read back defines the same domain in libvirt 9.0.0 as in tsvirt', async () => {
    // one virsh session and one tsvirsh session, each defining, dumping and undefining every file
    const script: string[] = [];
    for (const file of files) {
      const argv = await conn.domainXMLToNative('qemu-argv', await readFile(file, 'utf8'));
      const xml = await conn.domainXMLFromNative('qemu-argv', argv);
      const name = /<name>([^<]+)<\/name>/.exec(xml)![1]!;
      const path = join(root, `${basename(file)}.native.xml`);
      await writeFile(path, xml);
      script.push(`define ${path}`, `dumpxml ${name}`, `undefine ${name} --nvram`);
    }
    const libvirtRoot = join(root, 'libvirt');
    await mkdir(join(libvirtRoot, 'etc'), { recursive: true });
    await writeFile(join(libvirtRoot, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\n');
    const theirs = await runShell(['virsh'], libvirtRoot, [script.join('\n')]);
    const ours = await runShell([process.execPath, cli], join(root, 'tsvirt'), [script.join('\n')]);
    assert.equal(theirs.status, 0, theirs.out);
    assert.equal(ours.out, theirs.out);
  });

  test('a shell line with environment, quotes and QEMU comma escapes', async () => {
    const xml = await conn.domainXMLFromNative('qemu-argv',
      "LC_ALL=C HOME=/tmp /usr/bin/qemu-system-x86_64 -name guest='my vm',debug-threads=on -m 256 -smp 2 "
      + "-kernel \"/boot/vm linuz\" -append 'console=ttyS0 root=/dev/vda' -no-acpi "
      + "-blockdev '{\"driver\":\"file\",\"filename\":\"/images/a,,b.img\",\"node-name\":\"s1\"}' "
      + "-blockdev '{\"node-name\":\"f1\",\"driver\":\"qcow2\",\"file\":\"s1\"}' "
      + "-device '{\"driver\":\"virtio-blk-pci\",\"drive\":\"f1\",\"id\":\"virtio-disk1\"}'");
    assert.match(xml, /<name>my vm<\/name>/);
    assert.match(xml, /<memory unit='KiB'>262144<\/memory>/);
    assert.match(xml, /<vcpu placement='static'>2<\/vcpu>/);
    assert.match(xml, /<kernel>\/boot\/vm linuz<\/kernel>/);
    assert.match(xml, /<cmdline>console=ttyS0 root=\/dev\/vda<\/cmdline>/);
    assert.doesNotMatch(xml, /<acpi\/>/);
    assert.match(xml, /<source file='\/images\/a,,b.img'\/>\n\s*<target dev='vdb' bus='virtio'\/>/);
  });

  const rejects = async (call: Promise<unknown>, code: number, message: string | RegExp): Promise<void> => {
    await assert.rejects(call, (e: { code: number; domain: number; message: string }) => {
      assert.equal(e.code, code);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    });
  };

  test('bad input: libvirt errors, nothing defined', async () => {
    const before = await conn.numOfDefinedDomains();
    const xml = await readFile(files[0]!, 'utf8');
    await rejects(conn.domainXMLToNative('xen-xm', xml), ErrorNumber.VIR_ERR_INVALID_ARG, 'invalid argument: unsupported config type xen-xm');
    await rejects(conn.domainXMLFromNative('xen-xm', '/usr/bin/qemu-system-x86_64'), ErrorNumber.VIR_ERR_INVALID_ARG,
      'invalid argument: unsupported config type xen-xm');
    await rejects(conn.domainXMLToNative('qemu-argv', xml, 1), ErrorNumber.VIR_ERR_INVALID_ARG,
      'unsupported flags (0x1) in function qemuConnectDomainXMLToNative');
    await rejects(conn.domainXMLFromNative('qemu-argv', '/usr/bin/qemu-system-x86_64', 2), ErrorNumber.VIR_ERR_INVALID_ARG,
      'unsupported flags (0x2) in function qemuConnectDomainXMLFromNative');
    await rejects(conn.domainXMLFromNative('qemu-argv', ''), ErrorNumber.VIR_ERR_INTERNAL_ERROR, /no emulator binary/);
    await rejects(conn.domainXMLFromNative('qemu-argv', "/usr/bin/qemu-system-x86_64 -name 'x"), ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      /unterminated quote/);
    await rejects(conn.domainXMLFromNative('qemu-argv', '/usr/bin/qemu-system-x86_64 -m'), ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      /option -m needs an argument/);
    await rejects(conn.domainXMLFromNative('qemu-argv', '/usr/bin/qemu-system-x86_64 -m lots'), ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      /bad memory size 'lots'/);
    await rejects(conn.domainXMLFromNative('qemu-argv', "/usr/bin/qemu-system-x86_64 -device '{\"driver\":'"),
      ErrorNumber.VIR_ERR_INTERNAL_ERROR, /malformed JSON option/);
    await rejects(conn.domainXMLFromNative('qemu-argv', '/nonexistent/qemu -m 64'), ErrorNumber.VIR_ERR_SYSTEM_ERROR,
      'Cannot check QEMU binary /nonexistent/qemu: No such file or directory');
    assert.equal(await conn.numOfDefinedDomains(), before);
  });

  test('read-only connections are refused, as libvirt refuses them', async () => {
    const ro = await openReadOnly(uri);
    try {
      await rejects(ro.domainXMLToNative('qemu-argv', '<domain/>'), ErrorNumber.VIR_ERR_OPERATION_DENIED,
        'operation forbidden: read only access prevents virConnectDomainXMLToNative');
      await rejects(ro.domainXMLFromNative('qemu-argv', 'qemu'), ErrorNumber.VIR_ERR_OPERATION_DENIED,
        'operation forbidden: read only access prevents virConnectDomainXMLFromNative');
    } finally {
      await ro.close();
    }
  });

  test('the test driver has no native format', async () => {
    const t = await open('test:///default');
    try {
      await assert.rejects(t.domainXMLToNative('qemu-argv', '<domain/>'), (e: { code: number; domain: number }) =>
        e.code === ErrorNumber.VIR_ERR_NO_SUPPORT && e.domain === ErrorDomain.VIR_FROM_DOMAIN);
    } finally {
      await t.close();
    }
  });
});

describe('tsvirsh domxml-to-native against virsh on libvirt\'s embedded QEMU driver', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsvirt-native-cli-'));
    await mkdir(join(dir, 'libvirt', 'etc'), { recursive: true });
    await writeFile(join(dir, 'libvirt', 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  // the corpus names a few tap interfaces; their descriptor numbers depend on the process, so not those
  const picks = ['uefi-ovmf.xml', 'disks-pc-ide-scsi-virtio.xml', 'q35-tcg-raw-serials.xml', 'err-unknown-machine.xml', 'err-arch-aarch64.xml'];
  for (const name of picks) {
    test(name, async () => {
      const file = (await corpusFiles()).find((f) => basename(f) === name)!;
      const args = ['domxml-to-native', 'qemu-argv', file];
      const theirs = await runShell(['virsh'], join(dir, 'libvirt'), args);
      const ours = await runShell([process.execPath, cli], join(dir, 'tsvirt'), args);
      assert.equal(ours.status, theirs.status);
      assert.equal(ours.out, theirs.out);
    });
  }
});
