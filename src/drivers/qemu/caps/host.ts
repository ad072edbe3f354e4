import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { CapsCacheBank, CapsHost, CapsHostCpu, CapsNumaCell, CapsNumaCpu, CapsSecModel } from '../../../conf/capabilities.js';
import { hostArch } from './arch.js';
import { decodeX86 } from './cpu-decode.js';
import { loadX86CpuMap } from './cpu-map.js';
import { readHostCpuid } from './host-cpuid.js';

/**
 * The `<host>` part of the capabilities, read from this machine's /proc and /sys as libvirt
 * reads it; on x86 the CPU model, vendor and features are the host's CPUID decoded against
 * libvirt's CPU map (left out when either is missing).
 */
export interface HostCapsOptions {
  /** uid:gid QEMU runs as, for the DAC base labels (libvirt: qemu.conf user and group). */
  readonly dac: { readonly uid: number; readonly gid: number };
  /** The host UUID (libvirt: host_uuid, else SMBIOS, else random once per driver). */
  readonly uuid?: string;
  /** Root of /sys and /proc, for tests on recorded trees (default `/`). */
  readonly root?: string;
}

export async function readHostCaps(options: HostCapsOptions): Promise<CapsHost> {
  const fs = new HostFs(options.root ?? '/');
  const cpuinfo = parseCpuinfo(await fs.read('proc/cpuinfo'));
  const onlineCpus = parseCpuList(await fs.read('sys/devices/system/cpu/online'));
  const label = `+${options.dac.uid}:+${options.dac.gid}`;
  const secModels: CapsSecModel[] = [
    { model: 'none', doi: '0', baseLabels: [] },
    { model: 'dac', doi: '0', baseLabels: [{ type: 'kvm', label }, { type: 'qemu', label }] },
  ];
  return {
    uuid: options.uuid ?? (await smbiosUuid(fs)) ?? randomUUID(),
    cpu: await hostCpu(fs, cpuinfo, onlineCpus),
    powerManagement: [],
    iommu: (await fs.list('sys/kernel/iommu_groups')).length > 0,
    migration: { live: true, uriTransports: ['tcp', 'rdma'] },
    cells: await numaCells(fs),
    cacheBanks: await cacheBanks(fs, onlineCpus),
    secModels,
  };
}

class HostFs {
  constructor(readonly root: string) {}

  async read(path: string): Promise<string> {
    return readFile(`${this.root}/${path}`, 'utf8');
  }

  async tryRead(path: string): Promise<string | undefined> {
    return this.read(path).then((text) => text.trim(), () => undefined);
  }

  async list(path: string): Promise<string[]> {
    return readdir(`${this.root}/${path}`).catch(() => []);
  }
}

/** The first processor's `key : value` lines of /proc/cpuinfo. */
function parseCpuinfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}

/** `0-3,8,10-11` -> [0,1,2,3,8,10,11]. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',').filter(Boolean)) {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** libvirt ignores the all-zero and all-ones SMBIOS UUIDs that some firmware reports. */
async function smbiosUuid(fs: HostFs): Promise<string | undefined> {
  for (const path of ['sys/devices/virtual/dmi/id/product_uuid', 'sys/class/dmi/id/product_uuid']) {
    const uuid = (await fs.tryRead(path))?.toLowerCase();
    if (uuid && !/^[0-]+$/.test(uuid) && !/^[f-]+$/.test(uuid)) return uuid;
  }
  return undefined;
}

async function hostCpu(fs: HostFs, cpuinfo: Map<string, string>, onlineCpus: number[]): Promise<CapsHostCpu> {
  const flags = new Set((cpuinfo.get('flags') ?? '').split(/\s+/));
  const mhz = Number(cpuinfo.get('cpu MHz'));
  const physBits = /(\d+) bits physical/.exec(cpuinfo.get('address sizes') ?? '')?.[1];
  const cpu: CapsHostCpu = {
    arch: hostArch(),
    flags: [],
    features: [],
    pageSizes: await pageSizes(fs, 'sys/kernel/mm/hugepages'),
    topology: await cpuTopology(fs, onlineCpus),
  };
  if (cpuinfo.has('microcode')) cpu.microcodeVersion = Number(cpuinfo.get('microcode'));
  if (cpuinfo.has('cpu family')) {
    cpu.signature = { family: Number(cpuinfo.get('cpu family')), model: Number(cpuinfo.get('model')), stepping: Number(cpuinfo.get('stepping')) };
  }
  // an invariant TSC is the only one libvirt reports a frequency for
  if (flags.has('nonstop_tsc') && flags.has('constant_tsc') && mhz > 0) {
    cpu.counter = { frequency: Math.round(mhz * 1000) * 1000, scaling: flags.has('tsc_scale') || flags.has('tsc_scaling') ? 'yes' : 'no' };
  }
  if (physBits) cpu.maxphysaddr = { mode: 'emulate', bits: Number(physBits) };
  if (cpu.arch === 'x86_64' || cpu.arch === 'i686') await addHostCpuModel(cpu);
  return cpu;
}

async function addHostCpuModel(cpu: CapsHostCpu): Promise<void> {
  const [map, cpuid] = await Promise.all([loadX86CpuMap(), readHostCpuid()]);
  const decoded = map && cpuid && decodeX86(cpuid, map, { type: 'host' });
  if (!decoded) return;
  cpu.model = decoded.model;
  if (decoded.vendor) cpu.vendor = decoded.vendor;
  cpu.features = decoded.features.map((f) => ({ name: f.name }));
}

