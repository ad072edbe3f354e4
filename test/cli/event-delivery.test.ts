/**
 * Event printing needs a second client making events while tsvirsh waits: connections to
 * test:///default in one process share the driver, so a tsvirsh session and a library
 * connection in this process see each other's changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../src/index.js';
import { Session } from '../../src/cli/session.js';
import { StringTokens } from '../../src/cli/tokens.js';

async function runWhile(commands: string, meanwhile: (conn: v.Connect) => Promise<void>): Promise<{ out: string; err: string; ok: boolean }> {
  let out = '';
  let err = '';
  const session = new Session({ connname: 'test:///default', readonly: false, timing: false, keepaliveInterval: -1, keepaliveCount: -1, escape: '^]' },
    { write: (t) => { out += t; } }, { write: (t) => { err += t; } });
  assert.ok(await session.reconnect(null, false, false));
  const conn = await v.open('test:///default');
  const parsed = session.parse(new StringTokens(commands))!;
  const running = session.run(parsed);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await meanwhile(conn);
  const ok = await running;
  await session.close();
  assert.equal(await conn.close(), 0);
  return { out, err, ok };
}

test('event prints domain lifecycle events as virsh does, stopping at the first without --loop', async () => {
  const first = await runWhile('event --event lifecycle --timeout 5', async (conn) => {
    using dom = await conn.lookupByName('test');
    await dom.suspend();
    await dom.resume();
  });
  assert.equal(first.out, "event 'lifecycle' for domain 'test': Suspended Paused\nevents received: 1\n\n");
  assert.equal(first.err, '');
  assert.ok(first.ok);

  const all = await runWhile('event test --all --loop --timeout 1', async (conn) => {
    using dom = await conn.lookupByName('test');
    await dom.destroy();
    await dom.create();
    await dom.setMetadata(v.VIR_DOMAIN_METADATA_TITLE, 'hello', null, null, 0);
  });
  assert.equal(all.out, "event 'lifecycle' for domain 'test': Stopped Destroyed\n"
    + "event 'lifecycle' for domain 'test': Started Booted\n"
    + "event 'metadata-change' for domain 'test': type title, uri <null>\n"
    + 'event loop timed out\nevents received: 3\n\n');
});

test('net-event and pool-event print lifecycle events', async () => {
  const net = await runWhile('net-event --event lifecycle --loop --timeout 1 --timestamp', async (conn) => {
    using n = await conn.networkLookupByName('default');
    await n.destroy();
    await n.create();
  });
  assert.match(net.out, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: event 'lifecycle' for network default: Stopped\n/);
  assert.match(net.out, /: event 'lifecycle' for network default: Started\nevent loop timed out\nevents received: 2\n\n$/);

  const pool = await runWhile('pool-event default-pool --event lifecycle --timeout 5', async (conn) => {
    using p = await conn.storagePoolLookupByName('default-pool');
    await p.destroy();
  });
  assert.equal(pool.out, "event 'lifecycle' for storage pool default-pool: Stopped\nevents received: 1\n\n");
});
