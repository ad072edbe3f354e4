/** testConnectFindStoragePoolSources: made-up LVM volume groups, and an NFS share on the host the caller names. */
import { POOL_TYPES, parsePoolSourceXML } from '../../conf/storage/index.js';
import type { PoolType } from '../../conf/storage/pool-types.js';
import { E, testCheckFlags, testError } from './errors.js';

const LOGICAL_SOURCES = `<sources>
  <source>
    <device path='/dev/sda20'/>
    <name>testvg1</name>
    <format type='lvm2'/>
  </source>
  <source>
    <device path='/dev/sda21'/>
    <name>testvg2</name>
    <format type='lvm2'/>
  </source>
</sources>
`;

const netfsSources = (host: string): string => `<sources>
  <source>
    <host name='${host}'/>
    <dir path='/testshare'/>
    <format type='nfs'/>
  </source>
</sources>
`;

export function findPoolSources(type: string, srcSpec: string | null, flags: number): string {
  testCheckFlags('testConnectFindStoragePoolSources', flags, 0);
  const known = (POOL_TYPES as readonly string[]).includes(type) ? type as PoolType : undefined;
  // libvirt tests the type's enum value for zero, so the first type, dir, counts as unknown
  if (known === 'dir') throw testError(E.VIR_ERR_INTERNAL_ERROR, `unknown storage pool type ${type}`);
  const source = srcSpec === null ? null : parsePoolSourceXML(srcSpec, known);
  if (known === 'logical') return LOGICAL_SOURCES;
  if (known === 'netfs') {
    // libvirt reads the first host without checking there is one (and crashes); an error is kinder
    const host = source?.hosts[0]?.name;
    if (host === undefined) throw testError(E.VIR_ERR_INVALID_ARG, 'hostname must be specified for netfs sources');
    return netfsSources(host);
  }
  throw testError(E.VIR_ERR_NO_SUPPORT, `pool type '${type}' does not support source discovery`);
}
