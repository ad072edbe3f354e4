/**
 * The values virsh's completers offer for an option (see completer-table.ts for which option
 * uses which): object names from the connection, filtered as virsh filters them, and names
 * found in the domain the command line names. A kind missing here, or a completer that fails,
 * offers nothing and readline falls back to file names, as virsh does when its completer fails.
 */
import type { Connect, Domain } from '../index.js';
import { VIR_DOMAIN_XML_INACTIVE } from '../api/constants/domain.js';
import { VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE } from '../api/constants/storage.js';
import type { OptionDef, OptionValue } from './command.js';
import { INTERFACE_BY_MAC, OPTION_COMPLETERS } from './completer-table.js';
import { DOMAIN_EVENT_NAMES } from './domain-event-lines.js';
import { lookupDomain } from './lookup.js';
import type { Session } from './session.js';
import { DUMP_FORMATS, KEYCODE_SETS, SIGNALS } from './commands/domain-debug.js';
import { DIRTY_RATE_MODES } from './commands/domain-jobs.js';
import { LIFECYCLE_ACTIONS, LIFECYCLE_TYPES, NUMA_MODES } from './commands/domain-tune.js';
import { SUSPEND_TARGETS } from './commands/host-node.js';
import { CAPS } from './commands/host-objects.js';
import { WIPE_ALGORITHMS } from './commands/volume-content.js';
import { FILE_FORMATS, POOL_TYPES } from '../conf/storage/pool-types.js';
import { LIBVIRT_ARCHES } from '../conf/cpu-models.js';
import { DOMAIN_TYPES } from '../conf/domain/general.js';

/** The half-typed command a completer looks at. */
export interface PartialOptions {
  readonly opts: readonly OptionValue[];
}

type Completer = (s: Session, cmd: PartialOptions, flags: number) => Promise<string[] | null>;

const value = (cmd: PartialOptions, name: string): string | undefined => cmd.opts.find((o) => o.def.name === name)?.value;

/** Names of objects a listing returns, each freed once named. */
async function names<T extends { free(): void }>(objs: Promise<T[]>, name: (o: T) => string): Promise<string[]> {
  return (await objs).map((o) => {
    const n = name(o);
    o.free();
    return n;
  });
}

/** The domain the command names (virshCommandOptDomain: its failure is reported as virsh's). */
async function withDomain<T>(s: Session, cmd: PartialOptions, use: (dom: Domain) => Promise<T>): Promise<T | null> {
  const name = value(cmd, 'domain');
  if (!name) return null;
  const dom = await lookupDomain(s, name);
  try {
    return await use(dom);
  } finally {
    dom.free();
  }
}

/** Attribute `attr` of the `<child>` of every `<element>` under `<devices>` of the domain's XML, in order. */
function deviceAttrs(xml: string, element: string, child: string, attr: string): (string | null)[] {
  const devices = /<devices>([^]*)<\/devices>/.exec(xml)?.[1] ?? '';
  const found: (string | null)[] = [];
  for (const m of devices.matchAll(new RegExp(`<${element}\\b[^>]*?(?:/>|>([^]*?)</${element}>)`, 'g'))) {
    const inner = m[1] ?? '';
    const tag = new RegExp(`<${child}\\b[^>]*\\b${attr}=(['"])([^'"]*)\\1`).exec(inner);
    found.push(tag ? tag[2]! : null);
  }
  return found;
}

const conn = (s: Session): Connect => s.conn;

