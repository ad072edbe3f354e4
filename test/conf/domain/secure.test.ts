import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignDomainInterfaceNames, formatDomainXML, parseDomainXML } from '../../../src/conf/domain/index.js';
import { virshAvailable, virshDefineAndDump } from './virsh-oracle.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../test/conf/domain/corpus');
/** Corpus files holding secrets (graphics passwords, disk cookies): the ones where the secure flag matters. */
const files = readdirSync(corpusDir).filter((f) => /passwd=|<cookie/.test(readFileSync(join(corpusDir, f), 'utf8'))).sort();
const hasVirsh = virshAvailable();

function ours(file: string, secure: boolean): string {
  const def = parseDomainXML(readFileSync(join(corpusDir, file), 'utf8'));
  assignDomainInterfaceNames(def.devices, 'testnet');
  return formatDomainXML(def, { secure });
}

const entries = files.map((f) => ({ file: join(corpusDir, f), name: parseDomainXML(readFileSync(join(corpusDir, f), 'utf8')).name }));
const withSecrets = hasVirsh ? virshDefineAndDump(entries, ['--security-info']) : [];

test('the corpus has files with secrets to check', () => {
  assert.ok(files.length >= 2, files.join(','));
});

for (const [i, file] of files.entries()) {
  test(`corpus ${file}: dumpxml --security-info equals real libvirt`, (t) => {
    if (!hasVirsh) return t.skip('virsh not installed');
    assert.equal(ours(file, true), withSecrets[i] + '\n');
  });

  test(`corpus ${file}: without the secure flag the secrets are left out`, () => {
    const out = ours(file, false);
    assert.doesNotMatch(out, /passwd=|<cookie/);
    assert.notEqual(out, ours(file, true));
  });
}
