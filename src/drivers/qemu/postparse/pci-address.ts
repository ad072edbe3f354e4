/** PCI addresses in a device's `<address type='pci'>`, read and written in libvirt's form. */
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';

/** Children libvirt writes after a device's address (everything else comes before it). */
const AFTER_ADDRESS: Record<string, string[]> = { memballoon: ['driver'] };

export interface PciAddress {
  bus: number;
  slot: number;
  function: number;
  multifunction?: 'on' | 'off';
}

export function readPciAddress(device: XNode): PciAddress | undefined {
  const addr = getChild(device, 'address');
  if (getAttr(addr, 'type') !== 'pci') return undefined;
  const multi = getAttr(addr, 'multifunction');
  return {
    bus: Number(getAttr(addr, 'bus')), slot: Number(getAttr(addr, 'slot')), function: Number(getAttr(addr, 'function')),
    multifunction: multi === 'on' || multi === 'off' ? multi : undefined,
  };
}

/** Whether the device still needs an address (none written, or `type='pci'` without a slot). */
export function wantsPciAddress(device: XNode): boolean {
  const addr = getChild(device, 'address');
  return addr === undefined;
}

const hex = (n: number, width: number): string => '0x' + n.toString(16).padStart(width, '0');

export function writePciAddress(device: XNode, a: PciAddress): void {
  device.children = device.children.filter((c) => c.name !== 'address');
  const attrs: [string, string][] = [['type', 'pci'], ['domain', '0x0000'], ['bus', hex(a.bus, 2)], ['slot', hex(a.slot, 2)],
    ['function', hex(a.function, 1)]];
  if (a.multifunction) attrs.push(['multifunction', a.multifunction]);
  const after = AFTER_ADDRESS[device.name] ?? [];
  const at = device.children.findIndex((c) => after.includes(c.name));
  device.children.splice(at < 0 ? device.children.length : at, 0, newXNode('address', attrs));
}
