// Connection-level behaviour against a real libvirtd: many concurrent calls on one connection,
// keepalive detecting a daemon that stopped answering (SIGSTOP), an unknown procedure reported as
// "not supported by this daemon", and the unix transport's errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { open } from '../../../src/index.js';
import { remoteCall } from '../../../src/drivers/remote/call.js';
import { RpcConnection } from '../../../src/rpc/connection.js';
import { procedures as P } from '../../../src/rpc/protocol/remote.js';
import { libvirtdSkip, startLibvirtd, type RunningDaemon } from '../../daemon/harness.js';

describe('remote connection against libvirtd', { skip: libvirtdSkip }, () => {
  let daemon: RunningDaemon;
  let uri: string;
  before(async () => {
    daemon = await startLibvirtd();
    uri = `test+unix:///default?socket=${daemon.socket}`;
  });
  after(async () => {
    try { process.kill(daemon.pid, 'SIGCONT'); } catch { /* gone */ }
    await daemon?.stop();
  });

  it('answers 500 concurrent calls on one connection, each with its own result', async () => {
    const c = await open(uri);
    const names = ['test', 'nope'];
    const results = await Promise.allSettled(Array.from({ length: 500 }, (_, i) => c.lookupByName(names[i % 2]!).then(async (d) => {
      const info = await d.info();
      d.free();
      return info.maxMem;
    })));
    results.forEach((r, i) => {
      if (i % 2 === 0) assert.deepEqual(r, { status: 'fulfilled', value: 8388608 });
      else assert.equal(r.status === 'rejected' && (r.reason as { code: number }).code, 42);
    });
    await c.close();
  });

  it('reports a procedure the daemon does not know as not supported by it', async () => {
    const rpc = new RpcConnection(connect(daemon.socket));
    await remoteCall(rpc, P.CONNECT_OPEN, { name: 'test:///default', flags: 0 });
    // A procedure number libvirt 9.0.0 does not have, with an empty payload.
    const future = { ...P.CONNECT_GET_TYPE, number: 9999, name: 'FROM_THE_FUTURE' };
    await assert.rejects(remoteCall(rpc, future, undefined), (err: Error & { code: number; domain: number }) => {
      assert.deepEqual([err.code, err.domain], [3, 13]); // VIR_ERR_NO_SUPPORT, VIR_FROM_REMOTE
      assert.match(err.message, /the daemon does not know REMOTE_PROC_FROM_THE_FUTURE \(9999\)/);
      return true;
    });
    await rpc.close();
  });

  it('keepalive notices a daemon that stopped answering', async () => {
    const c = await open(uri);
    await c.setKeepAlive(1, 2);
    process.kill(daemon.pid, 'SIGSTOP');
    try {
      const started = Date.now();
      await assert.rejects(c.getType(), /connection closed due to keepalive timeout/);
      assert.ok(Date.now() - started < 10_000);
      assert.equal(await c.isAlive(), false);
      // The timeout is the reason only for the call it caught; later ones find the socket closed.
      await assert.rejects(c.getType(), { message: 'internal error: client socket is closed' });
    } finally {
      process.kill(daemon.pid, 'SIGCONT');
    }
    await c.close();
  });

  it('a missing socket is named', async () => {
    await assert.rejects(open('test+unix:///default?socket=/nonexistent/sock'),
      /Failed to connect socket to '\/nonexistent\/sock': No such file or directory/);
  });
});
