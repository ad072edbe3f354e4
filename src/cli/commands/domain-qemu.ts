/** The QEMU- and LXC-specific commands: raw monitor and agent commands, monitor events, attach, namespaces. */
import { closeSync } from 'node:fs';
import * as lib from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optArgv, optBool, optInt, optString, optUInt } from '../opts.js';
import { flag } from '../objects.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { optTimeout, runEventLoop } from '../event-loop.js';
import { PASS_FDS, passFds } from './domain-lifecycle.js';

/** virJSONValueFromString: the parsed value, or undefined for text that is not JSON. */
function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * cmdQemuMonitorCommandQMPWrap: a JSON object is sent as it is; otherwise the first word is the
 * command and the rest its arguments, either one JSON object or `"key":value` pieces.
 */
function qmpCommand(s: Session, words: string[]): string {
  const whole = words.join(' ');
  if (isObject(parseJSON(whole))) return whole;
  const [name, ...rest] = words;
  const command: Record<string, unknown> = { execute: name };
  if (rest.length > 0) {
    const args = rest.join(' ');
    const parsed = parseJSON(args);
    const wrapped = isObject(parsed) ? parsed : parseJSON(`{${rest.join(',')}}`);
    if (!isObject(wrapped)) fail(s, `failed to wrap arguments '${args}' into a QMP command wrapper`);
    command.arguments = wrapped;
  }
  return JSON.stringify(command);
}

async function cmdQemuMonitorCommand(s: Session, cmd: ParsedCommand): Promise<void> {
  const pretty = optBool(cmd, 'pretty');
  const returnValue = optBool(cmd, 'return-value');
  exclusive(s, cmd, 'hmp', 'pretty');
  exclusive(s, cmd, 'hmp', 'return-value');
  using dom = await domainOption(s, cmd);
  const hmp = optBool(cmd, 'hmp');
  const words = optArgv(cmd, 'cmd');
  const text = hmp ? words.join(' ') : qmpCommand(s, words);
  const flags = hmp ? lib.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP : 0;
  const fds = passFds(s, cmd);
  const result = fds.length > 0 ? await dom.qemuMonitorCommandWithFiles(text, fds, flags) : await dom.qemuMonitorCommand(text, flags);
  const json = returnValue || pretty ? parseJSON(result) : undefined;
  if (returnValue && json === undefined) fail(s, 'failed to parse JSON returned by qemu');
  if (json === undefined) {
    s.out.print(`${result}\n`);
    return;
  }
  let shown: unknown = json;
  if (returnValue) {
    if (!isObject(json) || !Object.hasOwn(json, 'return')) fail(s, "'return' member missing");
    shown = json.return;
  }
  s.out.print(JSON.stringify(shown, null, pretty ? 2 : undefined));
}

async function cmdQemuAgentCommand(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const text = optArgv(cmd, 'cmd').join(' ');
  const given = optInt(s, cmd, 'timeout');
  let timeout = given ?? lib.VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT;
  if (given !== undefined && given < 1) fail(s, 'timeout must be positive');
  let choices = given !== undefined ? 1 : 0;
  if (optBool(cmd, 'async')) {
    timeout = lib.VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT;
    choices++;
  }
  if (optBool(cmd, 'block')) {
    timeout = lib.VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK;
    choices++;
  }
  if (choices > 1) fail(s, 'timeout, async and block options are exclusive');
  let result = await dom.qemuAgentCommand(text, timeout, 0);
  if (optBool(cmd, 'pretty')) {
    const json = parseJSON(result);
    if (json !== undefined) result = JSON.stringify(json, null, 2);
  }
  s.out.print(`${result}\n`);
}

async function cmdQemuAttach(s: Session, cmd: ParsedCommand): Promise<void> {
  const pid = optUInt(s, cmd, 'pid')!;
  using dom = await must(s, `Failed to attach to pid ${pid}`, () => s.conn.qemuAttach(pid, 0));
  s.out.printExtra(`Domain '${dom.name()}' attached to pid ${pid}\n`);
}

