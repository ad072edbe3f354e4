/** Debugging a guest (part of virsh's "domain" group): core dumps, non-maskable interrupts, key presses, signals to guest processes. */
import {
  VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, VIR_DUMP_BYPASS_CACHE, VIR_DUMP_CRASH, VIR_DUMP_LIVE, VIR_DUMP_MEMORY_ONLY, VIR_DUMP_RESET,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { fail, optArgv, optBool, optLongLong, optString, optStringQuiet, optUInt } from '../opts.js';
import { parseAnyBase, parseInt32 } from '../numbers.js';
import { keycodeByName } from '../keycode-names.js';
import { DOMAIN_ARG } from '../domain-options.js';
import type { Session } from '../session.js';

const flag = (name: string, help: string): OptionDef => ({ name, type: 'bool', help });

/** virsh's names of the core dump formats, in VIR_DOMAIN_CORE_DUMP_FORMAT_* order (elf is the raw one). */
export const DUMP_FORMATS = ['elf', 'kdump-zlib', 'kdump-lzo', 'kdump-snappy', 'win-dmp'];
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

/** virsh's signal names, by VIR_DOMAIN_PROCESS_SIGNAL_* number (0-31, then rt0-rt32). */
export const SIGNALS = ['nop', 'hup', 'int', 'quit', 'ill', 'trap', 'abrt', 'bus', 'fpe', 'kill', 'usr1', 'segv', 'usr2', 'pipe', 'alrm', 'term',
  'stkflt', 'chld', 'cont', 'stop', 'tstp', 'ttin', 'ttou', 'urg', 'xcpu', 'xfsz', 'vtalrm', 'prof', 'winch', 'poll', 'pwr', 'sys',
  ...Array.from({ length: 33 }, (_, i) => `rt${i}`)];

/** getSignalNumber: a number as it is, else a name with or without `sig`/`sig_` (any case); -1 if unknown. */
function signalNumber(name: string): number {
  const lower = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const n = parseInt32(lower);
  if (n !== null) return n;
  return SIGNALS.indexOf(lower.replace(/^sig_?/, ''));
}

async function cmdSendProcessSignal(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const pid = optLongLong(s, cmd, 'pid')!;
  const name = optString(s, cmd, 'signame')!;
  const signum = signalNumber(name);
  if (signum < 0) fail(s, `malformed signal name: ${name}`);
  await dom.sendProcessSignal(pid, signum, 0);
}

/** VIR_KEYCODE_SET_* names, by number. */
export const KEYCODE_SETS = ['linux', 'xt', 'atset1', 'atset2', 'atset3', 'os_x', 'xt_kbd', 'usb', 'win32', 'qnum'];
/** VIR_DOMAIN_SEND_KEY_MAX_KEYS. */
const MAX_KEYS = 16;

/** virshKeyCodeGetInt: a key given by number (any base, up to 0xffff), else -1. */
function keycodeNumber(text: string): number {
  const n = text.includes('-') ? null : parseAnyBase(text);
  return n === null || n > 0xffffn ? -1 : Number(n);
}

async function cmdSendKey(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  let setName = optStringQuiet(cmd, 'codeset') ?? 'linux';
  const holdtime = optUInt(s, cmd, 'holdtime') ?? 0;
  // qnum was once called rfb.
  if (setName === 'rfb') setName = 'qnum';
  const codeset = KEYCODE_SETS.indexOf(setName);
  if (codeset < 0) fail(s, `unknown codeset: '${setName}'`);
  const keys = optArgv(cmd, 'keycode');
  if (keys.length > MAX_KEYS) fail(s, 'too many keycodes');
  const codes = keys.map((key) => {
    let code = keycodeNumber(key);
    if (code < 0) code = keycodeByName(setName, key);
    if (code < 0) fail(s, `invalid keycode: '${key}'`);
    return code;
  });
  await dom.sendKey(codeset, holdtime, codes, 0);
}

export const debugCommands: CommandDef[] = [
  {
    name: 'dump',
    summary: 'write the memory of a domain to a core file',
    options: [
      DOMAIN_ARG,
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
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await dom.injectNMI(0);
    },
  },
  {
    name: 'send-process-signal',
    summary: 'send a signal to a process inside a domain',
    options: [
      DOMAIN_ARG,
      { name: 'pid', type: 'data', required: true, help: 'the process id in the guest' },
      { name: 'signame', type: 'data', required: true, help: 'the signal, by number or name (kill, SIGTERM, sig_usr1, ...)' },
    ],
    handler: cmdSendProcessSignal,
  },
  {
    name: 'send-key',
    summary: 'press keys on the keyboard of a domain',
    options: [
      DOMAIN_ARG,
      { name: 'codeset', type: 'string', named: true, help: 'how the keys are numbered: linux (the default), xt, atset1-3, os_x, xt_kbd, usb, win32, qnum' },
      { name: 'holdtime', type: 'number', named: true, help: 'how long to hold the keys (ms)' },
      { name: 'keycode', type: 'argv', required: true, help: 'keys, by number or by name (KEY_A in linux)' },
    ],
    handler: cmdSendKey,
  },
];
