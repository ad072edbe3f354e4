import { ErrorDomain, ErrorNumber, virError, type VirError } from '../../../errors/index.js';
import { systemError } from '../../../log/index.js';

/** The capability probe reports from VIR_FROM_QEMU, as libvirt's qemu_capabilities.c. */
const DOMAIN = ErrorDomain.VIR_FROM_QEMU;

export function cannotCheckBinary(binary: string, err: NodeJS.ErrnoException): VirError {
  return systemError(DOMAIN, err, `Cannot check QEMU binary ${binary}`);
}

export function notExecutable(binary: string, err: NodeJS.ErrnoException): VirError {
  return systemError(DOMAIN, err, `QEMU binary ${binary} is not executable`);
}

export function probeStartFailed(binary: string, stderr: string | null): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Failed to start QEMU binary ${binary} for probing: ${stderr || 'unknown error'}`);
}

export function pidFileUnreadable(path: string, err: NodeJS.ErrnoException): VirError {
  return systemError(DOMAIN, err, `Failed to read pidfile ${path}`);
}

export function tooOld(version: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `QEMU version >= 4.2.0 is required, but ${version} found`);
}

export function noEmulatorForArch(arch: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unable to find any emulator to serve '${arch}' architecture`);
}

/** A definition without `<emulator>` whose architecture has no emulator installed (libvirt's post-parse). */
export function noEmulatorForDomainArch(arch: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `No emulator found for arch '${arch}'`);
}

export function unknownArch(arch: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown architecture: ${arch}`);
}

export function unknownVirtType(type: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `unknown virttype: ${type}`);
}

export function archMismatch(fromEmulator: string, given: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `architecture from emulator '${fromEmulator}' doesn't match given architecture '${given}'`);
}

export function accelNotSupported(accel: string, binary: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `the accel '${accel}' is not supported by '${binary}' on this host`);
}

export function machineNotSupported(machine: string, binary: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `the machine '${machine}' is not supported by emulator '${binary}'`);
}

export function archNotSupported(binary: string, arch: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `Emulator '${binary}' does not support arch '${arch}'`);
}

export function virtTypeNotSupported(binary: string, virttype: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, `Emulator '${binary}' does not support virt type '${virttype}'`);
}
