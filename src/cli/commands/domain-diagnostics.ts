/**
 * What a domain's disks and control channel report (part of virsh's "monitor" group): block
 * device sizes, disk errors, the state of the control interface.
 */
import {
  ErrorDomain, ErrorNumber, VIR_DOMAIN_CONTROL_ERROR, VIR_DOMAIN_CONTROL_OK, type DomainBlockInfo,
} from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optBool, optStringQuiet } from '../opts.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { formatTable } from '../table.js';
import { prettyCapacity } from '../objects.js';
import { pad } from '../printf.js';
import type { Session } from '../session.js';

const CONTROL_STATES = ['ok', 'background job', 'occupied', 'error'];
const CONTROL_ERROR_REASONS = ['', 'unknown', 'monitor failure', 'internal (locking) error'];
const DISK_ERRORS = ['no error', 'unspecified error', 'no space'];

/** cmdDomblkinfoGet: the three sizes as virsh prints them (`-` for a disk with none). */
function blockSizes(info: DomainBlockInfo, human: boolean): [string, string, string] {
  const sizes = [info.capacity, info.allocation, info.physical];
  if (sizes.every((n) => n === 0n)) return ['-', '-', '-'];
  const show = (n: bigint): string => (human ? prettyCapacity(n, 3) : String(n));
  return [show(sizes[0]!), show(sizes[1]!), show(sizes[2]!)];
}

const ZERO: DomainBlockInfo = { capacity: 0n, allocation: 0n, physical: 0n };
const sizesJSON = (info: DomainBlockInfo): Record<string, number> =>
  ({ capacity: Number(info.capacity), allocation: Number(info.allocation), physical: Number(info.physical) });

async function cmdDomblkinfo(s: Session, cmd: ParsedCommand): Promise<void> {
  exclusive(s, cmd, 'all', 'device');
  using dom = await domainOption(s, cmd);
  const all = optBool(cmd, 'all');
  const device = optStringQuiet(cmd, 'device');
  if (!all && device === undefined) fail(s, "command 'domblkinfo' requires <device> option");
  const human = optBool(cmd, 'human');
  const json = optBool(cmd, 'json');
  if (!all) {
    const info = await dom.blockInfo(device!);
    if (json) {
      printJSON(s, sizesJSON(info));
      return;
    }
    const [cap, alloc, phy] = blockSizes(info, human);
    s.out.print(`${pad('Capacity:', -15)} ${cap}\n${pad('Allocation:', -15)} ${alloc}\n${pad('Physical:', -15)} ${phy}\n`);
    return;
  }
  const active = await dom.isActive().catch(() => false);
  const xml = await must(s, 'Failed to get domain description xml', () => dom.xmlDesc(0));
  const xmlLib = await import('../xml.js');
  const rows: { target: string; info: DomainBlockInfo }[] = [];
  for (const disk of xmlLib.selectElements(xmlLib.parseXML(xml), './devices/disk')) {
    const target = xmlLib.xpathString(disk, './target/@dev') ?? '';
    let info = ZERO;
    if (xmlLib.selectElements(disk, './source').length > 0) {
      try {
        info = await dom.blockInfo(target);
      } catch (err) {
        // Network disks of a stopped domain cannot be measured: virsh shows them empty.
        const e = err as { code?: number; domain?: number };
        const network = xmlLib.xpathString(disk, './source/@protocol') !== null;
        if (!network || active || e.code !== ErrorNumber.VIR_ERR_INTERNAL_ERROR || e.domain !== ErrorDomain.VIR_FROM_STORAGE) throw err;
      }
    }
    rows.push({ target, info });
  }
  if (json) {
    printJSON(s, rows.map((r) => ({ target: r.target, ...sizesJSON(r.info) })));
    return;
  }
  const cells = rows.map((r) => [r.target, ...blockSizes(r.info, human)]);
  s.out.print(formatTable(['Target', 'Capacity', 'Allocation', 'Physical'], cells, !s.out.quiet));
}

async function cmdDomblkerror(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const errors = await dom.diskErrors();
  const word = (n: number): string => DISK_ERRORS[n] ?? 'unknown error';
  if (optBool(cmd, 'json')) printJSON(s, errors.map((e) => ({ disk: e.disk, error: word(e.error) })));
  else if (errors.length === 0) s.out.print('No errors found\n');
  else for (const e of errors) s.out.print(`${e.disk}: ${word(e.error)}\n`);
}

async function cmdDomcontrol(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  const info = await dom.controlInfo();
  const state = CONTROL_STATES[info.state] ?? 'unknown';
  const seconds = Number(info.stateTime) / 1000;
  const reason = info.state === VIR_DOMAIN_CONTROL_ERROR && info.details > 0 ? CONTROL_ERROR_REASONS[info.details] ?? 'unknown' : null;
  if (optBool(cmd, 'json')) printJSON(s, { state, reason, stateTime: seconds });
  else if (info.state !== VIR_DOMAIN_CONTROL_OK && info.state !== VIR_DOMAIN_CONTROL_ERROR) s.out.print(`${state} (${seconds.toFixed(3)}s)\n`);
  else if (reason !== null) s.out.print(`${state}: ${reason}\n`);
  else s.out.print(`${state}\n`);
}

export const diagnosticCommands: CommandDef[] = [
  {
    name: 'domblkinfo',
    summary: 'show the capacity, allocation and physical size of a domain disk (or of all with --all)',
    options: [
      DOMAIN_ARG,
      { name: 'device', type: 'string', help: 'the disk (target such as vda, or source path)' },
      { name: 'human', type: 'bool', help: 'sizes with units' },
      { name: 'all', type: 'bool', help: 'every disk of the domain, as a table' },
      JSON_OPTION,
    ],
    handler: cmdDomblkinfo,
  },
  {
    name: 'domblkerror',
    summary: 'show the disks of a domain that met I/O errors',
    options: [DOMAIN_ARG, JSON_OPTION],
    handler: cmdDomblkerror,
  },
  {
    name: 'domcontrol',
    summary: 'show whether the control interface of a domain is free, busy or broken',
    options: [DOMAIN_ARG, JSON_OPTION],
    handler: cmdDomcontrol,
  },
];
