/**
 * virDomainSetVcpusFlags for QEMU: vCPUs plugged and unplugged in the running guest through QMP
 * (`query-hotpluggable-cpus`, `device_add`, `device_del` and DEVICE_DELETED) as libvirt 9.0 does
 * for modern machine types, and the vCPU counts of the persistent definition.
 */
import * as C from '../../api/constants.js';
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr } from '../../conf/domain/xnode.js';
import type { DomainRef } from '../types.js';
import type { QemuDriverState } from './driver-state.js';
import type { QemuDomainObj } from './domain-obj.js';
import { domainFromRef } from './domain-ops.js';
import { E, qemuCheckFlags, qemuError } from './errors.js';
import { availableAgent } from './guest-agent.js';
import type { QmpMonitor } from './qmp/index.js';

/** How long libvirt waits for QEMU's DEVICE_DELETED after device_del (QEMU_UNPLUG_TIMEOUT). */
const UNPLUG_TIMEOUT_MS = 5000;

const TOPOLOGY_PROPS = ['socket-id', 'core-id', 'thread-id', 'node-id', 'die-id'] as const;

interface HotpluggableCpu {
  type: string;
  'vcpus-count': number;
  props: Partial<Record<(typeof TOPOLOGY_PROPS)[number], number>>;
  'qom-path'?: string;
}

/** One vCPU slot as libvirt numbers them: QEMU's entries sorted by topology. */
interface VcpuSlot {
  index: number;
  entry: HotpluggableCpu;
  online: boolean;
  /** The device id of a vCPU plugged at run time; the vCPUs of `-smp` have none and stay. */
  alias?: string;
}

const topologyKey = (e: HotpluggableCpu): number[] =>
  [e.props['socket-id'] ?? 0, e.props['die-id'] ?? 0, e.props['core-id'] ?? 0, e.props['thread-id'] ?? 0];

function compareTopology(a: HotpluggableCpu, b: HotpluggableCpu): number {
  const ka = topologyKey(a), kb = topologyKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return 0;
}

/** The guest's vCPU slots from QEMU; one plugged by device_add sits under /machine/peripheral/ID. */
async function vcpuSlots(monitor: QmpMonitor): Promise<VcpuSlot[]> {
  const entries = await monitor.execute<HotpluggableCpu[]>('query-hotpluggable-cpus');
  return [...entries].sort(compareTopology).map((entry, index) => {
    const path = entry['qom-path'];
    const alias = path?.startsWith('/machine/peripheral/') ? path.slice('/machine/peripheral/'.length) : undefined;
    return { index, entry, online: path !== undefined, alias };
  });
}

/** qemuDomainSelectHotplugVcpuEntities: the slots to plug (lowest first) or unplug (highest first). */
function selectSlots(slots: VcpuSlot[], current: number, target: number): { plug: boolean; chosen: VcpuSlot[] } {
  const plug = target > current;
  const chosen: VcpuSlot[] = [];
  let count = current;
  const candidates = plug ? slots.filter((s) => !s.online) : [...slots].reverse().filter((s) => s.online && s.alias);
  for (const slot of candidates) {
    if (count === target) break;
    count += plug ? slot.entry['vcpus-count'] : -slot.entry['vcpus-count'];
    if (plug ? count > target : count < target) {
      throw qemuError(E.VIR_ERR_CONFIG_UNSUPPORTED, 'target vm vcpu granularity does not allow the desired vcpu count');
    }
    chosen.push(slot);
  }
  if (count !== target) {
    throw qemuError(E.VIR_ERR_CONFIG_UNSUPPORTED, 'failed to find appropriate hotpluggable vcpus to reach the desired target vcpu count');
  }
  return { plug, chosen };
}

async function plugVcpu(monitor: QmpMonitor, slot: VcpuSlot): Promise<void> {
  const args: Record<string, unknown> = { driver: slot.entry.type, id: `vcpu${slot.index}` };
  for (const prop of TOPOLOGY_PROPS) {
    const value = slot.entry.props[prop];
    if (value !== undefined && value >= 0) args[prop] = value;
  }
  await monitor.execute('device_add', args);
}

/**
 * device_del, then wait until the guest let the vCPU go. QEMU 7.2 announces a vCPU's removal only
 * by the DEVICE_DELETED of its child (`/machine/peripheral/vcpuN/lapic`, no device id), so any
 * DEVICE_DELETED under the vCPU's path sends us to ask QEMU whether the slot is empty.
 */
