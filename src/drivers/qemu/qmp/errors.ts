import { ErrorDomain, ErrorNumber, virError, type VirError } from '../../../errors/index.js';
import { systemError } from '../../../log/index.js';

/** libvirt reports every monitor failure from VIR_FROM_QEMU. */
const DOMAIN = ErrorDomain.VIR_FROM_QEMU;

/** The largest reply line we buffer, as libvirt's QEMU_MONITOR_MAX_RESPONSE. */
export const MAX_REPLY_BYTES = 10 * 1024 * 1024;

/** QEMU's own error for a command: only the command name and QEMU's `desc` reach the user. */
export function commandError(command: string, error: unknown): VirError {
  const desc = describeQmpError(error);
  const detail = desc === null ? `unable to execute QEMU command '${command}'` : `unable to execute QEMU command '${command}': ${desc}`;
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, detail);
}

/** libvirt takes `desc` only when QEMU also named an error class. */
function describeQmpError(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { class: klass, desc } = error as { class?: unknown; desc?: unknown };
  if (typeof klass === 'string' && typeof desc === 'string') return desc;
  return 'unknown QEMU command error';
}

export function monitorClosedError(): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_OPERATION_FAILED, 'QEMU monitor was closed');
}

export function endOfFileError(vmName: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `End of file from qemu monitor (vm='${vmName}')`);
}

export function ioError(vmName: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Error while processing monitor IO (vm='${vmName}')`);
}

export function connectError(err: NodeJS.ErrnoException): VirError {
  return systemError(DOMAIN, err, 'failed to connect to monitor socket');
}

export function pathTooLongError(path: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Monitor path ${path} too big for destination`);
}

export function replyTooLargeError(): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `QEMU monitor reply exceeds buffer size (${MAX_REPLY_BYTES} bytes)`);
}

export function notAnObjectError(line: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Parsed JSON reply '${line}' isn't an object`);
}

export function badJsonError(line: string, reason: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `cannot parse json ${line}: ${reason}`);
}

export function unexpectedReplyError(line: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Unexpected JSON reply '${line}'`);
}

export function timeoutError(what: string, ms: number): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT, `${what} did not complete within ${ms} ms`);
}

export function abortedError(what: string): VirError {
  return virError(DOMAIN, ErrorNumber.VIR_ERR_OPERATION_ABORTED, `${what} was cancelled`);
}
