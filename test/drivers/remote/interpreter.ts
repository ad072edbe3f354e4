/** Runs a corpus scenario through our public API (and so through the remote driver). */
import { VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_ULLONG, isVirError, openAuth, type TypedParam, type Connect, type Domain, type DomainSnapshot, type HostInterface, type Network, type NodeDevice, type StoragePool, type StorageVol } from '../../../src/index.js';
import type { Scenario } from './corpus.js';

/** JSON-able form of a result: objects by name, times masked, bigints as strings. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

interface Vars {
  d?: Domain; n?: Network; p?: StoragePool; v?: StorageVol; s?: DomainSnapshot; i?: HostInterface; x?: NodeDevice;
  events: unknown[];
  /** Every object handed out: each holds a reference on the connection until freed. */
  held: { free(): void }[];
}

function keep<T extends { free(): void }>(v: Vars, obj: T): T {
  v.held.push(obj);
  return obj;
}

type Op = (c: Connect, vars: Vars, ...args: any[]) => Promise<unknown>;

const names = (xs: { name(): string }[]) => xs.map((x) => x.name()).sort();
const bools = (m: number[]) => m.map(Boolean);
const bits = (m: boolean[]) => m.map((b) => (b ? 1 : 0));
/** Typed parameters as sorted [name, value as text] pairs (booleans as 0/1), as oracle.py gives them. */
const params = (ps: TypedParam[]) => ps.map((p) => [p.field, String(typeof p.value === 'boolean' ? Number(p.value) : p.value)])
  .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));

async function held<T extends { free(): void }>(v: Vars, list: Promise<T[]>): Promise<T[]> {
  const xs = await list;
  v.held.push(...xs);
  return xs;
}

