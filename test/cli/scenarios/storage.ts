/** Storage pool and volume commands: listing with details, lifecycle, volumes by name/key/path, and failures. */
import { onDefault, type Scenario } from '../harness.js';

const P2 = "<pool type='dir'><name>p2</name><uuid>aaf3c0a2-7a35-4d3c-9e47-2a3d2d4e1b11</uuid><target><path>$DIR/store</path></target></pool>";
const CLASH = "<pool type='dir'><name>clash</name><target><path>/default-pool</path></target></pool>";
const V1 = "<volume><name>v1.img</name><capacity unit='M'>5</capacity><allocation unit='K'>300</allocation></volume>";
const DEFAULT_POOL_UUID = 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566';
const files = {
  'p2.xml': P2, 'clash.xml': CLASH, 'v1.xml': V1, 'bad.xml': "<pool type='dir'><name>x\n", 'badvol.xml': '<volume><name>v</name></volume>',
};

export const poolScenarios: Scenario[] = [
  { name: 'pool-list', args: onDefault('pool-list') },
  { name: 'pool-list --all --details', args: onDefault('pool-list --all --details') },
  { name: 'pool-list --uuid / --name', args: onDefault('pool-list --uuid; pool-list --name; pool-list --uuid --name') },
  { name: 'pool-list filters', args: onDefault('pool-list --inactive; pool-list --persistent; pool-list --transient; pool-list --autostart; pool-list --no-autostart') },
  { name: 'pool-list --type', args: onDefault('pool-list --type dir; pool-list --type logical,disk; pool-list netfs') },
  { name: 'pool-list --type unknown', args: onDefault('pool-list --type dir,foo') },
  { name: 'pool-list exclusive options', args: onDefault('pool-list --all --inactive; pool-list --details --name; pool-list --details --uuid') },
  { name: 'pool-list quiet', args: ['-q', ...onDefault('pool-list --details')] },
  { name: 'pool-info', args: onDefault('pool-info default-pool; pool-info --bytes default-pool') },
  { name: 'pool-info by uuid', args: onDefault(`pool-info ${DEFAULT_POOL_UUID}`) },
  { name: 'pool-info unknown', args: onDefault('pool-info nope') },
  { name: 'pool-info missing argument', args: onDefault('pool-info') },
  { name: 'pool-uuid / pool-name', args: onDefault(`pool-uuid default-pool; pool-name ${DEFAULT_POOL_UUID}; pool-name default-pool; pool-uuid ${DEFAULT_POOL_UUID}`) },
  { name: 'pool-dumpxml', args: onDefault('pool-dumpxml default-pool; pool-dumpxml --inactive default-pool') },
  {
    name: 'pool-define, build, start, refresh, autostart, destroy, delete, undefine',
    files,
    args: onDefault('pool-define p2.xml; pool-list --all --details; pool-info p2; pool-build p2; pool-start p2; pool-start p2; pool-refresh p2; '
      + 'pool-autostart p2; pool-list --autostart; pool-autostart --disable p2; pool-dumpxml p2; pool-destroy p2; pool-info p2; pool-delete p2; '
      + 'pool-undefine p2; pool-undefine p2; pool-list --all'),
  },
  { name: 'pool-refresh / pool-destroy of an inactive pool', files, args: onDefault('pool-define p2.xml; pool-refresh p2; pool-destroy p2') },
  { name: 'pool-undefine / pool-delete of an active pool', args: onDefault('pool-undefine default-pool; pool-delete default-pool; pool-build default-pool') },
  { name: 'pool-define storage conflict', files, args: onDefault('pool-define clash.xml; pool-list --all') },
  { name: 'pool-define bad XML', files, args: onDefault('pool-define bad.xml') },
  { name: 'pool-define missing file', args: onDefault('pool-define nope.xml') },
  { name: 'pool-define missing argument', args: onDefault('pool-define') },
  { name: 'pool-create transient', files, args: onDefault('pool-create p2.xml; pool-list --transient --details; pool-destroy p2; pool-list --all') },
  { name: 'pool-create bad XML', files, args: onDefault('pool-create bad.xml') },
  { name: 'pool-start build flags exclusive', files, args: onDefault('pool-define p2.xml; pool-start p2 --overwrite --no-overwrite; pool-start p2 --build') },
  { name: 'pool-define-as --print-xml', args: onDefault('pool-define-as p4 dir --target /var/p4 --print-xml') },
  { name: 'pool-define-as netfs --print-xml', args: onDefault('pool-define-as nfs netfs --source-host nas --source-path /export --source-format nfs --target /mnt/nfs --print-xml') },
  { name: 'pool-define-as', args: onDefault('pool-define-as p4 dir --target /var/p4; pool-list --all --details; pool-start p4; pool-list --details') },
  { name: 'pool-define-as positional', args: onDefault('pool-define-as p5 dir; pool-dumpxml p5') },
  { name: 'pool-define-as conflict', args: onDefault('pool-define-as p6 dir --target /default-pool') },
  { name: 'pool-define-as unknown type', args: onDefault('pool-define-as p7 weird') },
  { name: 'pool-define-as missing type', args: onDefault('pool-define-as p7') },
  { name: 'pool-create-as', args: onDefault('pool-create-as p8 dir --target /var/p8; pool-list --all --details; pool-create-as p9 dir --target /var/p8') },
  { name: 'pool commands quiet', files, args: ['-q', ...onDefault('pool-define p2.xml; pool-start p2; pool-destroy p2; pool-undefine p2')] },
];

