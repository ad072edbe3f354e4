/**
 * The guest CPU of a started domain: QEMU is asked which features its vCPU really has and the
 * live definition follows (check='full'), as real libvirt 9.0.0's embedded QEMU driver shows the
 * same domains started paused (TCG, firmware only: nothing needs to boot).
 */
import assert from 'node:assert/strict';
import { constants, mkdirSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as v from '../../../../src/index.js';
import { Command } from '../../../../src/util/command/index.js';
import { cleanupRoot, makeRoot } from './harness.js';

const { root, uri } = makeRoot();
let conn: v.Connect;
let theirs: string;

/** KVM as well when this host has it (its vCPU reports other features than TCG's). */
const kvm = await access('/dev/kvm', constants.R_OK | constants.W_OK).then(() => true, () => false);

const CPUS: Record<string, string> = {
  'default': '',
  ...(kvm && { 'kvm-default': '', 'kvm-named-model': "<cpu mode='custom'><model fallback='forbid'>qemu64</model><feature policy='disable' name='sse4a'/></cpu>" }),
  'host-model': "<cpu mode='host-model'><feature policy='disable' name='vme'/><feature policy='require' name='sse4.2'/></cpu>",
  'named-model': "<cpu mode='custom'><model fallback='allow'>Haswell</model></cpu>",
  'maximum': "<cpu mode='maximum' check='full'><feature policy='disable' name='vme'/></cpu>",
  'check-full': "<cpu mode='custom' check='full'><model>qemu64</model></cpu>",
};

function domainXml(name: string): string {
  return `<domain type='${name.startsWith('kvm-') ? 'kvm' : 'qemu'}'><name>lc-${name}</name><memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>${CPUS[name]}
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`;
}

/** Each domain's `<cpu>` from dumpxml, or the error of its start. */
function cpuSections(text: string): string[] {
  return [...text.matchAll(/^ *<cpu\b[^>]*\/>$|^ *<cpu\b[\s\S]*?<\/cpu>$|^error: (?!Failed to create).*$/gm)].map((m) => m[0].replace(/^ {2}/gm, ''));
}

before(async () => {
  conn = await v.open(uri);
  const lvRoot = join(root, 'lv');
  mkdirSync(join(lvRoot, 'etc'), { recursive: true });
  writeFileSync(join(lvRoot, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\nstdio_handler = "file"\n');
  const script: string[] = [];
  for (const name of Object.keys(CPUS)) {
    const file = join(root, `${name}.xml`);
    writeFileSync(file, domainXml(name));
    script.push(`create ${file} --paused`, `dumpxml lc-${name}`, `destroy lc-${name}`);
  }
  const virsh = new Command('virsh', ['-c', `qemu:///embed?root=${lvRoot}`, script.join('\n')]).setOutputBuffer().setErrorBuffer();
  await virsh.run({ exitStatus: true });
  theirs = `${virsh.capturedOutput ?? ''}\n${virsh.capturedError ?? ''}`;
});
after(async () => {
  await conn.close();
  await cleanupRoot(root);
});

test('the live <cpu> of started domains equals real libvirt 9.0.0\'s (default, host-model, named models, maximum, refusals)', async () => {
  const ours: string[] = [];
  const errors: string[] = [];
  for (const name of Object.keys(CPUS)) {
    let dom: v.Domain;
    try {
      dom = await conn.createXML(domainXml(name), v.VIR_DOMAIN_START_PAUSED);
    } catch (err) {
      errors.push(`error: ${(err as Error).message}`);
      continue;
    }
    try {
      ours.push(...cpuSections(await dom.XMLDesc()));
    } finally {
      await dom.destroy();
    }
  }
  // virsh prints errors apart (standard error), after the XML
  ours.push(...errors);
  const expected = cpuSections(theirs.split('\n').filter((l) => !/^error: (failed to get domain|Domain not found)/.test(l)).join('\n'));
  assert.deepEqual(ours, expected);
  assert.match(ours[0]!, /check='full'/);
});
