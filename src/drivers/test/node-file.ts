import { parseInterfaceElement, type InterfaceDef } from '../../conf/interface/index.js';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { xmldom } from '../../conf/xml-libs.js';
import { checkNodeDeviceElement } from '../../conf/nodedev.js';
import { findPoolForDef } from '../shared/storage-pools.js';
import { assignDef as assignNetworkDef } from './networks.js';
import { parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { parseNetworkXML, type NetworkDef } from '../../conf/network/index.js';
import { parsePoolXML, parseVolXML, type StoragePoolDef, type StorageVolDef } from '../../conf/storage/index.js';
import { attr, childElements, firstChild, parseXmlDocument, textOf, type XmlElement } from '../../conf/xml.js';
import { ErrorDomain, unknownCauseError } from '../../errors/index.js';
import type { NodeInfo } from '../types.js';
import { VIR_DOMAIN_LAST, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, VIR_DOMAIN_SHUTOFF } from '../../api/constants.js';
import { E, testError } from './errors.js';
import { TestState } from './state.js';
import { DEFAULT_NODE_INFO } from './default-node.js';
import { startDomainState } from './lifecycle.js';
import { generateIfnames } from './domains.js';
import { loadSnapshotsFromNode } from './snapshots.js';
import { nodeFileIOThreads } from './domain-stats.js';
import { checkNodeDomainTaint } from './taint.js';

const TEST_NS = 'http://libvirt.org/schemas/domain/test/1.0';

/** A domain of a node file, its test-namespace settings taken out of its definition. */
export interface NodeDomain {
  def: DomainDef;
  runstate: number;
  transient: boolean;
  hasManagedSave: boolean;
  snapshots: XmlElement[];
}

/** The objects of a node file after its domains, in the order libvirt reads them. */
interface NodeObjects {
  networks: NetworkDef[];
  interfaces: InterfaceDef[];
  pools: { def: StoragePoolDef; volumes: StorageVolDef[] }[];
  /** Node devices as their XML, parsed when a caller looks inside one. */
  devices: { name: string; parent: string | null; xml: string }[];
  auths: { username: string; password: string | null }[];
}

/**
 * What a node file defines, parsed but not yet made into driver objects. The default node's
 * content is plain data, so a build can compute it ahead of time (see default-node.ts).
 */
export interface NodeContent extends NodeObjects {
  nodeInfo: NodeInfo;
  domains: NodeDomain[];
}

/**
 * Build a test driver state from a custom node file (libvirt's test driver format: `<node>` with
 * `<cpu>`, `<memory>`, `<domain>`, `<network>`, `<interface>`, `<pool>` (with `<volume>`s),
 * `<device>` and `<auth>`; any object element may name a `file='...'` to load it from,
 * relative to the node file). Domains become objects before the later sections are read, so
 * a file with several faults reports the one libvirt reports.
 */
export function loadNodeXML(xml: string, file: string | null, state = new TestState()): TestState {
  const root = parseNodeRoot(xml, file);
  state.nodeInfo = parseNodeInfo(root);
  addDomains(state, parseDomains(root, file));
  addObjects(state, parseObjects(root, file));
  return state;
}

/** A node file's content without making objects of it (for a build to keep). */
export function parseNodeXML(xml: string, file: string | null): NodeContent {
  const root = parseNodeRoot(xml, file);
  return { nodeInfo: parseNodeInfo(root), domains: parseDomains(root, file), ...parseObjects(root, file) };
}

/** Make the driver objects of parsed content. The content is taken over, not copied. */
export function applyNodeContent(content: NodeContent, state = new TestState()): TestState {
  state.nodeInfo = content.nodeInfo;
  addDomains(state, content.domains);
  addObjects(state, content);
  return state;
}

function parseNodeRoot(xml: string, file: string | null): XmlElement {
  return parseXmlDocument(xml, { url: file ?? '(test driver)', errorDomain: ErrorDomain.VIR_FROM_TEST, rootElement: 'node' });
}

function parseDomains(root: XmlElement, file: string | null): NodeDomain[] {
  return childElements(root, 'domain').map((el) => parseDomain(resolve(el, file), file));
}

function addDomains(state: TestState, domains: NodeDomain[]): void {
  for (const d of domains) {
    const { obj } = state.domains.add(d.def);
    obj.persistent = !d.transient;
    obj.hasManagedSave = d.hasManagedSave;
    loadSnapshotsFromNode(state, obj, d.snapshots);
    if (d.runstate !== VIR_DOMAIN_SHUTOFF) startDomainState(state, obj, VIR_DOMAIN_RUNNING_BOOTED);
    obj.setState(d.runstate, 0);
    checkNodeDomainTaint(obj);
    obj.iothreads = nodeFileIOThreads(obj.def);
  }
}

function parseObjects(root: XmlElement, file: string | null): NodeObjects {
  const networks = childElements(root, 'network').map((el) => parseNetworkXML(text(resolve(el, file))));
  const interfaces = childElements(root, 'interface').map((el) => parseInterfaceElement(resolve(el, file)));
  const pools = childElements(root, 'pool').map((el) => parsePool(resolve(el, file), file));
  // A later device of the same name takes the earlier one's place (virNodeDeviceObjListAssignDef).
  const devices: NodeObjects['devices'] = [];
  for (const el of childElements(root, 'device')) {
    const node = resolve(el, file);
    const device = { name: checkNodeDeviceElement(node), parent: textOf(firstChild(node, 'parent')) ?? null, xml: text(node) };
    const at = devices.findIndex((d) => d.name === device.name);
    if (at >= 0) devices[at] = device;
    else devices.push(device);
  }
  // /node/auth/user: the users of every <auth>
  const auths = childElements(root, 'auth').flatMap((auth) => childElements(auth, 'user')).map((user) => {
    const username = textOf(user) ?? '';
    if (username === '') throw testError(E.VIR_ERR_XML_ERROR, 'missing username in /node/auth/user field');
    return { username, password: attr(user, 'password') ?? null };
  });
  return { networks, interfaces, pools, devices, auths };
}

function addObjects(state: TestState, objects: NodeObjects): void {
  // Each object goes through its list's add rules, as libvirt's loader does: a clash of names or
  // UUIDs is refused, a later interface of the same name replaces the earlier one.
  for (const def of objects.networks) assignNetworkDef(state, def, false).active = true;
  for (const def of objects.interfaces) {
    const at = state.interfaces.findIndex((i) => i.def.name === def.name);
    if (at >= 0) state.interfaces[at] = { def, active: true };
    else state.interfaces.push({ def, active: true });
  }
  for (const { def, volumes } of objects.pools) {
    const existing = findPoolForDef(state.pools, def, false);
    if (existing) Object.assign(existing, { def, volumes: [...existing.volumes, ...volumes], active: true });
    else state.pools.push({ def, volumes, active: true, persistent: true, autostart: false });
  }
  for (const { name, parent, xml } of objects.devices) {
    const element = once(() => parseXmlDocument(xml, { url: '(test driver)', errorDomain: ErrorDomain.VIR_FROM_TEST }));
    state.devices.push({ name, mac: '', parent, active: true, element });
  }
  state.auths.push(...objects.auths);
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function loadNodeFile(path: string): TestState {
  return loadNodeXML(readXMLFile(path), path);
}

/**
 * A file as libxml2 reads it for libvirt: a file that cannot be opened gets libxml2's own line on
 * stderr and libvirt's parse error; a directory reads as an empty document.
 */
function readXMLFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') {
      process.stderr.write('I/O error : Is a directory\n');
      return '';
    }
    process.stderr.write(`I/O warning : failed to load external entity "${path}"\n`);
    throw testError(E.VIR_ERR_XML_ERROR, `failed to parse xml document '${path}'`);
  }
}

