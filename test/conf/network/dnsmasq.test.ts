/**
 * `<dnsmasq:options>` against libvirt's network driver: a real libvirtd session daemon (run as
 * nobody) defines and dumps each network; our parser, given the dnsmasq namespace as libvirt's
 * network driver gives its xmlopt, must format the same XML or fail with the same error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNetworkXML, parseNetworkXML } from '../../../src/conf/network/index.js';
import { havePython, libvirtdSkip, python, startLibvirtd } from '../../daemon/harness.js';
import { outcome, relaxngProblem, xmllintAvailable, type OracleResult } from './oracle.js';

const dir = join(process.cwd(), 'test/conf/network/dnsmasq');
const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const ours = (xml: string) => formatNetworkXML(parseNetworkXML(xml, { dnsmasqNamespace: true }));

const ORACLE = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open(sys.argv[1].replace('test+unix:///default', 'qemu+unix:///session'))
out = []
for xml in json.loads(sys.argv[2]):
    try:
        n = conn.networkDefineXML(xml)
        out.append({'ok': True, 'xml': n.XMLDesc(0)})
        n.undefine()
    except libvirt.libvirtError as e:
        out.append({'ok': False, 'code': e.get_error_code(), 'domain': e.get_error_domain(), 'message': str(e)})
print(json.dumps(out))
`;

test("dnsmasq:options: same XML, or same error, as libvirt's network driver", { skip: libvirtdSkip || (!havePython && 'needs libvirt-python') }, async () => {
  const daemon = await startLibvirtd();
  try {
    const run = python(ORACLE, daemon.socket, [JSON.stringify(files.map(read))]);
    assert.equal(run.status, 0, run.stderr);
    const real = JSON.parse(run.stdout) as OracleResult[];
    const failures = files.filter((f, i) => JSON.stringify(outcome(() => ours(read(f)))) !== JSON.stringify(real[i]));
    assert.deepEqual(failures, [], failures.map((f) => `${f}:\nours ${JSON.stringify(outcome(() => ours(read(f))))}\nreal ${JSON.stringify(real[files.indexOf(f)])}`).join('\n'));
    assert.ok(real.some((r) => r.ok && r.xml.includes('<dnsmasq:option ')), 'options were kept by the real driver');
  } finally {
    await daemon.stop();
  }
});

test('formatted dnsmasq options validate against network.rng', (t) => {
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  for (const f of files) {
    const res = outcome(() => ours(read(f)));
    if (res.ok) assert.equal(relaxngProblem(res.xml, 'network.rng'), null, f);
  }
});

test('without the namespace (as the test driver parses) the options are dropped', () => {
  const xml = formatNetworkXML(parseNetworkXML(read('options.xml')));
  assert.doesNotMatch(xml, /dnsmasq:|xmlns/);
});
