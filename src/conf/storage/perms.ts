/** Target permissions and path clean-up shared by pools and volumes. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { firstChild, XmlWriter, type XmlElement } from '../xml.js';
import { xpathText } from '../network/xml-props.js';
import type { StoragePerms } from './types.js';

const xmlErr = (detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, ErrorNumber.VIR_ERR_XML_ERROR, detail);

/** An owner or group id: a uid_t, or -1 (which older libvirt wrote out). */
function parseId(node: XmlElement, name: 'owner' | 'group'): number | undefined {
  if (!firstChild(node, name)) return undefined;
  const text = xpathText(node, name) ?? '';
  const m = /^\s*([+-]?\d+)$/.exec(text);
  const value = m ? Number(m[1]) : NaN;
  if (!(value === -1 || (Number.isInteger(value) && value >= 0 && value <= 0xffffffff))) {
    throw xmlErr(`malformed ${name} element`);
  }
  // -1 and its uid_t spelling both mean "not set"
  return value === -1 || value === 0xffffffff ? undefined : value;
}

/** `<permissions>` (absent = nothing set), as virStorageDefParsePerms. */
export function parsePerms(node: XmlElement | undefined): StoragePerms {
  if (!node) return {};
  const perms: StoragePerms = {};
  const modeText = xpathText(node, 'mode');
  if (modeText !== undefined) {
    const m = /^\s*([+-]?)([0-7]+)$/.exec(modeText);
    const mode = m ? (m[1] === '-' ? -1 : 1) * parseInt(m[2], 8) : NaN;
    if (!(mode >= 0 && mode <= 0o777)) throw xmlErr('malformed octal mode');
    perms.mode = mode;
  }
  perms.owner = parseId(node, 'owner');
  perms.group = parseId(node, 'group');
  perms.label = xpathText(node, 'label');
  return perms;
}

export function formatPerms(w: XmlWriter, perms: StoragePerms | undefined): void {
  if (!perms || (perms.mode === undefined && perms.owner === undefined && perms.group === undefined && perms.label === undefined)) return;
  w.open('permissions');
  if (perms.mode !== undefined) w.text('mode', `0${perms.mode.toString(8)}`);
  // uid_t is printed through a signed int
  if (perms.owner !== undefined) w.text('owner', perms.owner | 0);
  if (perms.group !== undefined) w.text('group', perms.group | 0);
  if (perms.label !== undefined) w.text('label', perms.label);
  w.close('permissions');
}

/** virFileSanitizePath: collapse repeated slashes and drop a trailing one; URIs are left alone. */
export function sanitizePath(path: string): string {
  const uri = path.indexOf('://');
  if (uri >= 0 && path.indexOf('/') > uri) return path;
  let prefix = '';
  let rest = path;
  if (path.startsWith('//') && path[2] !== '/') {
    prefix = '//';
    rest = path.slice(2);
  }
  let out = prefix + rest.replace(/\/+/g, '/');
  if (out.length > 1 && out.endsWith('/') && out !== prefix) out = out.slice(0, -1);
  return out;
}
