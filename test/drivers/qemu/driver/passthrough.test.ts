/**
 * libvirt-qemu's calls on the QEMU driver against libvirt 9.0.0's embedded QEMU driver, both
 * running the same firmware-only guest (no kernel: it sits in the BIOS, enough for a monitor):
 * QMP passthrough with QEMU's whole reply, HMP through human-monitor-command, the errors for a
 * stopped domain, bad JSON, bad flags, a missing agent, event filters, and the taint libvirt
 * records (virDomainGetMessages) until the domain stops. Monitor event delivery and the agent on
 * a booted guest are tested through tsvirtd (passthrough-daemon.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from '../../../../src/index.js';
import { cleanupRoot, makeRoot } from './harness.js';

const ORACLE = fileURLToPath(new URL('../../../../../test/drivers/qemu/driver/passthrough-oracle.py', import.meta.url));

const firmwareGuest = (name: string) => `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>`;

/**
 * libvirt's QEMU here runs as root (see libvirtSteps), which it taints its guests for at start;
 * ours records no start-time taints.
 */
const ROOT_TAINT = 'tainted: running with undesirable elevated privileges';

/** What may differ between the two drivers: QMP command ids, and the JSON and regex parsers' own words. */
function normalised(line: string): string {
  const messages = /^(messages\S*) ok (\[.*\])$/.exec(line);
  if (messages) return `${messages[1]} ok ${JSON.stringify((JSON.parse(messages[2]!) as string[]).filter((m) => m !== ROOT_TAINT))}`;
  return line
    .replace(/\\"id\\":\\"(?:libvirt|tsvirt)-\d+\\"/g, '\\"id\\":\\"ID\\"')
    .replace(/(cannot parse json \{"execute":: ).*/s, '$1...')
    .replace(/(failed to compile regex '\(': ).*/s, '$1...');
}

/** libvirt's embedded driver in its own root (QEMU run as root, so its capability cache stays valid here). */
function libvirtSteps(xmlFile: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'lvq-'));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc', 'qemu.conf'), 'stdio_handler = "file"\nuser = "root"\ngroup = "root"\n');
  return new Promise((resolve, reject) => {
    const py = spawn('/usr/bin/python3', [ORACLE, `qemu:///embed?root=${root}`, xmlFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    py.stdout.on('data', (d) => { out += d; });
    py.stderr.on('data', (d) => { err += d; });
    py.on('close', (code) => {
      rmSync(root, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`oracle failed (${code}): ${err}`));
      else resolve(out.trim().split('\n').map(normalised));
    });
  });
}

async function ourSteps(uri: string, xml: string): Promise<string[]> {
  const conn = await v.open(uri);
  const lines: string[] = [];
  const run = async (name: string, call: () => Promise<unknown>) => {
    try {
      lines.push(`${name} ok ${JSON.stringify(await call())}`);
    } catch (err) {
      if (!v.isVirError(err)) throw err;
      lines.push(`${name} error ${err.code} ${err.domain} ${err.message}`);
    }
  };
  const nop = () => undefined;
  try {
    const dom = await conn.defineXML(xml);
    const mon = (cmd: string, flags = 0) => () => dom.qemuMonitorCommand(cmd, flags);
    await run('inactive-monitor', mon('{"execute":"query-status"}'));
    await run('inactive-agent', () => dom.qemuAgentCommand('{"execute":"guest-ping"}', -1));
    await dom.create();
    await run('messages-before', () => dom.messages(0));
    await run('query-status', mon('{"execute":"query-status"}'));
    await run('unknown-command', mon('{"execute":"no-such-command"}'));
    await run('no-execute', mon('{"arguments":{}}'));
    await run('not-an-object', mon('[1]'));
    await run('own-id', mon('{"execute":"query-status","id":"mine"}'));
    await run('bad-json', mon('{"execute":'));
    await run('hmp', mon('info status', v.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP));
    await run('hmp-unknown', mon('no-such-command', v.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP));
    await run('bad-flags', mon('info status', 2));
    await run('agent', () => dom.qemuAgentCommand('{"execute":"guest-ping"}', -1));
    await run('agent-flags', () => dom.qemuAgentCommand('{"execute":"guest-ping"}', -1, 1));
    await run('event-flags', () => conn.domainQemuMonitorEventRegister(null, null, nop, 4));
    await run('event-regex', () => conn.domainQemuMonitorEventRegister(null, '(', nop, 1));
    await run('event-deregister', () => conn.domainQemuMonitorEventDeregister(999));
    await run('messages', () => dom.messages(0));
    await run('messages-deprecation', () => dom.messages(v.VIR_DOMAIN_MESSAGE_DEPRECATION));
    await run('attach', () => conn.qemuAttach(1));
    await run('lxc', () => dom.lxcOpenNamespace(0));
    await dom.destroy();
    await run('messages-after', () => dom.messages(0));
    await run('stopped-monitor', mon('info status', v.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP));
    await dom.undefine();
  } finally {
    await conn.close();
  }
  return lines.map(normalised);
}

test('libvirt-qemu calls: the same replies and errors as libvirt\'s embedded QEMU driver', async (t) => {
  const { root, uri } = makeRoot();
  t.after(() => cleanupRoot(root));
  const xmlFile = join(root, 'fw.xml');
  writeFileSync(xmlFile, firmwareGuest('fw'));
  const [expected, actual] = await Promise.all([libvirtSteps(xmlFile), ourSteps(uri, firmwareGuest('fw'))]);
  assert.match(expected.find((l) => l.startsWith('query-status '))!, /"return\\":\{\\"status\\":\\"running\\"/);
  assert.equal(expected.find((l) => l.startsWith('messages ')), 'messages ok ["tainted: custom monitor control commands issued"]');
  assert.deepEqual(actual, expected);
});
