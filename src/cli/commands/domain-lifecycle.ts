/** Starting, stopping, pausing and saving domains (part of virsh's "domain" group). */
import {
  VIR_DOMAIN_DESTROY_GRACEFUL, VIR_DOMAIN_DESTROY_REMOVE_LOGS, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, VIR_DOMAIN_REBOOT_GUEST_AGENT,
  VIR_DOMAIN_REBOOT_INITCTL, VIR_DOMAIN_REBOOT_PARAVIRT, VIR_DOMAIN_REBOOT_SIGNAL, VIR_DOMAIN_SAVE_BYPASS_CACHE,
  VIR_DOMAIN_SAVE_PAUSED, VIR_DOMAIN_SAVE_RESET_NVRAM, VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_START_AUTODESTROY,
  VIR_DOMAIN_START_BYPASS_CACHE, VIR_DOMAIN_START_FORCE_BOOT, VIR_DOMAIN_START_PAUSED, VIR_DOMAIN_START_RESET_NVRAM,
  VIR_DOMAIN_START_VALIDATE, ErrorNumber, type Domain,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { BY_NAME, BY_UUID, domainOption, must } from '../lookup.js';
import { fail, optBool, optString, optStringQuiet } from '../opts.js';
import { readXMLFile } from '../files.js';
import { parseInt32 } from '../numbers.js';
import type { Session } from '../session.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { runConsole } from '../console.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });
const FILE_ARG: OptionDef = { name: 'file', type: 'data', required: true, help: 'file holding the domain XML' };
export const PASS_FDS: OptionDef = { name: 'pass-fds', type: 'string', help: 'comma-separated file descriptors to hand to the guest' };

/** Set `bit` in flags for every given option. */
function flagsFrom(cmd: ParsedCommand, pairs: [string, number][], initial = 0): number {
  return pairs.reduce((flags, [name, bit]) => (optBool(cmd, name) ? flags | bit : flags), initial);
}

/** virshFetchPassFdsList: the numbers of --pass-fds, or an empty list. */
export function passFds(s: Session, cmd: ParsedCommand): number[] {
  const text = optStringQuiet(cmd, 'pass-fds');
  if (text === undefined) return [];
  return text.split(',').map((part) => {
    const fd = parseInt32(part);
    if (fd === null) fail(s, `Unable to parse FD number '${part}'`);
    return fd;
  });
}

/** `--mode acpi,agent,...` of shutdown and reboot (both use the same bits). */
const MODES: [string, number][] = [
  ['acpi', VIR_DOMAIN_REBOOT_ACPI_POWER_BTN], ['agent', VIR_DOMAIN_REBOOT_GUEST_AGENT], ['initctl', VIR_DOMAIN_REBOOT_INITCTL],
  ['signal', VIR_DOMAIN_REBOOT_SIGNAL], ['paravirt', VIR_DOMAIN_REBOOT_PARAVIRT],
];

function modeFlags(s: Session, cmd: ParsedCommand, expecting: string): number {
  const mode = optString(s, cmd, 'mode');
  if (mode === undefined) return 0;
  let flags = 0;
  for (const word of mode.split(',')) {
    const bit = MODES.find(([name]) => name === word)?.[1];
    if (bit === undefined) fail(s, `Unknown mode ${word} value, expecting ${expecting}`);
    flags |= bit!;
  }
  return flags;
}

/** The domain named by the command and the name as the user typed it (virsh's messages quote that). */
async function target(s: Session, cmd: ParsedCommand, by?: number): Promise<{ dom: Domain; name: string }> {
  const dom = await domainOption(s, cmd, 'domain', by);
  return { dom, name: optString(s, cmd, 'domain')! };
}