async function unplugVcpu(monitor: QmpMonitor, alias: string): Promise<void> {
  const path = `/machine/peripheral/${alias}`;
  const gone = async () => !(await monitor.execute<HotpluggableCpu[]>('query-hotpluggable-cpus')).some((e) => e['qom-path'] === path);
  let onDeleted!: (data: { device?: string; path?: string }) => void;
  const deleted = new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => resolve(false), UNPLUG_TIMEOUT_MS);
    onDeleted = (data) => {
      if (data.device !== alias && data.path !== path && !data.path?.startsWith(`${path}/`)) return;
      gone().then((yes) => {
        if (!yes) return;
        clearTimeout(timer);
        resolve(true);
      }, reject);
    };
    monitor.on('DEVICE_DELETED', onDeleted);
  });
  try {
    await monitor.execute('device_del', { id: alias });
    if (!(await deleted) && !(await gone())) {
      throw qemuError(E.VIR_ERR_OPERATION_TIMEOUT, 'vcpu unplug request timed out. Unplug result must be manually inspected in the domain');
    }
  } finally {
    monitor.off('DEVICE_DELETED', onDeleted);
  }
}

/** Plug or unplug vCPUs of the running guest until it has `target`; the live count follows each step. */
async function setVcpusLive(state: QemuDriverState, obj: QemuDomainObj, live: DomainDef, target: number): Promise<void> {
  const monitor = obj.proc!.monitor;
  const slots = await vcpuSlots(monitor);
  const online = () => slots.filter((s) => s.online).reduce((n, s) => n + s.entry['vcpus-count'], 0);
  const { plug, chosen } = selectSlots(slots, online(), target);
  try {
    for (const slot of chosen) {
      if (plug) await plugVcpu(monitor, slot);
      else await unplugVcpu(monitor, slot.alias!);
      slot.online = plug;
      live.vcpus.current = online();
    }
  } finally {
    await state.writeStatus(obj);
  }
}

/** Cold plug: the persistent definition's current count (qemuDomainSetVcpusConfig). */
function setVcpusConfig(def: DomainDef, target: number): void {
  def.vcpus.current = target;
}

/** qemuDomainSetVcpusMax: only the persistent maximum, which must fit the CPU topology. */
function setVcpusMax(def: DomainDef, target: number): void {
  const t = def.cpu?.topology;
  if (t) {
    const topologyCpus = ['sockets', 'dies', 'cores', 'threads'].reduce((n, k) => n * Number(getAttr(t, k) ?? 1), 1);
    if (topologyCpus !== target) throw qemuError(E.VIR_ERR_INVALID_ARG, "CPU topology doesn't match the desired vcpu count");
  }
  def.vcpus.max = target;
  if (def.vcpus.current > target) def.vcpus.current = target;
}

export async function setVcpusFlags(state: QemuDriverState, ref: DomainRef, nvcpus: number, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainSetVcpusFlags', flags, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG |
    C.VIR_DOMAIN_VCPU_MAXIMUM | C.VIR_DOMAIN_VCPU_GUEST | C.VIR_DOMAIN_VCPU_HOTPLUGGABLE);
  const obj = domainFromRef(state, ref);
  // The guest agent sets vCPUs online inside the guest; tsvirt has no agent connection yet.
  if (flags & C.VIR_DOMAIN_VCPU_GUEST) {
    availableAgent(obj);
    throw qemuError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'tsvirt cannot yet set the guest\'s vCPUs through the guest agent');
  }
  await obj.withJob(async () => {
    const { live, config } = obj.getDefs(flags);
    if (flags & C.VIR_DOMAIN_VCPU_MAXIMUM) {
      if (live) throw qemuError(E.VIR_ERR_OPERATION_UNSUPPORTED, "maximum vcpu count of a live domain can't be modified");
      setVcpusMax(config!, nvcpus);
      await state.configs.save(config!);
      return;
    }
    if (live && nvcpus > live.vcpus.max) {
      throw qemuError(E.VIR_ERR_INVALID_ARG, `requested vcpus is greater than max allowable vcpus for the live domain: ${nvcpus} > ${live.vcpus.max}`);
    }
    if (config && nvcpus > config.vcpus.max) {
      throw qemuError(E.VIR_ERR_INVALID_ARG, `requested vcpus is greater than max allowable vcpus for the persistent domain: ${nvcpus} > ${config.vcpus.max}`);
    }
    if (live) await setVcpusLive(state, obj, live, nvcpus);
    if (config) {
      setVcpusConfig(config, nvcpus);
      await state.configs.save(config);
    }
  });
}
