import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';
import { LogPriority, parsePriorityNumber } from './priority.js';

/** One `priority:match` rule: modules whose name matches get `priority` as their threshold. */
export interface LogFilter {
  readonly match: string;
  readonly priority: LogPriority;
  /** Tests a module name: the match is a substring, with glob `*` and `?` as in GLib's pattern match. */
  readonly test: (moduleName: string) => boolean;
}

function invalid(detail: string): Error {
  return virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, detail);
}

/** Substring semantics: libvirt wraps the match in `*...*` before glob matching. */
function globTest(match: string): (name: string) => boolean {
  const body = match.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const regex = new RegExp(`^.*${body}.*$`, 's');
  return (name) => regex.test(name);
}

/** Parse one filter, `x:name` or `x:+name` (the `+` once asked for stack traces; libvirt now ignores it). */
export function parseFilter(src: string): LogFilter {
  const tokens = src.split(':');
  if (tokens.length < 2) throw invalid(`Malformed format for filter '${src}'`);
  const priority = parsePriorityNumber(tokens[0]);
  if (priority === null) throw invalid(`Invalid priority '${tokens[0]}' for filter '${src}'`);
  const match = tokens[1].startsWith('+') ? tokens[1].slice(1) : tokens[1];
  if (match === '') throw invalid(`Invalid match string '${tokens[1]}'`);
  return { match, priority, test: globTest(match) };
}

/** Parse a space separated set of filters; all or nothing. */
export function parseFilters(src: string): LogFilter[] {
  return src.split(' ').filter((word) => word !== '').map(parseFilter);
}

/** The filters as libvirt lists them back (virLogGetFilters): each `x:*match* `. */
export function formatFilters(filters: readonly LogFilter[]): string {
  return filters.map((f) => `${f.priority}:*${f.match}* `).join('');
}

/** The threshold for a module: the first matching filter's priority, else the default. */
export function priorityForModule(filters: readonly LogFilter[], moduleName: string, fallback: LogPriority): LogPriority {
  return filters.find((f) => f.test(moduleName))?.priority ?? fallback;
}
