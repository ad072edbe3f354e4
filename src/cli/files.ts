/** Reading the files commands name (XML descriptions), failing with libvirt's virFileReadAll lines. */
import { readFile } from 'node:fs/promises';
import { describeErrno } from './errno.js';
import { fail } from './opts.js';
import type { Session } from './session.js';

/** virsh's limit on an XML file it reads (VSH_MAX_XML_FILE). */
const MAX_XML_FILE = 10 * 1024 * 1024;

/** virFileReadAll: the text, or libvirt's line saying why it could not be read. */
export async function readFileOrReason(path: string, limit = MAX_XML_FILE): Promise<{ text: string } | { reason: string }> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    // open() succeeds on a directory; it is the read that fails.
    return { reason: `Failed to ${code === 'EISDIR' ? 'read' : 'open'} file '${path}': ${describeErrno(err)}` };
  }
  if (data.length > limit) return { reason: `Failed to read file '${path}': Value too large for defined data type` };
  return { text: data.toString('utf8') };
}

export async function readXMLFile(session: Session, path: string, limit = MAX_XML_FILE): Promise<string> {
  const read = await readFileOrReason(path, limit);
  if ('reason' in read) fail(session, read.reason);
  return read.text;
}
