import { ErrorDomain, ErrorNumber, checkFlags, invalidArgError, virError, type VirError } from '../../errors/index.js';

/** Errors of the test driver are reported from VIR_FROM_TEST, as libvirt's test driver does. */
export const FROM = ErrorDomain.VIR_FROM_TEST;
export const E = ErrorNumber;

export function testError(code: number, detail?: string | null): VirError {
  return virError(FROM, code, detail);
}

export function testCheckFlags(func: string, flags: number, supported: number): void {
  checkFlags(FROM, func, flags, supported);
}

export function testInvalidArg(func: string, arg: string, message: string): VirError {
  return invalidArgError(FROM, func, arg, message);
}

export { domainConfError, domainConfInvalidArg } from '../shared/errors.js';
