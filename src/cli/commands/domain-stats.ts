/** domstats: virConnectGetAllDomainStats, or virDomainListGetStats for the domains named. */
import * as C from '../../index.js';
import type { Domain, DomainStatsResult } from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { lookupDomain } from '../lookup.js';
import { optArgv, optBool } from '../opts.js';
import { JSON_OPTION, printJSON } from '../json.js';
import { typedParamText } from '../typed-params.js';
import type { Session } from '../session.js';

/** Statistics groups: option, stats bit, our words. */
const GROUPS: [string, number, string][] = [
  ['state', C.VIR_DOMAIN_STATS_STATE, 'state and reason'],
  ['cpu-total', C.VIR_DOMAIN_STATS_CPU_TOTAL, 'host CPU time used by the domain'],
  ['balloon', C.VIR_DOMAIN_STATS_BALLOON, 'balloon and memory sizes'],
  ['vcpu', C.VIR_DOMAIN_STATS_VCPU, 'virtual CPUs: state and time'],
  ['interface', C.VIR_DOMAIN_STATS_INTERFACE, 'network interface counters'],
  ['block', C.VIR_DOMAIN_STATS_BLOCK, 'block device counters and sizes'],
  ['perf', C.VIR_DOMAIN_STATS_PERF, 'perf event counters'],
  ['iothread', C.VIR_DOMAIN_STATS_IOTHREAD, 'IOThread polling settings'],
  ['memory', C.VIR_DOMAIN_STATS_MEMORY, 'memory bandwidth monitoring'],
  ['dirtyrate', C.VIR_DOMAIN_STATS_DIRTYRATE, 'the last measured dirty page rate'],
  ['vm', C.VIR_DOMAIN_STATS_VM, "the hypervisor's own counters"],
];

/** Flags of the call: option, flag bit, our words. */
const FLAGS: [string, number, string][] = [
  ['list-active', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE, 'only running or paused domains'],
  ['list-inactive', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE, 'only domains that are not running'],
  ['list-persistent', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT, 'only persistent domains'],
  ['list-transient', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT, 'only transient domains'],
  ['list-running', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING, 'only running domains'],
  ['list-paused', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED, 'only paused domains'],
  ['list-shutoff', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF, 'only shut off domains'],
  ['list-other', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER, 'only domains in other states'],
  ['raw', 0, 'print fields as the driver gives them (the only form there is)'],
  ['enforce', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS, 'fail when a requested group is not supported'],
  ['backing', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING, 'include the backing chains of disks'],
  ['nowait', C.VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT, 'skip what cannot be read at once'],
];

const flag = ([name, , help]: [string, number, string]): OptionDef => ({ name, type: 'bool', help });
const bits = (cmd: ParsedCommand, table: [string, number, string][]): number =>
  table.reduce((sum, [name, bit]) => (optBool(cmd, name) ? sum | bit : sum), 0);

async function cmdDomstats(s: Session, cmd: ParsedCommand): Promise<void> {
  const stats = bits(cmd, GROUPS);
  const flags = bits(cmd, FLAGS);
  const names = optArgv(cmd, 'domain');
  const domains: Domain[] = [];
  let records: DomainStatsResult[] = [];
  try {
    for (const name of names) domains.push(await lookupDomain(s, name));
    records = domains.length > 0 ? await s.conn.domainListGetStats(domains, stats, flags) : await s.conn.getAllDomainStats(stats, flags);
    if (optBool(cmd, 'json')) {
      printJSON(s, records.map((r) => ({ name: r.domain.name(), stats: Object.fromEntries(r.params.map((p) => [p.field, p.value])) })));
      return;
    }
    s.out.print(records.map((r) => `Domain: '${r.domain.name()}'\n${r.params.map((p) => `  ${p.field}=${typedParamText(p)}\n`).join('')}`).join('\n'));
  } finally {
    for (const d of [...domains, ...records.map((r) => r.domain)]) d.free();
  }
}

export const statsCommands: CommandDef[] = [{
  name: 'domstats',
  summary: 'show statistics of several domains at once',
  options: [...GROUPS.map(flag), ...FLAGS.map(flag), { name: 'domain', type: 'argv', help: 'only these domains (name, id or UUID)' }, JSON_OPTION],
  handler: cmdDomstats,
}];
