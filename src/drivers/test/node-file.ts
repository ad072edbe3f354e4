import { parseInterfaceElement } from '../../conf/interface/index.js';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { XMLSerializer } from '@xmldom/xmldom';
import { parseDomainXML } from '../../conf/domain/index.js';
import { parseNetworkXML } from '../../conf/network/index.js';
import { parsePoolXML, parseVolXML } from '../../conf/storage/index.js';
import { attr, childElements, firstChild, parseXmlDocument, textOf, type XmlElement } from '../../conf/xml.js';
import { ErrorDomain } from '../../errors/index.js';
import { VIR_DOMAIN_LAST, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, VIR_DOMAIN_SHUTOFF } from '../../api/constants.js';
import { E, testError } from './errors.js';
import { TestState } from './state.js';
import { startDomainState } from './lifecycle.js';
import { generateIfnames } from './domains.js';
import { loadSnapshotsFromNode } from './snapshots.js';

const TEST_NS = 'http://libvirt.org/schemas/domain/test/1.0';
const serializer = new XMLSerializer();

/**
 * Build a test driver state from a custom node file (libvirt's test driver format: `<node>` with
 * `<cpu>`, `<memory>`, `<domain>`, `<network>`, `<interface>`, `<pool>` (with `<volume>`s),
 * `<device>` and `<auth>`; any object element may name a `file='...'` to load it from,
 * relative to the node file).
 */
export function loadNodeXML(xml: string, file: string | null, state = new TestState()): TestState {
  const root = parseXmlDocument(xml, { url: file ?? '(test driver)', errorDomain: ErrorDomain.VIR_FROM_TEST, rootElement: 'node' });
  parseNodeInfo(root, state);
  for (const el of childElements(root, 'domain')) loadDomain(state, resolve(el, file), file);
  for (const el of childElements(root, 'network')) {
    const def = parseNetworkXML(text(resolve(el, file)));
    state.networks.push({ def, newDef: null, active: true, persistent: true, autostart: false });
  }
  for (const el of childElements(root, 'interface')) {
    state.interfaces.push({ def: parseInterfaceElement(resolve(el, file)), active: true });
  }
  for (const el of childElements(root, 'pool')) loadPool(state, resolve(el, file), file);
  for (const el of childElements(root, 'device')) {
    const node = resolve(el, file);
    state.devices.push({
      name: textOf(firstChild(node, 'name')) ?? '', mac: '', parent: textOf(firstChild(node, 'parent')) ?? null, active: true, element: node,
    });
  }
  const auth = firstChild(root, 'auth');
  for (const user of auth ? childElements(auth, 'user') : []) {
    const username = textOf(user) ?? '';
    if (username === '') throw testError(E.VIR_ERR_XML_ERROR, 'missing username in /node/auth/user field');
    state.auths.push({ username, password: attr(user, 'password') ?? null });
  }
  return state;
}

export function loadNodeFile(path: string): TestState {
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch (err) {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `failed to load XML file '${path}'`);
  }
  return loadNodeXML(xml, path);
}

function text(el: XmlElement): string {
  return serializer.serializeToString(el);
}

/** An element with `file='...'` is replaced by the root of that file. */
function resolve(el: XmlElement, file: string | null): XmlElement {
  const rel = attr(el, 'file');
  if (rel === undefined) return el;
  const abs = isAbsolute(rel) || file === null ? rel : join(dirname(file), rel);
  let xml: string;
  try {
    xml = readFileSync(abs, 'utf8');
  } catch {
    throw testError(E.VIR_ERR_INTERNAL_ERROR, `failed to load XML file '${abs}'`);
  }
  return parseXmlDocument(xml, { url: abs, errorDomain: ErrorDomain.VIR_FROM_TEST, rootElement: el.nodeName });
}

function uintAt(root: XmlElement, path: string[], what: string): number | undefined {
  let el: XmlElement | undefined = root;
  for (const name of path) el = el ? firstChild(el, name) : undefined;
  const value = textOf(el);
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw testError(E.VIR_ERR_XML_ERROR, `invalid node ${what} value`);
  return Number(value);
}

function parseNodeInfo(root: XmlElement, state: TestState): void {
  const info = state.nodeInfo;
  info.nodes = uintAt(root, ['cpu', 'nodes'], 'cpu nodes') ?? info.nodes;
  info.sockets = uintAt(root, ['cpu', 'sockets'], 'cpu sockets') ?? info.sockets;
  info.cores = uintAt(root, ['cpu', 'cores'], 'cpu cores') ?? info.cores;
  info.threads = uintAt(root, ['cpu', 'threads'], 'cpu threads') ?? info.threads;
  info.cpus = info.cores * info.threads * info.sockets * info.nodes;
  const active = uintAt(root, ['cpu', 'active'], 'cpu active');
  if (active !== undefined && active < info.cpus) info.cpus = active;
  info.mhz = uintAt(root, ['cpu', 'mhz'], 'cpu mhz') ?? info.mhz;
  const cpu = firstChild(root, 'cpu');
  const model = cpu ? textOf(firstChild(cpu, 'model')) : undefined;
  if (model !== undefined) info.model = model;
  info.memory = uintAt(root, ['memory'], 'memory') ?? info.memory;
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

function loadDomain(state: TestState, el: XmlElement, file: string | null): void {
  const ns = takeTestNamespace(el);
  const def = parseDomainXML(text(el));
  generateIfnames(def);
  const { obj } = state.domains.add(def);
  obj.persistent = !ns.transient;
  obj.hasManagedSave = ns.hasManagedSave;
  loadSnapshotsFromNode(state, obj, ns.snapshots.map((s) => resolve(s, file)));
  if (ns.runstate !== VIR_DOMAIN_SHUTOFF) startDomainState(state, obj, VIR_DOMAIN_RUNNING_BOOTED);
  obj.setState(ns.runstate, 0);
}

function loadPool(state: TestState, el: XmlElement, file: string | null): void {
  const def = parsePoolXML(text(el));
  const pool = { def, active: true, persistent: true, autostart: false, volumes: [] as ReturnType<typeof parseVolXML>[] };
  setPoolDefaults(pool.def);
  for (const v of childElements(el, 'volume')) {
    const vol = parseVolXML(text(resolve(v, file)), def);
    vol.target.path ??= `${def.target.path}/${vol.name}`;
    vol.key ??= vol.target.path;
    pool.volumes.push(vol);
    def.allocation += vol.allocation;
    def.available = def.capacity - def.allocation;
  }
  state.pools.push(pool);
}

/** Sizes every test pool reports until volumes change them (libvirt's testStoragePoolObjSetDefaults). */
export function setPoolDefaults(def: ReturnType<typeof parsePoolXML>): void {
  def.capacity = 100n * 1024n * 1024n * 1024n;
  def.allocation = 0n;
  def.available = def.capacity;
}