const OPS: Record<string, Op> = {
  getType: (c) => c.getType(),
  getVersion: (c) => c.getVersion(),
  getLibVersion: (c) => c.getLibVersion(),
  getHostname: (c) => c.getHostname(),
  getURI: (c) => c.getURI(),
  getMaxVcpus: (c, _v, t) => c.getMaxVcpus(t),
  nodeInfo: async (c) => { const i = await c.getInfo(); return [i.model, i.memory, i.cpus, i.mhz, i.nodes, i.sockets, i.cores, i.threads]; },
  isSecure: (c) => c.isSecure(),
  isEncrypted: (c) => c.isEncrypted(),
  isAlive: (c) => c.isAlive(),
  capabilities: (c) => c.getCapabilities(),
  sysinfo: (c) => c.getSysinfo(0),
  freeMemory: (c) => c.getFreeMemory(),
  securityModel: async (c) => { const m = await c.getSecurityModel(); return [m.model, m.doi]; },
  numOfDomains: (c) => c.numOfDomains(),
  listDomainsID: async (c) => (await c.listDomainsID()).sort((a, b) => a - b),
  numOfDefinedDomains: (c) => c.numOfDefinedDomains(),
  listDefinedDomains: async (c) => (await c.listDefinedDomains()).sort(),
  listAllDomains: async (c, v, f) => names(await held(v, c.listAllDomains(f))),
  lookupByName: async (c, v, n) => { v.d = keep(v, await c.lookupByName(n)); return v.d.name(); },
  lookupByID: async (c, v, id) => { v.d = keep(v, await c.lookupByID(id)); return v.d.name(); },
  lookupByUUIDString: async (c, v, u) => { v.d = keep(v, await c.lookupByUUIDString(u)); return v.d.name(); },
  defineXML: async (c, v, xml) => { v.d = keep(v, await c.defineXML(xml)); return v.d.name(); },
  createXML: async (c, v, xml) => { v.d = keep(v, await c.createXML(xml, 0)); return v.d.name(); },
  domInfo: async (_c, v) => { const i = await v.d!.info(); return [i.state, i.maxMem, i.memory, i.nrVirtCpu]; },
  domState: async (_c, v) => { const s = await v.d!.state(0); return [s.state, s.reason]; },
  domXML: (_c, v, f) => v.d!.XMLDesc(f),
  domOSType: (_c, v) => v.d!.osType(),
  domIsActive: (_c, v) => v.d!.isActive(),
  domIsPersistent: (_c, v) => v.d!.isPersistent(),
  domIsUpdated: (_c, v) => v.d!.isUpdated(),
  domMaxMemory: (_c, v) => v.d!.maxMemory(),
  domMaxVcpus: (_c, v) => v.d!.maxVcpus(),
  domVcpusFlags: (_c, v, f) => v.d!.vcpusFlags(f),
  domAutostart: (_c, v) => v.d!.autostart(),
  domSetAutostart: (_c, v, a) => v.d!.setAutostart(Boolean(a)),
  domCreate: (_c, v) => v.d!.create(),
  domSuspend: (_c, v) => v.d!.suspend(),
  domResume: (_c, v) => v.d!.resume(),
  domShutdown: (_c, v) => v.d!.shutdown(),
  domDestroy: (_c, v) => v.d!.destroy(),
  domUndefine: (_c, v) => v.d!.undefine(),
  domSetMemory: (_c, v, kib) => v.d!.setMemory(kib),
  domSetMetadata: (_c, v, type, md, key, uri, f) => v.d!.setMetadata(type, md, key, uri, f),
  domMetadata: (_c, v, type, uri, f) => v.d!.metadata(type, uri, f),
  domSnapshotNum: (_c, v, f) => v.d!.snapshotNum(f),
  // libvirt-python sizes the list with virDomainSnapshotNum first: its error comes first.
  domSnapshotListNames: async (_c, v, f) => { await v.d!.snapshotNum(f); return (await v.d!.snapshotListNames(f)).sort(); },
  domSnapshotCreate: async (_c, v, xml, f) => { v.s = keep(v, await v.d!.snapshotCreateXML(xml, f)); return v.s.getName(); },
  domSnapshotLookup: async (_c, v, n) => { v.s = keep(v, await v.d!.snapshotLookupByName(n, 0)); return v.s.getName(); },
  domHasCurrentSnapshot: (_c, v, f) => v.d!.hasCurrentSnapshot(f),
  snapName: async (_c, v) => v.s!.getName(),
  snapIsCurrent: (_c, v) => v.s!.isCurrent(0),
  snapXMLContains: async (_c, v, text) => (await v.s!.getXMLDesc(0)).includes(text),
  snapDelete: (_c, v) => v.s!.delete(0),
  domReboot: (_c, v, f) => v.d!.reboot(f),
  domReset: (_c, v, f) => v.d!.reset(f),
  domSetMaxMemory: (_c, v, kib) => v.d!.setMaxMemory(kib),
  domSetMemoryFlags: (_c, v, kib, f) => v.d!.setMemoryFlags(kib, f),
  domSetVcpusFlags: (_c, v, n, f) => v.d!.setVcpusFlags(n, f),
  domManagedSave: (_c, v, f) => v.d!.managedSave(f),
  domHasManagedSave: (_c, v, f) => v.d!.hasManagedSaveImage(f),
  domManagedSaveRemove: (_c, v, f) => v.d!.managedSaveRemove(f),
  domRename: (_c, v, n, f) => v.d!.rename(n, f),
  domUndefineFlags: (_c, v, f) => v.d!.undefineFlags(f),
  domDestroyFlags: (_c, v, f) => v.d!.destroyFlags(f),
  domShutdownFlags: (_c, v, f) => v.d!.shutdownFlags(f),
  domCreateWithFlags: (_c, v, f) => v.d!.createWithFlags(f),
  domSecurityLabel: async (_c, v) => { const l = await v.d!.securityLabel(); return [l.label, l.enforcing ? 1 : 0]; },
  domListAllSnapshots: async (_c, v, f) => (await held(v, v.d!.listAllSnapshots(f))).map((x) => x.getName()).sort(),
  domSnapshotCurrent: async (_c, v, f) => { v.s = keep(v, await v.d!.snapshotCurrent(f)); return v.s.getName(); },
  domRevertToSnapshot: (_c, v, f) => v.d!.revertToSnapshot(v.s!, f),
  netSetAutostart: (_c, v, a) => v.n!.setAutostart(Boolean(a)),
  poolBuild: (_c, v, f) => v.p!.build(f),
  poolCreate: (_c, v, f) => v.p!.create(f),
  poolDestroy: (_c, v) => v.p!.destroy(),
  poolRefresh: (_c, v, f) => v.p!.refresh(f),
  poolAutostart: (_c, v) => v.p!.autostart(),
  poolSetAutostart: (_c, v, a) => v.p!.setAutostart(Boolean(a)),
  poolIsPersistent: (_c, v) => v.p!.isPersistent(),
  poolListAllVolumes: async (_c, v, f) => names(await held(v, v.p!.listAllVolumes(f))),
  volLookupByName: async (_c, v, n) => { v.v = keep(v, await v.p!.storageVolLookupByName(n)); return v.v.name(); },
  volXML: (_c, v) => v.v!.XMLDesc(0),
  volKey: async (_c, v) => v.v!.key(),
  volResize: (_c, v, cap, f) => v.v!.resize(cap, f),
  domGetTime: async (_c, v, f) => { const t = await v.d!.getTime(f); return [Number(t.seconds), t.nseconds]; },
  domSetTime: (_c, v, secs, nsecs, f) => v.d!.setTime(secs, nsecs, f),
  domHostname: (_c, v, f) => v.d!.getHostname(f),
  domFSFreeze: (_c, v, mounts, f) => v.d!.fsFreeze(mounts, f),
  domFSThaw: (_c, v, mounts, f) => v.d!.fsThaw(mounts, f),
  domSetUserPassword: (_c, v, user, pw, f) => v.d!.setUserPassword(user, pw, f),
  domAttachDevice: (_c, v, xml) => v.d!.attachDevice(xml),
  domDetachDevice: (_c, v, xml) => v.d!.detachDevice(xml),
  domAttachDeviceFlags: (_c, v, xml, f) => v.d!.attachDeviceFlags(xml, f),
  domDetachDeviceFlags: (_c, v, xml, f) => v.d!.detachDeviceFlags(xml, f),
  domUpdateDeviceFlags: (_c, v, xml, f) => v.d!.updateDeviceFlags(xml, f),
  domDetachDeviceAlias: (_c, v, alias, f) => v.d!.detachDeviceAlias(alias, f),
  domBlockResize: (_c, v, disk, n, f) => v.d!.blockResize(disk, n, f),
  domBlockJobSetSpeed: (_c, v, disk, n, f) => v.d!.blockJobSetSpeed(disk, n, f),
  domBlockPull: (_c, v, disk, n, f) => v.d!.blockPull(disk, n, f),
  domSetBlockThreshold: (_c, v, disk, n, f) => v.d!.setBlockThreshold(disk, n, f),
  domBlockJobInfo: async (_c, v, disk, f) => { const i = await v.d!.blockJobInfo(disk, f); return i ? [i.type, Number(i.bandwidth), Number(i.cur), Number(i.end)] : []; },
  domBlockJobAbort: (_c, v, disk, f) => v.d!.blockJobAbort(disk, f),
  domBlockRebase: (_c, v, disk, base, bw, f) => v.d!.blockRebase(disk, base, bw, f),
  domBlockCommit: (_c, v, disk, base, top, bw, f) => v.d!.blockCommit(disk, base, top, bw, f),
  domSetVcpu: (_c, v, map, state, f) => v.d!.setVcpu(map, state, f),
  domSetGuestVcpus: (_c, v, map, state, f) => v.d!.setGuestVcpus(map, state, f),
  domGuestVcpus: async (_c, v, f) => (await v.d!.guestVcpus(f)).map((p) => [p.field, String(p.value)]),
  domPMWakeup: (_c, v, f) => v.d!.pmWakeup(f),
  domPMSuspendForDuration: (_c, v, target, duration, f) => v.d!.pmSuspendForDuration(target, duration, f),
  domFSInfo: async (_c, v, f) => (await v.d!.getFSInfo(f)).map((i) => [i.mountpoint, i.name, i.fstype, i.devAlias]),
  cellsFreeMemory: async (c, _v, start, max) => (await c.getCellsFreeMemory(start, max)).map(Number),
  domPinVcpu: (_c, v, n, m) => v.d!.pinVcpu(n, bools(m)),
  domPinVcpuFlags: (_c, v, n, m, f) => v.d!.pinVcpuFlags(n, bools(m), f),
  domVcpuPinInfo: async (_c, v, f) => (await v.d!.vcpuPinInfo(f)).map(bits),
  domPinEmulator: (_c, v, m, f) => v.d!.pinEmulator(bools(m), f),
  domEmulatorPinInfo: async (_c, v, f) => bits(await v.d!.emulatorPinInfo(f)),
  domIOThreadInfo: async (_c, v, f) => (await v.d!.ioThreadInfo(f)).map((t) => [t.iothreadId, bits(t.cpumap)]),
  domAddIOThread: (_c, v, i, f) => v.d!.addIOThread(i, f),
  domDelIOThread: (_c, v, i, f) => v.d!.delIOThread(i, f),
  domPinIOThread: (_c, v, i, m, f) => v.d!.pinIOThread(i, bools(m), f),
  domSetIOThreadParams: (_c, v, i, k, x, f) => v.d!.setIOThreadParams(i, [k === 'poll_max_ns'
    ? { field: k, type: VIR_TYPED_PARAM_ULLONG, value: BigInt(x) } : { field: k, type: VIR_TYPED_PARAM_UINT, value: x }], f),
  domPerfEvents: async (_c, v, f) => params(await v.d!.perfEvents(f)),
  domInterfaceParameters: async (_c, v, d, f) => params(await v.d!.interfaceParameters(d, f)),
  domBlockIoTune: async (_c, v, d, f) => params(await v.d!.blockIoTune(d, f)),
  domCPUStats: async (_c, v, t, f) => (await v.d!.getCPUStats(Boolean(t), f)).map(params),
  domSendKey: (_c, v, s, k, f) => v.d!.sendKey(s, 0, k, f),
  domSetLifecycleAction: (_c, v, t, a, f) => v.d!.setLifecycleAction(t, a, f),
  freePages: async (c, _v, pages, start, count, f) => Object.fromEntries(Object.entries(await c.getFreePages(pages, start, count, f))
    .map(([cell, sizes]) => [cell, Object.fromEntries(Object.entries(sizes).map(([size, n]) => [size, Number(n)]))])),
  cpuMap: async (c, _v, f) => { const m = await c.getCPUMap(f); return [m.cpus, m.online.map((b) => (b ? 1 : 0)), m.online.filter(Boolean).length]; },
  numOfNetworks: (c) => c.numOfNetworks(),
  listNetworks: async (c) => (await c.listNetworks()).sort(),
  listAllNetworks: async (c, v, f) => names(await held(v, c.listAllNetworks(f))),
  networkLookupByName: async (c, v, n) => { v.n = keep(v, await c.networkLookupByName(n)); return v.n.name(); },
  networkDefineXML: async (c, v, xml) => { v.n = keep(v, await c.networkDefineXML(xml)); return v.n.name(); },
  netXML: (_c, v) => v.n!.XMLDesc(0),
  netIsActive: (_c, v) => v.n!.isActive(),
  netIsPersistent: (_c, v) => v.n!.isPersistent(),
  netAutostart: (_c, v) => v.n!.autostart(),
  netBridge: (_c, v) => v.n!.bridgeName(),
  netCreate: (_c, v) => v.n!.create(),
  netDestroy: (_c, v) => v.n!.destroy(),
  netUndefine: (_c, v) => v.n!.undefine(),
  numOfStoragePools: (c) => c.numOfStoragePools(),
  listStoragePools: async (c) => (await c.listStoragePools()).sort(),
  listAllStoragePools: async (c, v, f) => names(await held(v, c.listAllStoragePools(f))),
  poolLookupByName: async (c, v, n) => { v.p = keep(v, await c.storagePoolLookupByName(n)); return v.p.name(); },
  poolDefineXML: async (c, v, xml) => { v.p = keep(v, await c.storagePoolDefineXML(xml, 0)); return v.p.name(); },
  poolInfo: async (_c, v) => { const i = await v.p!.info(); return [i.state, i.capacity, i.allocation, i.available]; },
  poolXML: (_c, v) => v.p!.XMLDesc(0),
  poolIsActive: (_c, v) => v.p!.isActive(),
  poolNumOfVolumes: (_c, v) => v.p!.numOfVolumes(),
  poolListVolumes: async (_c, v) => (await v.p!.listVolumes()).sort(),
  poolUndefine: (_c, v) => v.p!.undefine(),
  volCreate: async (_c, v, xml) => { v.v = keep(v, await v.p!.createXML(xml, 0)); return v.v.name(); },
  volPath: (_c, v) => v.v!.path(),
  volInfo: async (_c, v) => { const i = await v.v!.info(); return [i.type, i.capacity, i.allocation]; },
  volDelete: (_c, v) => v.v!.delete(0),
  numOfInterfaces: (c) => c.numOfInterfaces(),
  listAllInterfaces: async (c, v, f) => names(await held(v, c.listAllInterfaces(f))),
  interfaceLookupByName: async (c, v, n) => { v.i = keep(v, await c.interfaceLookupByName(n)); return [v.i.name(), v.i.MACString()]; },
  ifaceXML: (_c, v) => v.i!.XMLDesc(0),
  numOfDefinedInterfaces: (c) => c.numOfDefinedInterfaces(),
  listDefinedInterfaces: async (c) => (await c.listDefinedInterfaces()).sort(),
  listInterfaces: async (c) => (await c.listInterfaces()).sort(),
  interfaceLookupByMACString: async (c, v, m) => { v.i = keep(v, await c.interfaceLookupByMACString(m)); return [v.i.name(), v.i.MACString()]; },
  interfaceDefineXML: async (c, v, xml) => { v.i = keep(v, await c.interfaceDefineXML(xml, 0)); return [v.i.name(), v.i.MACString()]; },
  ifaceIsActive: (_c, v) => v.i!.isActive(),
  ifaceCreate: (_c, v) => v.i!.create(0),
  ifaceDestroy: (_c, v) => v.i!.destroy(0),
  ifaceUndefine: (_c, v) => v.i!.undefine(),
  changeBegin: (c) => c.changeBegin(0),
  changeCommit: (c) => c.changeCommit(0),
  changeRollback: (c) => c.changeRollback(0),
  listAllDevices: async (c, v, f) => names(await held(v, c.listAllDevices(f))),
  nodeDeviceLookupByName: async (c, v, n) => { v.x = keep(v, await c.nodeDeviceLookupByName(n)); return v.x.name(); },
  devXML: (_c, v) => v.x!.XMLDesc(0),
  watchLifecycle: async (c, v) => {
    await c.domainEventRegisterAny(null, 0, (e) => { v.events.push([e.dom.name(), e.event ?? null, e.detail ?? null]); e.dom.free(); });
    return null;
  },
  events: async (_c, v) => { await new Promise((r) => setTimeout(r, 300)); return v.events; },
};

export type Outcome = unknown;

/** Each step's result, or {error: [code, domain, message]}. */
export async function runScenario(uri: string, scenario: Scenario): Promise<Outcome[]> {
  const c = await openAuth(uri, null, scenario.readOnly ? 1 : 0);
  const vars: Vars = { events: [], held: [] };
  const out: Outcome[] = [];
  try {
    for (const [op, ...args] of scenario.steps) {
      const fn = OPS[op];
      if (!fn) throw new Error(`unknown op ${op}`);
      try {
        out.push(plain(await fn(c, vars, ...args)));
      } catch (err) {
        if (!isVirError(err)) throw err;
        out.push({ error: [err.code, err.domain, err.message] });
      }
    }
  } finally {
    for (const o of vars.held) o.free();
    await c.close();
  }
  return out;
}
