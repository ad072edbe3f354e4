/** Secret commands (virsh's "secret" group): define, show, set and read values, list, undefine, events. */
import {
  VIR_CONNECT_LIST_SECRETS_EPHEMERAL, VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE,
  VIR_CONNECT_LIST_SECRETS_PRIVATE, VIR_SECRET_DEFINE_VALIDATE, type Secret,
} from '../../index.js';
import type { CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { formatTable } from '../table.js';
import { findObject, flag } from '../objects.js';
import { listWithFallback } from '../list-fallback.js';
import { readPassword } from '../password.js';
import { secretEventCommand } from './secret-event.js';
import type { Session } from '../session.js';

const SECRET_ARG: OptionDef = { name: 'secret', type: 'data', required: true, help: 'secret UUID' };
/** virSecretUsageType names, by VIR_SECRET_USAGE_TYPE_*. */
const USAGE_TYPES = ['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm'];

/** virshCommandOptSecret: secrets are found by UUID only. */
export async function secretOption(s: Session, cmd: ParsedCommand): Promise<Secret> {
  const uuid = optString(s, cmd, 'secret')!;
  return findObject(s, `failed to get secret '${uuid}'`, [() => s.conn.secretLookupByUUIDString(uuid)]);
}

/** The secret's value as secret-set-value takes it: --base64 text, a file's bytes, or typed in. */
async function secretValue(s: Session, cmd: ParsedCommand): Promise<Buffer> {
  let plain = optBool(cmd, 'plain');
  const base64 = optString(s, cmd, 'base64');
  const file = optString(s, cmd, 'file');
  let raw: Buffer;
  if (base64 !== undefined) {
    s.out.error('Passing secret value as command-line argument is insecure!');
    raw = Buffer.from(base64);
  } else if (file !== undefined) {
    raw = Buffer.from(await readXMLFile(s, file), 'utf8');
    if (raw.length > 1024) fail(s, `Failed to read file '${file}': Value too large for defined data type`);
  } else if (optBool(cmd, 'interactive')) {
    s.out.print('Enter new value for secret:');
    s.out.flush();
    const typed = await readPassword();
    if (typed === null) fail(s, 'Failed to read secret');
    raw = Buffer.from(typed);
    plain = true;
  } else {
    fail(s, 'Input secret value is missing');
  }
  // g_base64_decode skips what is not base64 and stops at padding.
  return plain ? raw : Buffer.from(raw.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

async function cmdSecretList(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = 0;
  if (optBool(cmd, 'ephemeral')) flags |= VIR_CONNECT_LIST_SECRETS_EPHEMERAL;
  if (optBool(cmd, 'no-ephemeral')) flags |= VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL;
  if (optBool(cmd, 'private')) flags |= VIR_CONNECT_LIST_SECRETS_PRIVATE;
  if (optBool(cmd, 'no-private')) flags |= VIR_CONNECT_LIST_SECRETS_NO_PRIVATE;
  const secrets = await listWithFallback(s, {
    listAll: () => s.conn.listAllSecrets(flags),
    listFailed: 'Failed to list node secrets',
    filtered: flags !== 0,
    count: () => s.conn.numOfSecrets(),
    countFailed: 'Failed to count secrets',
    names: (n) => s.conn.listSecrets(n),
    namesFailed: 'Failed to list secrets',
    lookup: (uuid) => s.conn.secretLookupByUUIDString(uuid),
  });
  const rows = secrets.map((sec) => {
    const type = sec.usageType();
    const row = [sec.UUIDString(), type ? `${USAGE_TYPES[type] ?? ''} ${sec.usageID()}` : 'Unused'];
    sec.free();
    return row;
  }).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  s.out.print(formatTable(['UUID', 'Usage'], rows, !s.out.quiet));
}

export const secretFamily: CommandFamily = {
  group: 'Secret',
  keyword: 'secret',
  commands: [
    {
      name: 'secret-define',
      summary: 'define (or change) a secret from an XML file',
      options: [
        { name: 'file', type: 'data', required: true, help: 'XML file describing the secret' },
        flag('validate', 'check the XML against the schema first'),
      ],
      async handler(s, cmd) {
        const file = optString(s, cmd, 'file')!;
        const xml = await readXMLFile(s, file);
        const flags = optBool(cmd, 'validate') ? VIR_SECRET_DEFINE_VALIDATE : 0;
        using sec = await must(s, `Failed to set attributes from ${file}`, () => s.conn.secretDefineXML(xml, flags));
        s.out.printExtra(`Secret ${sec.UUIDString()} created\n`);
      },
    },
    {
      name: 'secret-dumpxml',
      summary: "print a secret's attributes as XML",
      options: [SECRET_ARG, ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using sec = await secretOption(s, cmd);
        await printXML(s, cmd, await sec.XMLDesc(0));
      },
    },
    secretEventCommand,
    {
      name: 'secret-get-value',
      summary: "print a secret's value (base64 unless --plain)",
      options: [SECRET_ARG, flag('plain', 'the raw value instead of base64')],
      async handler(s, cmd) {
        using sec = await secretOption(s, cmd);
        const value = await sec.value(0);
        s.out.print(optBool(cmd, 'plain') ? value.toString('utf8') : value.toString('base64'));
      },
    },
    {
      name: 'secret-list',
      summary: 'list secrets',
      options: [
        flag('ephemeral', 'only secrets kept in memory only'),
        flag('no-ephemeral', 'only secrets kept on disk'),
        flag('private', 'only secrets whose value cannot be read'),
        flag('no-private', 'only secrets whose value can be read'),
      ],
      handler: cmdSecretList,
    },
    {
      name: 'secret-set-value',
      summary: "set a secret's value",
      options: [
        SECRET_ARG,
        { name: 'file', type: 'string', named: true, help: 'read the value from this file' },
        flag('plain', 'the value is raw, not base64'),
        flag('interactive', 'type the value in'),
        { name: 'base64', type: 'string', help: 'the value in base64 (visible to other users: avoid)' },
      ],
      async handler(s, cmd) {
        exclusive(s, cmd, 'file', 'base64');
        exclusive(s, cmd, 'plain', 'base64');
        exclusive(s, cmd, 'interactive', 'base64');
        exclusive(s, cmd, 'interactive', 'plain');
        exclusive(s, cmd, 'interactive', 'file');
        using sec = await secretOption(s, cmd);
        const value = await secretValue(s, cmd);
        await must(s, 'Failed to set secret value', () => sec.setValue(value, 0));
        s.out.printExtra('Secret value set\n');
      },
    },
    {
      name: 'secret-undefine',
      summary: 'remove a secret',
      options: [SECRET_ARG],
      async handler(s, cmd) {
        using sec = await secretOption(s, cmd);
        const uuid = optString(s, cmd, 'secret')!;
        await must(s, `Failed to delete secret ${uuid}`, () => sec.undefine());
        s.out.printExtra(`Secret ${uuid} deleted\n`);
      },
    },
  ],
};
