// The RPC core: XDR, codecs, packets, protocol tables and the connection endpoint.
export * from './xdr.js';
export * from './codec.js';
export * from './packet.js';
export * from './program.js';
export * from './stream.js';
export * from './connection.js';
export * as remoteProtocol from './protocol/remote.js';
export * as keepaliveProtocol from './protocol/keepalive.js';
export * as logProtocol from './protocol/log.js';
export * as qemuProtocol from './protocol/qemu.js';
export * as lxcProtocol from './protocol/lxc.js';
