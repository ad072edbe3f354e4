/** Parse and validate `<domainsnapshot>` XML as libvirt's virDomainSnapshotDefParseString does. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, parseXmlDocument, type XmlElement } from '../xml.js';
import { FILE_FORMATS } from '../storage/pool-types.js';
import { xmldom } from '../xml-libs.js';
import { descend, propEnum, xpathAttr, xpathText } from '../network/xml-props.js';
import { SNAPSHOT_LOCATIONS, SNAPSHOT_STATES, type SnapshotDef, type SnapshotDisk, type SnapshotLocation, type SnapshotState } from './types.js';

export interface SnapshotParseOptions {
  /** VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE: the XML describes an existing snapshot (name, state, creationTime required). */
  redefine?: boolean;
  /** VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE: a snapshot of a shut-off domain. */
  offline?: boolean;
  /** Creation time in seconds for new snapshots (default: now); also their default name. */
  now?: number;
}

const snapErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT, code, detail);
const xmlErr = (detail: string) => snapErr(ErrorNumber.VIR_ERR_XML_ERROR, detail);

/** Location enum attribute; "default" may not be written explicitly (NONZERO). */
function location(el: XmlElement, name: string): SnapshotLocation {
  const value = propEnum(el, name, SNAPSHOT_LOCATIONS);
  if (value === 'default') {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, `Invalid value for attribute '${name}' in element '${el.nodeName}': '${value}'.`);
  }
  return value ?? 'default';
}

function parseDisk(node: XmlElement, redefine: boolean): SnapshotDisk {
  const name = attr(node, 'name');
  if (name === undefined) throw snapErr(ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'missing name from disk snapshot element');
  let snapshot = location(node, 'snapshot');
  const typeText = propEnum(node, 'type', ['none', 'file', 'block', 'dir', 'network', 'volume', 'nvme', 'vhostuser'] as const) ?? 'file';
  if (typeText === 'none') {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, `Invalid value for attribute 'type' in element 'disk': 'none'.`);
  }
  if (typeText === 'volume' || typeText === 'dir') throw xmlErr(`unsupported disk snapshot type '${typeText}'`);
  if (typeText !== 'file' && typeText !== 'block') {
    throw snapErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `disk snapshot type '${typeText}' is not supported by tsvirt yet`);
  }
  const source = firstChild(node, 'source');
  const pathAttr = typeText === 'file' ? 'file' : 'dev';
  const path = source ? attr(source, pathAttr) || undefined : undefined;
  const driverType = xpathAttr(firstChild(node, 'driver'), 'type');
  if (driverType !== undefined && (FILE_FORMATS as readonly string[]).indexOf(driverType) <= 0) {
    throw snapErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown disk snapshot driver '${driverType}'`);
  }
  if (path !== undefined && !path.startsWith('/')) throw xmlErr(`disk snapshot image path '${path}' must be absolute`);
  if (snapshot === 'default' && (path !== undefined || driverType !== undefined)) snapshot = 'external';
  return {
    name,
    snapshot,
    type: typeText,
    path,
    driverType,
    deleteInProgress: redefine && !!firstChild(node, 'snapshotDeleteInProgress') ? true : undefined,
  };
}

function parseState(text: string | undefined): SnapshotState {
  if (text === undefined) throw xmlErr('missing state from existing snapshot');
  const i = (SNAPSHOT_STATES as readonly string[]).indexOf(text);
  if (i <= 0) throw snapErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `Invalid state '${text}' in domain snapshot XML`);
  return text as SnapshotState;
}

export function parseSnapshotElement(root: XmlElement, opts: SnapshotParseOptions = {}): SnapshotDef {
  const redefine = opts.redefine ?? false;
  let offline = opts.offline ?? false;
  const name = xpathText(root, 'name');
  if (name === undefined && redefine) throw xmlErr('a redefined snapshot must have a name');
  const def: SnapshotDef = {
    name: name ?? '',
    description: xpathText(root, 'description'),
    creationTime: 0,
    memory: 'default',
    disks: [],
  };
  if (redefine) {
    const created = xpathText(root, 'creationTime');
    const m = created === undefined ? null : /^\s*([+-]?\d+)$/.exec(created);
    if (!m) throw snapErr(ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'missing creationTime from existing snapshot');
    def.creationTime = Number(m[1]);
    def.parent = xpathText(descend(root, 'parent'), 'name');
    def.state = parseState(xpathText(root, 'state'));
    offline = def.state === 'shutoff' || def.state === 'disk-snapshot';
    const serializer = new (xmldom().XMLSerializer)();
    const domain = firstChild(root, 'domain');
    if (domain && xpathAttr(domain, 'type') !== undefined) def.domainXML = serializer.serializeToString(domain);
    const inactive = firstChild(root, 'inactiveDomain');
    if (inactive) def.inactiveDomainXML = serializer.serializeToString(inactive);
  } else {
    def.creationTime = opts.now ?? Math.floor(Date.now() / 1000);
    if (name === undefined) def.name = String(def.creationTime);
  }
  const memory = firstChild(root, 'memory');
  if (memory) {
    def.memoryFile = attr(memory, 'file');
    def.memory = location(memory, 'snapshot');
    if (def.memory === 'manual') throw xmlErr("'manual' memory snapshot mode not supported");
  }
  if (def.memory === 'default') {
    if (def.memoryFile !== undefined) def.memory = 'external';
    else if (redefine) def.memory = offline ? 'no' : 'internal';
  }
  if (def.memoryFile !== undefined && def.memory !== 'external') {
    throw xmlErr(`memory filename '${def.memoryFile}' requires external snapshot`);
  }
  if (def.memoryFile === undefined && def.memory === 'external') throw xmlErr('external memory snapshots require a filename');
  if (offline && def.memory !== 'default' && def.memory !== 'no') {
    throw xmlErr('memory state cannot be saved with offline or disk-only snapshot');
  }
  if (def.memoryFile !== undefined && !def.memoryFile.startsWith('/')) {
    throw xmlErr(`memory snapshot file path (${def.memoryFile}) must be absolute`);
  }
  const disks = firstChild(root, 'disks');
  def.disks = disks ? childElements(disks).map((d) => parseDisk(d, redefine)) : [];
  return def;
}

/** How libvirt names, checks and validates (`domainsnapshot.rng`) this document. */
export const SNAPSHOT_DOCUMENT = { url: '(domain_snapshot)', errorDomain: ErrorDomain.VIR_FROM_DOMAIN_SNAPSHOT, rootElement: 'domainsnapshot', schema: 'domainsnapshot' };

/** Parse `<domainsnapshot>` XML text. */
export function parseSnapshotXML(xml: string, opts: SnapshotParseOptions = {}): SnapshotDef {
  return parseSnapshotElement(parseXmlDocument(xml, SNAPSHOT_DOCUMENT), opts);
}
