import * as devices from './device-config.js';
import { hostname } from 'node:os';
import * as C from '../../api/constants.js';
import type { ConnectionDriver, DomainEventPayload, DomainRef, EventListener, QemuMonitorEventPayload } from '../types.js';
import { hostArch } from './caps/index.js';
import * as dom from './domain-ops.js';
import * as info from './domain-info.js';
import * as guest from './agent-ops.js';
import * as sav from './save-ops.js';
import { openConsole } from './console.js';
import { openGraphics, openGraphicsFD } from './graphics-open.js';
import { setVcpusFlags } from './vcpu-hotplug.js';
import * as native from './native-ops.js';
import { getAllDomainStats } from './domain-stats.js';
import type { QemuDriverState } from './driver-state.js';
import { ErrorDomain, virError } from '../../errors/index.js';
import { E, qemuError } from './errors.js';
import * as passthrough from './passthrough.js';
import { qemuDomainMessages } from './taint.js';

/** Every filter bit of virConnectListAllDomains (a contiguous run of flags). */
const LIST_DOMAINS_FILTERS_ALL = C.VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT * 2 - 1;

/** One connection to a QEMU driver instance; the instance may be shared by several connections. */
export class QemuConnection implements ConnectionDriver {
  readonly name = 'QEMU';
  readonly stateful = true;
  readonly #state: QemuDriverState;
  readonly #uri: string;
  readonly #release: () => Promise<void>;
  #open = true;

  constructor(state: QemuDriverState, uri: string, release: () => Promise<void>) {
    this.#state = state;
    this.#uri = uri;
    this.#release = release;
  }

  private get s(): QemuDriverState {
    return this.#state;
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.s.events.unsubscribeAll(this);
    await this.#release();
  }

