/**
 * The PCI buses of a domain as libvirt models them for address assignment (domain_addr.c): what
 * each controller model accepts downstream and in which slots, and a set of used addresses that,
 * in its planning mode, grows the topology with the controllers a device needs, as libvirt's
 * dry run does before it adds them to the definition.
 */
import { internalError } from '../../../conf/domain/parse-util.js';
import type { PciAddress } from './pci-address.js';

/**
 * How something plugs in: endpoint devices (conventional PCI or PCIe, both auto-assigned only to
 * buses that allow it) or one of the PCI controller kinds, named by the controller's model.
 */
export type Connect = 'pci' | 'pcie' | 'pcie-root-port' | 'pci-bridge' | 'pcie-to-pci-bridge' | 'dmi-to-pci-bridge'
  | 'pci-expander-bus' | 'pcie-expander-bus' | 'pcie-switch-upstream-port' | 'pcie-switch-downstream-port';

interface BusModel {
  accepts: readonly Connect[];
  /** Endpoint devices may be placed here without the user asking for it. */
  autoassign: boolean;
  slots: readonly [number, number];
}

const ROOT_PORT_LIKE: BusModel = { accepts: ['pcie', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'], autoassign: true, slots: [0, 0] };
const BUS_MODELS: Record<string, BusModel> = {
  'pci-root': { accepts: ['pci', 'pci-bridge', 'pci-expander-bus'], autoassign: true, slots: [1, 31] },
  'pci-bridge': { accepts: ['pci', 'pci-bridge'], autoassign: true, slots: [1, 31] },
  'pci-expander-bus': { accepts: ['pci', 'pci-bridge'], autoassign: true, slots: [0, 31] },
  'pcie-root': { accepts: ['pcie', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-expander-bus'], autoassign: false, slots: [1, 31] },
  'dmi-to-pci-bridge': { accepts: ['pci', 'pci-bridge'], autoassign: false, slots: [0, 31] },
  // slot 0 of the bridge is taken by its hotplug controller
  'pcie-to-pci-bridge': { accepts: ['pci', 'pci-bridge'], autoassign: true, slots: [1, 31] },
  'pcie-root-port': ROOT_PORT_LIKE,
  'pcie-switch-downstream-port': ROOT_PORT_LIKE,
  'pcie-switch-upstream-port': { accepts: ['pcie-switch-downstream-port'], autoassign: false, slots: [0, 31] },
  'pcie-expander-bus': { accepts: ['pcie-root-port', 'dmi-to-pci-bridge'], autoassign: false, slots: [0, 31] },
};

interface Bus {
  model: string;
  accepts: readonly Connect[];
  /** function bit sets by slot */
  used: Map<number, Set<number>>;
  /** slots whose functions hold root ports (filled function by function) */
  aggregated: Set<number>;
}

export class PciAddressSet {
  readonly buses: Bus[] = [];

  /** `planning`: a device with no free slot makes the set grow by the controllers it needs. */
  constructor(readonly planning = false) {}

  addBus(model: string, accepts?: readonly Connect[]): void {
    this.buses.push({ model, accepts: accepts ?? BUS_MODELS[model]?.accepts ?? [], used: new Map(), aggregated: new Set() });
  }

  isUsed(a: PciAddress): boolean {
    return this.buses[a.bus]?.used.get(a.slot)?.has(a.function) ?? false;
  }

  reserve(a: PciAddress, aggregate = false): void {
    const bus = this.buses[a.bus];
    if (!bus) return;
    if (!bus.used.has(a.slot)) bus.used.set(a.slot, new Set());
    bus.used.get(a.slot)!.add(a.function);
    if (aggregate) bus.aggregated.add(a.slot);
  }

  /** Whether every slot of every bus is taken. */
  full(): boolean {
    return this.buses.every((bus) => {
      const [min, max] = BUS_MODELS[bus.model]?.slots ?? [0, -1];
      for (let slot = min; slot <= max; slot++) if (!bus.used.has(slot)) return false;
      return true;
    });
  }

  /**
   * The first free address for `connect`, growing the topology when planning; undefined when none.
   * With `fn`, that function of the first slot with nothing in it (a multi-function device's first part).
   */
  next(connect: Connect, fn?: number): PciAddress | undefined {
    return this.#find(connect, fn) ?? (this.planning ? { ...this.#grow(connect), function: fn ?? 0 } : undefined);
  }

  #find(connect: Connect, fn?: number): PciAddress | undefined {
    const endpoint = connect === 'pci' || connect === 'pcie';
    for (let b = 0; b < this.buses.length; b++) {
      const bus = this.buses[b]!;
      const model = BUS_MODELS[bus.model];
      if (!model || !bus.accepts.includes(connect) || (endpoint && !model.autoassign)) continue;
      const [min, max] = model.slots;
      if (connect === 'pcie-root-port' && fn === undefined) {
        for (const slot of bus.aggregated) {
          const used = bus.used.get(slot)!;
          for (let f = 0; f < 8; f++) if (!used.has(f)) return { bus: b, slot, function: f };
        }
      }
      for (let slot = min; slot <= max; slot++) if (!bus.used.has(slot)) return { bus: b, slot, function: fn ?? 0 };
    }
    return undefined;
  }

  /**
   * libvirt's automatic expansion: a conventional PCI device gets a pci-bridge, or, in a pure PCIe
   * topology, a pcie-root-port holding only a pcie-to-pci-bridge; a PCIe device gets a root port.
   */
  #grow(connect: Connect): PciAddress {
    if (connect === 'pci') {
      if (this.buses.some((bus) => bus.accepts.includes('pci-bridge'))) {
        this.addBus('pci-bridge');
      } else {
        this.addBus('pcie-root-port', ['pcie-to-pci-bridge']);
        this.addBus('pcie-to-pci-bridge');
      }
    } else if (connect === 'pcie') {
      this.addBus('pcie-root-port');
    } else {
      throw internalError(`a PCI slot is needed to connect a PCI controller model='${connect}', but none is available, and it cannot be automatically added`);
    }
    const bus = this.buses.length - 1;
    return { bus, slot: BUS_MODELS[this.buses[bus]!.model]!.slots[0], function: 0 };
  }
}

/** The QEMU device behind each PCI controller model, written as `<model name>` (pci-root and pcie-root have none). */
export const PCI_MODEL_NAMES: Record<string, string> = {
  'pci-bridge': 'pci-bridge', 'dmi-to-pci-bridge': 'i82801b11-bridge', 'pcie-to-pci-bridge': 'pcie-pci-bridge',
  'pcie-root-port': 'pcie-root-port', 'pcie-switch-upstream-port': 'x3130-upstream',
  'pcie-switch-downstream-port': 'xio3130-downstream', 'pci-expander-bus': 'pxb', 'pcie-expander-bus': 'pxb-pcie',
};
