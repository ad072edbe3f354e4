/**
 * The guest agent through a real virtio channel: the test guest runs a small agent (test-guest.ts)
 * on org.qemu.guest_agent.0. The channel's state follows the guest (disconnected at boot,
 * connected once the agent opened its port), with libvirt's agent lifecycle events; reboot and
 * shutdown go through the agent when asked for, and by default once it is connected, and the
 * guest says on its console that its agent did it; host name, clock and interfaces come from the
 * agent, and an agent's error reaches the caller in libvirt's words. The same sequence under libvirt 9.0.0's
 * embedded driver with the same guest gave the same channel XML and agent events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { AGENT_MARKER, GUEST_HOSTNAME, READY_MARKER } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, processesUnder, readText, waitFor } from './harness.js';

const AGENT_CHANNEL = "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>";

const count = (text: string, word: string): number => text.split(word).length - 1;

test('reboot and shutdown through the guest agent, with the channel state and agent events libvirt gives', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const agentEvents: [number, number][] = [];
  const reboots: string[] = [];
  await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE, (e) => { agentEvents.push([Number(e.state), Number(e.reason)]); });
  await conn.domainEventRegisterAny(null, v.VIR_DOMAIN_EVENT_ID_REBOOT, (e) => { reboots.push(e.domain.name); });
  const serial = join(root, 'serial.log');
  const dom = await conn.createXML(guestXml({ name: 'agent1', serialLog: serial, extraDevices: AGENT_CHANNEL }), 0);
  const console = () => readText(serial);
  const connected = async () => (await dom.XMLDesc(0)).includes("name='org.qemu.guest_agent.0' state='connected'");

  // Before the guest's agent opened its port, the agent is there but not connected.
  const early = await dom.XMLDesc(0);
  assert.match(early, new RegExp(`<source mode='bind' path='${root}/lib/qemu/channel/target/domain-${dom.ID()}-agent1/org.qemu.guest_agent.0'/>`));
  if (early.includes("state='disconnected'")) {
    await assert.rejects(dom.shutdownFlags(v.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT), { code: v.ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE, message: 'Guest agent is not responding: QEMU guest agent is not connected' });
  }
  await waitFor('the guest to boot', () => console().includes(READY_MARKER), 120_000);
  await waitFor('the agent channel to connect', connected, 60_000);
  await waitFor('the agent events of the boot', () => agentEvents.length >= 2);
  assert.deepEqual(agentEvents.slice(0, 2), [
    [v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED, v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED],
    [v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED, v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL],
  ]);

  // What the guest's agent tells: host name, clock (set and resynchronised from the RTC), interfaces.
  assert.equal(await dom.getHostname(0), GUEST_HOSTNAME);
  assert.equal(await dom.getHostname(v.VIR_DOMAIN_GET_HOSTNAME_AGENT), GUEST_HOSTNAME);
  const host = BigInt(Math.floor(Date.now() / 1000));
  const clock = await dom.getTime();
  assert.ok(clock.seconds > host - 120n && clock.seconds < host + 120n, `guest clock ${clock.seconds} near the host's ${host}`);
  assert.equal(clock.nseconds, 0);
  await dom.setTime(1_000_000_000n, 0, 0);
  const set = await dom.getTime();
  assert.ok(set.seconds >= 1_000_000_000n && set.seconds < 1_000_000_120n, `the clock was set: ${set.seconds}`);
  await dom.setTime(0n, 0, v.VIR_DOMAIN_TIME_SYNC);
  assert.ok((await dom.getTime()).seconds > host - 120n, 'resynchronised from the RTC');
  assert.deepEqual(await dom.interfaceAddresses(v.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT), [
    { name: 'lo', hwaddr: '00:00:00:00:00:00', addrs: [{ type: v.VIR_IP_ADDR_TYPE_IPV4, addr: '127.0.0.1', prefix: 8 }] },
  ]);
  // A command the agent does not have: its error, in libvirt's words.
  await assert.rejects(dom.fsFreeze([], 0), {
    code: v.ErrorNumber.VIR_ERR_INTERNAL_ERROR,
    message: "internal error: unable to execute QEMU agent command 'guest-fsfreeze-freeze': The command has not been found",
  });
  await assert.rejects(dom.getHostname(v.VIR_DOMAIN_GET_HOSTNAME_LEASE), { code: v.ErrorNumber.VIR_ERR_NO_HOSTNAME });

  // Reboot through the agent: the guest restarts itself, the domain keeps running.
  await dom.reboot(v.VIR_DOMAIN_REBOOT_GUEST_AGENT);
  assert.match(console(), new RegExp(`${AGENT_MARKER}reboot`));
  await waitFor('the guest to boot again', () => count(console(), READY_MARKER) === 2, 120_000);
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  assert.ok(reboots.length > 0, 'reboot events');
  await waitFor('the agent to connect again', connected, 60_000);
  await waitFor('the agent events of the reboot', () => agentEvents.length >= 4);
  assert.deepEqual(agentEvents.slice(2), [
    [v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED, v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL],
    [v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED, v.VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL],
  ]);

  // With no mode asked for and an agent connected, shutdown goes through the agent (as libvirt's).
  await dom.shutdown();
  assert.match(console(), new RegExp(`${AGENT_MARKER}powerdown`));
  await waitFor('the guest to power off', () => processesUnder(root).length === 0);
  await waitFor('the domain to go', async () => (await conn.listAllDomains(0)).length === 0);
  assert.match(readText(join(root, 'log', 'qemu', 'agent1.log')), /shutting down, reason=shutdown/);
});

test('agent errors: a domain without the agent channel, and agent-only requests on it', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const conn = await v.open(uri);
  t.after(() => conn.close());
  const dom = await conn.createXML(guestXml({ name: 'noagent', serialLog: join(root, 'serial.log') }), 0);
  await assert.rejects(dom.shutdownFlags(v.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT),
    { code: v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, message: 'argument unsupported: QEMU guest agent is not configured' });
  await assert.rejects(dom.reboot(v.VIR_DOMAIN_REBOOT_GUEST_AGENT),
    { code: v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, message: 'argument unsupported: QEMU guest agent is not configured' });
  await assert.rejects(dom.getTime(), { code: v.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, message: 'argument unsupported: QEMU guest agent is not configured' });
  await dom.suspend();
  await assert.rejects(dom.getHostname(0), { code: v.ErrorNumber.VIR_ERR_OPERATION_INVALID, message: 'Requested operation is not valid: domain is not running' });
  await assert.rejects(dom.shutdownFlags(v.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT),
    { code: v.ErrorNumber.VIR_ERR_OPERATION_INVALID, message: 'Requested operation is not valid: domain is not running' });
  await dom.destroy();
});