  // Host
  async connectGetType() { return 'QEMU'; }
  async connectGetHostname() { return hostname(); }
  async connectGetURI() { return this.#uri; }
  async connectGetVersion() { return (await this.s.caps.lookupByArch(hostArch())).versionNumber; }
  async connectGetCapabilities() { return this.s.capabilitiesXML(); }
  async nodeGetInfo() { return this.s.nodeInfo(); }
  async connectIsEncrypted() { return false; }
  async connectIsSecure() { return true; }
  async connectIsAlive() { return this.#open; }
  async connectDomainXMLToNative(format: string, xml: string, flags: number) { return native.domainXMLToNative(this.s, format, xml, flags); }
  async connectDomainXMLFromNative(format: string, config: string, flags: number) {
    return native.domainXMLFromNative(this.s, format, config, flags);
  }

  // Domains
  async connectNumOfDomains() { return this.s.domains.activeIDs().length; }
  async connectListDomains(maxids: number) { return this.s.domains.activeIDs().slice(0, maxids); }
  async connectNumOfDefinedDomains() { return this.s.domains.inactiveNames().length; }
  async connectListDefinedDomains(maxnames: number) { return this.s.domains.inactiveNames().slice(0, maxnames); }
  async connectListAllDomains(flags: number) {
    if (flags & ~LIST_DOMAINS_FILTERS_ALL) {
      throw qemuError(E.VIR_ERR_INVALID_ARG, `qemuConnectListAllDomains: unsupported flags (0x${(flags & ~LIST_DOMAINS_FILTERS_ALL).toString(16)})`);
    }
    return this.s.domains.filter(flags).map((o) => o.ref());
  }
  async connectGetAllDomainStats(doms: DomainRef[] | null, stats: number, flags: number) { return getAllDomainStats(this.s, doms, stats, flags); }
  async domainLookupByID(id: number) { return this.lookup(this.s.domains.byID(id), `no domain with matching id ${id}`); }
  async domainLookupByName(name: string) { return this.lookup(this.s.domains.byName(name), `no domain with matching name '${name}'`); }
  async domainLookupByUUID(uuid: string) { return this.lookup(this.s.domains.byUUID(uuid), `no domain with matching uuid '${uuid}'`); }
  async domainCreateXML(xml: string, flags: number) { return dom.createXML(this.s, xml, flags); }
  async domainDefineXMLFlags(xml: string, flags: number) { return dom.defineXML(this.s, xml, flags); }
  async domainUndefineFlags(d: DomainRef, flags: number) { await dom.undefine(this.s, d, flags); }
  async domainCreateWithFlags(d: DomainRef, flags: number) { return dom.create(this.s, d, flags); }
  async domainShutdownFlags(d: DomainRef, flags: number) { await dom.shutdown(this.s, d, flags); }
  async domainReboot(d: DomainRef, flags: number) { await dom.reboot(this.s, d, flags); }
  async domainReset(d: DomainRef, flags: number) { await dom.reset(this.s, d, flags); }
  async domainDestroyFlags(d: DomainRef, flags: number) { await dom.destroy(this.s, d, flags); }
  async domainSuspend(d: DomainRef) { await dom.suspend(this.s, d); }
  async domainResume(d: DomainRef) { await dom.resume(this.s, d); }
  async domainSaveFlags(d: DomainRef, path: string, dxml: string | null, flags: number) { await sav.save(this.s, d, path, dxml, flags); }
  async domainRestoreFlags(path: string, dxml: string | null, flags: number) { await sav.restore(this.s, path, dxml, flags); }
  async domainSaveImageGetXMLDesc(path: string, flags: number) { return sav.saveImageGetXMLDesc(path, flags); }
  async domainManagedSave(d: DomainRef, flags: number) { await sav.managedSave(this.s, d, flags); }
  async domainHasManagedSaveImage(d: DomainRef, flags: number) { return sav.hasManagedSave(this.s, d, flags); }
  async domainManagedSaveRemove(d: DomainRef, flags: number) { await sav.managedSaveRemove(this.s, d, flags); }
  async domainGetAutostart(d: DomainRef) { return dom.domainFromRef(this.s, d).autostart; }
  async domainSetAutostart(d: DomainRef, on: boolean) { await dom.setAutostart(this.s, d, on); }
  async domainGetMaxMemory(d: DomainRef) { return dom.domainFromRef(this.s, d).def.memory.total; }
  async domainAttachDeviceFlags(d: DomainRef, xml: string, flags: number) { await devices.attachDevice(this.s, d, xml, flags); }
  async domainDetachDeviceFlags(d: DomainRef, xml: string, flags: number) { await devices.detachDevice(this.s, d, xml, flags); }
  async domainSetMemoryFlags(d: DomainRef, kib: number, flags: number) { await info.setMemory(this.s, d, kib, flags); }
  async domainSetVcpusFlags(d: DomainRef, n: number, flags: number) { await setVcpusFlags(this.s, d, n, flags); }
  async domainGetVcpusFlags(d: DomainRef, flags: number) { return info.getVcpusFlags(this.s, d, flags); }
  async domainGetMaxVcpus(d: DomainRef) { return info.getVcpusFlags(this.s, d, C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_VCPU_MAXIMUM); }
  async domainGetVcpus(d: DomainRef) { return info.getVcpus(this.s, d); }
  async domainGetInfo(d: DomainRef) { return info.getInfo(this.s, d); }
  async domainGetState(d: DomainRef, flags: number) { return dom.getState(this.s, d, flags); }
  async domainGetXMLDesc(d: DomainRef, flags: number) { return dom.getXMLDesc(this.s, d, flags); }
  async domainGetOSType(d: DomainRef) { return dom.domainFromRef(this.s, d).def.os.type; }
  async domainIsActive(d: DomainRef) { return dom.domainFromRef(this.s, d).isActive(); }
  async domainIsPersistent(d: DomainRef) { return dom.domainFromRef(this.s, d).persistent; }
  async domainIsUpdated(d: DomainRef) { dom.domainFromRef(this.s, d); return false; }
  async domainBlockStats(d: DomainRef, disk: string) { return info.blockStats(this.s, d, disk); }
  async domainInterfaceStats(d: DomainRef, device: string) { return info.interfaceStats(this.s, d, device); }
  async domainOpenConsole(d: DomainRef, devName: string | null, flags: number) { return openConsole(this.s, d, devName, flags); }
  async domainOpenGraphics(d: DomainRef, idx: number, fd: number, flags: number) { return openGraphics(this.s, d, idx, fd, flags); }
  async domainOpenGraphicsFD(d: DomainRef, idx: number, flags: number) { return openGraphicsFD(this.s, d, idx, flags); }
  async domainMemoryStats(d: DomainRef, nr: number, flags: number) { return info.memoryStats(this.s, d, nr, flags); }
  async domainGetHostname(d: DomainRef, flags: number) { return guest.getHostname(this.s, d, flags); }
  async domainGetTime(d: DomainRef, flags: number) { return guest.getTime(this.s, d, flags); }
  async domainSetTime(d: DomainRef, seconds: bigint, nseconds: number, flags: number) { await guest.setTime(this.s, d, seconds, nseconds, flags); }
  async domainSetUserPassword(d: DomainRef, user: string, password: string, flags: number) { await guest.setUserPassword(this.s, d, user, password, flags); }
  async domainFSFreeze(d: DomainRef, mountpoints: string[], flags: number) { return guest.fsFreeze(this.s, d, mountpoints, flags); }
  async domainFSThaw(d: DomainRef, mountpoints: string[], flags: number) { return guest.fsThaw(this.s, d, mountpoints, flags); }
  async domainFSTrim(d: DomainRef, mountPoint: string | null, minimum: bigint, flags: number) { await guest.fsTrim(this.s, d, mountPoint, minimum, flags); }
  async domainInterfaceAddresses(d: DomainRef, source: number, flags: number) { return guest.interfaceAddresses(this.s, d, source, flags); }
  async domainGetMessages(d: DomainRef, flags: number) { return qemuDomainMessages(dom.domainFromRef(this.s, d), flags); }

  // libvirt-qemu (attach is refused by libvirt 9.0.0's QEMU driver too: no domainQemuAttach)
  async domainQemuMonitorCommand(d: DomainRef, cmd: string, flags: number) { return passthrough.monitorCommand(this.s, d, cmd, [], flags); }
  async domainQemuMonitorCommandWithFiles(d: DomainRef, cmd: string, fds: number[], flags: number) {
    return passthrough.monitorCommand(this.s, d, cmd, fds, flags);
  }
  async domainQemuAgentCommand(d: DomainRef, cmd: string, timeout: number, flags: number) { return passthrough.agentCommand(this.s, d, cmd, timeout, flags); }
  async connectDomainQemuMonitorEventRegister(d: DomainRef | null, event: string | null, listener: EventListener<QemuMonitorEventPayload>, flags: number) {
    const wanted = passthrough.monitorEventFilter(event, flags);
    return this.s.events.subscribeQemuMonitor({ owner: this, uuid: d?.uuid ?? null, listener, accepts: (p) => wanted(p.event) });
  }
  async connectDomainQemuMonitorEventDeregister(id: number) {
    if (!this.s.events.unsubscribe(this, id)) {
      throw virError(ErrorDomain.VIR_FROM_NONE, E.VIR_ERR_INVALID_ARG, `could not find event callback ${id} for deletion`);
    }
  }

  // Events
  async connectDomainEventRegisterAny(d: DomainRef | null, eventId: number, listener: EventListener<DomainEventPayload>) {
    if (!Number.isInteger(eventId) || eventId < 0 || eventId >= C.VIR_DOMAIN_EVENT_ID_LAST) {
      throw qemuError(E.VIR_ERR_INVALID_ARG, `unsupported domain event ID ${eventId}`);
    }
    return this.s.events.subscribeDomain({ owner: this, eventId, uuid: d?.uuid ?? null, listener });
  }
  async connectDomainEventDeregisterAny(id: number) {
    if (!this.s.events.unsubscribe(this, id)) {
      throw qemuError(E.VIR_ERR_INVALID_ARG, `could not find event callback ${id} for deregistration`);
    }
  }

  private lookup(obj: { ref(): DomainRef } | undefined, detail: string): DomainRef {
    if (!obj) throw qemuError(E.VIR_ERR_NO_DOMAIN, detail);
    return obj.ref();
  }
}
