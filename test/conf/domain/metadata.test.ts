import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneDomainDef, formatDomainXML, getDomainMetadata, parseDomainXML, setDomainMetadata,
  VIR_DOMAIN_METADATA_DESCRIPTION, VIR_DOMAIN_METADATA_ELEMENT, VIR_DOMAIN_METADATA_TITLE } from '../../../src/conf/domain/index.js';
import { ErrorNumber } from '../../../src/errors/codes.js';

const XML = `<domain type='test'><name>m</name><uuid>11111111-2222-3333-4444-555555555555</uuid>
<metadata><app:x xmlns:app="urn:app">v</app:x></metadata><memory>1024</memory><os><type>hvm</type></os></domain>`;

test('title, description and element metadata read back as virDomainGetMetadata does', () => {
  const def = parseDomainXML(XML);
  assert.throws(() => getDomainMetadata(def, VIR_DOMAIN_METADATA_TITLE), (e: any) => e.code === ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA);
  setDomainMetadata(def, VIR_DOMAIN_METADATA_TITLE, 'T');
  setDomainMetadata(def, VIR_DOMAIN_METADATA_DESCRIPTION, 'D');
  assert.equal(getDomainMetadata(def, VIR_DOMAIN_METADATA_TITLE), 'T');
  assert.equal(getDomainMetadata(def, VIR_DOMAIN_METADATA_DESCRIPTION), 'D');
  assert.equal(getDomainMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, 'urn:app'), '<x>v</x>');
  setDomainMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, '<y a="1"/>', 'k', 'urn:k');
  assert.match(formatDomainXML(def), /<k:y xmlns:k="urn:k" a="1"\/>/);
  setDomainMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, null, undefined, 'urn:app');
  assert.doesNotMatch(formatDomainXML(def), /urn:app/);
});

test('cloneDomainDef gives an independent copy and format adds the running id', () => {
  const def = parseDomainXML(XML);
  const copy = cloneDomainDef(def);
  copy.name = 'other';
  assert.equal(def.name, 'm');
  assert.match(formatDomainXML(def, { id: 3 }), /^<domain type='test' id='3'>/);
  assert.match(formatDomainXML(def, { id: 3, inactive: true }), /^<domain type='test'>/);
});
