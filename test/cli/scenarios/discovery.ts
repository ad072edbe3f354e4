/** Host discovery commands: CPU models per architecture and storage pool source discovery. */
import { onDefault, type Scenario } from '../harness.js';

const files = {
  'nfs.xml': "<source><host name='nfs.example'/></source>",
  'bad.xml': '<source>',
  'pool.xml': '<pool/>',
  'fmt.xml': "<source><format type='zzz'/><host name='h'/></source>",
};

export const discoveryScenarios: Scenario[] = [
  { name: 'cpu-models x86_64 and i686', args: onDefault('cpu-models x86_64; cpu-models --arch i686') },
  { name: 'cpu-models of architectures with few or no models', args: onDefault('cpu-models ppc64le; cpu-models aarch64; cpu-models s390x') },
  { name: 'cpu-models failures', args: onDefault('cpu-models bogus; cpu-models riscv64; cpu-models none; cpu-models') },
  { name: 'cpu-models quiet', args: ['-q', ...onDefault('cpu-models aarch64; cpu-models ppc64')] },
  { name: 'find-storage-pool-sources', files, args: onDefault('find-storage-pool-sources logical; find-storage-pool-sources netfs nfs.xml; find-storage-pool-sources logical $DIR/nfs.xml') },
  { name: 'find-storage-pool-sources failures', files, args: onDefault('find-storage-pool-sources netfs; find-storage-pool-sources dir; find-storage-pool-sources fs; '
    + 'find-storage-pool-sources bogus; find-storage-pool-sources bogus nfs.xml; find-storage-pool-sources logical bad.xml; find-storage-pool-sources logical pool.xml; '
    + 'find-storage-pool-sources netfs fmt.xml; find-storage-pool-sources logical nope.xml; find-storage-pool-sources') },
  { name: 'find-storage-pool-sources-as', args: onDefault('find-storage-pool-sources-as netfs nfs.example; find-storage-pool-sources-as netfs --host h --port 2049; '
    + 'find-storage-pool-sources-as logical; find-storage-pool-sources-as iscsi h --initiator iqn.2026-01.example:x; find-storage-pool-sources-as netfs; find-storage-pool-sources-as netfs "a<b"') },
];
