import { getSystemErrorMap } from 'node:util';
import { ErrorNumber, virError, type ErrorDomain, type VirError } from '../errors/index.js';

/** glibc's wording where libuv's differs; the rest match once capitalised. */
const GLIBC_WORDING: Record<string, string> = {
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EALREADY: 'Operation already in progress',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  EFAULT: 'Bad address',
  EHOSTUNREACH: 'No route to host',
  EIO: 'Input/output error',
  EISCONN: 'Transport endpoint is already connected',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  ENFILE: 'Too many open files in system',
  ENOMEM: 'Cannot allocate memory',
  ENOTCONN: 'Transport endpoint is not connected',
  ENOTSUP: 'Operation not supported',
  ERANGE: 'Numerical result out of range',
  ESPIPE: 'Illegal seek',
  ETXTBSY: 'Text file busy',
  EXDEV: 'Invalid cross-device link',
  EILSEQ: 'Invalid or incomplete multibyte or wide character',
};

/** strerror's text for a Node system error ("No such file or directory"), as libvirt prints it. */
export function strerror(err: NodeJS.ErrnoException): string {
  const entry = typeof err.errno === 'number' ? getSystemErrorMap().get(err.errno) : undefined;
  if (!entry) return err.message;
  const [name, text] = entry;
  return GLIBC_WORDING[name] ?? text.charAt(0).toUpperCase() + text.slice(1);
}

/** libvirt's virReportSystemError: VIR_ERR_SYSTEM_ERROR, `what: strerror`, errno in int1. */
export function systemError(domain: ErrorDomain, err: NodeJS.ErrnoException, what: string): VirError {
  const errno = typeof err.errno === 'number' ? Math.abs(err.errno) : -1;
  return virError(domain, ErrorNumber.VIR_ERR_SYSTEM_ERROR, `${what}: ${strerror(err)}`, { int1: errno });
}
