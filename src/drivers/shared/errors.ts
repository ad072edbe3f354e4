import { ErrorDomain, ErrorNumber, invalidArgError, virError, type VirError } from '../../errors/index.js';

export const E = ErrorNumber;

/** Errors raised by libvirt's shared conf code (domain_conf.c, virdomainobjlist.c) carry VIR_FROM_DOMAIN. */
export function domainConfError(code: number, detail?: string | null): VirError {
  return virError(ErrorDomain.VIR_FROM_DOMAIN, code, detail);
}

export function domainConfInvalidArg(func: string, arg: string, message: string): VirError {
  return invalidArgError(ErrorDomain.VIR_FROM_DOMAIN, func, arg, message);
}
