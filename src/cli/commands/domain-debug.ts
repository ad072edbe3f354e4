/** Debugging a guest (part of virsh's "domain" group): core dumps and non-maskable interrupts. */
import {
  VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, VIR_DUMP_BYPASS_CACHE, VIR_DUMP_CRASH, VIR_DUMP_LIVE, VIR_DUMP_MEMORY_ONLY, VIR_DUMP_RESET,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { fail, optBool, optString, optStringQuiet } from '../opts.js';
import { ACTIVE_DOMAIN_ARG } from '../domain-options.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

/** virsh's names of the core dump formats, in VIR_DOMAIN_CORE_DUMP_FORMAT_* order (elf is the raw one). */
const DUMP_FORMATS = ['elf', 'kdump-zlib', 'kdump-lzo', 'kdump-snappy', 'win-dmp'];
const DUMP_FLAGS: [string, number][] = [
  ['live', VIR_DUMP_LIVE], ['crash', VIR_DUMP_CRASH], ['bypass-cache', VIR_DUMP_BYPASS_CACHE], ['reset', VIR_DUMP_RESET],
  ['memory-only', VIR_DUMP_MEMORY_ONLY],
];

async function cmdDump(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  const to = optString(s, cmd, 'file')!;
  const flags = DUMP_FLAGS.reduce((f, [opt, bit]) => (optBool(cmd, opt) ? f | bit : f), 0);
  let format = VIR_DOMAIN_CORE_DUMP_FORMAT_RAW;
  if (optBool(cmd, 'format')) {
    if (!(flags & VIR_DUMP_MEMORY_ONLY)) fail(s, '--format only works with --memory-only');
    const word = optStringQuiet(cmd, 'format');
    if (word !== undefined) {
      format = DUMP_FORMATS.indexOf(word);
      if (format < 0) fail(s, `format '${word}' is not supported, expecting 'kdump-zlib', 'kdump-lzo', 'kdump-snappy', 'win-dmp' or 'elf'`);
    }
  }
  await must(s, `Failed to core dump domain '${name}' to ${to}`,
    () => (format !== VIR_DOMAIN_CORE_DUMP_FORMAT_RAW ? dom.coreDumpWithFormat(to, format, flags) : dom.coreDump(to, flags)));
  // virsh's job watcher prints the final progress only when asked to.
  if (optBool(cmd, 'verbose')) s.out.stderrRaw('\rDump: [100 %]');
  s.out.printExtra(`\nDomain '${name}' dumped to ${to}\n`);
}

export const debugCommands: CommandDef[] = [
  {
    name: 'dump',
    summary: 'write the memory of a domain to a core file',
    options: [
      ACTIVE_DOMAIN_ARG,
      { name: 'file', type: 'data', required: true, help: 'the core file to write' },
      flag('live', 'keep the domain running while dumping'),
      flag('crash', 'leave the domain crashed afterwards'),
      flag('bypass-cache', 'write without the file system cache'),
      flag('reset', 'reset the domain afterwards'),
      flag('verbose', 'show progress'),
      flag('memory-only', 'only the guest memory, in a debugger-readable format'),
      { name: 'format', type: 'string', help: 'with --memory-only: elf, kdump-zlib, kdump-lzo, kdump-snappy or win-dmp' },
    ],
    handler: cmdDump,
  },
  {
    name: 'inject-nmi',
    summary: 'send a non-maskable interrupt to a domain',
    options: [ACTIVE_DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await dom.injectNMI(0);
    },
  },
];
