import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiTable } from '../../scripts/gen-api-doc.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('docs/api.md lists every implemented function (run `npm run docs` when this fails)', () => {
  const table = apiTable();
  assert.equal(readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8'), table);
  for (const c of ['virDomainCreate', 'virDomainDestroy', 'virDomainGetInfo', 'virConnectListAllDomains', 'virDomainLookupByName']) {
    assert.match(table, new RegExp(`\\| \`${c}\` \\|`));
  }
});
