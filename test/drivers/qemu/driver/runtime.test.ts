/**
 * Runtime calls on a running guest: balloon, vCPUs, memory statistics, reboot and reset (QEMU's
 * RESET event reaches reboot watchers), and the events of pause and resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, readText, waitFor, waitForGuestReady } from './harness.js';

const { root, uri } = makeRoot();
const serial = join(root, 'rt.log');
let conn: v.Connect;
let dom: v.Domain;

test.before(async () => {
  conn = await v.open(uri);
  dom = await conn.createXML(guestXml({ name: 'rt', serialLog: serial }), 0);
  await waitForGuestReady(serial);
});
test.after(async () => {
  await dom.destroy().catch(() => undefined);
  dom.free();
  await conn.close();
  await cleanupRoot(root);
});

test('setMemory inflates the guest\'s balloon; its BALLOON_CHANGE events update the live memory', async () => {
  const changes: unknown[] = [];
  await conn.domainEventRegisterAny(dom, v.VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE, (e) => changes.push(e.actual));
  await dom.setMemory(200 * 1024);
  const balloon = async () => (await dom.memoryStats()).find((s) => s.tag === v.VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON)?.val;
  await waitFor('the guest to hand the memory over', async () => (await balloon()) === 200n * 1024n);
  await waitFor('the last balloon event', async () => (await dom.info()).memory === 200 * 1024);
  assert.ok(changes.length > 0, 'BALLOON_CHANGE events reached the watcher');
  assert.match(await dom.XMLDesc(0), /<currentMemory unit='KiB'>204800<\/currentMemory>/);
  assert.ok((await dom.memoryStats()).some((s) => s.tag === v.VIR_DOMAIN_MEMORY_STAT_RSS && s.val > 0n));
  await assert.rejects(dom.setMemory(512 * 1024), (e: v.VirError) => /cannot set memory higher than max memory/.test(e.message));
});

test('vCPU counts and per-vCPU times come from the running QEMU', async () => {
  assert.equal(await dom.vcpusFlags(0), 1);
  assert.equal(await dom.maxVcpus(), 1);
  const vcpus = await dom.vcpus();
  assert.equal(vcpus.length, 1);
  assert.equal(vcpus[0]!.number, 0);
  assert.ok(vcpus[0]!.cpuTime > 0n);
  assert.equal(vcpus[0]!.cpumap.length, cpus().length);
  assert.ok(vcpus[0]!.cpumap.some(Boolean), 'the vCPU thread may run somewhere');
});

test('agent shutdown without the agent channel is refused as libvirt refuses it; the guest runs on', async () => {
  const notConfigured = (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED
    && e.message === 'argument unsupported: QEMU guest agent is not configured';
  await assert.rejects(dom.shutdownFlags(v.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT), notConfigured);
  await assert.rejects(dom.reboot(v.VIR_DOMAIN_REBOOT_GUEST_AGENT), notConfigured);
  assert.equal((await dom.state()).state, v.VIR_DOMAIN_RUNNING);
});

test('suspend and resume raise SUSPENDED and RESUMED events', async () => {
  const seen: [number, number][] = [];
  const id = await conn.domainEventRegisterAny(dom, v.VIR_DOMAIN_EVENT_ID_LIFECYCLE, (e) => seen.push([e.event!, e.detail!]));
  await dom.suspend();
  await dom.resume();
  await waitFor('two events', () => seen.length >= 2);
  await conn.domainEventDeregisterAny(id);
  assert.deepEqual(seen, [
    [v.VIR_DOMAIN_EVENT_SUSPENDED, v.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED],
    [v.VIR_DOMAIN_EVENT_RESUMED, v.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED],
  ]);
});

test('reboot powers the guest off through ACPI and boots it again in the same QEMU; reset too', async () => {
  const reboots: string[] = [];
  await conn.domainEventRegisterAny(dom, v.VIR_DOMAIN_EVENT_ID_REBOOT, (e) => reboots.push(e.domain.name));
  const boots = () => readText(serial).split('Linux version').length - 1;
  assert.equal(boots(), 1);
  await dom.reboot();
  await waitFor('the second boot', () => boots() === 2);
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  await dom.reset();
  await waitFor('the third boot', () => boots() === 3);
  await waitFor('reboot events', () => reboots.length >= 2);
  assert.equal(await dom.isActive(), true);
});
