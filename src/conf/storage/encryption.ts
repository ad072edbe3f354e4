/** A volume's `<encryption>` (qcow or LUKS, its secrets and LUKS cipher), as libvirt's storage encryption conf. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, firstChild, XmlWriter, type XmlElement } from '../xml.js';
import { propEnum, propUInt, xpathAttr } from '../network/xml-props.js';
import { formatSecretLookup, parseSecretLookup, type SecretLookup } from './secret-lookup.js';

const FORMATS = ['default', 'qcow', 'luks', 'luks2'] as const;
/** "default" (the enum's zero) may not be named. */
const ENGINES = ['qemu', 'librbd'] as const;

export interface VolumeEncryption {
  format: (typeof FORMATS)[number];
  engine?: 'qemu' | 'librbd';
  /** Every secret is of type "passphrase", the only one libvirt knows. */
  secrets: SecretLookup[];
  /** LUKS only. */
  cipher?: { name: string; size: number; mode?: string; hash?: string };
  ivgen?: { name: string; hash?: string };
}

const storageErr = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_STORAGE, code, detail);

function parseSecret(node: XmlElement): SecretLookup {
  const type = xpathAttr(node, 'type');
  if (type === undefined) throw storageErr(ErrorNumber.VIR_ERR_XML_ERROR, 'unknown volume encryption secret type');
  if (type !== 'passphrase') throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown volume encryption secret type ${type}`);
  return parseSecretLookup(node);
}

/** virStorageEncryptionParseNode. */
export function parseEncryption(node: XmlElement): VolumeEncryption {
  const format = xpathAttr(node, 'format');
  if (format === undefined) throw storageErr(ErrorNumber.VIR_ERR_XML_ERROR, 'unknown volume encryption format');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw storageErr(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown volume encryption format type ${format}`);
  }
  const engine = propEnum(node, 'engine', ENGINES);
  const enc: VolumeEncryption = { format: format as VolumeEncryption['format'], engine, secrets: childElements(node, 'secret').map(parseSecret) };
  if (enc.format !== 'luks') return enc;
  const cipher = firstChild(node, 'cipher');
  if (cipher) {
    const name = attr(cipher, 'name');
    if (name === undefined) throw storageErr(ErrorNumber.VIR_ERR_XML_ERROR, "cipher info missing 'name' attribute");
    const size = propUInt(cipher, 'size');
    if (size === undefined) {
      throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_ERROR, "Missing required attribute 'size' in element 'cipher'");
    }
    enc.cipher = { name, size, mode: attr(cipher, 'mode'), hash: attr(cipher, 'hash') };
  }
  const ivgen = firstChild(node, 'ivgen');
  if (ivgen) {
    if (!enc.cipher) throw storageErr(ErrorNumber.VIR_ERR_XML_ERROR, 'ivgen element found, but cipher is missing');
    const name = attr(ivgen, 'name');
    if (name === undefined) throw storageErr(ErrorNumber.VIR_ERR_XML_ERROR, 'missing ivgen info name string');
    enc.ivgen = { name, hash: attr(ivgen, 'hash') };
  }
  return enc;
}

/** virStorageEncryptionFormat. */
export function formatEncryption(w: XmlWriter, enc: VolumeEncryption): void {
  w.open('encryption', { format: enc.format, engine: enc.engine });
  for (const secret of enc.secrets) formatSecretLookup(w, 'passphrase', secret);
  if (enc.format === 'luks' && enc.cipher) {
    w.empty('cipher', { name: enc.cipher.name, size: String(enc.cipher.size), mode: enc.cipher.mode, hash: enc.cipher.hash });
    if (enc.ivgen) w.empty('ivgen', { name: enc.ivgen.name, hash: enc.ivgen.hash });
  }
  w.close('encryption');
}
