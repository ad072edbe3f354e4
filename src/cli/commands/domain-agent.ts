/** Guest-agent and launch-security commands (part of virsh's "domain" group). */
import * as lib from '../../index.js';
import type { TypedParam } from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optBool, optInt, optString, optULongLong, requires } from '../opts.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import { typedParamText } from '../typed-params.js';
import { DOMAIN_ARG } from '../domain-options.js';

/** guestinfo's flags and the VIR_DOMAIN_GUEST_INFO_* each asks for. */
const GUEST_INFO_TYPES: [string, number, string][] = [
  ['user', lib.VIR_DOMAIN_GUEST_INFO_USERS, 'the users logged in'],
  ['os', lib.VIR_DOMAIN_GUEST_INFO_OS, 'the operating system'],
  ['timezone', lib.VIR_DOMAIN_GUEST_INFO_TIMEZONE, 'the time zone'],
  ['hostname', lib.VIR_DOMAIN_GUEST_INFO_HOSTNAME, 'the host name'],
  ['filesystem', lib.VIR_DOMAIN_GUEST_INFO_FILESYSTEM, 'the file systems'],
  ['disk', lib.VIR_DOMAIN_GUEST_INFO_DISKS, 'the disks'],
  ['interface', lib.VIR_DOMAIN_GUEST_INFO_INTERFACES, 'the network interfaces'],
];

/** Typed parameters as `field: value` lines, the field padded to `width`. */
const paramLines = (params: TypedParam[], width: number): string => params.map((p) => `${p.field.padEnd(width)}: ${typedParamText(p)}\n`).join('');

async function cmdGuestInfo(s: Session, cmd: ParsedCommand): Promise<void> {
  let types = 0;
  for (const [name, bit] of GUEST_INFO_TYPES) if (optBool(cmd, name)) types |= bit;
  using dom = await domainOption(s, cmd);
  s.out.print(paramLines(await dom.guestInfo(types, 0), 20));
}

async function cmdSetUserSSHKeys(s: Session, cmd: ParsedCommand): Promise<void> {
  requires(s, cmd, 'remove', 'file');
  exclusive(s, cmd, 'reset', 'remove');
  using dom = await domainOption(s, cmd);
  const user = optString(s, cmd, 'user')!;
  const from = optString(s, cmd, 'file');
  let flags = 0;
  if (optBool(cmd, 'remove')) {
    flags = lib.VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE;
  } else if (!optBool(cmd, 'reset')) {
    flags = lib.VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND;
    if (from === undefined) fail(s, 'Option --file is required');
  }
  let keys: string[] = [];
  if (from !== undefined) {
    const text = await readXMLFile(s, from);
    // g_strsplit: an empty text has no pieces, a final newline leaves an empty last one.
    keys = text === '' ? [] : text.split('\n');
    if (keys.length === 0) fail(s, `File ${from} contains no keys`);
  }
  await dom.authorizedSSHKeysSet(user, keys, flags);
}

/** virsh reads secrets of at most 64 KiB. */
const SECRET_FILE_MAX = 64 * 1024;

async function cmdSetLaunchSecState(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const headerFile = optString(s, cmd, 'secrethdr');
  const secretFile = optString(s, cmd, 'secret');
  if (headerFile === undefined || secretFile === undefined) fail(s, 'Both secret and the secret header are required');
  const params: TypedParam[] = [
    { field: 'sev-secret-header', type: lib.VIR_TYPED_PARAM_STRING, value: await readXMLFile(s, headerFile, SECRET_FILE_MAX) },
    { field: 'sev-secret', type: lib.VIR_TYPED_PARAM_STRING, value: await readXMLFile(s, secretFile, SECRET_FILE_MAX) },
  ];
  const address = optULongLong(s, cmd, 'set-address');
  if (address !== undefined) params.push({ field: 'sev-secret-set-address', type: lib.VIR_TYPED_PARAM_ULLONG, value: address });
  await must(s, 'Unable to set launch security state', () => dom.setLaunchSecurityState(params, 0));
}

export const agentCommands: CommandDef[] = [
  {
    name: 'guestinfo',
    summary: 'print what the guest agent tells about the guest',
    options: [DOMAIN_ARG, ...GUEST_INFO_TYPES.map(([name, , help]) => flag(name, `report ${help}`))],
    handler: cmdGuestInfo,
  },
  {
    name: 'get-user-sshkeys',
    summary: "print a guest user's authorized SSH keys",
    options: [DOMAIN_ARG, { name: 'user', type: 'data', required: true, help: 'the user' }],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const user = optString(s, cmd, 'user')!;
      s.out.print((await dom.authorizedSSHKeysGet(user, 0)).join(''));
    },
  },
  {
    name: 'set-user-sshkeys',
    summary: "add keys to a guest user's authorized SSH keys, replace or remove them",
    options: [
      DOMAIN_ARG,
      { name: 'user', type: 'data', required: true, help: 'the user' },
      { name: 'file', type: 'string', help: 'file with the keys, one a line' },
      flag('reset', 'replace the authorized keys rather than add to them'),
      flag('remove', 'remove the keys of the file'),
    ],
    handler: cmdSetUserSSHKeys,
  },
  {
    name: 'guest-agent-timeout',
    summary: 'set how long to wait for the guest agent',
    options: [DOMAIN_ARG, { name: 'timeout', type: 'number', named: true, help: 'seconds (-2 blocks, -1 the default, 0 does not wait)' }],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      await dom.agentSetResponseTimeout(optInt(s, cmd, 'timeout') ?? lib.VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK, 0);
    },
  },
  {
    name: 'domlaunchsecinfo',
    summary: "print a domain's launch security parameters",
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      s.out.print(paramLines(await must(s, 'Unable to get launch security parameters', () => dom.launchSecurityInfo(0)), 15));
    },
  },
  {
    name: 'domsetlaunchsecstate',
    summary: 'hand a secret to a guest with launch security',
    options: [
      DOMAIN_ARG,
      { name: 'secrethdr', type: 'string', named: true, help: 'file holding the secret header' },
      { name: 'secret', type: 'string', named: true, help: 'file holding the secret' },
      { name: 'set-address', type: 'number', help: 'guest physical address to place the secret at' },
    ],
    handler: cmdSetLaunchSecState,
  },
];
