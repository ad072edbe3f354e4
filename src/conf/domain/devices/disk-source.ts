/**
 * A disk's `<source>` and backing chain as a definition keeps them (virDomainStorageSourceParse /
 * virDomainDiskSourceFormat): no `index`es or `<mirror>` (they describe a running guest), network
 * hosts with their protocol's default port, iSCSI targets with a LUN, attributes in libvirt's
 * order, metadata cache sizes in bytes.
 */
import { scaledBytes } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, type XNode } from '../xnode.js';
import { canonicalSourceSeclabels } from './seclabel.js';

const SOURCE_ATTR_ORDER = ['file', 'fdgroup', 'dev', 'dir', 'protocol', 'name', 'query', 'tls', 'tlsHostname', 'pool',
  'volume', 'mode', 'type', 'managed', 'namespace', 'path', 'startupPolicy'];

/** virStorageSourceNetworkDefaultPort: 0 means none. */
const DEFAULT_PORT: Record<string, number> = {
  http: 80, https: 443, ftp: 21, ftps: 990, tftp: 69, sheepdog: 7000, nbd: 10809, ssh: 22, iscsi: 3260, gluster: 24007, vxhs: 9999,
};

export function canonicalDiskSource(disk: XNode): void {
  disk.children = disk.children.filter((c) => c.name !== 'mirror');
  const source = getChild(disk, 'source');
  if (source) {
    canonicalSource(source, getAttr(disk, 'type'));
    // an iSCSI target without a LUN means LUN 0
    const name = getAttr(source, 'name');
    if (getAttr(disk, 'type') === 'network' && getAttr(source, 'protocol') === 'iscsi' && name !== undefined && !name.includes('/')) {
      setAttr(source, 'name', `${name}/0`);
    }
  }
  const backing = getChild(disk, 'backingStore');
  if (backing) canonicalBackingStore(backing);
  const driver = getChild(disk, 'driver');
  if (driver) canonicalMetadataCache(driver, './metadata_cache/max_size');
}

/** One `<source>` of storage `type`. */
export function canonicalSource(source: XNode, type: string | undefined): void {
  setAttr(source, 'index', undefined);
  orderAttrs(source, SOURCE_ATTR_ORDER);
  const seclabels = type === 'network' ? [] : canonicalSourceSeclabels(source);
  const firstLabel = source.children.findIndex((c) => c.name === 'seclabel');
  const others = source.children.filter((c) => c.name !== 'seclabel');
  if (firstLabel >= 0) others.splice(firstLabel, 0, ...seclabels);
  source.children = others;
  if (type !== 'network') return;
  const port = DEFAULT_PORT[getAttr(source, 'protocol') ?? ''];
  for (const host of source.children.filter((c) => c.name === 'host')) {
    const transport = getAttr(host, 'transport');
    if (transport === 'tcp') setAttr(host, 'transport', undefined);
    if ((transport === undefined || transport === 'tcp') && port && !Number(getAttr(host, 'port') ?? 0)) setAttr(host, 'port', String(port));
    orderAttrs(host, ['name', 'port', 'transport', 'socket']);
  }
}

/** A backing chain element: `<backingStore/>` ends the chain; otherwise format, source, next element. */
function canonicalBackingStore(node: XNode): void {
  const type = getAttr(node, 'type');
  if (type === undefined) {
    node.attrs = [];
    node.children = [];
    return;
  }
  node.attrs = [['type', type]];
  const format = getChild(node, 'format');
  if (format) {
    format.attrs = format.attrs.filter(([k]) => k === 'type');
    canonicalMetadataCache(format, './format/metadata_cache/max_size');
  }
  const source = getChild(node, 'source');
  if (source) canonicalSource(source, type);
  const next = getChild(node, 'backingStore');
  if (next) canonicalBackingStore(next);
  orderChildren(node, ['format', 'source', 'backingStore']);
}

/** `<metadata_cache><max_size>` (default unit bytes) in bytes; dropped when no size is set. */
function canonicalMetadataCache(parent: XNode, xpath: string): void {
  const cache = getChild(parent, 'metadata_cache');
  if (!cache) return;
  const max = getChild(cache, 'max_size');
  const bytes = max?.text ? scaledBytes(max.text.trim(), getAttr(max, 'unit'), xpath, 1) : 0n;
  parent.children = parent.children.filter((c) => c !== cache);
  if (bytes > 0n) {
    const size: XNode = { name: 'max_size', attrs: [['unit', 'bytes']], children: [], text: String(bytes) };
    parent.children.push(newXNode('metadata_cache', [], [size]));
  }
}
