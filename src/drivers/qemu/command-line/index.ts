/** XML to QEMU command line: the public surface of this folder. */
export { buildQemuArgv, formatQemuCommandLine, type BuildQemuArgvOptions, type QemuCommandLine } from './build.js';
export { domainShortName, masterKeyPath, monitorSocketPath, qemuDomainPathsUnder, type QemuDomainPaths } from './paths.js';
export { shellQuote } from './shell-quote.js';
