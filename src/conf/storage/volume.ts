/** `<volume>` XML: parse as virStorageVolDefParse (in the context of its pool), format as virStorageVolDefFormat. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, parseXmlDocument, XmlWriter, type XmlElement } from '../xml.js';
import { descend, parseUnsigned, xpathAttr, xpathText } from '../network/xml-props.js';
import { formatKnown, POOL_TYPE_INFO } from './pool-types.js';
import { formatPerms, parsePerms } from './perms.js';
import { formatEncryption, parseEncryption } from './encryption.js';
import type { StoragePoolDef, StorageVolDef, VolumeTarget, VolumeType } from './types.js';
import { VOLUME_TYPES } from './types.js';
import { parseStorageSize, scaleInteger } from './units.js';

const storageErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, code, detail);
const xmlErr = (detail: string) => storageErr(ErrorNumber.VIR_ERR_XML_ERROR, detail);

const FEATURES = ['lazy_refcounts', 'extended_l2'] as const;

export interface VolParseOptions {
  /** VIR_VOL_XML_PARSE_NO_CAPACITY: capacity may be missing. */
  noCapacity?: boolean;
  /** VIR_VOL_XML_PARSE_OPT_CAPACITY: capacity may be missing when there is a backing store. */
  optCapacity?: boolean;
}

function parseFormat(pool: StoragePoolDef, node: XmlElement | undefined): string | undefined {
  const table = POOL_TYPE_INFO[pool.type].volFormats;
  if (!table) return undefined;
  const format = xpathAttr(node, 'type');
  if (format === undefined) return table.default;
  if (!formatKnown(table, format)) throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown volume format type ${format}`);
  return format;
}

/** virStorageCheckCompat: "N.M" with both parts numbers. */
function checkCompat(compat: string): void {
  const dot = compat.indexOf('.');
  const ok = (s: string) => parseUnsigned(s, 0xffffffffn) !== null;
  if (dot < 0 || !ok(compat.slice(0, dot)) || !ok(compat.slice(dot + 1))) {
    throw xmlErr("forbidden characters in 'compat' attribute");
  }
}

function parseTarget(pool: StoragePoolDef, node: XmlElement | undefined): VolumeTarget {
  const target: VolumeTarget = {
    path: xpathText(node, 'path'),
    format: parseFormat(pool, descend(node, 'format')),
    perms: parsePerms(descend(node, 'permissions')),
    clusterSize: 0n,
    nocow: !!descend(node, 'nocow'),
  };
  const encryption = descend(node, 'encryption');
  if (encryption) target.encryption = parseEncryption(encryption);
  target.compat = xpathText(node, 'compat');
  if (target.compat !== undefined) checkCompat(target.compat);
  const cluster = descend(node, 'clusterSize');
  const clusterText = xpathText(node, 'clusterSize');
  if (cluster && clusterText !== undefined) {
    const value = parseUnsigned(clusterText, 0xffffffffffffffffn);
    if (value === null) {
      throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_XML_ERROR, "Invalid value for element './target/clusterSize'");
    }
    target.clusterSize = scaleInteger(value, attr(cluster, 'unit'), 0xffffffffffffffffn);
  }
  const features = descend(node, 'features');
  if (features) {
    target.compat ??= '1.1';
    const names = new Set<string>();
    for (const f of childElements(features)) {
      if (!(FEATURES as readonly string[]).includes(f.nodeName)) {
        throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unsupported feature ${f.nodeName}`);
      }
      names.add(f.nodeName);
    }
    target.features = FEATURES.filter((f) => names.has(f));
  }
  return target;
}

