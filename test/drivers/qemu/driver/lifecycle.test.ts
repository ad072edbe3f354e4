/**
 * The QEMU driver runs the real test guest (TCG): boot to user space, live XML and info, pause
 * and resume, ACPI shutdown powering it off, destroy, persistent configs across driver instances.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder, readText, waitFor, waitForGuestReady } from './harness.js';

interface Seen { event: number; detail: number; name: string }

async function watchLifecycle(conn: v.Connect): Promise<Seen[]> {
  const seen: Seen[] = [];
  await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_LIFECYCLE, (e) => {
    seen.push({ event: e.event!, detail: e.detail!, name: e.domain.name });
  });
  return seen;
}

test('a transient guest boots to user space, reports its live state and powers off on ACPI shutdown', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const seen = await watchLifecycle(conn);
  const serial = join(root, 'serial.log');

  const dom = await conn.createXML(guestXml({ name: 'boot1', serialLog: serial }), 0);
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  assert.ok(dom.ID() > 0);
  await waitForGuestReady(serial);
  assert.match(readText(serial), /Linux version/);

  const xml = await dom.XMLDesc(0);
  assert.match(xml, new RegExp(`<domain type='qemu' id='${dom.ID()}'>`));
  const info = await dom.info();
  assert.equal(info.state, v.VIR_DOMAIN_RUNNING);
  assert.equal(info.maxMem, 256 * 1024);
  assert.equal(info.nrVirtCpu, 1);
  assert.ok(info.cpuTime > 0n, 'QEMU has used CPU time');
  assert.equal(await dom.isPersistent(), false);

  // The status file names the QEMU process that runs the guest.
  const status = JSON.parse(readFileSync(join(root, 'run', 'qemu', 'boot1.status.json'), 'utf8'));
  assert.deepEqual(processesUnder(root), [status.pid]);

  await dom.suspend();
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_PAUSED, reason: v.VIR_DOMAIN_PAUSED_USER });
  await dom.resume();
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_UNPAUSED });

  await dom.shutdown();
  await waitFor('the guest to power off', () => processesUnder(root).length === 0);
  await waitFor('the domain to go', async () => (await conn.listAllDomains(0)).length === 0);
  assert.ok(!existsSync(join(root, 'run', 'qemu', 'boot1.status.json')), 'status file removed');
  assert.match(readText(join(root, 'log', 'qemu', 'boot1.log')), /shutting down, reason=shutdown/);
  await waitFor('the stopped event', () => seen.some((s) => s.event === v.VIR_DOMAIN_EVENT_STOPPED));
  assert.deepEqual(seen.filter((s) => s.event !== v.VIR_DOMAIN_EVENT_RESUMED && s.event !== v.VIR_DOMAIN_EVENT_SUSPENDED), [
    { event: v.VIR_DOMAIN_EVENT_STARTED, detail: v.VIR_DOMAIN_EVENT_STARTED_BOOTED, name: 'boot1' },
    { event: v.VIR_DOMAIN_EVENT_SHUTDOWN, detail: v.VIR_DOMAIN_EVENT_SHUTDOWN_GUEST, name: 'boot1' },
    { event: v.VIR_DOMAIN_EVENT_STOPPED, detail: v.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, name: 'boot1' },
  ]);
});

test('a persistent guest: define writes its config atomically, start, destroy, and a new driver instance loads it', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const serial = join(root, 'serial.log');
  let conn = await v.open(uri);
  const dom = await conn.defineXML(guestXml({ name: 'pers1', serialLog: serial }));
  const configDir = join(root, 'etc', 'qemu');
  assert.deepEqual(readdirSync(configDir), ['pers1.xml'], 'only the config, no temporary file');
  assert.match(readFileSync(join(configDir, 'pers1.xml'), 'utf8'), /<name>pers1<\/name>/);
  await dom.setAutostart(true);
  assert.ok(existsSync(join(configDir, 'autostart', 'pers1.xml')));
  await dom.setAutostart(false);

  await dom.create();
  assert.equal(await dom.isActive(), true);
  const running = processesUnder(root);
  assert.equal(running.length, 1);
  await dom.destroy();
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_DESTROYED });
  assert.deepEqual(processesUnder(root), []);
  await assert.rejects(dom.destroy(), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID && /domain is not running/.test(e.message));
  dom.free();
  await conn.close();

  conn = await v.open(uri);
  t.after(() => conn.close());
  const again = await conn.lookupByName('pers1');
  assert.equal(await again.isPersistent(), true);
  assert.deepEqual(await again.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_UNKNOWN });
  await again.undefine();
  assert.deepEqual(readdirSync(configDir).filter((f) => f.endsWith('.xml')), []);
  await assert.rejects(conn.lookupByName('pers1'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_DOMAIN);
});

test('an autostart domain starts when the driver instance opens, once per boot of its run directory', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  let conn = await v.open(uri);
  const dom = await conn.defineXML(guestXml({ name: 'auto1', serialLog: join(root, 'auto1.log') }));
  await dom.setAutostart(true);
  dom.free();
  await conn.close();
  // A host boot empties the run directory, and with it the marker of this boot's autostart.
  rmSync(join(root, 'run', 'qemu', 'autostarted'));
  conn = await v.open(uri);
  t.after(() => conn.close());
  const again = await conn.lookupByName('auto1');
  assert.deepEqual(await again.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  assert.equal(await again.autostart(), true);
  await again.destroy();
});

test('URIs the QEMU driver does not serve are refused as libvirt refuses them', async () => {
  const euid = process.geteuid?.() ?? 0;
  await assert.rejects(v.open('qemu:///embed'), (e: v.VirError) => /Missing URI parameter 'root'/.test(e.message));
  await assert.rejects(v.open('qemu:///embed?root=relative/dir'), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED);
  const expected = euid === 0 ? "unexpected qemu URI path '/bogus', try qemu:///system" : "unexpected qemu URI path '/bogus', try qemu:///session";
  await assert.rejects(v.open('qemu:///bogus'), (e: v.VirError) => e.message.includes(expected));
});
