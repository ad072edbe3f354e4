/** Ports on the first USB controller for USB devices (hubs, disks, inputs, serials, audio, redirection, ...), numbered from 1 as libvirt hands them out. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode } from '../../../conf/domain/xnode.js';

export function assignUsbAddresses(def: DomainDef): void {
  const l = def.devices.lists;
  const usb = l.controller.find((c) => getAttr(c, 'type') === 'usb' && getAttr(c, 'index') === '0');
  if (!usb || getAttr(usb, 'model') === 'none') return;
  const used = new Set<string>();
  // libvirt's order (virDomainUSBDeviceDefForeach)
  const devices = [
    ...l.hub.filter((h) => getAttr(h, 'type') === 'usb'),
    ...l.hostdev.filter((h) => getAttr(h, 'type') === 'usb'),
    ...l.disk.filter((d) => getAttr(getChild(d, 'target'), 'bus') === 'usb'),
    ...l.controller.filter((c) => getAttr(c, 'type') === 'ccid'),
    ...l.input.filter((i) => getAttr(i, 'bus') === 'usb'),
    ...l.serial.filter((s) => getAttr(getChild(s, 'target'), 'type') === 'usb-serial'),
    ...l.sound.filter((s) => getAttr(s, 'model') === 'usb'),
    ...l.redirdev.filter((r) => getAttr(r, 'bus') === 'usb'),
  ];
  for (const d of devices) {
    const a = getChild(d, 'address');
    if (getAttr(a, 'type') === 'usb') used.add(getAttr(a, 'port') ?? '');
  }
  let port = 1;
  for (const d of devices) {
    if (getChild(d, 'address')) continue;
    while (used.has(String(port))) port++;
    used.add(String(port));
    d.children.push(newXNode('address', [['type', 'usb'], ['bus', '0'], ['port', String(port)]]));
  }
}