function text(el: XmlElement): string {
  return new (xmldom().XMLSerializer)().serializeToString(el);
}

/** An element with `file='...'` is replaced by the root of that file. */
function resolve(el: XmlElement, file: string | null): XmlElement {
  const rel = attr(el, 'file');
  if (rel === undefined) return el;
  const abs = isAbsolute(rel) || file === null ? rel : join(dirname(file), rel);
  return parseXmlDocument(readXMLFile(abs), { url: abs, errorDomain: ErrorDomain.VIR_FROM_TEST, rootElement: el.nodeName });
}

/**
 * libvirt's virXPathUInt / virXPathULongLong on `string(/node/a/b[1])`: the first match in document
 * order over every `a`; an empty text counts as absent; a value is leading blanks, an optional
 * plus and digits that fit `bits` (virStrToLong_uip / _ullp).
 */
function uintAt(root: XmlElement, path: [string, string] | [string], what: string, bits: 32 | 64 = 32): number | undefined {
  const [first, second] = path;
  const found = second === undefined
    ? firstChild(root, first)
    : childElements(root, first).map((el) => firstChild(el, second)).find((el) => el !== undefined);
  const value = textOf(found);
  if (value === undefined || value === '') return undefined;
  const m = /^\s*\+?(\d+)$/.exec(value);
  if (!m || BigInt(m[1]!) >= 1n << BigInt(bits)) throw testError(E.VIR_ERR_XML_ERROR, `invalid node ${what} value`);
  return Number(m[1]);
}

