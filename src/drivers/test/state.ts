import type { NodeInfo } from '../types.js';
import { DomainObjList } from './domain-list.js';
import { EventBus } from '../shared/event-bus.js';
import type { HostObj, NetworkObj, PoolObj, TestCell } from './objects.js';
import { cloneIfaces, type IfaceObj } from './interfaces.js';
import { DEFAULT_NODE_INFO } from './default-node.js';

/** Everything one test driver instance knows: shared by all connections to the same URI. */
export class TestState {
  nodeInfo: NodeInfo = { ...DEFAULT_NODE_INFO };
  cells: TestCell[] = [];
  readonly domains = new DomainObjList();
  readonly networks: NetworkObj[] = [];
  readonly pools: PoolObj[] = [];
  readonly interfaces: IfaceObj[] = [];
  /** The interfaces as they were when virInterfaceChangeBegin started a transaction. */
  ifaceBackup: IfaceObj[] | null = null;
  readonly devices: HostObj[] = [];
  readonly auths: { username: string; password: string | null }[] = [];
  readonly events = new EventBus();
  /** Ids are handed out in start order and never reused (libvirt's nextDomID). */
  #nextDomID = 1;

  allocateDomainID(): number {
    return this.#nextDomID++;
  }

  /**
   * An independent copy: what a fresh test:///default starts from without parsing its node XML
   * again. Definitions are deep-copied; node device elements are shared (read-only).
   */
  clone(): TestState {
    const copy = new TestState();
    copy.nodeInfo = { ...this.nodeInfo };
    copy.cells = structuredClone(this.cells);
    copy.#nextDomID = this.#nextDomID;
    for (const obj of this.domains.all()) copy.domains.adopt(obj.clone());
    copy.networks.push(...this.networks.map((n) => ({ ...n, def: structuredClone(n.def), newDef: n.newDef && structuredClone(n.newDef) })));
    copy.pools.push(...this.pools.map((p) => ({ ...p, def: structuredClone(p.def), volumes: structuredClone(p.volumes) })));
    copy.interfaces.push(...cloneIfaces(this.interfaces));
    copy.devices.push(...this.devices.map((d) => ({ ...d })));
    copy.auths.push(...this.auths.map((a) => ({ ...a })));
    return copy;
  }

  networkByName(name: string): NetworkObj | undefined {
    return this.networks.find((n) => n.def.name === name);
  }

  networkByUUID(uuid: string): NetworkObj | undefined {
    return this.networks.find((n) => n.def.uuid === uuid.toLowerCase());
  }

  poolByName(name: string): PoolObj | undefined {
    return this.pools.find((p) => p.def.name === name);
  }

  poolByUUID(uuid: string): PoolObj | undefined {
    return this.pools.find((p) => p.def.uuid === uuid.toLowerCase());
  }

  /** The NUMA cells of test:///default: two cells of 8 CPUs each, as libvirt sets them up. */
  static defaultCells(): TestCell[] {
    const cells: TestCell[] = [0, 1].map((i) => ({ mem: (i + 1) * 2048 * 1024, freeMem: (i + 1) * 1024 * 1024, cpus: [] }));
    for (let i = 0; i < 16; i++) {
      cells[Math.floor(i / 8)]!.cpus.push({ id: i, socket: Math.floor(i / 8), core: i % 8, siblings: String(i) });
    }
    return cells;
  }
}
