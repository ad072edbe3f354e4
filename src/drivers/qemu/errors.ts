import { ErrorDomain, ErrorNumber, checkFlags, virError, type VirError } from '../../errors/index.js';
import { systemError } from '../../log/index.js';

export const E = ErrorNumber;

/** The QEMU driver reports from VIR_FROM_QEMU, as libvirt's does. */
export function qemuError(code: number, detail?: string | null): VirError {
  return virError(ErrorDomain.VIR_FROM_QEMU, code, detail);
}

export function qemuSystemError(err: unknown, what: string): VirError {
  return systemError(ErrorDomain.VIR_FROM_QEMU, err as NodeJS.ErrnoException, what);
}

export function qemuCheckFlags(func: string, flags: number, supported: number): void {
  checkFlags(ErrorDomain.VIR_FROM_QEMU, func, flags, supported);
}

/** virDomainObjCheckActive's refusal, as the QEMU driver raises it. */
export function notRunningError(): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_OPERATION_INVALID, 'domain is not running');
}
