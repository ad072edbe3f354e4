import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { ErrorDomain, ErrorNumber, VirError } from '../../../../src/errors/index.js';
import { QmpMonitor, type QmpEvent } from '../../../../src/drivers/qemu/qmp/index.js';
import { QemuUnderTest } from './qemu-under-test.js';

function assertVirError(err: unknown, code: number, message: string | RegExp): true {
  assert.ok(err instanceof VirError, `expected a VirError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.equal(err.domain, ErrorDomain.VIR_FROM_QEMU);
  if (typeof message === 'string') assert.equal(err.message, message);
  else assert.match(err.message, message);
  return true;
}

describe('QmpMonitor against a real QEMU', () => {
  let qemu: QemuUnderTest;
  let monitor: QmpMonitor;

  before(async () => {
    qemu = await QemuUnderTest.start();
    monitor = await QmpMonitor.connect(qemu.socketPath, { vmName: 'guest1' });
  });
  after(async () => {
    // before() may have failed half-way: a failed connect must not leave QEMU running
    (monitor as QmpMonitor | undefined)?.destroy();
    await (qemu as QemuUnderTest | undefined)?.stop();
  });

  test('the greeting carries QEMU version and capabilities are negotiated', async () => {
    assert.equal(monitor.greeting.version.qemu.major, 7);
    assert.ok(Array.isArray(monitor.greeting.capabilities));
    const version = await monitor.execute<{ qemu: { major: number } }>('query-version');
    assert.equal(version.qemu.major, 7);
    assert.deepEqual(await monitor.execute('query-status'), { status: 'prelaunch', singlestep: false, running: false });
  });

  test('commands with arguments get their own replies, matched by id when they overlap', async () => {
    const names = ['query-status', 'query-version', 'query-kvm', 'query-name'];
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => monitor.execute(names[i % 4]!)));
    replies.forEach((reply, i) => assert.ok(i % 4 !== 0 || (reply as { status: string }).status === 'prelaunch'));
    replies.forEach((reply, i) => assert.ok(i % 4 !== 1 || 'qemu' in (reply as object)));
    replies.forEach((reply, i) => assert.ok(i % 4 !== 2 || 'enabled' in (reply as object)));
    const typeInfo = await monitor.execute<Array<{ name: string }>>('qom-list-types', { abstract: false, implements: 'x86_64-cpu' });
    assert.ok(typeInfo.some((t) => t.name === 'qemu64-x86_64-cpu'));
  });

  test("QEMU's own error becomes VIR_ERR_INTERNAL_ERROR with its message, as libvirt words it", async () => {
    await assert.rejects(monitor.execute('no-such-command'), (err) => assertVirError(err, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      "internal error: unable to execute QEMU command 'no-such-command': The command no-such-command has not been found"));
    await assert.rejects(monitor.execute('qom-list', { path: '/nowhere' }), (err) => assertVirError(err, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      "internal error: unable to execute QEMU command 'qom-list': Device '/nowhere' not found"));
    assert.equal((await monitor.execute<{ status: string }>('query-status')).status, 'prelaunch');
  });

  test('lifecycle events arrive typed and as generic events', async () => {
    const seen: string[] = [];
    const onEvent = (event: QmpEvent): void => { seen.push(event.event); };
    monitor.on('event', onEvent);
    const resumed = once(monitor, 'RESUME');
    await monitor.execute('cont');
    const [, timestamp] = await resumed;
    assert.ok(timestamp.seconds > 1_600_000_000);
    const stopped = once(monitor, 'STOP');
    await monitor.execute('stop');
    await stopped;
    const reset = once(monitor, 'RESET');
    await monitor.execute('system_reset');
    assert.deepEqual((await reset)[0], { guest: false, reason: 'host-qmp-system-reset' });
    const powerdown = once(monitor, 'POWERDOWN');
    await monitor.execute('system_powerdown');
    await powerdown;
    monitor.off('event', onEvent);
    assert.deepEqual(seen, ['RESUME', 'STOP', 'RESET', 'POWERDOWN']);
  });

  test('a command QEMU does not answer in time fails with VIR_ERR_OPERATION_TIMEOUT; its late reply is dropped', async () => {
    qemu.signal('SIGSTOP');
    try {
      await assert.rejects(monitor.execute('query-status', undefined, { timeoutMs: 200 }), (err) => assertVirError(err,
        ErrorNumber.VIR_ERR_OPERATION_TIMEOUT, "Timed out during operation: QEMU monitor command 'query-status' did not complete within 200 ms"));
      const controller = new AbortController();
      const aborted = monitor.execute('query-version', undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(aborted, (err) => assertVirError(err, ErrorNumber.VIR_ERR_OPERATION_ABORTED,
        "operation aborted: QEMU monitor command 'query-version' was cancelled"));
    } finally {
      qemu.signal('SIGCONT');
    }
    assert.equal((await monitor.execute<{ running: boolean }>('query-status')).running, false);
  });

  test('an already aborted signal sends nothing', async () => {
    await assert.rejects(monitor.execute('query-status', undefined, { signal: AbortSignal.abort() }),
      (err) => assertVirError(err, ErrorNumber.VIR_ERR_OPERATION_ABORTED, /was cancelled/));
  });
});

describe('QmpMonitor when QEMU goes away', () => {
  test('quit: SHUTDOWN, then eof, then every command fails with End of file', async () => {
    const qemu = await QemuUnderTest.start('none');
    try {
      const monitor = await QmpMonitor.connect(qemu.socketPath, { vmName: 'guest2' });
      const shutdown = once(monitor, 'SHUTDOWN');
      const eof = once(monitor, 'eof');
      const closed = once(monitor, 'close');
      await monitor.execute('quit');
      assert.deepEqual((await shutdown)[0], { guest: false, reason: 'host-qmp-quit' });
      assertVirError((await eof)[0], ErrorNumber.VIR_ERR_INTERNAL_ERROR, "internal error: End of file from qemu monitor (vm='guest2')");
      await closed;
      assert.equal(monitor.closed, true);
      await assert.rejects(monitor.execute('query-status'), (err) => assertVirError(err, ErrorNumber.VIR_ERR_INTERNAL_ERROR, /End of file/));
      assert.equal(await qemu.exited(), 0);
    } finally {
      await qemu.stop();
    }
  });

  test('killed by pid while a command waits: the command and listeners learn at once', async () => {
    const qemu = await QemuUnderTest.start('none');
    try {
      const monitor = await QmpMonitor.connect(qemu.socketPath, { vmName: 'guest3' });
      qemu.signal('SIGSTOP');
      const pending = monitor.execute('query-status');
      const eof = once(monitor, 'eof');
      qemu.signal('SIGKILL');
      await assert.rejects(pending, (err) => assertVirError(err, ErrorNumber.VIR_ERR_INTERNAL_ERROR, "internal error: End of file from qemu monitor (vm='guest3')"));
      await eof;
      assert.equal(await qemu.exited(), null);
    } finally {
      await qemu.stop();
    }
  });

  test('close() lets commands in flight finish, then refuses new ones; destroy() fails them', async () => {
    const qemu = await QemuUnderTest.start('none');
    try {
      const first = await QmpMonitor.connect(qemu.socketPath);
      const inFlight = first.execute<{ status: string }>('query-status');
      const closing = first.close();
      await assert.rejects(first.execute('query-status'), (err) => assertVirError(err, ErrorNumber.VIR_ERR_OPERATION_FAILED,
        'operation failed: QEMU monitor was closed'));
      assert.equal((await inFlight).status, 'prelaunch');
      await closing;

      // QEMU accepts a new client once the first one has gone
      const second = await QmpMonitor.connect(qemu.socketPath);
      qemu.signal('SIGSTOP');
      const stuck = second.execute('query-status');
      second.destroy();
      qemu.signal('SIGCONT');
      await assert.rejects(stuck, (err) => assertVirError(err, ErrorNumber.VIR_ERR_OPERATION_FAILED, /QEMU monitor was closed/));
      await once(second, 'close');
    } finally {
      await qemu.stop();
    }
  });

  test('connect waits for a QEMU that is still starting', async () => {
    const qemu = await QemuUnderTest.start('none'); // resolves as soon as the process runs, before its socket exists
    try {
      const monitor = await QmpMonitor.connect(qemu.socketPath, { timeoutMs: 10_000 });
      assert.equal(monitor.greeting.version.qemu.major, 7);
      await monitor.close();
    } finally {
      await qemu.stop();
    }
  });
});
