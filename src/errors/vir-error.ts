import { ERROR_MESSAGES, ErrorDomain, ErrorLevel, ErrorNumber } from './codes.js';

/** The fields of libvirt's virError, as a JavaScript Error. */
export interface VirErrorFields {
  code: number;
  domain: number;
  level?: number;
  str1?: string | null;
  str2?: string | null;
  str3?: string | null;
  int1?: number;
  int2?: number;
}

/**
 * libvirt's error message for a code: the template's short form without detail, its "%s" form
 * with detail, exactly as libvirt composes them (virErrorMsg + virReportError).
 */
export function formatErrorMessage(code: number, detail?: string | null): string {
  const [plain, withDetail] = ERROR_MESSAGES[code] ?? [null, null];
  if (detail === undefined || detail === null) return plain ?? 'unknown error';
  if (withDetail === null) return detail;
  return withDetail.replace('%s', () => detail);
}

/** An error raised by tsvirt: every rejected promise of the library carries one. */
export class VirError extends Error {
  readonly code: number;
  readonly domain: number;
  readonly level: number;
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;

  constructor(fields: VirErrorFields & { message: string }) {
    super(fields.message);
    this.name = 'VirError';
    this.code = fields.code;
    this.domain = fields.domain;
    this.level = fields.level ?? ErrorLevel.VIR_ERR_ERROR;
    this.str1 = fields.str1 ?? null;
    this.str2 = fields.str2 ?? null;
    this.str3 = fields.str3 ?? null;
    this.int1 = fields.int1 ?? -1;
    this.int2 = fields.int2 ?? -1;
  }

  /** The name of the code (`VIR_ERR_NO_DOMAIN`), for logs and tests. */
  get codeName(): string {
    return nameOf(ErrorNumber, this.code);
  }

  /** The name of the domain (`VIR_FROM_TEST`). */
  get domainName(): string {
    return nameOf(ErrorDomain, this.domain);
  }

  /** A detached copy, as virCopyLastError / virSaveLastError give. */
  copy(): VirError {
    const copy = new VirError(this);
    copy.stack = this.stack;
    return copy;
  }
}

function nameOf(table: Record<string, number>, value: number): string {
  return Object.keys(table).find((k) => table[k] === value) ?? String(value);
}

/**
 * Build the error libvirt would report for `code` in `domain`, with `detail` as the formatted
 * part. str1 carries the template, str2 the detail, as libvirt's virRaiseError does.
 */
export function virError(domain: number, code: number, detail?: string | null, extra: Partial<VirErrorFields> = {}): VirError {
  const [plain, withDetail] = ERROR_MESSAGES[code] ?? [null, null];
  return new VirError({
    code,
    domain,
    message: formatErrorMessage(code, detail),
    str1: detail === undefined || detail === null ? plain : withDetail,
    str2: detail ?? null,
    ...extra,
  });
}

export function isVirError(value: unknown): value is VirError {
  return value instanceof VirError;
}

/**
 * An error whose message is used as given, without the code's template: libvirt's
 * virRaiseErrorFull path (virReportInvalidArg and friends). str1 names the function, str2 the argument.
 */
export function virRawError(domain: number, code: number, message: string, extra: Partial<VirErrorFields> = {}): VirError {
  return new VirError({ code, domain, message, ...extra });
}

/** virReportInvalidArg: VIR_ERR_INVALID_ARG with a raw message naming the function and argument. */
/**
 * What libvirt's public API reports when a driver failed without setting an error (a parser
 * that returns -1 silently, for instance): virDispatchError's generic fallback.
 */
export function unknownCauseError(): VirError {
  return virRawError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, 'An error occurred, but the cause is unknown');
}

export function invalidArgError(domain: number, func: string, argName: string, message: string): VirError {
  return virRawError(domain, ErrorNumber.VIR_ERR_INVALID_ARG, message, { str1: func, str2: argName, int1: 0, int2: 0 });
}

/** virCheckFlags: reject flags outside `supported`, naming the function as libvirt does. */
export function checkFlags(domain: number, func: string, flags: number, supported: number): void {
  const unsupported = ((flags >>> 0) & ~supported) >>> 0;
  if (unsupported) {
    throw invalidArgError(domain, func, 'flags', `unsupported flags (0x${unsupported.toString(16)}) in function ${func}`);
  }
}
