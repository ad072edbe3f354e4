/** `<pool>` XML: parse and validate as virStoragePoolDefParse, format as virStoragePoolDefFormat. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, parseXmlDocument, XmlWriter, type XmlElement } from '../xml.js';
import { generateUuid, parseUuid } from '../network/uuid.js';
import { descend, propEnum, propInt, propYesNo, xpathAttr, xpathText } from '../network/xml-props.js';
import { deviceOnly, formatKnown, POOL_TYPE_INFO, POOL_TYPES, type PoolSourceNeeds } from './pool-types.js';
import { formatPerms, parsePerms, sanitizePath } from './perms.js';
import { formatSecretLookup, parseSecretLookup } from './secret-lookup.js';
import { formatAdapter, parseAdapter, validateAdapter } from './adapter.js';
import type { PoolSource, PoolType, StorageAuth, StoragePoolDef } from './types.js';

const storageErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, code, detail);
const xmlErr = (detail: string) => storageErr(ErrorNumber.VIR_ERR_XML_ERROR, detail);

function parseAuth(node: XmlElement): StorageAuth {
  const username = xpathAttr(node, 'username');
  if (username === undefined) throw xmlErr('missing username for auth');
  const typeText = xpathAttr(node, 'type');
  if (typeText !== undefined && !['none', 'chap', 'ceph'].includes(typeText)) {
    throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown auth type '${typeText}'`);
  }
  if (typeText === undefined || typeText === 'none') {
    throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'storage pool missing auth type');
  }
  const secret = firstChild(node, 'secret');
  if (!secret) throw xmlErr('Missing <secret> element in auth');
  const lookup = parseSecretLookup(secret);
  return { type: typeText as 'chap' | 'ceph', username, secretType: attr(secret, 'type'), secretUuid: lookup.uuid, secretUsage: lookup.usage };
}

function parseSource(node: XmlElement | undefined, type: PoolType): PoolSource {
  const info = POOL_TYPE_INFO[type];
  const source: PoolSource = { hosts: [], devices: [] };
  if (!node) {
    source.format = info.poolFormats?.default;
    if (type === 'gluster') source.dir = '/';
    return source;
  }
  source.name = xpathText(node, 'name');
  if (type === 'rbd' && source.name === undefined) throw xmlErr("element 'name' is mandatory for RBD pool");
  if (info.poolFormats) {
    const format = xpathAttr(firstChild(node, 'format'), 'type');
    if (format !== undefined && !formatKnown(info.poolFormats, format)) {
      throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown pool format type ${format}`);
    }
    source.format = format ?? info.poolFormats.default;
  }
  for (const host of childElements(node, 'host')) {
    const name = attr(host, 'name');
    if (name === undefined) throw xmlErr('missing storage pool host name');
    source.hosts.push({ name, port: propInt(host, 'port') ?? 0 });
  }
  source.initiatorIqn = xpathAttr(descend(node, 'initiator', 'iqn'), 'name');
  for (const dev of childElements(node, 'device')) {
    const path = attr(dev, 'path');
    if (path === undefined) throw xmlErr('missing storage pool source device path');
    source.devices.push({ path, partSeparator: propYesNo(dev, 'part_separator'), freeExtents: [] });
  }
  const dir = xpathAttr(firstChild(node, 'dir'), 'path');
  source.dir = dir === undefined ? (type === 'gluster' ? '/' : undefined) : sanitizePath(dir);
  const adapter = firstChild(node, 'adapter');
  if (adapter) source.adapter = parseAdapter(adapter);
  const auth = firstChild(node, 'auth');
  if (auth) source.auth = parseAuth(auth);
  source.protocolVersion = xpathAttr(firstChild(node, 'protocol'), 'ver');
  if (source.protocolVersion !== undefined) {
    // the check compares the numeric format against netfs's enum, so only "auto" and "nfs" pass
    const formatIndex = source.format === undefined ? 0 : (info.poolFormats?.values.indexOf(source.format) ?? 0);
    if (formatIndex !== 0 && formatIndex !== 1) {
      throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
        `storage pool protocol ver unsupported for pool type '${POOL_TYPE_INFO.netfs.poolFormats!.values[formatIndex] ?? ''}'`);
    }
    if (source.protocolVersion.includes(',')) {
      throw storageErr(ErrorNumber.VIR_ERR_XML_DETAIL, `storage pool protocol ver '${source.protocolVersion}' must not contain ','`);
    }
  }
  source.vendor = xpathAttr(firstChild(node, 'vendor'), 'name');
  source.product = xpathAttr(firstChild(node, 'product'), 'name');
  return source;
}

function checkSource(def: StoragePoolDef, needs: PoolSourceNeeds): void {
  if (needs.host && def.source.hosts.length === 0) throw xmlErr('missing storage pool source host name');
  if (needs.dir && def.source.dir === undefined) throw xmlErr('missing storage pool source path');
  if (needs.name && def.source.name === undefined) def.source.name = def.name;
  if (needs.adapter) validateAdapter(def.source.adapter);
  if (deviceOnly(needs) && def.source.devices.length === 0) throw xmlErr('missing storage pool source device name');
}

export function parsePoolElement(root: XmlElement): StoragePoolDef {
  const type = propEnum(root, 'type', POOL_TYPES, true)!;
  const info = POOL_TYPE_INFO[type];
  const source = parseSource(firstChild(root, 'source'), type);
  const name = xpathText(root, 'name') ?? (info.source.name ? source.name : undefined);
  if (name === undefined) throw xmlErr('missing pool source name element');
  if (name.includes('/')) throw xmlErr(`name ${name} cannot contain '/'`);
  const uuidText = xpathText(root, 'uuid');
  let uuid = generateUuid();
  if (uuidText !== undefined) {
    const parsed = parseUuid(uuidText);
    if (!parsed) throw xmlErr('malformed uuid element');
    uuid = parsed;
  }
  const def: StoragePoolDef = {
    type,
    name,
    uuid,
    capacity: 0n,
    allocation: 0n,
    available: 0n,
    source,
    target: { perms: {} },
  };
  const cow = propYesNo(descend(root, 'features', 'cow'), 'state');
  if (cow !== undefined) {
    if (type !== 'fs' && type !== 'dir') {
      throw storageErr(ErrorNumber.VIR_ERR_NO_SUPPORT, "cow feature may only be used for 'fs' and 'dir' pools");
    }
    def.cow = cow;
  }
  checkSource(def, info.source);
  if (!info.source.network) {
    let path: string | undefined;
    if (type === 'logical') path = `/dev/${def.source.name}`;
    else if (type === 'zfs') path = `/dev/zvol/${def.source.name}`;
    else {
      path = xpathText(firstChild(root, 'target'), 'path');
      if (path === undefined) throw xmlErr('missing storage pool target path');
    }
    def.target.path = sanitizePath(path);
    def.target.perms = parsePerms(descend(root, 'target', 'permissions'));
  }
  if (type === 'iscsi-direct' && def.source.initiatorIqn === undefined) {
    throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'missing initiator IQN');
  }
  const refresh = xpathAttr(descend(root, 'refresh', 'volume'), 'allocation');
  if (refresh !== undefined) {
    if (refresh !== 'default' && refresh !== 'capacity') {
      throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown storage pool volume refresh allocation type ${refresh}`);
    }
    def.refreshAllocation = refresh;
  }
  return def;
}

/** How libvirt names, checks and validates (`storagepool.rng`) this document. */
export const POOL_DOCUMENT = { url: '(storage_pool_definition)', errorDomain: ErrorDomain.VIR_FROM_STORAGE, rootElement: 'pool', schema: 'storagepool' };

