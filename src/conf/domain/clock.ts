/** `<clock>`: offset (utc, localtime, timezone, variable) and its timers. */
import { attr, childElements, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { unsupported } from './parse-util.js';
import { toXNode, writeXNode, type XNode } from './xnode.js';

export interface DomainClock {
  offset: 'utc' | 'localtime' | 'timezone' | 'variable' | 'absolute';
  adjustment?: string;
  basis?: string;
  timezone?: string;
  start?: string;
  timers: XNode[];
}

const OFFSETS = ['utc', 'localtime', 'timezone', 'variable', 'absolute'] as const;

export function parseClock(root: XmlElement): DomainClock {
  const el = firstChild(root, 'clock');
  const offset = attr(el, 'offset') ?? 'utc';
  if (!(OFFSETS as readonly string[]).includes(offset)) throw unsupported(`unknown clock offset '${offset}'`);
  const clock: DomainClock = { offset: offset as DomainClock['offset'], timers: el ? childElements(el, 'timer').map(toXNode) : [] };
  if (offset === 'variable') {
    clock.adjustment = attr(el, 'adjustment') ?? '0';
    clock.basis = attr(el, 'basis') ?? 'utc';
  } else if (offset === 'timezone') clock.timezone = attr(el, 'timezone');
  else if (offset === 'absolute') clock.start = attr(el, 'start');
  else if (offset === 'utc' || offset === 'localtime') clock.adjustment = attr(el, 'adjustment');
  return clock;
}

export function formatClock(w: XmlWriter, c: DomainClock): void {
  w.element('clock', { offset: c.offset, timezone: c.timezone, adjustment: c.adjustment, basis: c.basis, start: c.start },
    (inner) => c.timers.forEach((t) => writeXNode(inner, t)));
}
