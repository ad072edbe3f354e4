import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { XMLSerializer } from '@xmldom/xmldom';
import { DEFAULT_NODE_XML } from '../../../src/drivers/test/default-node.js';
import { applyNodeContent, loadNodeXML, parseNodeXML } from '../../../src/drivers/test/node-file.js';
import type { TestState } from '../../../src/drivers/test/state.js';
import { messages } from '../../../src/drivers/test/domain-diagnostics.js';

/** Everything a state holds that callers can see, with node devices as their XML. */
function visible(state: TestState) {
  const xml = new XMLSerializer();
  return {
    nodeInfo: state.nodeInfo,
    domains: state.domains.all().map((o) => ({ def: o.def, id: o.id, state: o.state, reason: o.reason, persistent: o.persistent })),
    networks: state.networks,
    pools: state.pools,
    interfaces: state.interfaces,
    devices: state.devices.map((d) => ({ ...d, element: xml.serializeToString(d.element()) })),
    auths: state.auths,
  };
}

test('the default node content survives v8.serialize, as the tsvirsh bundle carries it', () => {
  const content = parseNodeXML(DEFAULT_NODE_XML, null);
  assert.deepStrictEqual(deserialize(serialize(content)), content);
});

test('a state made from the carried default content equals one loaded from the XML', () => {
  const carried = applyNodeContent(deserialize(serialize(parseNodeXML(DEFAULT_NODE_XML, null))));
  assert.deepStrictEqual(visible(carried), visible(loadNodeXML(DEFAULT_NODE_XML, null)));
});

test('virDomainGetMessages flags pick taints, deprecations or both (virsh shows only flags 0)', () => {
  const state = loadNodeXML(`<node><domain type='test'><name>t</name><memory>65536</memory><os><type>hvm</type></os>
    <cpu><model>Deprecated-Test</model></cpu><devices><interface type='ethernet'><script path='/x'/></interface></devices></domain></node>`, null);
  const ref = state.domains.all()[0]!.ref();
  const taints = ['tainted: network configuration using opaque shell scripts', 'tainted: use of deprecated configuration settings'];
  const deprecations = ['deprecated configuration: CPU model Deprecated-Test'];
  assert.deepStrictEqual(messages(state, ref, 0), [...taints, ...deprecations]);
  assert.deepStrictEqual(messages(state, ref, 1), deprecations);
  assert.deepStrictEqual(messages(state, ref, 2), taints);
  assert.deepStrictEqual(messages(state, ref, 3), [...taints, ...deprecations]);
  assert.throws(() => messages(state, ref, 4), /unsupported flags \(0x4\) in function testDomainGetMessages/);
});

test('the default node\'s domains read back unchanged, so loading it may copy them without the XML round trip', async () => {
  const { cloneDomainDef, formatDomainXML, parseDomainXML } = await import('../../../src/conf/domain/index.js');
  const content = parseNodeXML(DEFAULT_NODE_XML, null);
  assert.ok(content.domains.length > 0);
  for (const { def } of content.domains) {
    assert.deepStrictEqual(parseDomainXML(formatDomainXML(def, { secure: true })), cloneDomainDef(def));
  }
});
