import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignSnapshotDisks, formatSnapshotXML, parseSnapshotXML, type DomainDiskInfo, type SnapshotDef } from '../../../src/conf/snapshot/index.js';
import { VirError } from '../../../src/errors/vir-error.js';
import { oracleAvailable, relaxngProblem, runOracle, xmllintAvailable, type OracleResult, outcome } from '../network/oracle.js';

const here = join(process.cwd(), 'test/conf/snapshot');
const domainXml = readFileSync(join(here, 'domain.xml'), 'utf8');
const corpus = readdirSync(join(here, 'corpus')).filter((f) => f.endsWith('.xml')).sort();
const DOMAIN_DISKS: DomainDiskInfo[] = [
  { dst: 'vda', source: '/var/lib/images/root.qcow2' },
  { dst: 'vdb', source: '/dev/sdb' },
  { dst: 'hdc' },
];
const REDEFINED = (domain: string) => `<domainsnapshot>
  <name>redefined</name>
  <description>kept</description>
  <state>shutoff</state>
  <parent><name>plain</name></parent>
  <creationTime>1700000000</creationTime>
  <disks><disk name='vda' snapshot='internal'/></disks>
  ${domain}
</domainsnapshot>`;

/** What the test driver does around the conf code for a snapshot of a shut-off domain. */
function createLikeTestDriver(xml: string, parent: string | undefined, domainXML: string): string {
  const def: SnapshotDef = parseSnapshotXML(xml);
  def.state = 'shutoff';
  const location = def.memory === 'external' ? 'external' : 'internal';
  if (def.memory !== 'external') def.memory = 'no';
  alignSnapshotDisks(def, DOMAIN_DISKS, location, true);
  def.parent = parent;
  return formatSnapshotXML(def, { domainXML });
}


/** Creation times differ between the two runs; everything else must not. */
const maskTime = (r: OracleResult) => (r.ok ? { ...r, xml: r.xml.replace(/<creationTime>\d+<\/creationTime>/, '<creationTime>T</creationTime>') } : r);

test('snapshot corpus: same XML or same error as the real test driver', (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const xmls = corpus.map((f) => readFileSync(join(here, 'corpus', f), 'utf8'));
  const [domain, ...real] = runOracle([
    { op: 'domain', xml: domainXml },
    ...xmls.map((xml) => ({ op: 'snapshot' as const, domain: 'snapdom', xml })),
  ]);
  assert.ok(domain.ok);
  let parent: string | undefined;
  let passed = 0;
  xmls.forEach((xml, i) => {
    const ours = outcome(() => createLikeTestDriver(xml, parent, domain.xml));
    if (real[i].ok) parent = /<name>([^<]*)<\/name>/.exec(real[i].xml)![1];
    assert.deepEqual(maskTime(ours), maskTime(real[i]), corpus[i]);
    passed++;
  });
  assert.equal(passed, corpus.length);
});

test('a redefined snapshot keeps its name, state, parent, creation time and domain', (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const domainElement = domainXml.replace(/^<\?xml[^>]*>\s*/, '');
  const [domain, , real] = runOracle([
    { op: 'domain', xml: domainXml },
    { op: 'snapshot', domain: 'snapdom', xml: '<domainsnapshot><name>plain</name></domainsnapshot>' },
    { op: 'snapshot', domain: 'snapdom', xml: REDEFINED(domainElement), flags: 1 },
  ]);
  assert.ok(domain.ok && real.ok, JSON.stringify(real));
  const def = parseSnapshotXML(REDEFINED(domainElement), { redefine: true });
  assert.equal(def.creationTime, 1700000000);
  assert.match(def.domainXML ?? '', /^<domain type="test">/);
  alignSnapshotDisks(def, DOMAIN_DISKS, 'internal', true);
  assert.equal(formatSnapshotXML(def, { domainXML: domain.xml }), real.xml);
});

test('new snapshots are named after their creation time', () => {
  const def = parseSnapshotXML('<domainsnapshot/>', { now: 1234567890 });
  assert.equal(def.name, '1234567890');
  assert.equal(def.creationTime, 1234567890);
});

test('redefinition demands a name, a state and a creation time', () => {
  const codeOf = (xml: string) => {
    try {
      parseSnapshotXML(xml, { redefine: true });
      return 'ok';
    } catch (e) {
      return `${(e as VirError).code}:${(e as VirError).message}`;
    }
  };
  assert.equal(codeOf('<domainsnapshot/>'), '27:XML error: a redefined snapshot must have a name');
  assert.equal(codeOf('<domainsnapshot><name>a</name></domainsnapshot>'), '1:internal error: missing creationTime from existing snapshot');
  assert.equal(codeOf('<domainsnapshot><name>a</name><creationTime>5</creationTime><state>bogus</state></domainsnapshot>'),
    "67:unsupported configuration: Invalid state 'bogus' in domain snapshot XML");
  assert.equal(codeOf('<domainsnapshot><name>a</name><creationTime>5</creationTime><state>shutoff</state><memory snapshot=\'internal\'/></domainsnapshot>'),
    '27:XML error: memory state cannot be saved with offline or disk-only snapshot');
});

test('formatted snapshots validate against domainsnapshot.rng', (t) => {
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  const def = parseSnapshotXML(readFileSync(join(here, 'corpus', 'disk-external.xml'), 'utf8'), { now: 1700000000 });
  def.state = 'shutoff';
  def.parent = 'plain';
  alignSnapshotDisks(def, DOMAIN_DISKS, 'external', false);
  const xml = formatSnapshotXML(def, { domainXML: domainXml });
  assert.match(xml, /<disk name='vda' snapshot='external' type='file'>\n      <driver type='qcow2'\/>\n      <source file='\/var\/lib\/images\/root.snap1'\/>/);
  assert.equal(relaxngProblem(xml, 'domainsnapshot.rng'), null);
});
