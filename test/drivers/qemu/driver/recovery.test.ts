/**
 * A "daemon restart": guests started by another process (which then exits) are found again by
 * a new driver instance from their status files, reattached over QMP and left running; a guest
 * whose QEMU died meanwhile is shut off as crashed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from '../../../../src/index.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder, readText, waitFor, waitForGuestReady } from './harness.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child-driver.js');

/** Start guests from another node process that exits right after. */
function startInOtherProcess(uri: string, mode: 'define' | 'create', guests: { name: string; xml: string }[], root: string): Record<string, number> {
  const args = guests.flatMap((g) => {
    const file = join(root, `${g.name}.xml`);
    writeFileSync(file, g.xml);
    return [g.name, file];
  });
  return JSON.parse(execFileSync(process.execPath, [CHILD, uri, mode, ...args], { encoding: 'utf8' })) as Record<string, number>;
}

function statusPid(root: string, name: string): number {
  return (JSON.parse(readFileSync(join(root, 'run', 'qemu', `${name}.status.json`), 'utf8')) as { pid: number }).pid;
}

test('a new driver instance takes over guests another process started, untouched, and manages them', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const serialA = join(root, 'a.log');
  const serialB = join(root, 'b.log');
  const persistent = startInOtherProcess(uri, 'define', [{ name: 'reca', xml: guestXml({ name: 'reca', serialLog: serialA }) }], root);
  const transient = startInOtherProcess(uri, 'create', [{ name: 'recb', xml: guestXml({ name: 'recb', serialLog: serialB }) }], root);
  await Promise.all([waitForGuestReady(serialA), waitForGuestReady(serialB)]);
  const pids = processesUnder(root).sort();
  assert.equal(pids.length, 2, 'both guests outlived the process that started them');

  const conn = await v.open(uri);
  t.after(() => conn.close());
  const a = await conn.lookupByName('reca');
  const b = await conn.lookupByName('recb');
  assert.equal(a.ID(), persistent.reca);
  assert.equal(b.ID(), transient.recb);
  assert.deepEqual(await a.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  assert.equal(await a.isPersistent(), true);
  assert.equal(await b.isPersistent(), false);
  assert.deepEqual(processesUnder(root).sort(), pids, 'the same QEMU processes, not restarted');
  assert.equal(readText(serialA).split('Linux version').length, 2, 'the guest booted once');

  // New ids do not collide with the recovered ones.
  const serialC = join(root, 'c.log');
  const c = await conn.createXML(guestXml({ name: 'recc', serialLog: serialC }), 0);
  assert.ok(![a.ID(), b.ID()].includes(c.ID()));
  await c.destroy();

  // Still managed: events, ACPI shutdown and destroy work on the recovered guests.
  const stopped: string[] = [];
  await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_LIFECYCLE, (e) => {
    if (e.event === v.VIR_DOMAIN_EVENT_STOPPED) stopped.push(e.domain.name);
  });
  await a.shutdown();
  await waitFor('reca to power off', async () => (await a.state()).state === v.VIR_DOMAIN_SHUTOFF);
  assert.deepEqual(await a.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_SHUTDOWN });
  await b.destroy();
  await waitFor('both stopped events', () => stopped.length === 2);
  assert.deepEqual(stopped.sort(), ['reca', 'recb']);
  assert.deepEqual(processesUnder(root), []);
});

test('a guest whose QEMU died while no driver ran is shut off as crashed', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  startInOtherProcess(uri, 'define', [{ name: 'dead', xml: guestXml({ name: 'dead', serialLog: join(root, 'd.log') }) }], root);
  const pid = statusPid(root, 'dead');
  process.kill(pid, 'SIGKILL');
  await waitFor('QEMU to die', () => processesUnder(root).length === 0);

  const conn = await v.open(uri);
  t.after(() => conn.close());
  const dom = await conn.lookupByName('dead');
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_SHUTOFF, reason: v.VIR_DOMAIN_SHUTOFF_CRASHED });
  assert.equal(dom.ID(), -1);
  assert.equal(readText(join(root, 'run', 'qemu', 'dead.status.json')), '', 'status file removed');
});
