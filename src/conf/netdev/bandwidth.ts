/** `<bandwidth>` (virNetDevBandwidth): inbound/outbound rates, shared by networks, portgroups and interfaces. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, type XmlElement, type XmlWriter } from '../xml.js';
import { parseUnsigned } from '../network/xml-props.js';

export interface BandwidthRate {
  average: bigint;
  peak: bigint;
  burst: bigint;
  floor: bigint;
}

export interface Bandwidth {
  inbound?: BandwidthRate;
  outbound?: BandwidthRate;
}

const err = (code: number, detail: string) => virError(ErrorDomain.VIR_FROM_NONE, code, detail);
const U64 = 0xffffffffffffffffn;

function parseRate(el: XmlElement): BandwidthRate {
  const value = (key: keyof BandwidthRate): bigint | undefined => {
    const text = attr(el, key);
    if (text === undefined) return undefined;
    const n = parseUnsigned(text, U64);
    if (n === null) throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `could not convert bandwidth ${key} value '${text}'`);
    return n;
  };
  const hasAverage = attr(el, 'average') !== undefined;
  if (!hasAverage && attr(el, 'floor') === undefined) {
    throw err(ErrorNumber.VIR_ERR_XML_DETAIL, 'Missing mandatory average or floor attributes');
  }
  if ((attr(el, 'peak') !== undefined || attr(el, 'burst') !== undefined) && !hasAverage) {
    throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, "'peak' and 'burst' require 'average' attribute");
  }
  const average = value('average') ?? 0n;
  return { average, peak: value('peak') ?? 0n, burst: value('burst') ?? 0n, floor: value('floor') ?? 0n };
}

/**
 * Parse `<bandwidth>`; undefined when it sets no direction, as libvirt drops an empty one.
 * `allowFloor`: whether this place accepts an inbound floor (networks and portgroups do not).
 */
export function parseBandwidth(el: XmlElement, allowFloor: boolean): Bandwidth | undefined {
  const pick = (name: string) => {
    const found = childElements(el, name);
    if (found.length > 1) throw err(ErrorNumber.VIR_ERR_XML_DETAIL, `Only one child <${name}> element allowed`);
    return found[0];
  };
  if (attr(el, 'classID') !== undefined) {
    throw err(ErrorNumber.VIR_ERR_XML_DETAIL, 'classID attribute not supported on <bandwidth> in this usage context');
  }
  const inEl = pick('inbound');
  const outEl = pick('outbound');
  const bw: Bandwidth = {};
  if (inEl) {
    bw.inbound = parseRate(inEl);
    if (bw.inbound.floor && !allowFloor) throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, 'floor attribute is not supported for this config');
  }
  if (outEl) {
    bw.outbound = parseRate(outEl);
    if (bw.outbound.floor) throw err(ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, "'floor' attribute allowed only in <inbound> element");
  }
  return bw.inbound || bw.outbound ? bw : undefined;
}

function writeRate(w: XmlWriter, name: string, rate: BandwidthRate | undefined): void {
  if (!rate || !(rate.average || rate.floor)) return;
  w.empty(name, {
    average: rate.average ? String(rate.average) : undefined,
    peak: rate.peak ? String(rate.peak) : undefined,
    floor: rate.floor ? String(rate.floor) : undefined,
    burst: rate.burst ? String(rate.burst) : undefined,
  });
}

export function formatBandwidth(w: XmlWriter, bw: Bandwidth | undefined): void {
  if (!bw) return;
  w.open('bandwidth');
  writeRate(w, 'inbound', bw.inbound);
  writeRate(w, 'outbound', bw.outbound);
  w.close('bandwidth');
}