export function parseVolElement(root: XmlElement, pool: StoragePoolDef, opts: VolParseOptions = {}): StorageVolDef {
  const name = xpathText(root, 'name');
  if (name === undefined) throw xmlErr('missing volume name element');
  const typeText = xpathAttr(root, 'type');
  if (typeText !== undefined && !(VOLUME_TYPES as readonly string[]).includes(typeText)) {
    throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown volume type '${typeText}'`);
  }
  let backingStore: VolumeTarget | undefined;
  const backingPath = xpathText(firstChild(root, 'backingStore'), 'path');
  if (backingPath !== undefined) {
    const node = firstChild(root, 'backingStore')!;
    backingStore = {
      path: backingPath,
      format: parseFormat(pool, descend(node, 'format')),
      perms: parsePerms(descend(node, 'permissions')),
      clusterSize: 0n,
      nocow: false,
    };
  }
  const capacityText = xpathText(root, 'capacity');
  let capacity = 0n;
  if (capacityText !== undefined) {
    capacity = parseStorageSize(capacityText, xpathAttr(firstChild(root, 'capacity'), 'unit'));
  } else if (!opts.noCapacity && !(opts.optCapacity && backingStore)) {
    throw xmlErr('missing capacity element');
  }
  const allocationText = xpathText(root, 'allocation');
  const allocation = allocationText === undefined
    ? capacity
    : parseStorageSize(allocationText, xpathAttr(firstChild(root, 'allocation'), 'unit'));
  return {
    name,
    key: xpathText(root, 'key'),
    type: (typeText ?? 'file') as VolumeType,
    capacity,
    allocation,
    hasAllocation: allocationText !== undefined,
    physical: 0n,
    sourceExtents: [],
    target: parseTarget(pool, firstChild(root, 'target')),
    backingStore,
  };
}

/** How libvirt names, checks and validates (`storagevol.rng`) this document. */
export const VOLUME_DOCUMENT = { url: '(storage_volume_definition)', errorDomain: ErrorDomain.VIR_FROM_STORAGE, rootElement: 'volume', schema: 'storagevol' };

/** Parse `<volume>` XML for a volume of `pool`. */
export function parseVolXML(xml: string, pool: StoragePoolDef, opts: VolParseOptions = {}): StorageVolDef {
  return parseVolElement(parseXmlDocument(xml, VOLUME_DOCUMENT), pool, opts);
}

function writeTarget(w: XmlWriter, pool: StoragePoolDef, target: VolumeTarget, element: 'target' | 'backingStore'): void {
  w.open(element);
  if (target.path !== undefined) w.text('path', target.path);
  if (POOL_TYPE_INFO[pool.type].volFormats) w.empty('format', { type: target.format });
  formatPerms(w, target.perms);
  const ts = target.timestamps;
  if (ts) {
    w.open('timestamps');
    for (const key of ['atime', 'mtime', 'ctime', 'btime'] as const) if (ts[key] !== undefined) w.text(key, ts[key]);
    w.close('timestamps');
  }
  if (target.encryption) formatEncryption(w, target.encryption);
  if (target.compat !== undefined) w.text('compat', target.compat);
  if (target.clusterSize > 0n) w.text('clusterSize', target.clusterSize.toString(), { unit: 'B' });
  if (target.features) {
    if (target.features.length === 0) w.empty('features');
    else {
      w.open('features');
      for (const f of FEATURES) if (target.features.includes(f)) w.empty(f);
      w.close('features');
    }
  }
  w.close(element);
}

/** Format a volume of `pool` (the pool decides whether formats are shown). */
export function formatVolXML(vol: StorageVolDef, pool: StoragePoolDef): string {
  const w = new XmlWriter();
  w.open('volume', { type: vol.type });
  w.text('name', vol.name);
  if (vol.key !== undefined) w.text('key', vol.key);
  w.element('source', undefined, (s) => {
    let current: string | undefined;
    for (const e of vol.sourceExtents) {
      if (e.path !== current) {
        if (current !== undefined) s.close('device');
        s.open('device', { path: e.path });
        current = e.path;
      }
      s.empty('extent', { start: e.start.toString(), end: e.end.toString() });
    }
    if (current !== undefined) s.close('device');
  }, true);
  w.text('capacity', vol.capacity.toString(), { unit: 'bytes' });
  w.text('allocation', vol.allocation.toString(), { unit: 'bytes' });
  if (vol.physical > 0n) w.text('physical', vol.physical.toString(), { unit: 'bytes' });
  writeTarget(w, pool, vol.target, 'target');
  if (vol.backingStore) writeTarget(w, pool, vol.backingStore, 'backingStore');
  w.close('volume');
  return w.toString();
}
