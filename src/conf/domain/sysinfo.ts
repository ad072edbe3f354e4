/**
 * What libvirt checks in `<sysinfo type='smbios'>` (virSysinfoParseSMBIOSDef): a BIOS date as
 * mm/dd/yy or mm/dd/yyyy, and a system UUID equal to the domain's — or, when the domain has no
 * `<uuid>`, taken as its UUID.
 */
import { childElements, type XmlElement } from '../xml.js';
import { parseUUID } from './general.js';
import { xmlDetail } from './parse-util.js';

function entry(el: XmlElement | undefined, name: string): string | undefined {
  const e = el ? childElements(el, 'entry').find((x) => x.getAttribute('name') === name) : undefined;
  return e?.textContent || undefined;
}

function checkBiosDate(date: string): void {
  const m = /^\s*([+-]?\d+)\/\s*([+-]?\d+)\/\s*([+-]?\d+)$/.exec(date);
  const [month, day, year] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || (year >= 100 && year < 1900)) {
    throw xmlDetail("Invalid BIOS 'date' format");
  }
}

/** Check the SMBIOS sysinfo of `root`; returns the domain UUID to use. */
export function checkSmbiosSysinfo(root: XmlElement, uuid: string, uuidGenerated: boolean): string {
  for (const sysinfo of childElements(root, 'sysinfo').filter((s) => s.getAttribute('type') === 'smbios')) {
    const date = entry(childElements(sysinfo, 'bios')[0], 'date');
    if (date !== undefined) checkBiosDate(date);
    const text = entry(childElements(sysinfo, 'system')[0], 'uuid');
    if (text === undefined) continue;
    const sysUuid = parseUUID(text);
    if (!sysUuid) throw xmlDetail('malformed <sysinfo> uuid element');
    if (uuidGenerated) uuid = sysUuid;
    else if (sysUuid !== uuid) throw xmlDetail('UUID mismatch between <uuid> and <sysinfo>');
  }
  return uuid;
}
