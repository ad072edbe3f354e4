/** Identity of a domain: type, name, uuid, genid, title, description. */
import { randomUUID } from 'node:crypto';
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, childText, type XmlElement, type XmlWriter } from '../xml.js';
import { internalError, unsupported, xmlError } from './parse-util.js';

/** Hypervisor types libvirt knows (virDomainVirtType). */
export const DOMAIN_TYPES = ['none', 'qemu', 'kqemu', 'kvm', 'xen', 'lxc', 'uml', 'openvz', 'test', 'vmware',
  'hyperv', 'vbox', 'phyp', 'parallels', 'bhyve', 'vz', 'hvf'] as const;

export interface DomainGeneral {
  type: string;
  name: string;
  uuid: string;
  genid?: string;
  title?: string;
  description?: string;
}

/** Parse libvirt's UUID text (32 hex digits, dashes allowed between bytes) into canonical form. */
export function parseUUID(text: string): string | undefined {
  const hex = text.trim().replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex) || /--/.test(text) || /^\s*-/.test(text)) return undefined;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The domain's identity, then its type, in libvirt's order (virDomainDefParseIDs before ...Caps). */
export function parseGeneral(root: XmlElement): DomainGeneral {
  const name = childText(root, 'name');
  if (name === undefined || name === '') {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_NO_NAME);
  }
  const uuidText = childText(root, 'uuid');
  let uuid: string;
  if (uuidText === undefined) uuid = randomUUID();
  else {
    const parsed = parseUUID(uuidText);
    if (!parsed) throw internalError('malformed uuid element');
    uuid = parsed;
  }
  let genid: string | undefined;
  const genids = childElements(root, 'genid');
  if (genids.length > 1) throw xmlError("element 'genid' can only appear once");
  if (genids.length === 1) {
    const text = genids[0]!.textContent ?? '';
    if (text === '') genid = randomUUID();
    else {
      const parsed = parseUUID(text);
      if (!parsed) throw internalError('malformed genid element');
      genid = parsed;
    }
  }
  const type = attr(root, 'type');
  if (type === undefined) throw internalError('missing domain type attribute');
  if (!(DOMAIN_TYPES as readonly string[]).includes(type)) throw unsupported(`invalid domain type ${type}`);
  const general: DomainGeneral = { type, name, uuid };
  if (genid !== undefined) general.genid = genid;
  const title = childText(root, 'title');
  if (title !== undefined) {
    if (title.includes('\n')) throw xmlError('Domain title can\'t contain newlines');
    if (title !== '') general.title = title;
  }
  const description = childText(root, 'description');
  if (description !== undefined && description !== '') general.description = description;
  return general;
}

export function formatGeneral(w: XmlWriter, g: DomainGeneral): void {
  w.text('name', g.name);
  w.text('uuid', g.uuid);
  w.text('genid', g.genid);
  w.text('title', g.title);
  w.text('description', g.description);
}