export const volumeScenarios: Scenario[] = [
  { name: 'vol-list', args: onDefault('vol-list default-pool; vol-list default-pool --details') },
  { name: 'vol-list unknown pool', args: onDefault('vol-list nope') },
  { name: 'vol-list missing pool', args: onDefault('vol-list') },
  {
    name: 'vol-create-as and friends',
    args: onDefault('vol-create-as default-pool a.img 1G; vol-create-as default-pool b.qcow2 1536M --allocation 10M --format qcow2; '
      + 'vol-list default-pool --details; vol-info a.img --pool default-pool; vol-info /default-pool/b.qcow2 --bytes; '
      + 'vol-path a.img --pool default-pool; vol-key a.img --pool default-pool; vol-name /default-pool/a.img; '
      + 'vol-pool /default-pool/a.img; vol-pool --uuid /default-pool/a.img; vol-dumpxml /default-pool/b.qcow2; '
      + 'vol-delete a.img --pool default-pool; vol-list default-pool'),
  },
  { name: 'vol-create-as sizes', args: onDefault('vol-create-as default-pool c 1025; vol-create-as default-pool d 3KB; vol-create-as default-pool e 1E; vol-list --details default-pool') },
  { name: 'vol-create-as malformed sizes', args: onDefault('vol-create-as default-pool c 5x; vol-create-as default-pool c -5; vol-create-as default-pool c 99999999999E; vol-create-as default-pool c 1 --allocation z') },
  { name: 'vol-create-as --print-xml with backing', args: onDefault('vol-create-as default-pool a.img 1G; vol-create-as default-pool d 1G --backing-vol a.img --backing-vol-format raw --print-xml') },
  { name: 'vol-create-as unknown backing volume', args: onDefault('vol-create-as default-pool d 1G --backing-vol nope') },
  { name: 'vol-create-as duplicate', args: onDefault('vol-create-as default-pool a 1; vol-create-as default-pool a 1') },
  { name: 'vol-create-as empty name', args: onDefault("vol-create-as default-pool '' 1") },
  { name: 'vol-create-as missing capacity', args: onDefault('vol-create-as default-pool a') },
  { name: 'vol-create from file', files, args: onDefault('vol-create default-pool v1.xml; vol-info v1.img --pool default-pool; vol-list default-pool --details') },
  { name: 'vol-create bad files', files, args: onDefault('vol-create default-pool nope.xml; vol-create default-pool bad.xml; vol-create default-pool badvol.xml') },
  { name: 'vol-create unknown pool', files, args: onDefault('vol-create nope v1.xml') },
  { name: 'vol lookups that fail', args: onDefault('vol-info a.img; vol-info a.img --pool default-pool; vol-name a.img; vol-key nope --pool nope; vol-path /nope; vol-pool nope; vol-delete nope') },
  // The test driver's pool-create over a defined, inactive pool leaves it transient: destroying it removes it.
  { name: 'pool-create over a defined pool', files, args: onDefault('pool-define p2.xml; pool-create p2.xml; pool-info p2; pool-destroy p2; pool-list --all') },
  // The source volume of vol-create-from is looked up with --inputpool, and virsh's hint names that option.
  { name: 'vol-create-from source not found', files, args: onDefault('vol-create-from default-pool v1.xml nope; vol-create-from default-pool v1.xml nope --inputpool default-pool') },
  { name: 'vol lookup outside the named pool', files, args: onDefault('pool-create p2.xml; vol-create-as default-pool a 1; vol-info /default-pool/a --pool p2') },
  {
    name: 'volumes of an inactive pool',
    files,
    args: onDefault('pool-define p2.xml; vol-list p2; vol-info x --pool p2; vol-create-as p2 x 1; pool-start p2; vol-create-as p2 x 1; '
      + 'vol-list p2 --details; vol-delete x --pool p2; pool-destroy p2; vol-list p2'),
  },
  { name: 'vol commands quiet', args: ['-q', ...onDefault('vol-create-as default-pool q 1M; vol-delete q --pool default-pool')] },
];
