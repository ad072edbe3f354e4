/**
 * Node device XML as libvirt's virNodeDeviceDefFormat writes it for devices the test driver
 * defines: the device's own elements in libvirt's order (name, path, devnode, parent, driver,
 * capabilities), each capability written in libvirt's style (single quotes, two-space indent).
 * Capability contents keep the order they were given in, which is the order libvirt formats
 * for the capability types a node file can describe.
 */
import { XmlWriter, attr, childElements, textOf, type XmlElement } from './xml.js';

const DEVICE_ORDER = ['name', 'path', 'devnode', 'parent', 'driver', 'capability'];

/** Counters libvirt reads from the host at run time and never from XML: always 0 in its output. */
const RUNTIME_ONLY: Record<string, readonly string[]> = { vport_ops: ['max_vports', 'vports'] };

function writeElement(w: XmlWriter, el: XmlElement, runtimeOnly: readonly string[] = []): void {
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    attrs[a.name] = a.value;
  }
  const children = childElements(el);
  if (children.length === 0) {
    const text = textOf(el);
    if (runtimeOnly.includes(el.nodeName)) w.text(el.nodeName, '0', attrs);
    else if (text === undefined || text === '') w.empty(el.nodeName, attrs);
    else w.text(el.nodeName, text, attrs);
    return;
  }
  const inner = el.nodeName === 'capability' ? RUNTIME_ONLY[attr(el, 'type') ?? ''] : undefined;
  w.open(el.nodeName, attrs);
  for (const c of children) writeElement(w, c, inner);
  w.close(el.nodeName);
}

export function formatNodeDeviceXML(device: XmlElement): string {
  const w = new XmlWriter();
  w.open('device');
  for (const name of DEVICE_ORDER) {
    for (const el of childElements(device, name)) writeElement(w, el);
  }
  w.close('device');
  return w.toString();
}