function parseNodeInfo(root: XmlElement): NodeInfo {
  const info: NodeInfo = { ...DEFAULT_NODE_INFO };
  info.nodes = uintAt(root, ['cpu', 'nodes'], 'cpu nodes') ?? info.nodes;
  info.sockets = uintAt(root, ['cpu', 'sockets'], 'cpu sockets') ?? info.sockets;
  info.cores = uintAt(root, ['cpu', 'cores'], 'cpu cores') ?? info.cores;
  info.threads = uintAt(root, ['cpu', 'threads'], 'cpu threads') ?? info.threads;
  info.cpus = info.cores * info.threads * info.sockets * info.nodes;
  const active = uintAt(root, ['cpu', 'active'], 'cpu active');
  if (active !== undefined && active < info.cpus) info.cpus = active;
  info.mhz = uintAt(root, ['cpu', 'mhz'], 'cpu mhz') ?? info.mhz;
  const model = textOf(childElements(root, 'cpu').map((el) => firstChild(el, 'model')).find((el) => el !== undefined));
  // virNodeInfo's model holds 31 characters and its terminator.
  if (model !== undefined && model.length >= 32) throw testError(E.VIR_ERR_INTERNAL_ERROR, `Model ${model} too big for destination`);
  if (model) info.model = model;
  info.memory = uintAt(root, ['memory'], 'memory', 64) ?? info.memory;
  return info;
}

/** The test namespace elements of a domain (runstate, transient, hasmanagedsave, snapshots), removed from it. */
function takeTestNamespace(el: XmlElement) {
  const ns = { runstate: VIR_DOMAIN_RUNNING, transient: false, hasManagedSave: false, snapshots: [] as XmlElement[] };
  for (const child of childElements(el)) {
    if (child.namespaceURI !== TEST_NS) continue;
    const local = child.localName;
    if (local === 'runstate') {
      const v = (textOf(child) ?? '').trim();
      if (!/^\d+$/.test(v)) throw testError(E.VIR_ERR_XML_ERROR, 'invalid runstate');
      if (Number(v) >= VIR_DOMAIN_LAST) throw testError(E.VIR_ERR_XML_ERROR, `runstate '${v}' out of range'`);
      ns.runstate = Number(v);
    } else if (local === 'transient') ns.transient = true;
    else if (local === 'hasmanagedsave') ns.hasManagedSave = true;
    else if (local === 'domainsnapshot') ns.snapshots.push(child);
    el.removeChild(child);
  }
  if (ns.transient && ns.runstate === VIR_DOMAIN_SHUTOFF) {
    throw testError(E.VIR_ERR_XML_ERROR, "transient domain cannot have runstate 'shutoff'");
  }
  if (ns.hasManagedSave && ns.runstate !== VIR_DOMAIN_SHUTOFF) {
    throw testError(E.VIR_ERR_XML_ERROR, "domain with managedsave data can only have runstate 'shutoff'");
  }
  return ns;
}

function parseDomain(el: XmlElement, file: string | null): NodeDomain {
  const ns = takeTestNamespace(el);
  const def = parseDomainXML(text(el));
  generateIfnames(def);
  return { def, ...ns, snapshots: ns.snapshots.map((s) => resolve(s, file)) };
}

function parsePool(el: XmlElement, file: string | null): NodeContent['pools'][number] {
  const def = parsePoolXML(text(el));
  const volumes: StorageVolDef[] = [];
  setPoolDefaults(def);
  for (const v of childElements(el, 'volume')) {
    const vol = parseVolXML(text(resolve(v, file)), def);
    vol.target.path ??= `${def.target.path}/${vol.name}`;
    vol.key ??= vol.target.path;
    // virStoragePoolObjAddVol refuses a key, name or path already taken, without saying why
    if (volumes.some((v) => v.key === vol.key || v.name === vol.name || v.target.path === vol.target.path)) throw unknownCauseError();
    volumes.push(vol);
    def.allocation += vol.allocation;
    def.available = def.capacity - def.allocation;
  }
  return { def, volumes };
}

/** Sizes every test pool reports until volumes change them (libvirt's testStoragePoolObjSetDefaults). */
export function setPoolDefaults(def: ReturnType<typeof parsePoolXML>): void {
  def.capacity = 100n * 1024n * 1024n * 1024n;
  def.allocation = 0n;
  def.available = def.capacity;
}