/**
 * A `<source>` alone, as virConnectFindStoragePoolSources takes it (virStoragePoolDefParseSourceString);
 * `type` undefined is a pool type libvirt does not know, which has no backend to read it.
 */
export function parsePoolSourceXML(xml: string, type: PoolType | undefined): PoolSource {
  const root = parseXmlDocument(xml, { url: '(storage_source_specification)', errorDomain: ErrorDomain.VIR_FROM_STORAGE, rootElement: 'source' });
  if (type === undefined) throw storageErr(ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'missing backend for pool type -1');
  return parseSource(root, type);
}

/** Parse `<pool>` XML text. */
export function parsePoolXML(xml: string): StoragePoolDef {
  return parsePoolElement(parseXmlDocument(xml, POOL_DOCUMENT));
}

function writeSource(w: XmlWriter, def: StoragePoolDef): void {
  const needs = POOL_TYPE_INFO[def.type].source;
  const src = def.source;
  w.open('source');
  if (needs.host) for (const h of src.hosts) w.empty('host', { name: h.name, port: h.port || undefined });
  if (needs.device) {
    for (const d of src.devices) {
      const attrs = { path: d.path, part_separator: d.partSeparator };
      if (d.freeExtents.length === 0) {
        w.empty('device', attrs);
        continue;
      }
      w.open('device', attrs);
      for (const e of d.freeExtents) w.empty('freeExtent', { start: e.start.toString(), end: e.end.toString() });
      w.close('device');
    }
  }
  if (needs.dir && src.dir !== undefined) w.empty('dir', { path: src.dir });
  if (needs.adapter && src.adapter) formatAdapter(w, src.adapter);
  if (needs.name && src.name !== undefined) w.text('name', src.name);
  if (needs.initiatorIqn && src.initiatorIqn !== undefined) {
    w.open('initiator').empty('iqn', { name: src.initiatorIqn }).close('initiator');
  }
  if (POOL_TYPE_INFO[def.type].poolFormats) w.empty('format', { type: src.format });
  if (src.auth) {
    w.open('auth', { type: src.auth.type, username: src.auth.username });
    formatSecretLookup(w, src.auth.secretType, { uuid: src.auth.secretUuid, usage: src.auth.secretUsage });
    w.close('auth');
  }
  if (src.protocolVersion !== undefined) w.empty('protocol', { ver: src.protocolVersion });
  if (src.vendor !== undefined) w.empty('vendor', { name: src.vendor });
  if (src.product !== undefined) w.empty('product', { name: src.product });
  w.close('source');
}

/** Pool types whose storage is remote and so have no `<target>`. */
const NO_TARGET: readonly PoolType[] = ['rbd', 'sheepdog', 'gluster', 'iscsi-direct'];

/**
 * Format a pool. libvirt's formatter takes no flags: "inactive" output is the persistent
 * definition, which the driver chooses before formatting, so `opts` only documents intent.
 */
export function formatPoolXML(def: StoragePoolDef, _opts: { inactive?: boolean } = {}): string {
  const w = new XmlWriter();
  w.open('pool', { type: def.type });
  w.text('name', def.name);
  w.text('uuid', def.uuid);
  w.text('capacity', def.capacity.toString(), { unit: 'bytes' });
  w.text('allocation', def.allocation.toString(), { unit: 'bytes' });
  w.text('available', def.available.toString(), { unit: 'bytes' });
  if (def.cow) w.open('features').empty('cow', { state: def.cow }).close('features');
  writeSource(w, def);
  if (!NO_TARGET.includes(def.type)) {
    w.open('target');
    if (def.target.path !== undefined) w.text('path', def.target.path);
    formatPerms(w, def.target.perms);
    w.close('target');
  }
  if (def.refreshAllocation) w.open('refresh').empty('volume', { allocation: def.refreshAllocation }).close('refresh');
  w.close('pool');
  return w.toString();
}
