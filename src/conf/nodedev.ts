/**
 * Node device XML as libvirt's virNodeDeviceDefFormat writes it for devices the test driver
 * defines: the device's own elements in libvirt's order (name, path, devnode, parent, driver,
 * capabilities), each capability written in libvirt's style (single quotes, two-space indent).
 * Capability contents keep the order they were given in, which is the order libvirt formats
 * for the capability types a node file can describe.
 */
import { ErrorDomain, ErrorNumber } from '../errors/codes.js';
import { virError } from '../errors/vir-error.js';
import { propEnum } from './network/xml-props.js';
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

/**
 * The system capability as virNodeDeviceCapSystemDefFormat writes it: the product, then
 * `<hardware>` (its uuid always, zero when none was given) and `<firmware>`, both always present.
 */
function writeSystemCapability(w: XmlWriter, cap: XmlElement): void {
  const text = (el: XmlElement | undefined, name: string): string | undefined => {
    const value = el ? textOf(childElements(el, name)[0]) : undefined;
    return value === '' ? undefined : value;
  };
  const hardware = childElements(cap, 'hardware')[0];
  const firmware = childElements(cap, 'firmware')[0];
  w.open('capability', { type: 'system' });
  w.text('product', text(cap, 'product'));
  w.open('hardware');
  for (const name of ['vendor', 'version', 'serial']) w.text(name, text(hardware, name));
  w.text('uuid', canonicalUUID(text(hardware, 'uuid') ?? '0'.repeat(32)));
  w.close('hardware');
  w.open('firmware');
  for (const name of ['vendor', 'version', 'release_date']) w.text(name, text(firmware, name));
  w.close('firmware');
  w.close('capability');
}

/** A UUID as virUUIDFormat writes it (the parse accepts dashes anywhere and either case). */
function canonicalUUID(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function formatNodeDeviceXML(device: XmlElement): string {
  const w = new XmlWriter();
  w.open('device');
  for (const name of DEVICE_ORDER) {
    for (const el of childElements(device, name)) {
      if (name === 'capability' && attr(el, 'type') === 'system') writeSystemCapability(w, el);
      else writeElement(w, el);
    }
  }
  w.close('device');
  return w.toString();
}

/** virNodeDevCapType names. */
const CAPABILITY_TYPES = ['system', 'pci', 'usb_device', 'usb', 'net', 'scsi_host', 'scsi_target', 'scsi', 'storage', 'fc_host',
  'vports', 'scsi_generic', 'drm', 'mdev_types', 'mdev', 'ccw', 'css', 'vdpa', 'ap_card', 'ap_queue', 'ap_matrix', 'vpd'] as const;

/**
 * What virNodeDeviceDefParseXML refuses in an existing device, as far as tsvirt checks: no name,
 * no capability, a capability of no known type, a system capability's missing or malformed
 * hardware uuid.
 * Returns the device's name.
 */
export function checkNodeDeviceElement(device: XmlElement): string {
  const name = textOf(childElements(device, 'name')[0]);
  if (!name) throw virError(ErrorDomain.VIR_FROM_NODEDEV, ErrorNumber.VIR_ERR_NO_NAME, null);
  const caps = childElements(device, 'capability');
  if (caps.length === 0) throw virError(ErrorDomain.VIR_FROM_NODEDEV, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `no device capabilities for '${name}'`);
  for (const cap of caps) {
    if (propEnum(cap, 'type', CAPABILITY_TYPES, true) !== 'system') continue;
    const hardware = childElements(cap, 'hardware')[0];
    const uuid = hardware ? textOf(childElements(hardware, 'uuid')[0]) : undefined;
    if (!uuid) throw virError(ErrorDomain.VIR_FROM_NODEDEV, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `no system UUID supplied for '${name}'`);
    if (!/^\s*(?:[0-9a-f]-?){31}[0-9a-f]\s*$/i.test(uuid)) {
      throw virError(ErrorDomain.VIR_FROM_NODEDEV, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `malformed uuid element for '${name}'`);
    }
  }
  return name;
}
