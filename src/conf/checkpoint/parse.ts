/** Parse `<domaincheckpoint>` XML as libvirt's virDomainCheckpointDefParseString does (always schema-validated). */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, parseXmlDocument } from '../xml.js';
import { xmldom } from '../xml-libs.js';
import { descend, xpathText } from '../network/xml-props.js';
import { validateAgainstSchema } from '../schema.js';
import type { CheckpointDef, CheckpointType } from './types.js';

const chkErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_DOMAIN_CHECKPOINT, code, detail);

/** How libvirt names and validates (`domaincheckpoint.rng`) this document. */
export const CHECKPOINT_DOCUMENT = {
  url: '(domain_checkpoint)', errorDomain: ErrorDomain.VIR_FROM_DOMAIN_CHECKPOINT, rootElement: 'domaincheckpoint', schema: 'domaincheckpoint',
};

export interface CheckpointParseOptions {
  /** VIR_DOMAIN_CHECKPOINT_PARSE_REDEFINE: the XML describes an existing checkpoint (name and creationTime required). */
  redefine?: boolean;
  /** Creation time in seconds for new checkpoints (default: now); also their default name. */
  now?: number;
}

export async function parseCheckpointXML(xml: string, opts: CheckpointParseOptions = {}): Promise<CheckpointDef> {
  await validateAgainstSchema(xml, CHECKPOINT_DOCUMENT);
  const root = parseXmlDocument(xml, CHECKPOINT_DOCUMENT);
  const name = xpathText(root, 'name');
  if (name === undefined && opts.redefine) throw chkErr(ErrorNumber.VIR_ERR_XML_ERROR, 'a redefined checkpoint must have a name');
  const def: CheckpointDef = { name: name ?? '', description: xpathText(root, 'description'), creationTime: 0, disks: [] };
  if (opts.redefine) {
    const m = /^\s*([+-]?\d+)$/.exec(xpathText(root, 'creationTime') ?? '');
    if (!m) throw chkErr(ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'missing creationTime from existing checkpoint');
    def.creationTime = Number(m[1]);
    def.parent = xpathText(descend(root, 'parent'), 'name');
    const domain = firstChild(root, 'domain');
    if (domain) def.domainXML = new (xmldom().XMLSerializer)().serializeToString(domain);
  } else {
    def.creationTime = opts.now ?? Math.floor(Date.now() / 1000);
    if (name === undefined) def.name = String(def.creationTime);
  }
  const disks = firstChild(root, 'disks');
  def.disks = (disks ? childElements(disks) : []).map((d) => ({
    name: attr(d, 'name') ?? '',
    // the schema has checked the value
    type: (attr(d, 'checkpoint') ?? 'bitmap') as CheckpointType,
    bitmap: attr(d, 'bitmap'),
  }));
  return def;
}
