// Cancellation, reconnection and old-daemon errors of the remote driver against a real tsvirtd:
// calls aborted or timed out while the daemon is stopped (SIGSTOP) reject with libvirt's codes and
// leave the connection usable; a daemon killed and restarted on the same socket is reached again
// with the event callbacks still firing; a procedure the daemon lacks is reported as unsupported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { open, withAbortSignal, type Connect, type DomainEvent } from '../../../src/index.js';
import { remoteCall } from '../../../src/drivers/remote/call.js';
import { RpcConnection } from '../../../src/rpc/connection.js';
import { procedures as P } from '../../../src/rpc/protocol/remote.js';
import { TSVIRTD, startTsvirtd, type RunningDaemon } from '../../daemon/harness.js';

const VIR_ERR_INTERNAL_ERROR = 1;
const VIR_ERR_SYSTEM_ERROR = 38;
const VIR_ERR_OPERATION_TIMEOUT = 68;
const VIR_ERR_OPERATION_ABORTED = 78;
const VIR_FROM_RPC = 7;

type Coded = Error & { code: number; domain: number };

/** The same tsvirtd again on the first one's config and sockets, as after a daemon restart. */
async function restart(first: RunningDaemon): Promise<{ pid: number; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, [TSVIRTD, '-f', join(first.dir, 'tsvirtd.conf'), '-p', join(first.dir, 'tsvirtd.pid')], {
    stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: join(first.dir, 'config') },
  });
  const exited = new Promise((r) => proc.once('exit', r));
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(first.socket).once('connect', () => { s.destroy(); resolve(true); }).once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    pid: proc.pid!,
    stop: async () => { if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGTERM'); await exited; } },
  };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok(), what);
}

describe('remote driver resilience against tsvirtd', () => {
  let daemon: RunningDaemon;
  let uri: string;
  before(async () => {
    daemon = await startTsvirtd();
    uri = `test+unix:///default?socket=${daemon.socket}`;
  });
  after(async () => {
    try { process.kill(daemon.pid, 'SIGCONT'); } catch { /* gone */ }
    await daemon?.stop();
  });

  it('aborts and times out calls with libvirt codes; late replies are dropped and the connection stays usable', async () => {
    const c = await open(uri);
    const short = await open(uri, { callTimeoutMs: 150 });
    process.kill(daemon.pid, 'SIGSTOP');
    try {
      const ac = new AbortController();
      const aborted = withAbortSignal(ac.signal, () => c.lookupByName('test'));
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(aborted, (err: Coded) => {
        assert.deepEqual([err.code, err.domain], [VIR_ERR_OPERATION_ABORTED, VIR_FROM_RPC]);
        assert.equal(err.message, 'operation aborted: REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME');
        return true;
      });
      const timed = withAbortSignal(AbortSignal.timeout(100), async () => (await c.lookupByName('test')).info());
      await assert.rejects(timed, (err: Coded) => err.code === VIR_ERR_OPERATION_TIMEOUT);
      await assert.rejects(short.getType(), (err: Coded) => {
        assert.equal(err.code, VIR_ERR_OPERATION_TIMEOUT);
        assert.match(err.message, /^Timed out during operation: no reply to REMOTE_PROC_CONNECT_GET_TYPE within 150 ms$/);
        return true;
      });
      const already = AbortSignal.abort();
      await assert.rejects(withAbortSignal(already, () => c.getHostname()), (err: Coded) => err.code === VIR_ERR_OPERATION_ABORTED);
    } finally {
      process.kill(daemon.pid, 'SIGCONT');
    }
    // The daemon now answers the abandoned calls; those replies must not be taken for later ones.
    const dom = await c.lookupByName('test');
    assert.equal(dom.name(), 'test');
    assert.equal((await dom.info()).maxMem, 8388608);
    assert.equal(await short.getType(), 'TEST');
    assert.equal(await c.isAlive(), true);
    dom.free();
    await short.close();
    await c.close();
  });

  it('reports a procedure the daemon does not serve as not supported by it', async () => {
    const rpc = new RpcConnection(connect(daemon.socket));
    await remoteCall(rpc, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
    const future = { ...P.CONNECT_GET_TYPE, number: 9999, name: 'FROM_THE_FUTURE' };
    await assert.rejects(remoteCall(rpc, future, undefined), (err: Coded) => {
      assert.deepEqual([err.code, err.domain], [3, 13]); // VIR_ERR_NO_SUPPORT, VIR_FROM_REMOTE
      assert.equal(err.message, 'this function is not supported by the connection driver: '
        + 'the daemon does not know REMOTE_PROC_FROM_THE_FUTURE (9999); it is older than this client');
      return true;
    });
    assert.equal((await remoteCall(rpc, P.CONNECT_GET_TYPE, undefined)).type, 'TEST');
    await rpc.close();
  });

  it('without reconnect a dropped connection stays dropped; with it, tries are bounded and the next call starts over', async () => {
    const spare = await startTsvirtd();
    const spareUri = `test+unix:///default?socket=${spare.socket}`;
    const plain = await open(spareUri);
    const retrying = await open(spareUri, { reconnect: { attempts: 3, initialDelayMs: 20, maxDelayMs: 40 } });
    process.kill(spare.pid, 'SIGKILL');
    for (let i = 0; i < 200 && await plain.isAlive(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(await plain.isAlive(), false);
    // As libvirt's client once its event loop saw the drop: later calls only say the socket is closed.
    for (let i = 0; i < 2; i++) {
      await assert.rejects(plain.getType(), (err: Coded) => {
        assert.deepEqual([err.code, err.domain, err.message], [VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, 'internal error: client socket is closed']);
        return true;
      });
    }
    await assert.rejects(retrying.getType(), (err: Coded) => {
      assert.deepEqual([err.code, err.domain], [VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC]);
      assert.match(err.message, /^Failed to connect socket to '.*tsvirt-sock': (Connection refused|No such file or directory)$/);
      return true;
    });
    await plain.close();
    await retrying.close();
    await spare.stop();
  });

  it('reconnects after a daemon restart and keeps delivering events', async () => {
    const c: Connect = await open(uri, { reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });
    const seen: [string, number][] = [];
    await c.domainEventRegisterAny(null, 0, (e: DomainEvent) => { seen.push([e.dom.name(), e.event!]); e.dom.free(); });
    process.kill(daemon.pid, 'SIGSTOP');
    const inFlight = c.getType();
    process.kill(daemon.pid, 'SIGKILL');
    await assert.rejects(inFlight, (err: Coded) => {
      assert.deepEqual([err.code, err.domain], [VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC]);
      // Which one depends on whether the kernel still held our unread call when the daemon died.
      // (or, when our call left only after the daemon died, on the write).
      assert.match(err.message, /^(End of file while reading data: Input\/output error|Cannot recv data: Connection reset by peer|Cannot write data: Broken pipe)$/);
      return true;
    });
    const second = await restart(daemon);
    try {
      assert.equal(await c.getType(), 'TEST'); // waits for the new connection
      const other = await open(uri);
      const dom = await other.lookupByName('test');
      await dom.destroy();
      await dom.create();
      await until('stopped and started events after the reconnect', () => seen.length >= 2);
      assert.deepEqual(seen, [['test', 5], ['test', 2]]); // VIR_DOMAIN_EVENT_STOPPED, _STARTED
      dom.free();
      await other.close();
      await c.close();
    } finally {
      await second.stop();
    }
  });
});
