/**
 * A scsi pool's `<adapter>`: a SCSI host by name or by its parent's PCI address, or a Fibre
 * Channel vHBA (fc_host) by WWNs; parsed, validated and formatted as libvirt's storage adapter conf.
 */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, firstChild, XmlWriter, type XmlElement } from '../xml.js';
import { parseCInteger, propEnum, propYesNo, type YesNo } from '../network/xml-props.js';

export interface PciAddress {
  domain: number;
  bus: number;
  slot: number;
  function: number;
}

export type StorageAdapter =
  | { type: 'scsi_host'; name?: string; parentAddr?: PciAddress; uniqueId?: number }
  | {
    type: 'fc_host';
    parent?: string;
    parentWwnn?: string;
    parentWwpn?: string;
    parentFabricWwn?: string;
    managed?: YesNo;
    wwnn?: string;
    wwpn?: string;
  };

const xmlErr = (detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, ErrorNumber.VIR_ERR_XML_ERROR, detail);
/** Errors of libvirt's util/ and xml helpers carry their own domains. */
const utilErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NONE, code, detail);

/** An unsigned attribute in base 0 (decimal, 0x hex or octal), as virXMLPropUInt(base 0). */
function propUIntBase0(el: XmlElement, name: string): number {
  const text = attr(el, name);
  if (text === undefined) return 0;
  const value = text.includes('-') ? null : parseCInteger(text);
  if (value === null || value < 0n || value > 0xffffffffn) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR,
      `Invalid value for attribute '${name}' in element '${el.nodeName}': '${text}'. Expected non-negative integer value`);
  }
  return Number(value);
}

/** `<address domain bus slot function>` as virPCIDeviceAddressParseXML checks it. */
function parsePciAddress(el: XmlElement): PciAddress {
  const addr = { domain: propUIntBase0(el, 'domain'), bus: propUIntBase0(el, 'bus'), slot: propUIntBase0(el, 'slot'), function: propUIntBase0(el, 'function') };
  propEnum(el, 'multifunction', ['on', 'off'] as const);
  const empty = !(addr.domain || addr.bus || addr.slot);
  if (!empty) {
    const hex = (n: number) => n.toString(16);
    if (addr.bus > 0xff) throw utilErr(ErrorNumber.VIR_ERR_XML_ERROR, `Invalid PCI address bus='0x${hex(addr.bus)}', must be <= 0xFF`);
    if (addr.slot > 0x1f) throw utilErr(ErrorNumber.VIR_ERR_XML_ERROR, `Invalid PCI address slot='0x${hex(addr.slot)}', must be <= 0x1F`);
    if (addr.function > 7) throw utilErr(ErrorNumber.VIR_ERR_XML_ERROR, `Invalid PCI address function=0x${hex(addr.function)}, must be <= 7`);
  }
  return addr;
}

function parseScsiHost(node: XmlElement): StorageAdapter {
  const adapter: StorageAdapter = { type: 'scsi_host', name: attr(node, 'name') };
  const parentAddr = firstChild(node, 'parentaddr');
  if (parentAddr) {
    const address = firstChild(parentAddr, 'address');
    if (!address) throw xmlErr('Missing scsi_host PCI address element');
    adapter.parentAddr = parsePciAddress(address);
    const m = /^\s*[+-]?\d+$/.exec(attr(parentAddr, 'unique_id') ?? '');
    const id = m ? Number(m[0]) : NaN;
    if (!(Number.isInteger(id) && id >= 0 && id <= 0x7fffffff)) throw xmlErr("Missing or invalid scsi adapter 'unique_id' value");
    adapter.uniqueId = id;
  }
  return adapter;
}

function parseFcHost(node: XmlElement): StorageAdapter {
  return {
    type: 'fc_host',
    managed: propYesNo(node, 'managed'),
    parent: attr(node, 'parent'),
    parentWwnn: attr(node, 'parent_wwnn'),
    parentWwpn: attr(node, 'parent_wwpn'),
    parentFabricWwn: attr(node, 'parent_fabric_wwn'),
    wwpn: attr(node, 'wwpn'),
    wwnn: attr(node, 'wwnn'),
  };
}

