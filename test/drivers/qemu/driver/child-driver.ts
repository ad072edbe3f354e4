/**
 * A separate process playing a daemon that starts guests and then goes away:
 *   node child-driver.js URI define|create NAME XMLFILE [NAME XMLFILE...]
 * Prints the started domains' ids as JSON and exits, leaving the guests running.
 */
import { readFileSync } from 'node:fs';
import * as v from '../../../../src/index.js';

const [uri, mode, ...pairs] = process.argv.slice(2);
const conn = await v.open(uri!);
const ids: Record<string, number> = {};
for (let i = 0; i < pairs.length; i += 2) {
  const xml = readFileSync(pairs[i + 1]!, 'utf8');
  let dom: v.Domain;
  if (mode === 'define') {
    const defined = await conn.defineXML(xml);
    await defined.create();
    defined.free();
    dom = await conn.lookupByName(pairs[i]!);
  } else {
    dom = await conn.createXML(xml, 0);
  }
  ids[pairs[i]!] = dom.ID();
  dom.free();
}
await conn.close();
process.stdout.write(JSON.stringify(ids));
