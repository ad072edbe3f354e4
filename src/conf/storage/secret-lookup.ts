/** `<secret uuid=.../>` or `<secret usage=.../>`: how pool auth and volume encryption name a secret. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, XmlWriter, type XmlElement } from '../xml.js';
import { parseUuid } from '../network/uuid.js';

/** Exactly one of the two is set. */
export interface SecretLookup {
  uuid?: string;
  usage?: string;
}

/** virSecretLookupParseSecret (a util/ helper, so its errors carry no domain). */
export function parseSecretLookup(secret: XmlElement): SecretLookup {
  const utilErr = (detail: string) => virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_XML_ERROR, detail);
  const uuidText = attr(secret, 'uuid');
  const usage = attr(secret, 'usage');
  if (uuidText === undefined && usage === undefined) throw utilErr('missing secret uuid or usage attribute');
  if (uuidText !== undefined && usage !== undefined) throw utilErr('either secret uuid or usage expected');
  if (uuidText === undefined) return { usage };
  const uuid = parseUuid(uuidText);
  if (!uuid) throw utilErr(`invalid secret uuid '${uuidText}'`);
  return { uuid };
}

export function formatSecretLookup(w: XmlWriter, type: string | undefined, lookup: SecretLookup): void {
  w.empty('secret', { type, uuid: lookup.uuid, usage: lookup.uuid ? undefined : lookup.usage });
}
