/** XML to QEMU command line: the public surface of this folder. */
export { buildQemuArgv, formatQemuCommandLine, type BuildQemuArgvOptions, type QemuCommandLine } from './build.js';
export { domainShortName, masterKeyPath, monitorSocketPath, qemuDomainPathsUnder, type QemuDomainPaths } from './paths.js';
export { shellQuote } from './shell-quote.js';
export { checkNativeFormat, qemuDomainXMLToNative, QEMU_ARGV_FORMAT } from './to-native.js';
export { qemuDomainXMLFromNative } from './from-native.js';
export type { TapFds } from './net-args.js';