async function cmdQemuMonitorEvent(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const flags = (optBool(cmd, 'regex') ? lib.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX : 0)
    | (optBool(cmd, 'no-case') ? lib.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE : 0);
  const pretty = optBool(cmd, 'pretty');
  const seconds = optTimeout(s, cmd);
  const event = optString(s, cmd, 'event') ?? null;
  using dom = optBool(cmd, 'domain') ? await domainOption(s, cmd) : null;
  const timestamp = optBool(cmd, 'timestamp');
  return runEventLoop(s, cmd, seconds, async (deliver) => {
    const id = await s.conn.domainQemuMonitorEventRegister(dom, event, (e) => {
      let details = e.details;
      const json = pretty && details !== null ? parseJSON(details) : undefined;
      // libvirt's pretty JSON ends with a newline, which virsh keeps here
      if (json !== undefined) details = `${JSON.stringify(json, null, 2)}\n`;
      const name = e.dom.name();
      e.dom.free();
      // With --timestamp the loop puts the time in front instead of QEMU's own; no data prints as virsh's NULLSTR.
      deliver(timestamp ? `event ${e.event} for domain '${name}': ${details ?? '<null>'}\n`
        : `event ${e.event} at ${e.seconds}.${String(e.micros).padStart(6, '0')} for domain '${name}': ${details ?? '<null>'}\n`);
    }, flags);
    return [() => s.conn.domainQemuMonitorEventDeregister(id)];
  });
}

async function cmdLxcEnterNamespace(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  optArgv(cmd, 'cmd');
  const fds = await dom.lxcOpenNamespace(0);
  for (const fd of fds) closeSync(fd);
  // Entering another process's namespaces needs setns(2) in a forked child: Node cannot do that.
  fail(s, 'entering a container\'s namespaces is not supported by tsvirsh');
}

const CMD_WORDS = { name: 'cmd', type: 'argv', required: true } as const;

export const qemuCommands: CommandDef[] = [
  {
    name: 'qemu-monitor-command',
    summary: "send a command to a domain's QEMU monitor and print the reply",
    options: [
      DOMAIN_ARG,
      flag('hmp', 'the command is for the human monitor'),
      flag('pretty', 'indent the JSON reply'),
      flag('return-value', "print only the reply's 'return' member"),
      { ...PASS_FDS, named: true, help: 'comma-separated file descriptors to send with the command' },
      { ...CMD_WORDS, help: 'the command' },
    ],
    handler: cmdQemuMonitorCommand,
  },
  {
    name: 'qemu-agent-command',
    summary: "send a command to a domain's guest agent and print the reply",
    options: [
      DOMAIN_ARG,
      { name: 'timeout', type: 'number', named: true, help: 'seconds to wait for the reply (positive)' },
      flag('async', 'do not wait for the reply'),
      flag('block', 'wait for the reply however long it takes'),
      flag('pretty', 'indent the JSON reply'),
      { ...CMD_WORDS, help: 'the command' },
    ],
    handler: cmdQemuAgentCommand,
  },
  {
    name: 'qemu-attach',
    summary: 'take over a QEMU process started outside libvirt',
    options: [{ name: 'pid', type: 'data', required: true, help: 'its process id' }],
    handler: cmdQemuAttach,
  },
  {
    name: 'qemu-monitor-event',
    summary: "wait for QEMU monitor events and print them",
    options: [
      { name: 'domain', type: 'string', help: 'only the events of this domain' },
      { name: 'event', type: 'string', help: 'only events of this name' },
      flag('pretty', 'indent the JSON data of events'),
      flag('loop', 'keep waiting after the first event'),
      { name: 'timeout', type: 'number', help: 'give up after this many seconds' },
      flag('regex', 'take the event name as a regular expression'),
      flag('no-case', 'match the event name ignoring case'),
      flag('timestamp', 'prefix each event with the time'),
    ],
    handler: cmdQemuMonitorEvent,
  },
  {
    name: 'lxc-enter-namespace',
    summary: "run a command in a container's namespaces",
    options: [DOMAIN_ARG, flag('noseclabel', 'keep the security label of tsvirsh'), { ...CMD_WORDS, help: 'the command and its arguments' }],
    handler: cmdLxcEnterNamespace,
  },
];
