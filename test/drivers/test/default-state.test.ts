import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from '../../../src/index.js';

const XML = "<domain type='test'><name>extra</name><memory>1024</memory><os><type>hvm</type></os></domain>";

test('test:///default is shared while a connection is open, and starts afresh after the last closes', async () => {
  const a = await v.open('test:///default');
  const b = await v.open('test:///default');
  const dom = await a.lookupByName('test');
  await dom.destroy();
  const extra = await a.defineXML(XML);
  await extra.setMetadata(v.VIR_DOMAIN_METADATA_TITLE, 'changed');
  const seen = await b.lookupByName('test');
  assert.equal((await seen.state()).state, v.VIR_DOMAIN_SHUTOFF);
  assert.equal(await b.numOfDefinedDomains(), 2);
  for (const o of [dom, seen, extra]) o.free();
  assert.equal(await a.close(), 0);
  assert.equal(await b.close(), 0);

  const c = await v.open('test:///default');
  const fresh = await c.lookupByName('test');
  assert.deepEqual(await fresh.state(), { state: v.VIR_DOMAIN_RUNNING, reason: 0 });
  assert.equal(fresh.id(), 1);
  await assert.rejects(c.lookupByName('extra'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_DOMAIN);
  await fresh.destroy();
  await fresh.create();
  assert.equal(fresh.id(), 2, 'ids continue from the default state, as after a real open');
  fresh.free();
  assert.equal(await c.close(), 0);
});
