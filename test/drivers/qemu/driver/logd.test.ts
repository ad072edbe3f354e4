/**
 * The QEMU driver with tsvirtlogd listening at the instance's socket (ROOT/run/tsvirtlogd-sock):
 * QEMU's stdout and stderr are the log daemon's pipe, so
 *  - a failed start reports exactly this attempt's QEMU lines, read through the daemon;
 *  - a guest writing to its console (a stdio serial port: into QEMU's stdout, the pipe) loses
 *    no byte while the process holding the driver is killed and a new one takes the guest
 *    back, nor while the log daemon itself restarts (SIGUSR1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from '../../../../src/index.js';
import { ErrorNumber } from '../../../../src/errors/index.js';
import { Command } from '../../../../src/util/command/index.js';
import { TestDaemon } from '../../../logd/daemon-harness.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder, readText, waitFor } from './harness.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child-driver.js');
/** Generous: a TCG guest on 2 loaded cores. */
const SLOW_MS = 120_000;

async function withLogd(t: { after: (fn: () => Promise<void>) => void }) {
  const { root, uri } = makeRoot();
  // The instance's log daemon: its socket in ROOT/run, the logs under ROOT/log.
  const logd = await TestDaemon.start({ runDir: join(root, 'run'), logDir: join(root, 'log') });
  t.after(async () => {
    await logd.stop(); // first: its pid file is under ROOT
    await cleanupRoot(root);
  });
  return { root, uri, logd, logPath: (name: string) => join(root, 'log', 'qemu', `${name}.log`) };
}

test('a failed start through the log daemon reports exactly this attempt\'s QEMU lines', async (t) => {
  const { root, uri, logd, logPath } = await withLogd(t);
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const diskXml = (file: string) => `<disk type='file' device='disk'><driver name='qemu' type='raw'/>`
    + `<source file='${join(root, file)}'/><target dev='vda' bus='virtio'/></disk>`;
  const attempts = ['first-missing.img', 'second-missing.img', 'third-missing.img'];
  for (const [i, file] of attempts.entries()) {
    // each attempt gives QEMU a different bad disk
    const dom = await conn.defineXML(guestXml({ name: 'nodisk', serialLog: join(root, 'serial.log'), extraDevices: diskXml(file) }));
    await assert.rejects(dom.create(), (e: v.VirError) => {
      assert.equal(e.code, ErrorNumber.VIR_ERR_INTERNAL_ERROR);
      assert.match(e.message, new RegExp(`qemu-system-x86_64: .*Could not open '${join(root, file)}': No such file or directory`));
      assert.equal((e.message.match(/Could not open/g) ?? []).length, 1, `attempt ${i + 1} reports only its own QEMU line`);
      for (const other of attempts.slice(0, i)) assert.ok(!e.message.includes(other), `attempt ${i + 1} shows nothing of ${other}`);
      assert.doesNotMatch(e.message, /starting up|LC_ALL=C/, 'nor our header');
      return true;
    });
    await dom.undefine();
  }
  const log = readFileSync(logPath('nodisk'), 'utf8');
  for (const file of attempts) assert.equal(log.split(`Could not open '${join(root, file)}'`).length, 2, `the log keeps ${file}'s attempt once`);
  assert.equal((log.match(/: starting up$/gm) ?? []).length, 3, 'each attempt\'s header');
  assert.deepEqual(readdirSync(join(logd.runDir, 'tsvirtlogd-pipes')), [], 'no pipe left behind');
  assert.ok(!log.includes('tsvirt-seq'));
});

/** Every `tsvirt-seq-N` line of `text`, in order, must be 0, 1, 2, ... without a gap. */
function sequenceOf(text: string): number[] {
  return [...text.matchAll(/^tsvirt-seq-(\d+)\r?$/gm)].map((m) => Number(m[1]));
}

function assertContiguous(seq: number[]): void {
  const bad = seq.findIndex((n, i) => n !== i);
  assert.equal(bad, -1, `line ${bad} of the sequence is ${seq[bad]} (${JSON.stringify(seq.slice(Math.max(0, bad - 3), bad + 3))})`);
}

test('a guest writing to its console through the log daemon loses no byte while the driver\'s process is killed and replaced', async (t) => {
  const { root, uri, logd, logPath } = await withLogd(t);
  const name = 'counter';
  const path = logPath(name);
  // The guest's init prints a numbered line after another, for ever, on ttyS0: a stdio serial
  // port, so into QEMU's stdout, which is the log daemon's pipe.
  const count = 'i=0; while :; do echo tsvirt-seq-$i; i=$((i+1)); done';
  const xml = guestXml({
    name, serialLog: '', serialXml: `<serial type='stdio'><target port='0'/></serial>`,
    cmdline: `console=ttyS0 loglevel=1 rdinit=/bin/busybox -- sh -c "${count}"`,
  });
  const xmlFile = join(root, `${name}.xml`);
  writeFileSync(xmlFile, xml);
  const idsFile = join(root, 'ids.json');
  const holder = new Command(process.execPath, [CHILD, uri, 'create', name, xmlFile])
    .addEnvPassCommon().addEnvPair('TSVIRT_TEST_HOLD', idsFile).setErrorFd(2);
  await holder.runAsync();
  t.after(() => holder.abort().catch(() => undefined));
  await waitFor('the holder to start the guest', () => existsSync(idsFile), SLOW_MS);
  const id = (JSON.parse(readFileSync(idsFile, 'utf8')) as Record<string, number>)[name];
  const [qemuPid] = processesUnder(root);
  assert.ok(qemuPid);

  const progress = () => sequenceOf(readText(path)).length;
  await waitFor('the guest to count', () => progress() > 200, SLOW_MS);
  process.kill(holder.pid!, 'SIGKILL'); // tsvirtd dies mid-stream
  await holder.wait({ exitStatus: true }).catch(() => undefined);
  const atKill = progress();
  await waitFor('the guest to go on counting with no driver', () => progress() > atKill + 200, SLOW_MS);

  await logd.restart(); // and the log daemon restarts too, keeping the pipe
  const atRestart = progress();
  await waitFor('the guest to go on counting after the log daemon restarted', () => progress() > atRestart + 200, SLOW_MS);

  const conn = await v.open(uri); // the new daemon takes the guest back
  t.after(() => conn.close());
  const dom = await conn.lookupByName(name);
  assert.equal(dom.ID(), id);
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  assert.deepEqual(processesUnder(root), [qemuPid], 'the same QEMU, never restarted');
  const atRecovery = progress();
  await waitFor('the guest to count under the new driver', () => progress() > atRecovery + 200, SLOW_MS);
  await dom.destroy();

  const log = readFileSync(path, 'utf8');
  const seq = sequenceOf(log);
  assert.ok(seq.length > atRecovery + 200);
  assertContiguous(seq);
  assert.match(log, /: starting up\n[^]*tsvirt-seq-0\r?\n[^]*: shutting down, reason=destroyed\n$/, 'our lines around the guest\'s');
  assert.equal((log.match(/: starting up$/gm) ?? []).length, 1, 'one run');
});
