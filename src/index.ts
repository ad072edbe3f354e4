/** tsvirt: libvirt's API for Node.js. The package root exports what a libvirt user reaches for. */
import { registerDriver } from './api/registry.js';
import { testDriverFactory } from './drivers/test/index.js';
import { lazyDriver, lazySecondaryDriver } from './api/lazy-driver.js';
import { registerSecondaryDriver } from './api/registry.js';
import { QEMU_DRIVER_IDENTITY } from './drivers/qemu/identity.js';
import { REMOTE_DRIVER_IDENTITY } from './drivers/remote/identity.js';

registerDriver(testDriverFactory);
// Loaded on the first URI that needs them: most programs use one driver.
registerDriver(lazyDriver(QEMU_DRIVER_IDENTITY, async () => (await import('./drivers/qemu/index.js')).qemuDriverFactory));
registerDriver(lazyDriver(REMOTE_DRIVER_IDENTITY, async () => (await import('./drivers/remote/index.js')).remoteDriverFactory));
// The storage driver the QEMU driver's connections share (dir pools with real files).
registerSecondaryDriver(lazySecondaryDriver('storage', async () => (await import('./drivers/storage/index.js')).storageDriverFactory));

export { open, openReadOnly, openAuth, EMBEDDED_DEFAULT_URI } from './api/open.js';
export { Connect, type ConnectEvents, type DomainStatsResult } from './api/connect.js';
export { withAbortSignal } from './api/call-scope.js';
export { defaultAuth, createDefaultAuth } from './api/default-auth.js';
export { Domain } from './api/domain.js';
export { DomainSnapshot } from './api/snapshot.js';
export { DomainCheckpoint } from './api/checkpoint.js';
export { Network, NetworkPort } from './api/network.js';
export { StoragePool, StorageVol } from './api/storage.js';
export { Stream, STREAM_AT_HOLE, type SparseSink, type SparseSource, type StreamSection } from './api/stream.js';
export { HostInterface, NodeDevice } from './api/host-objects.js';
export { Secret } from './api/secret.js';
export { NWFilter, NWFilterBinding } from './api/nwfilter.js';
export type { DomainEvent, NetworkEvent, StoragePoolEvent, NodeDeviceEvent, SecretEvent, RegisterOptions } from './api/events.js';
export { registerDriver, registeredDrivers, secondaryDrivers } from './api/registry.js';
export { ENTRY_POINTS, type EntryPoint } from './api/entry-points.js';
export { LIB_VERSION } from './api/version.js';
export * from './api/constants.js';
export * from './errors/index.js';
export type {
  ConnectAuth, Credential, ConnectionDriver, DriverFactory, ConnectTarget, NodeInfo, DomainInfo, DomainStateInfo,
  StoragePoolInfo, StorageVolInfo, DomainBlockStats, DomainInterfaceStats, VcpuInfo, MemoryStat,
  SecurityModel, SecurityLabel, NodeStat, OpenOptions, ReconnectOptions, TypedParam, DomainStatsRecord,
  DomainTime, DomainFSInfo, DomainIPAddress, DomainInterface, DomainControlInfo, DomainDiskError, DomainBlockInfo,
  DomainIOThreadInfo, DomainCPUStats, DomainJobInfo, DomainJobStats, NetworkDHCPLease,
} from './drivers/types.js';