/** A command that runs one call on a domain and reports `Domain 'x' <done>`. */
function simpleAction(name: string, summary: string, failure: string, done: string, call: (dom: Domain) => Promise<void>): CommandDef {
  return {
    name,
    summary,
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      const { dom, name: given } = await target(s, cmd);
      try {
        await must(s, `Failed to ${failure} domain '${given}'`, () => call(dom));
        s.out.printExtra(`Domain '${given}' ${done}\n`);
      } finally {
        dom.free();
      }
    },
  };
}

/** virsh prints a job's final progress on stderr when --verbose asked for it. */
function finishProgress(s: Session, cmd: ParsedCommand, label: string): void {
  if (optBool(cmd, 'verbose')) s.out.stderrRaw(`\r${label}: [100 %]`);
}

export const lifecycleCommands: CommandDef[] = [
  {
    name: 'create',
    summary: 'start a transient domain from an XML file',
    options: [
      FILE_ARG,
      flag('console', 'attach to the console after starting'),
      flag('paused', 'leave the domain paused'),
      flag('autodestroy', 'destroy the domain when this connection closes'),
      PASS_FDS,
      flag('validate', 'check the XML against the schema first'),
      flag('reset-nvram', 'start from a fresh copy of the NVRAM template'),
    ],
    async handler(s, cmd) {
      const from = optString(s, cmd, 'file')!;
      const xml = await readXMLFile(s, from);
      const fds = passFds(s, cmd);
      const flags = flagsFrom(cmd, [['paused', VIR_DOMAIN_START_PAUSED], ['autodestroy', VIR_DOMAIN_START_AUTODESTROY],
        ['validate', VIR_DOMAIN_START_VALIDATE], ['reset-nvram', VIR_DOMAIN_START_RESET_NVRAM]]);
      const dom = await must(s, `Failed to create domain from ${from}`,
        () => (fds.length > 0 ? s.conn.createXMLWithFiles(xml, fds, flags) : s.conn.createXML(xml, flags)));
      s.out.printExtra(`Domain '${dom.name()}' created from ${from}\n`);
      try {
        if (optBool(cmd, 'console')) await runConsole(s, dom, null, 0);
      } finally {
        dom.free();
      }
    },
  },
  {
    name: 'start',
    summary: 'boot a defined domain',
    options: [
      { ...DOMAIN_ARG, help: 'the stopped domain' },
      flag('console', 'attach to the console after starting'),
      flag('paused', 'leave the domain paused'),
      flag('autodestroy', 'destroy the domain when this connection closes'),
      flag('bypass-cache', 'read a saved image without the file system cache'),
      flag('force-boot', 'boot afresh even if a managed save image exists'),
      PASS_FDS,
      flag('reset-nvram', 'start from a fresh copy of the NVRAM template'),
    ],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd, 'domain', BY_NAME | BY_UUID);
      if (dom.id() !== -1) fail(s, 'Domain is already active');
      const fds = passFds(s, cmd);
      let flags = flagsFrom(cmd, [['paused', VIR_DOMAIN_START_PAUSED], ['autodestroy', VIR_DOMAIN_START_AUTODESTROY],
        ['bypass-cache', VIR_DOMAIN_START_BYPASS_CACHE], ['force-boot', VIR_DOMAIN_START_FORCE_BOOT],
        ['reset-nvram', VIR_DOMAIN_START_RESET_NVRAM]]);
      const start = (f: number): Promise<void> => (fds.length > 0 ? dom.createWithFiles(fds, f) : f !== 0 ? dom.createWithFlags(f) : dom.create());
      let started = false;
      if (flags & VIR_DOMAIN_START_FORCE_BOOT) {
        // Older servers refuse force-boot: emulate it by dropping the managed save image.
        try {
          await start(flags);
          started = true;
        } catch (err) {
          const code = (err as { code?: number }).code;
          if (code !== ErrorNumber.VIR_ERR_NO_SUPPORT && code !== ErrorNumber.VIR_ERR_INVALID_ARG) throw err;
          if (await dom.hasManagedSaveImage().catch(() => false)) await dom.managedSaveRemove();
          flags &= ~VIR_DOMAIN_START_FORCE_BOOT;
        }
      }
      if (!started) await must(s, `Failed to start domain '${dom.name()}'`, () => start(flags));
      s.out.printExtra(`Domain '${dom.name()}' started\n`);
      if (optBool(cmd, 'console')) await runConsole(s, dom, null, 0);
    },
  },
  {
    name: 'shutdown',
    summary: 'ask a domain to shut down',
    options: [DOMAIN_ARG, { name: 'mode', type: 'string', help: 'how: acpi, agent, initctl, signal or paravirt (comma-separated)' }],
    async handler(s, cmd) {
      const flags = modeFlags(s, cmd, "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'");
      const { dom, name } = await target(s, cmd);
      try {
        await must(s, `Failed to shutdown domain '${name}'`, () => (flags ? dom.shutdownFlags(flags) : dom.shutdown()));
        s.out.printExtra(`Domain '${name}' is being shutdown\n`);
      } finally {
        dom.free();
      }
    },
  },
  {
    name: 'reboot',
    summary: 'ask a domain to reboot',
    options: [DOMAIN_ARG, { name: 'mode', type: 'string', help: 'how: acpi, agent, initctl, signal or paravirt (comma-separated)' }],
    async handler(s, cmd) {
      const flags = modeFlags(s, cmd, "'acpi', 'agent', 'initctl', 'signal' or 'paravirt'");
      const { dom, name } = await target(s, cmd);
      try {
        await must(s, `Failed to reboot domain '${name}'`, () => dom.reboot(flags));
        s.out.printExtra(`Domain '${name}' is being rebooted\n`);
      } finally {
        dom.free();
      }
    },
  },
  simpleAction('reset', 'reset a domain as if by its reset button', 'reset', 'was reset', (d) => d.reset(0)),
  {
    name: 'destroy',
    summary: 'stop a domain at once (power off)',
    options: [DOMAIN_ARG, flag('graceful', 'give the hypervisor a chance to stop the guest cleanly'), flag('remove-logs', 'delete the domain\'s logs too')],
    async handler(s, cmd) {
      const { dom, name } = await target(s, cmd);
      try {
        const flags = flagsFrom(cmd, [['graceful', VIR_DOMAIN_DESTROY_GRACEFUL], ['remove-logs', VIR_DOMAIN_DESTROY_REMOVE_LOGS]]);
        await must(s, `Failed to destroy domain '${name}'`, () => (flags ? dom.destroyFlags(flags) : dom.destroy()));
        s.out.printExtra(`Domain '${name}' destroyed\n`);
      } finally {
        dom.free();
      }
    },
  },
  simpleAction('suspend', 'pause a running domain', 'suspend', 'suspended', (d) => d.suspend()),
  simpleAction('resume', 'continue a paused domain', 'resume', 'resumed', (d) => d.resume()),
  {
    name: 'save',
    summary: 'save a running domain to a file and stop it',
    options: [
      DOMAIN_ARG,
      { name: 'file', type: 'data', required: true, help: 'where to write the saved state' },
      flag('bypass-cache', 'write without the file system cache'),
      { name: 'xml', type: 'string', help: 'file with a replacement domain XML for the image' },
      flag('running', 'restore it running'),
      flag('paused', 'restore it paused'),
      flag('verbose', 'show progress'),
    ],
    async handler(s, cmd) {
      const { dom, name } = await target(s, cmd);
      try {
        const to = optString(s, cmd, 'file')!;
        const flags = flagsFrom(cmd, [['bypass-cache', VIR_DOMAIN_SAVE_BYPASS_CACHE], ['running', VIR_DOMAIN_SAVE_RUNNING],
          ['paused', VIR_DOMAIN_SAVE_PAUSED]]);
        const xmlFile = optString(s, cmd, 'xml');
        const xml = xmlFile === undefined ? null : await readXMLFile(s, xmlFile);
        await must(s, `Failed to save domain '${name}' to ${to}`,
          () => (flags || xml !== null ? dom.saveFlags(to, xml, flags) : dom.save(to)));
        finishProgress(s, cmd, 'Save');
        s.out.printExtra(`\nDomain '${name}' saved to ${to}\n`);
      } finally {
        dom.free();
      }
    },
  },
  {
    name: 'restore',
    summary: 'start a domain again from a saved file',
    options: [
      { name: 'file', type: 'data', required: true, help: 'the saved state' },
      flag('bypass-cache', 'read without the file system cache'),
      { name: 'xml', type: 'string', help: 'file with a replacement domain XML' },
      flag('running', 'restore it running'),
      flag('paused', 'restore it paused'),
      flag('reset-nvram', 'start from a fresh copy of the NVRAM template'),
    ],
    async handler(s, cmd) {
      const from = optString(s, cmd, 'file')!;
      const flags = flagsFrom(cmd, [['bypass-cache', VIR_DOMAIN_SAVE_BYPASS_CACHE], ['running', VIR_DOMAIN_SAVE_RUNNING],
        ['paused', VIR_DOMAIN_SAVE_PAUSED], ['reset-nvram', VIR_DOMAIN_SAVE_RESET_NVRAM]]);
      const xmlFile = optString(s, cmd, 'xml');
      const xml = xmlFile === undefined ? null : await readXMLFile(s, xmlFile);
      await must(s, `Failed to restore domain from ${from}`,
        () => (flags || xml !== null ? s.conn.restoreFlags(from, xml, flags) : s.conn.restore(from)));
      s.out.printExtra(`Domain restored from ${from}\n`);
    },
  },
  {
    name: 'managedsave',
    summary: 'save a running domain where libvirt keeps it, to resume on the next start',
    options: [
      DOMAIN_ARG,
      flag('bypass-cache', 'write without the file system cache'),
      flag('running', 'resume it running'),
      flag('paused', 'resume it paused'),
      flag('verbose', 'show progress'),
    ],
    async handler(s, cmd) {
      const { dom, name } = await target(s, cmd);
      try {
        const flags = flagsFrom(cmd, [['bypass-cache', VIR_DOMAIN_SAVE_BYPASS_CACHE], ['running', VIR_DOMAIN_SAVE_RUNNING],
          ['paused', VIR_DOMAIN_SAVE_PAUSED]]);
        await must(s, `Failed to save domain '${name}' state`, () => dom.managedSave(flags));
        finishProgress(s, cmd, 'Managedsave');
        s.out.printExtra(`\nDomain '${name}' state saved by libvirt\n`);
      } finally {
        dom.free();
      }
    },
  },
  {
    name: 'managedsave-remove',
    summary: 'drop the managed save image of a domain',
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      const { dom, name } = await target(s, cmd);
      try {
        const has = await must(s, 'Failed to check for domain managed save image', () => dom.hasManagedSaveImage());
        if (!has) {
          s.out.printExtra(`Domain '${name}' has no manage save image; removal skipped`);
          return;
        }
        await must(s, `Failed to remove managed save image for domain '${name}'`, () => dom.managedSaveRemove());
        s.out.printExtra(`Removed managedsave image for domain '${name}'`);
      } finally {
        dom.free();
      }
    },
  },
  {
    name: 'autostart',
    summary: 'start a domain when the host starts (or stop doing so)',
    options: [DOMAIN_ARG, flag('disable', 'stop starting it with the host')],
    async handler(s, cmd) {
      const { dom, name } = await target(s, cmd);
      try {
        const on = !optBool(cmd, 'disable');
        await must(s, `Failed to ${on ? 'mark' : 'unmark'} domain '${name}' as autostarted`, () => dom.setAutostart(on));
        s.out.printExtra(`Domain '${name}' ${on ? 'marked' : 'unmarked'} as autostarted\n`);
      } finally {
        dom.free();
      }
    },
  },
];
