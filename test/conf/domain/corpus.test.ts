import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignDomainInterfaceNames, formatDomainXML, parseDomainXML } from '../../../src/conf/domain/index.js';
import { virshAvailable, virshDefineAndDump } from './virsh-oracle.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../test/conf/domain/corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.xml')).sort();
const hasVirsh = virshAvailable();

/** What tsvirt's test driver will store on define: parse, then name interfaces `testnetN`. */
function ours(xml: string): string {
  const def = parseDomainXML(xml);
  assignDomainInterfaceNames(def.devices, 'testnet');
  return formatDomainXML(def);
}

const expected = hasVirsh
  ? virshDefineAndDump(files.map((f) => ({ file: join(corpusDir, f), name: parseDomainXML(readFileSync(join(corpusDir, f), 'utf8')).name })))
  : [];

for (const [i, file] of files.entries()) {
  test(`corpus ${file}: define + dumpxml equals real libvirt`, (t) => {
    if (!hasVirsh) return t.skip('virsh not installed');
    assert.equal(ours(readFileSync(join(corpusDir, file), 'utf8')), expected[i] + '\n');
  });

  test(`corpus ${file}: output validates against domain.rng`, (t) => {
    const schema = '/usr/share/libvirt/schemas/domain.rng';
    if (spawnSync('xmllint', ['--version']).status !== 0) return t.skip('xmllint not installed');
    const out = join(mkdtempSync(join(tmpdir(), 'tsvirt-dom-')), file);
    writeFileSync(out, ours(readFileSync(join(corpusDir, file), 'utf8')));
    const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
}
