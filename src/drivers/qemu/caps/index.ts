export { QemuCaps, type QemuVirtType, type QemuMachineType, type QemuCpuModel } from './qemu-caps.js';
export { QemuCapsCache, type QemuCapsCacheOptions } from './cache.js';
export { probeQemu, checkBinary, kvmUsable, type ProbeOptions } from './probe.js';
export type * from './probe-data.js';
export { readHostCaps, type HostCapsOptions } from './host.js';
export { buildQemuCapabilities } from './capabilities.js';
export { archFromTarget, hostArch } from './arch.js';
