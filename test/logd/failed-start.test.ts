/**
 * The visible consequence of the ordering guarantee, with a real QEMU: the driver's sequence
 * (libvirt's qemuProcessLaunch) is to write the command line header into the log pipe, mark
 * the position, start QEMU with the pipe as stdout/stderr, and on failure show the log from the
 * mark. The message must hold exactly this attempt's QEMU lines: not the header just written,
 * not an earlier attempt's lines.
 *
 * This test plays the driver's part with the Command API and the log client, in the driver's
 * order, on the daemon alone; the driver itself is tested in test/drivers/qemu/driver/logd.test.ts.
 */
import assert from 'node:assert/strict';
import { closeSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Command } from '../../src/util/command/index.js';
import type { LogManagerClient } from '../../src/logd/client.js';
import { TestDaemon } from './daemon-harness.js';

const QEMU = '/usr/bin/qemu-system-x86_64';
const dom = { name: 'failing', uuid: Buffer.alloc(16, 0x42) };
let daemon: TestDaemon;
let client: LogManagerClient;

before(async () => {
  daemon = await TestDaemon.start();
  client = await daemon.client();
});
after(async () => {
  await client?.close();
  await daemon?.stop();
});

async function attempt(path: string, n: number): Promise<{ message: string; qemuSaid: string }> {
  const { fd } = await client.openLogFile('qemu', dom, path); // appends, as the driver does
  const cmd = new Command(QEMU, ['-machine', 'none', '-nodefaults', '-display', 'none', `-no-such-option-${n}`])
    .addEnvPassCommon();
  cmd.writeArgLog(fd); // the header line, through the pipe
  const mark = await client.getLogFilePosition(path);
  cmd.setOutputFd(fd).setErrorFd(fd);
  const status = await cmd.run({ exitStatus: true });
  closeSync(fd);
  assert.notEqual(status, 0, 'QEMU refuses the option');
  const message = (await client.readLogFile(path, mark, 1024n * 1024n)).toString();
  return { message, qemuSaid: `qemu-system-x86_64: -no-such-option-${n}: invalid option\n` };
}

test('a failed start reports exactly the lines QEMU printed during this attempt', async () => {
  const path = daemon.logPath('failing.log');
  for (let n = 1; n <= 5; n++) {
    const { message, qemuSaid } = await attempt(path, n);
    assert.equal(message, qemuSaid, `attempt ${n}`);
  }
  const log = readFileSync(path, 'latin1');
  for (let n = 1; n <= 5; n++) assert.ok(log.includes(`-no-such-option-${n}: invalid option`), 'every attempt is kept in the log');
  assert.equal(log.split('\n').filter((l) => l.includes('-machine none')).length, 5, 'with its header line');
});