/** Parse `<adapter>` (any pool type reads it; only scsi pools check and keep it). */
export function parseAdapter(node: XmlElement): StorageAdapter | undefined {
  // "default" (the enum's zero) is refused like an unknown name
  const type = propEnum(node, 'type', ['scsi_host', 'fc_host'] as const);
  if (type === 'fc_host') return parseFcHost(node);
  if (type === 'scsi_host') return parseScsiHost(node);
  // without a type only the old scsi_host-by-name form is allowed
  if (attr(node, 'wwnn') !== undefined || attr(node, 'wwpn') !== undefined || attr(node, 'parent') !== undefined) {
    throw xmlErr("Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
  }
  if (firstChild(node, 'parentaddr')) throw xmlErr("Use of 'parentaddr' element requires use of the adapter 'type'");
  const name = attr(node, 'name');
  return name === undefined ? undefined : { type: 'scsi_host', name };
}

/** virValidateWWN: 16 hex digits, optionally after "0x". */
function checkWwn(wwn: string): void {
  const digits = wwn.startsWith('0x') ? wwn.slice(2) : wwn;
  if (!/^[0-9a-fA-F]{16}$/.test(digits)) throw utilErr(ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Malformed wwn: ${wwn}`);
}

/** virStorageAdapterValidate, for scsi pools. */
export function validateAdapter(adapter: StorageAdapter | undefined): void {
  if (!adapter) throw xmlErr('missing storage pool source adapter');
  if (adapter.type === 'fc_host') {
    if (adapter.wwnn === undefined || adapter.wwpn === undefined) throw xmlErr("'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
    checkWwn(adapter.wwnn);
    checkWwn(adapter.wwpn);
    if (adapter.parentWwnn !== undefined && adapter.parentWwpn === undefined) {
      throw xmlErr(`when providing parent_wwnn='${adapter.parentWwnn}', the parent_wwpn must also be provided`);
    }
    if (adapter.parentWwnn === undefined && adapter.parentWwpn !== undefined) {
      throw xmlErr(`when providing parent_wwpn='${adapter.parentWwpn}', the parent_wwnn must also be provided`);
    }
    for (const wwn of [adapter.parentWwnn, adapter.parentWwpn, adapter.parentFabricWwn]) if (wwn !== undefined) checkWwn(wwn);
    return;
  }
  if (adapter.name === undefined && !adapter.parentAddr) throw xmlErr("Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
  if (adapter.name !== undefined && adapter.parentAddr) throw xmlErr("Both 'name' and 'parent' cannot be specified for the 'scsi_host' adapter");
}

export function formatAdapter(w: XmlWriter, adapter: StorageAdapter): void {
  if (adapter.type === 'fc_host') {
    w.empty('adapter', {
      type: adapter.type,
      parent: adapter.parent,
      parent_wwnn: adapter.parentWwnn,
      parent_wwpn: adapter.parentWwpn,
      parent_fabric_wwn: adapter.parentFabricWwn,
      managed: adapter.managed,
      wwnn: adapter.wwnn,
      wwpn: adapter.wwpn,
    });
    return;
  }
  if (adapter.name !== undefined || !adapter.parentAddr) {
    w.empty('adapter', { type: adapter.type, name: adapter.name });
    return;
  }
  const a = adapter.parentAddr;
  const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;
  w.open('adapter', { type: adapter.type });
  w.open('parentaddr', { unique_id: String(adapter.uniqueId) });
  // the function is printed as a decimal after "0x", as libvirt's formatter does
  w.empty('address', { domain: hex(a.domain, 4), bus: hex(a.bus, 2), slot: hex(a.slot, 2), function: `0x${a.function}` });
  w.close('parentaddr');
  w.close('adapter');
}