const KINDS: Record<string, Completer> = {
  'domain-name': (s, _c, flags) => names(conn(s).listAllDomains(flags), (d) => d.name()),
  'domain-uuid': (s, _c, flags) => names(conn(s).listAllDomains(flags), (d) => d.uuidString()),
  'network-name': (s, _c, flags) => names(conn(s).listAllNetworks(flags), (n) => n.name()),
  'network-uuid': (s, _c, flags) => names(conn(s).listAllNetworks(flags), (n) => n.uuidString()),
  'interface-name': (s, _c, flags) => names(conn(s).listAllInterfaces(flags), (i) => i.name()),
  'interface-mac': (s, _c, flags) => names(conn(s).listAllInterfaces(flags), (i) => i.MACString()),
  'storage-pool-name': (s, _c, flags) => names(conn(s).listAllStoragePools(flags), (p) => p.name()),
  'node-device-name': (s, _c, flags) => names(conn(s).listAllDevices(flags), (d) => d.name()),
  'nwfilter-name': (s, _c, flags) => names(conn(s).listAllNWFilters(flags), (f) => f.name()),
  'nwfilter-binding-name': (s, _c, flags) => names(conn(s).listAllNWFilterBindings(flags), (b) => b.portDev()),
  'secret-uuid': (s, _c, flags) => names(conn(s).listAllSecrets(flags), (x) => x.UUIDString()),
  async 'storage-vol-name'(s, cmd) {
    const poolName = value(cmd, 'pool');
    if (!poolName) return null;
    const pool = await conn(s).storagePoolLookupByName(poolName).catch(() => conn(s).storagePoolLookupByUUIDString(poolName));
    try {
      return await names(pool.listAllVolumes(0), (v) => v.name());
    } finally {
      pool.free();
    }
  },
  async 'storage-vol-key'(s) {
    const keys: string[] = [];
    for (const pool of await conn(s).listAllStoragePools(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE)) {
      try {
        keys.push(...await names(pool.listAllVolumes(0), (v) => v.key()));
      } finally {
        pool.free();
      }
    }
    return keys;
  },
  'snapshot-name': (s, cmd) => withDomain(s, cmd, (dom) => names(dom.listAllSnapshots(0), (x) => x.getName())),
  'checkpoint-name': (s, cmd) => withDomain(s, cmd, (dom) => names(dom.listAllCheckpoints(0), (x) => x.getName())),
  'domain-disk-target': (s, cmd) => withDomain(s, cmd, async (dom) => {
    const targets = deviceAttrs(await dom.xmlDesc(0), 'disk', 'target', 'dev');
    return targets.includes(null) ? null : (targets as string[]);
  }),
  'domain-interface': (s, cmd, flags) => withDomain(s, cmd, async (dom) => {
    const xml = await dom.xmlDesc(cmd.opts.some((o) => o.def.name === 'config') ? VIR_DOMAIN_XML_INACTIVE : 0);
    const devs = deviceAttrs(xml, 'interface', 'target', 'dev');
    const macs = deviceAttrs(xml, 'interface', 'mac', 'address');
    // without a target (an inactive definition) the MAC address stands in
    const offered = devs.map((dev, i) => (!(flags & INTERFACE_BY_MAC) && dev) || macs[i]);
    return offered.includes(null) ? null : (offered as string[]);
  }),
  'domain-vcpu': (s, cmd) => withDomain(s, cmd, async (dom) => numbers(maxVcpus(await dom.xmlDesc(VIR_DOMAIN_XML_INACTIVE)))),
  'domain-vcpulist': (s, cmd) => withDomain(s, cmd, async (dom) =>
    commaList(value(cmd, 'vcpulist'), numbers(maxVcpus(await dom.xmlDesc(VIR_DOMAIN_XML_INACTIVE))))),
  'domain-cpulist': async (s, cmd) => commaList(value(cmd, 'cpulist'), numbers((await conn(s).getCPUMap(0)).cpus)),
  async 'node-cpu'(s) {
    const map = await conn(s).getCPUMap(0);
    return numbers(map.cpus).filter((_, i) => map.online[i]);
  },
  'domain-iothread-id': (s, cmd) => withDomain(s, cmd, async (dom) => (await dom.ioThreadInfo(0)).map((t) => String(t.iothreadId))),
  arch: async () => ['none', ...LIBVIRT_ARCHES],
  'domain-virt-type': async () => [...DOMAIN_TYPES],
  'domain-storage-file-format': async () => [...FILE_FORMATS],
  'domain-event-name': async () => [...DOMAIN_EVENT_NAMES],
  'network-event-name': async () => ['lifecycle'],
  'pool-event-name': async () => ['lifecycle', 'refresh'],
  'node-device-event-name': async () => ['lifecycle', 'update'],
  'secret-event-name': async () => ['lifecycle', 'value-changed'],
  'help-command': async (s) => s.table.commands().filter((d) => !d.hidden).map((d) => d.name),
  'domain-shutdown-mode': async (_s, cmd) => commaList(value(cmd, 'mode'), ['acpi', 'agent', 'initctl', 'signal', 'paravirt']),
  'domain-core-dump-format': async () => DUMP_FORMATS,
  'domain-signal': async () => SIGNALS,
  'codeset-name': async () => KEYCODE_SETS,
  'domain-numatune-mode': async () => NUMA_MODES,
  'domain-lifecycle': async () => LIFECYCLE_TYPES,
  'domain-lifecycle-action': async () => LIFECYCLE_ACTIONS,
  'storage-vol-wipe-algorithm': async () => WIPE_ALGORITHMS,
  'domain-dirty-rate-calc-mode': async () => Object.keys(DIRTY_RATE_MODES),
  'node-suspend-target': async () => SUSPEND_TARGETS,
  'domain-interface-source-mode': async () => ['server', 'client'],
  'node-device-pci-backend': async () => ['default', 'kvm', 'vfio', 'xen'],
  'pool-type': async (_s, cmd) => commaList(value(cmd, 'type'), [...POOL_TYPES]),
  'node-device-capability-name': async (_s, cmd) => commaList(value(cmd, 'cap'), CAPS),
  'domain-migrate-comp-methods': async (_s, cmd) => commaList(value(cmd, 'comp-methods'), ['xbzrle', 'mt']),
  'domain-interface-state': (s, cmd) => withDomain(s, cmd, async (dom) => {
    const iface = value(cmd, 'interface');
    if (iface === undefined) return null;
    const mac = normalMac(iface);
    const devices = /<devices>([^]*)<\/devices>/.exec(await dom.xmlDesc(0))?.[1] ?? '';
    const matching = [...devices.matchAll(/<interface\b[^>]*>([^]*?)<\/interface>/g)].map((m) => m[1]!)
      .filter((inner) => (mac !== null && new RegExp(`<mac\\b[^>]*address=['"]${mac}['"]`).test(inner))
        || new RegExp(`<target\\b[^>]*dev=['"]${iface.replace(/[^\w-]/g, '\\$&')}['"]`).test(inner));
    if (matching.length !== 1) return null;
    return [/<link\b[^>]*state=['"]down['"]/.test(matching[0]!) ? 'up' : 'down'];
  }),
};

/** A MAC address as libvirt formats it (lower case, two digits a byte), or null when it is not one. */
function normalMac(text: string): string | null {
  const parts = text.split(':');
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return parts.map((p) => p.toLowerCase().padStart(2, '0')).join(':');
}

/** "0" to "n-1". */
const numbers = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));

