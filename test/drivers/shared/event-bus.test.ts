import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

test('an event queued before its callback is deregistered is not delivered to it', async () => {
  const conn = await v.open('test:///default');
  const other = await v.open('test:///default');
  const seen: number[] = [];
  const id = await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_LIFECYCLE, (ev) => {
    seen.push(ev.event!);
    ev.dom.free();
  });
  using dom = await other.lookupByName('test');
  await dom.suspend();
  // Delivery is asynchronous: the event is queued now, the callback goes before it runs.
  await conn.domainEventDeregisterAny(id);
  await dom.resume();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(seen.length, 0);
  // The same for a connection that closes with an event still queued.
  await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_LIFECYCLE, () => seen.push(-1));
  await dom.suspend();
  assert.equal(await conn.close(), 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(seen.length, 0);
  dom.free();
  assert.equal(await other.close(), 0);
});
