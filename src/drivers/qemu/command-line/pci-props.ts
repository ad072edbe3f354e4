/** The `bus` and `addr` properties of a PCI device's -device JSON. */
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { readPciAddress } from '../postparse/pci-address.js';

/** Name QEMU gives the bus of PCI controller `index` (the root bus is pci.0 or pcie.0). */
export function pciBusName(bus: number, q35: boolean): string {
  return bus === 0 && q35 ? 'pcie.0' : `pci.${bus}`;
}

export function pciAddrString(slot: number, fn: number): string {
  return fn === 0 ? `0x${slot.toString(16)}` : `0x${slot.toString(16)}.0x${fn.toString(16)}`;
}

/** `bus`, then `multifunction` when written, then `addr`; nothing for a device without a PCI address. */
export function pciProps(node: XNode, q35: boolean): Record<string, unknown> {
  const a = readPciAddress(node);
  if (!a) return {};
  const props: Record<string, unknown> = { bus: pciBusName(a.bus, q35) };
  const multi = getAttr(getChild(node, 'address'), 'multifunction');
  if (multi) props.multifunction = multi === 'on';
  props.addr = pciAddrString(a.slot, a.function);
  const acpiIndex = getAttr(getChild(node, 'acpi'), 'index');
  if (acpiIndex !== undefined) props['acpi-index'] = Number(acpiIndex);
  return props;
}

const VIRTIO_OPTIONS: [attr: string, prop: string][] = [['iommu', 'iommu_platform'], ['ats', 'ats'], ['packed', 'packed'],
  ['page_per_vq', 'page-per-vq']];

/** The virtio transport switches of a device's `<driver>` (iommu, ats, packed, page_per_vq). */
export function virtioOptions(node: XNode): Record<string, unknown> {
  const driver = getChild(node, 'driver');
  const out: Record<string, unknown> = {};
  for (const [attr, prop] of VIRTIO_OPTIONS) {
    const v = getAttr(driver, attr);
    if (v !== undefined) out[prop] = v === 'on';
  }
  return out;
}

/** A virtio device's QEMU driver: the base name, with the transitional variants' suffix when asked for. */
export function virtioDriver(base: string, model: string | undefined): string {
  return model === 'virtio-transitional' || model === 'virtio-non-transitional' ? `${base}-${model.slice('virtio-'.length)}` : base;
}
