/**
 * RelaxNG validation of a libvirt XML document against libvirt's installed schemas, for the
 * `*_VALIDATE` flags. libvirt reports libxml2's own validation messages, so libxml2 does the work:
 * `xmllint --relaxng` (libxml2-utils) run through the Command API, its messages collected as
 * libvirt's virXMLValidatorRNGErrorCatch collects them.
 */
import { ErrorDomain, ErrorNumber } from '../errors/codes.js';
import { virError } from '../errors/vir-error.js';
import { Command } from '../util/command/index.js';
import { parseXmlDocument, type ParseXmlOptions } from './xml.js';

/** Where Debian's libvirt0 installs the schemas (libvirt's PKGDATADIR/schemas). */
export const SCHEMA_DIR = '/usr/share/libvirt/schemas';

/** xmllint's exit status when the document does not match the schema. */
const XMLLINT_INVALID = 3;
const VALIDITY_ERROR = /Relax-NG validity error : (.*)$/;

/**
 * Check `xml` as virXMLParse does with `validate`: well-formedness and root element first (the
 * same errors the parser gives), then the schema `opts.schema`.rng. Invalid documents fail with
 * VIR_ERR_XML_INVALID_SCHEMA, `Unable to validate doc against PATH` and libxml2's messages.
 */
export async function validateAgainstSchema(xml: string, opts: ParseXmlOptions & { schema: string }): Promise<void> {
  parseXmlDocument(xml, opts);
  const path = `${SCHEMA_DIR}/${opts.schema}.rng`;
  const cmd = new Command('xmllint', ['--noout', '--nonet', '--relaxng', path, '-'])
    .addEnvPassCommon().setInputBuffer(xml).setOutputBuffer().setErrorBuffer();
  const status = await cmd.run({ exitStatus: true });
  if (status === 0) return;
  const stderr = cmd.capturedError ?? '';
  if (status !== XMLLINT_INVALID) {
    throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Unable to parse RNG ${path}: ${stderr.trim()}`);
  }
  const messages = stderr.split('\n').flatMap((line) => {
    const m = VALIDITY_ERROR.exec(line);
    return m ? [`${m[1]}\n`] : [];
  });
  throw virError(ErrorDomain.VIR_FROM_XML, ErrorNumber.VIR_ERR_XML_INVALID_SCHEMA,
    `Unable to validate doc against ${path}\n${messages.join('')}`);
}