/** 4 KiB first, then each huge page size the kernel offers, ascending. */
async function pageSizes(fs: HostFs, dir: string): Promise<number[]> {
  const huge = (await fs.list(dir)).map((name) => Number(/^hugepages-(\d+)kB$/.exec(name)?.[1])).filter((n) => n > 0);
  return [4, ...huge.sort((a, b) => a - b)];
}

async function cpuTopology(fs: HostFs, onlineCpus: number[]): Promise<CapsHostCpu['topology']> {
  const sockets = new Set<string>();
  const dies = new Set<string>();
  const cores = new Set<string>();
  for (const cpu of onlineCpus) {
    const base = `sys/devices/system/cpu/cpu${cpu}/topology`;
    const pkg = (await fs.tryRead(`${base}/physical_package_id`)) ?? '0';
    const die = (await fs.tryRead(`${base}/die_id`)) ?? '0';
    const core = (await fs.tryRead(`${base}/core_id`)) ?? String(cpu);
    sockets.add(pkg);
    dies.add(`${pkg}/${die}`);
    cores.add(`${pkg}/${die}/${core}`);
  }
  const socketCount = Math.max(1, sockets.size);
  const diesPerSocket = Math.max(1, dies.size / socketCount);
  const coresPerDie = Math.max(1, cores.size / dies.size);
  const threads = Math.max(1, onlineCpus.length / cores.size);
  return { sockets: socketCount, dies: diesPerSocket, cores: coresPerDie, threads };
}

async function numaCells(fs: HostFs): Promise<CapsNumaCell[]> {
  const online = await fs.tryRead('sys/devices/system/node/online');
  if (online === undefined) return [];
  const cells: CapsNumaCell[] = [];
  for (const id of parseCpuList(online)) {
    const base = `sys/devices/system/node/node${id}`;
    const cpus = parseCpuList((await fs.tryRead(`${base}/cpulist`)) ?? '');
    if (cpus.length === 0) continue;
    const memKiB = Number(/MemTotal:\s+(\d+) kB/.exec((await fs.tryRead(`${base}/meminfo`)) ?? '')?.[1] ?? 0);
    const distances = ((await fs.tryRead(`${base}/distance`)) ?? '').split(/\s+/).filter(Boolean).map(Number);
    const nodeIds = parseCpuList(online);
    cells.push({
      id,
      memory: memKiB,
      pages: await nodePages(fs, base, memKiB),
      distances: distances.map((value, i) => ({ cellId: nodeIds[i] ?? i, value })),
      cpus: await Promise.all(cpus.map((cpu) => numaCpu(fs, cpu))),
    });
  }
  return cells;
}

/** Free-standing 4 KiB pages are what huge page pools do not hold. */
async function nodePages(fs: HostFs, base: string, memKiB: number): Promise<CapsNumaCell['pages']> {
  const pages: CapsNumaCell['pages'] = [];
  let hugeKiB = 0;
  for (const size of (await pageSizes(fs, `${base}/hugepages`)).slice(1)) {
    const count = Number((await fs.tryRead(`${base}/hugepages/hugepages-${size}kB/nr_hugepages`)) ?? 0);
    hugeKiB += count * size;
    pages.push({ size, available: count });
  }
  return [{ size: 4, available: Math.floor((memKiB - hugeKiB) / 4) }, ...pages];
}

async function numaCpu(fs: HostFs, cpu: number): Promise<CapsNumaCpu> {
  const base = `sys/devices/system/cpu/cpu${cpu}/topology`;
  const siblings = await fs.tryRead(`${base}/thread_siblings_list`);
  if (siblings === undefined) return { id: cpu };
  return {
    id: cpu,
    socketId: Number((await fs.tryRead(`${base}/physical_package_id`)) ?? 0),
    dieId: Number((await fs.tryRead(`${base}/die_id`)) ?? 0),
    coreId: Number((await fs.tryRead(`${base}/core_id`)) ?? 0),
    siblings,
  };
}

const CACHE_TYPES: Readonly<Record<string, CapsCacheBank['type']>> = { Unified: 'both', Instruction: 'code', Data: 'data' };

/** Level 3 and above, one bank per level and id, as libvirt exposes them. */
async function cacheBanks(fs: HostFs, onlineCpus: number[]): Promise<CapsCacheBank[]> {
  const banks = new Map<string, CapsCacheBank>();
  for (const cpu of onlineCpus) {
    const base = `sys/devices/system/cpu/cpu${cpu}/cache`;
    for (const index of (await fs.list(base)).filter((name) => name.startsWith('index'))) {
      const read = (name: string): Promise<string | undefined> => fs.tryRead(`${base}/${index}/${name}`);
      const level = Number(await read('level'));
      if (!(level >= 3)) continue;
      const [id, type, size, cpus] = await Promise.all([read('id'), read('type'), read('size'), read('shared_cpu_list')]);
      if (id === undefined || type === undefined || size === undefined || cpus === undefined || !CACHE_TYPES[type]) continue;
      const key = `${level}/${id}/${type}`;
      if (!banks.has(key)) banks.set(key, { id: Number(id), level, type: CACHE_TYPES[type], size: scaledSize(size), cpus });
    }
  }
  return [...banks.values()].sort((a, b) => a.level - b.level || a.id - b.id);
}

/** sysfs sizes like `32768K`. */
function scaledSize(text: string): number {
  const match = /^(\d+)([KMG]?)$/.exec(text);
  if (!match) return 0;
  const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2] as '' | 'K' | 'M' | 'G'];
  return Number(match[1]) * scale;
}
