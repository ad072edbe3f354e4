/**
 * A separate process playing a daemon that starts guests and then goes away:
 *   node child-driver.js URI define|create NAME XMLFILE [NAME XMLFILE...]
 * Prints the started domains' ids as JSON and exits, leaving the guests running.
 * With TSVIRT_TEST_HOLD=FILE it writes the JSON to FILE instead and stays (with its driver
 * instance open) until it is killed, as a daemon killed mid-stream.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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
const hold = process.env.TSVIRT_TEST_HOLD;
if (hold) {
  writeFileSync(`${hold}.new`, JSON.stringify(ids));
  renameSync(`${hold}.new`, hold); // whole or absent for the test that waits for it
  setInterval(() => {}, 60_000); // until killed
} else {
  await conn.close();
  process.stdout.write(JSON.stringify(ids));
}
