/** Snapshot commands on the test driver's running domain: create, list (every view), info, revert, delete, and failures. */
import { onDefault, type Scenario } from '../harness.js';

/** A small history: s1 <- s2, s1 <- s3 <- s4 (s4 current). */
const HISTORY = 'snapshot-create-as test s1 --description "first <one>"; snapshot-create-as test s2; snapshot-revert test s1; '
  + 'snapshot-create-as test s3; snapshot-create-as --domain test --name s4';
const SNAP_XML = '<domainsnapshot><name>fromfile</name><description>from a file</description></domainsnapshot>';
const TEST_DOMAIN = (disk: string) => "<domain type='test'><name>test</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>8192</memory>"
  + `<os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/guest/diskimage1'/><target dev='${disk}'/></disk></devices></domain>`;
const REDEFINE_FILES = {
  'off.xml': "<domainsnapshot><name>s1</name><state>shutoff</state><creationTime>1500000000</creationTime><memory snapshot='no'/></domainsnapshot>",
  'full.xml': `<domainsnapshot><name>s1</name><state>running</state><creationTime>1500000000</creationTime><memory snapshot='internal'/>${TEST_DOMAIN('vda')}</domainsnapshot>`,
  'disk.xml': `<domainsnapshot><name>s1</name><state>disk-snapshot</state><creationTime>1500000000</creationTime><parent><name>s0</name></parent>${TEST_DOMAIN('vdz')}</domainsnapshot>`,
};
const files = { 'snap.xml': SNAP_XML, 'bad.xml': '<domainsnapshot><name>x', 'other.xml': '<domain/>' };