/** The `<vcpu>` count of a definition (the maximum, not the current one). */
function maxVcpus(xml: string): number {
  const n = Number(/<vcpu\b[^>]*>\s*(\d+)\s*</.exec(xml)?.[1]);
  if (!Number.isInteger(n)) throw new Error('no vcpu count');
  return n;
}

/**
 * Options written as `a,b,c`: each value not yet in the list, after what was typed up to the last
 * comma (virshCommaStringListComplete).
 */
function commaList(typed: string | undefined, options: string[]): string[] {
  const comma = typed && typed !== ' ' ? typed.lastIndexOf(',') : -1;
  const head = comma >= 0 ? typed!.slice(0, comma) : null;
  const given = head === null ? [] : head.split(',');
  return options.filter((o) => !given.includes(o)).map((o) => (head === null ? o : `${head},${o}`));
}

/**
 * What virsh's completer for `opt` of `command` offers, or null when it has none (or it fails).
 * Kinds of fixed words defined with their command (the option's `complete`) are used as given.
 */
export async function completeOption(s: Session, command: string, opt: OptionDef, cmd: PartialOptions): Promise<string[] | null> {
  const spec = OPTION_COMPLETERS[`${command} ${opt.name}`];
  if (!spec) return null;
  const kind = KINDS[spec[0]];
  try {
    if (kind) return await kind(s, cmd, spec[1] ?? 0);
    return opt.complete ? await opt.complete(s) : null;
  } catch {
    return null;
  }
}
