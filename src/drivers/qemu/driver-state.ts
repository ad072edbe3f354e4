import { mkdir, readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { formatCapabilitiesXML, type CapsHost } from '../../conf/capabilities.js';
import { cloneDomainDef, formatDomainXML, parseDomainXML } from '../../conf/domain/index.js';
import { createLogger } from '../../log/index.js';
import { VIR_DOMAIN_EVENT_ID_LIFECYCLE } from '../../api/constants.js';
import { DomainObjList } from '../shared/domain-obj-list.js';
import { EventBus } from '../shared/event-bus.js';
import { buildQemuCapabilities, hostArch, QemuCapsCache, readHostCaps } from './caps/index.js';
import type { NodeInfo } from '../types.js';
import { ConfigStore } from './config-store.js';
import type { QemuDriverConfig } from './qemu-conf.js';
import { qemuSystemError } from './errors.js';
import { QemuDomainObj } from './domain-obj.js';
import type { QemuPaths } from './paths.js';
import { GuestLogs } from './process/guest-log.js';
import { SaveImages } from './save-image.js';
import { StatusStore } from './status-file.js';

const log = createLogger('qemu.driver');

/**
 * One QEMU driver instance (libvirt's virQEMUDriver): its directories, domains, events and the
 * id counter. Connections to the same URI in one process share it.
 */
export class QemuDriverState {
  readonly paths: QemuPaths;
  readonly domains = new DomainObjList<QemuDomainObj>((def) => new QemuDomainObj(def));
  readonly events = new EventBus();
  readonly configs: ConfigStore;
  readonly statuses: StatusStore;
  readonly saves: SaveImages;
  /** What the installed QEMU binaries can do, probed once per binary and cached on disk. */
  readonly caps: QemuCapsCache;
  /** Where QEMU's output goes: tsvirtlogd when it listens, else the log files directly. */
  readonly guestLogs: GuestLogs;
  #host: Promise<CapsHost> | null = null;
  #nextId = 1;

  /** qemu.conf's settings, read when the instance opens. */
  readonly config: QemuDriverConfig;

  constructor(paths: QemuPaths, config: QemuDriverConfig) {
    this.paths = paths;
    this.config = config;
    this.configs = new ConfigStore(paths);
    this.statuses = new StatusStore(paths);
    this.saves = new SaveImages(paths);
    this.caps = new QemuCapsCache({ cacheDir: join(paths.cacheDir, 'capabilities') });
    this.guestLogs = new GuestLogs(paths.logdSocket);
  }

  /** The host part of the capabilities, read once (it keeps the host UUID stable). */
  hostCaps(): Promise<CapsHost> {
    // QEMU runs as the driver's own user here, so that is the DAC base label.
    this.#host ??= readHostCaps({ dac: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 } });
    return this.#host;
  }

  /** virNodeGetInfo from the host capabilities (topology, NUMA cells), /proc/meminfo and /proc/cpuinfo. */
  async nodeInfo(): Promise<NodeInfo> {
    const host = await this.hostCaps();
    const t = host.cpu.topology;
    const meminfo = await readFile('/proc/meminfo', 'utf8');
    const cpuinfo = await readFile('/proc/cpuinfo', 'utf8');
    const online = cpus();
    return {
      model: host.cpu.arch ?? hostArch(), memory: Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0),
      cpus: online.length, mhz: Math.floor(Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(cpuinfo)?.[1] ?? 0)), nodes: Math.max(1, host.cells?.length ?? 1),
      sockets: t?.sockets ?? 1, cores: (t?.cores ?? 1) * (t?.dies ?? 1), threads: t?.threads ?? 1,
    };
  }

  async capabilitiesXML(): Promise<string> {
    return formatCapabilitiesXML(await buildQemuCapabilities(this.caps, await this.hostCaps()));
  }

  /** Create the instance's directories (private to its user). */
  async prepareDirs(): Promise<void> {
    const p = this.paths;
    try {
      for (const dir of [p.configDir, p.libDir, p.runDir, p.saveDir, p.logDir]) await mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw qemuSystemError(err, 'cannot create QEMU driver directories');
    }
  }

  allocateId(): number {
    return this.#nextId++;
  }

  /** Ids handed out later must not collide with a recovered domain's. */
  reserveId(id: number): void {
    if (id >= this.#nextId) this.#nextId = id + 1;
  }

  lifecycleEvent(obj: QemuDomainObj, event: number, detail: number): void {
    this.events.emitDomain({ eventId: VIR_DOMAIN_EVENT_ID_LIFECYCLE, domain: obj.ref(), event, detail });
  }

  /** Record a running domain's state so another instance can take it over. */
  async writeStatus(obj: QemuDomainObj): Promise<void> {
    await obj.queueStatusWrite(async () => {
      const proc = obj.proc;
      if (!proc) return;
      await this.statuses.write(obj.def.name, {
        pid: proc.pid, monitor: proc.monitorPath, pidFile: proc.pidFile, domainDir: proc.domainDir, id: obj.domId, state: obj.state, reason: obj.reason,
        log: proc.logPath, xml: formatDomainXML(obj.def, { id: obj.domId, secure: true }), taint: obj.taint,
      });
    });
  }

  /** Load persistent configs and managed save flags (the domains start shut off). */
  async loadConfigs(): Promise<void> {
    for (const { def, autostart } of await this.configs.loadAll()) {
      try {
        const { obj } = this.domains.add(def);
        obj.persistent = true;
        obj.autostart = autostart;
        obj.hasManagedSave = await this.saves.hasManaged(def.name);
      } catch (err) {
        log.error(`Failed to load config for domain '${def.name}': ${(err as Error).message}`);
      }
    }
  }

  /** The object a status file describes: the persistent one with its live def, or a transient one. */
  adoptLiveDef(xml: string): QemuDomainObj {
    const live = parseDomainXML(xml);
    const existing = this.domains.byUUID(live.uuid);
    if (existing) {
      existing.newDef = cloneDomainDef(existing.def);
      existing.def = live;
      return existing;
    }
    return this.domains.add(live, { live: true }).obj;
  }
}