export const snapshotScenarios: Scenario[] = [
  { name: 'snapshot-list with no snapshots', args: onDefault('snapshot-list test; snapshot-list test --tree; snapshot-list test --name') },
  { name: 'snapshot-create-as and list', args: onDefault(`${HISTORY}; snapshot-list test; snapshot-list test --parent; snapshot-list test --name`) },
  { name: 'snapshot-list --tree', args: onDefault(`${HISTORY}; snapshot-list test --tree`) },
  { name: 'snapshot-list --from / --current', args: onDefault(`${HISTORY}; snapshot-list test --from s1; snapshot-list test --from s1 --descendants --name; snapshot-list test --current --tree; snapshot-list test --from s1 --tree`) },
  { name: 'snapshot-list filters', args: onDefault(`${HISTORY}; snapshot-list test --roots; snapshot-list test --leaves; snapshot-list test --no-leaves; snapshot-list test --active --name; snapshot-list test --inactive; snapshot-list test --internal --name; snapshot-list test --external; snapshot-list test --metadata --name; snapshot-list test --no-metadata`) },
  { name: 'snapshot-list --topological', args: onDefault(`${HISTORY}; snapshot-list test --topological --name`) },
  { name: 'snapshot-list exclusive options', args: onDefault('snapshot-list test --tree --name; snapshot-list test --parent --roots; snapshot-list test --roots --from x; snapshot-list test --leaves --tree; snapshot-list test --descendants; snapshot-list test --from x --current') },
  { name: 'snapshot-list unknown --from', args: onDefault('snapshot-list test --from nope') },
  { name: 'snapshot-list --current without one', args: onDefault('snapshot-list test --current') },
  { name: 'snapshot-list unknown domain', args: onDefault('snapshot-list nope') },
  { name: 'snapshot-list quiet', args: ['-q', ...onDefault(`${HISTORY}; snapshot-list test`)] },
  { name: 'snapshot-info', args: onDefault(`${HISTORY}; snapshot-info test s1; snapshot-info test --current; snapshot-info --domain test --snapshotname s2`) },
  { name: 'snapshot-info failures', args: onDefault(`${HISTORY}; snapshot-info test nope; snapshot-info test; snapshot-info test s1 --current`) },
  { name: 'snapshot-info without a current snapshot', args: onDefault('snapshot-info test --current') },
  { name: 'snapshot-current', args: onDefault(`${HISTORY}; snapshot-current test --name; snapshot-current test s2; snapshot-current test --name; snapshot-current test`) },
  { name: 'snapshot-current failures', args: onDefault('snapshot-current test; snapshot-current test --name nope; snapshot-current test nope') },
  { name: 'snapshot-current quiet', args: ['-q', ...onDefault(`${HISTORY}; snapshot-current test --name; snapshot-current test s1`)] },
  { name: 'snapshot-parent', args: onDefault(`${HISTORY}; snapshot-parent test s4; snapshot-parent test --current; snapshot-parent test s1; snapshot-parent test nope`) },
  { name: 'snapshot-dumpxml', args: onDefault(`${HISTORY}; snapshot-dumpxml test s1; snapshot-dumpxml test s4 --security-info`) },
  { name: 'snapshot-dumpxml failures', args: onDefault('snapshot-dumpxml test nope; snapshot-dumpxml test; snapshot-dumpxml nope s1') },
  { name: 'snapshot-revert', args: onDefault(`${HISTORY}; snapshot-revert test s2; snapshot-current test --name; snapshot-revert test --current --paused; dominfo test; snapshot-revert test s1 --running; dominfo test`) },
  { name: 'snapshot-revert failures', args: onDefault(`${HISTORY}; snapshot-revert test nope; snapshot-revert test; snapshot-revert test s1 --running --paused`) },
  { name: 'snapshot-delete', args: onDefault(`${HISTORY}; snapshot-delete test s4; snapshot-list test --tree; snapshot-delete test s1 --children-only; snapshot-list test --tree; snapshot-delete --current test; snapshot-list test`) },
  { name: 'snapshot-delete --children', args: onDefault(`${HISTORY}; snapshot-delete test s1 --children; snapshot-list test; snapshot-current test`) },
  { name: 'snapshot-delete --metadata', args: onDefault(`${HISTORY}; snapshot-delete test s2 --metadata; snapshot-list test --name`) },
  { name: 'snapshot-delete failures', args: onDefault('snapshot-delete test nope; snapshot-delete test; snapshot-delete test --current') },
  { name: 'snapshot-create-as --print-xml', args: onDefault("snapshot-create-as test s9 'a & b' --print-xml --diskspec vda,snapshot=external,file=/x.qcow2 --diskspec vdb,stype=block,file=/dev/sdz,driver=raw --memspec file=/m.img,snapshot=external") },
  { name: 'snapshot-create-as bad specs', args: onDefault('snapshot-create-as test --memspec bogus --print-xml; snapshot-create-as test x --diskspec vda,stype=net --print-xml; snapshot-create-as test x --diskspec vda,foo=1 --print-xml') },
  // virDomainSnapshotCreateXML refuses CURRENT without REDEFINE before looking at the XML.
  { name: 'snapshot-create --current needs --redefine', files: { 's.xml': '<domainsnapshot><name>x</name></domainsnapshot>', 'bad.xml': '<domain' },
    args: onDefault('snapshot-create test --xmlfile s.xml --current; snapshot-create test --xmlfile bad.xml --current; snapshot-list test') },
  { name: 'snapshot-create-as duplicate name', args: onDefault('snapshot-create-as test s1; snapshot-create-as test s1') },
  { name: 'snapshot-create-as --halt', args: onDefault('snapshot-create-as test h --halt; dominfo test; snapshot-info test h') },
  { name: 'snapshot-create-as --disk-only on the test driver', args: onDefault('snapshot-create-as test d --disk-only') },
  { name: 'snapshot-create-as --no-metadata', args: onDefault('snapshot-create-as test nm --no-metadata; snapshot-list test --name') },
  { name: 'snapshot-create-as unknown domain', args: onDefault('snapshot-create-as nope s1') },
  { name: 'snapshot-create-as empty name', args: onDefault("snapshot-create-as test ''") },
  { name: 'snapshot-create from a file', files, args: onDefault('snapshot-create test snap.xml; snapshot-info test fromfile; snapshot-create test --xmlfile snap.xml') },
  { name: 'snapshot-create bad files', files, args: onDefault('snapshot-create test nope.xml; snapshot-create test bad.xml; snapshot-create test other.xml; snapshot-create test .') },
  { name: 'snapshots of an inactive domain', args: onDefault('snapshot-create-as test on; snapshot-create-as test h --halt; snapshot-create-as test off; snapshot-list test --inactive; snapshot-list test --active; snapshot-info test off; snapshot-revert test on; dominfo test; snapshot-revert test off; dominfo test') },
  { name: 'snapshot commands quiet', args: ['-q', ...onDefault(`${HISTORY}; snapshot-revert test s2; snapshot-delete test s2`)] },
  // Redefinitions: a domain of their own or the replaced snapshot's is needed, and the snapshot's kind may not change.
  // (libvirt logs a warning for a description without a domain: sent to a file, not to stderr.)
  { name: 'snapshot-create --redefine without a domain', files: REDEFINE_FILES, env: { LIBVIRT_LOG_OUTPUTS: '3:file:$DIR/log' },
    args: onDefault('snapshot-create test --xmlfile off.xml --redefine; snapshot-list test; snapshot-create-as test s1; destroy test; snapshot-create test off.xml --redefine; snapshot-list test') },
  { name: 'snapshot-create --redefine with a domain', files: REDEFINE_FILES,
    args: onDefault('snapshot-create test disk.xml --redefine; snapshot-create-as test s0; snapshot-create test disk.xml --redefine; snapshot-create test disk.xml --redefine --disk-only; snapshot-create test full.xml --redefine --current; snapshot-list test --tree; snapshot-create test full.xml --redefine --disk-only') },
  { name: 'snapshot-create-as disk checks come before the name clash', args: onDefault('snapshot-create-as test s1 --diskspec vda,snapshot=manual; snapshot-create-as test s1; snapshot-create-as test s1 --diskspec nodev; snapshot-create-as test s1 --diskspec vda,snapshot=manual') },
];
