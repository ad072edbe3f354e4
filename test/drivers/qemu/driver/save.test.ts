/**
 * Save and restore through a file, and managed save: the guest comes back running where it was
 * (its acpid still answers the power button), the image carries the domain XML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder, waitFor, waitForGuestReady } from './harness.js';

/** The guest still runs its user space: the ACPI button powers it off. */
async function powerOffThroughAcpi(dom: v.Domain, root: string): Promise<void> {
  await dom.shutdown();
  await waitFor('the restored guest to power off', () => processesUnder(root).length === 0);
}

test('save to a file stops the guest; restore resumes it running, from the XML inside the image', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const serial = join(root, 'serial.log');
  const dom = await conn.createXML(guestXml({ name: 'save1', serialLog: serial }), 0);
  await waitForGuestReady(serial);

  const image = join(root, 'save1.img');
  await dom.save(image);
  assert.deepEqual(processesUnder(root), [], 'QEMU is gone after save');
  await assert.rejects(conn.lookupByName('save1'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_DOMAIN);
  assert.match(await conn.saveImageGetXMLDesc(image), /<name>save1<\/name>/);

  await conn.restore(image);
  const back = await conn.lookupByName('save1');
  assert.deepEqual(await back.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_RESTORED });
  await powerOffThroughAcpi(back, root);
});

test('restore refuses a file that is not a save image and changes nothing', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const bogus = join(root, 'bogus.img');
  writeFileSync(bogus, 'not an image at all, just some text that is long enough');
  await assert.rejects(conn.restore(bogus), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_FAILED && /image magic is incorrect/.test(e.message));
  assert.deepEqual(await conn.listAllDomains(0), []);
});

test('managed save: the next start resumes the guest from the image and removes it', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const serial = join(root, 'serial.log');
  const dom = await conn.defineXML(guestXml({ name: 'msave1', serialLog: serial }));
  await dom.create();
  await waitForGuestReady(serial);

  await dom.managedSave();
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_SAVED });
  assert.equal(await dom.hasManagedSaveImage(), true);
  const image = join(root, 'lib', 'qemu', 'save', 'msave1.save');
  assert.ok(existsSync(image));
  await assert.rejects(dom.undefine(), (e: v.VirError) => /Refusing to undefine while domain managed save image exists/.test(e.message));

  await dom.create();
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_RESTORED });
  assert.equal(await dom.hasManagedSaveImage(), false);
  assert.ok(!existsSync(image), 'image removed once resumed');
  await powerOffThroughAcpi(dom, root);
  await waitFor('shut off', async () => (await dom.state()).state === v.VIR_DOMAIN_SHUTOFF);
});
