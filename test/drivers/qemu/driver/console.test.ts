/**
 * The serial console as a stream: bytes both ways between a client and the guest's busybox shell
 * on its pty serial port, one session per device (FORCE takes it over), libvirt's refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { NO_AGENT, READY_MARKER, testGuest } from '../guest/test-guest.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, waitFor } from './harness.js';

const { root, uri } = makeRoot();
let conn: v.Connect;
let dom: v.Domain;

/** Everything a console stream receives, as text, collected in the background. */
function collect(st: v.Stream): { text: () => string; ended: Promise<void> } {
  let text = '';
  const ended = st.recvAll((data) => { text += data.toString('latin1'); }).catch(() => undefined);
  return { text: () => text, ended };
}

test.before(async () => {
  conn = await v.open(uri);
  const extraDevices = `<serial type='unix'><source mode='bind' path='${root}/s1.sock'/><target port='1'/></serial>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>`;
  dom = await conn.createXML(guestXml({ name: 'con', extraDevices, cmdline: `${testGuest().cmdline} ${NO_AGENT}` }), v.VIR_DOMAIN_START_PAUSED);
});
test.after(async () => {
  await dom.destroy().catch(() => undefined);
  dom.free();
  await conn.close();
  await cleanupRoot(root);
});

test('the console carries the guest\'s output and our input: a command typed into its shell answers', async () => {
  const xml = await dom.XMLDesc(0);
  // as libvirt's: the pty path in the serial port's source, repeated in the first console's tty
  assert.match(xml, /<serial type='pty'>\s*<source path='\/dev\/pts\/\d+'\/>/);
  assert.match(xml, /<console type='pty' tty='(\/dev\/pts\/\d+)'>\s*<source path='\1'\/>[^]*?<alias name='serial0'\/>\s*<\/console>/);
  assert.match(xml, /<target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'\/>/);
  // written as inactive, the transient domain's definition has none of what only the run gave it
  const inactive = await dom.XMLDesc(v.VIR_DOMAIN_XML_INACTIVE);
  assert.match(inactive, /<serial type='pty'>\s*<target type='isa-serial' port='0'>/);
  assert.match(inactive, /<console type='pty'>\s*<target type='serial' port='0'\/>/);
  assert.doesNotMatch(inactive, /\/dev\/pts|state=/);
  assert.match(inactive, /<target type='virtio' name='org.qemu.guest_agent.0'\/>/);
  const st = conn.newStream();
  await dom.openConsole(null, st);
  const out = collect(st);
  await dom.resume(); // the whole boot goes through the stream, nothing is missed
  await waitFor('the guest to reach user space', () => out.text().includes(READY_MARKER), 120_000);
  await st.send(Buffer.from('echo tsvirt-$((6*7))\r'));
  await waitFor('the shell to answer', () => out.text().includes('tsvirt-42'), 30_000);

  // A second opener is refused while the session lives; FORCE takes the device over.
  const second = conn.newStream();
  await assert.rejects(dom.openConsole(null, second), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_OPERATION_FAILED && e.message === 'operation failed: Active console session exists for this domain');
  await dom.openConsole('serial0', second, v.VIR_DOMAIN_CONSOLE_FORCE);
  await out.ended; // the first session ended
  const out2 = collect(second);
  await second.send(Buffer.from('echo again-$((7*6))\r'));
  await waitFor('the shell to answer the new session', () => out2.text().includes('again-42'), 30_000);
  await second.finish();
  // Once finished, the device is free again.
  const third = conn.newStream();
  await dom.openConsole(null, third);
  await third.abort();
  st.free();
  second.free();
  third.free();
});

test('bad devices and flags get libvirt\'s errors', async () => {
  const st = conn.newStream();
  await assert.rejects(dom.openConsole('nosuch', st), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INTERNAL_ERROR && e.message === 'internal error: cannot find character device nosuch');
  await assert.rejects(dom.openConsole('serial1', st), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_INTERNAL_ERROR && e.message === 'internal error: character device serial1 is not using a PTY');
  await assert.rejects(dom.openConsole(null, st, 0x10), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_INVALID_ARG);
  st.free();
});

test('the guest agent channel is there but no agent answers: agent-only shutdown and reboot fail as libvirt\'s', async () => {
  const notConnected = (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE
    && e.message === 'Guest agent is not responding: QEMU guest agent is not connected';
  await assert.rejects(dom.shutdownFlags(v.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT), notConnected);
  await assert.rejects(dom.reboot(v.VIR_DOMAIN_REBOOT_GUEST_AGENT), notConnected);
  assert.equal((await dom.state()).state, v.VIR_DOMAIN_RUNNING);
});

test('a stopped guest ends its console session; a shut-off domain has none', async () => {
  const st = conn.newStream();
  await dom.openConsole(null, st);
  const out = collect(st);
  await dom.destroy();
  await out.ended;
  st.free();
  assert.deepEqual(readdirSync(join(root, 'lib', 'qemu', 'channel', 'target')), [], 'the agent channel\'s directory went with the run');
  const dead = await conn.defineXML(guestXml({ name: 'off' }));
  const st2 = conn.newStream();
  await assert.rejects(dead.openConsole(null, st2), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID && /domain is not running/.test(e.message));
  st2.free();
  await dead.undefine();
  dead.free();
});
