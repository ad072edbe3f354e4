// The public enum values of libvirt 9.0.0 by libvirt name, one generated file per object family.
export * from './constants/domain.js';
export * from './constants/host.js';
export * from './constants/network.js';
export * from './constants/nodedev.js';
export * from './constants/snapshot.js';
export * from './constants/storage.js';
