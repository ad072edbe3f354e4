/**
 * Numeric IP and MAC addresses as libvirt's virSocketAddr / virMacAddr read and print them:
 * IPv4 with inet_aton's leniency (getaddrinfo with a numeric host accepts "10.1" or "0x7f.1"),
 * IPv6 as inet_pton, printed back in glibc's canonical form.
 */

export type IpFamily = 'ipv4' | 'ipv6';

export interface IpAddr {
  family: IpFamily;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

/** One inet_aton part: decimal, 0x hex or 0-prefixed octal. */
function parseAtonPart(part: string): number | null {
  if (/^0[xX][0-9a-fA-F]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return parseInt(part, 8);
  if (/^[1-9][0-9]*$/.test(part)) return Number(part);
  return null;
}

function parseIPv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  const nums = parts.map(parseAtonPart);
  if (nums.some((n) => n === null)) return null;
  const values = nums as number[];
  const last = values[values.length - 1];
  const leading = values.slice(0, -1);
  if (leading.some((n) => n > 255)) return null;
  const lastBytes = 4 - leading.length;
  if (last >= 2 ** (8 * lastBytes)) return null;
  const out = new Uint8Array(4);
  leading.forEach((n, i) => (out[i] = n));
  for (let i = 0; i < lastBytes; i++) out[3 - i] = Math.floor(last / 2 ** (8 * i)) & 0xff;
  return out;
}

function parseIPv6(text: string): Uint8Array | null {
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    // an embedded IPv4 tail stands for the last two groups
    const v4 = text.slice(lastColon + 1);
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return null;
    const o = v4.split('.').map(Number);
    if (o.some((x) => x > 255)) return null;
    const hi = ((o[0] << 8) | o[1]).toString(16);
    const lo = ((o[2] << 8) | o[3]).toString(16);
    body = `${text.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const gs = s.split(':');
    if (gs.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    return gs.map((g) => parseInt(g, 16));
  };
  let groups: number[];
  if (halves.length === 2) {
    const left = toGroups(halves[0]);
    const right = toGroups(halves[1]);
    if (!left || !right || left.length + right.length >= 8) return null;
    groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    const all = toGroups(body);
    if (!all || all.length !== 8) return null;
    groups = all;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Parse a numeric address; `null` when getaddrinfo would reject it. */
export function parseIp(text: string, family?: IpFamily): IpAddr | null {
  if (family !== 'ipv6') {
    const v4 = parseIPv4(text);
    if (v4) return { family: 'ipv4', bytes: v4 };
  }
  if (family !== 'ipv4' && text.includes(':')) {
    const v6 = parseIPv6(text);
    if (v6) return { family: 'ipv6', bytes: v6 };
  }
  return null;
}

/** Print as glibc's inet_ntop does. */
export function formatIp(addr: IpAddr): string {
  const b = addr.bytes;
  if (addr.family === 'ipv4') return Array.from(b).join('.');
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  words.forEach((w, i) => {
    if (w === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = { ...cur };
    } else {
      cur = { base: -1, len: 0 };
    }
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += Array.from(b.slice(12)).join('.');
      break;
    }
    out += words[i].toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** Canonical text of a numeric address, or null when it is not one. */
export function canonicalIp(text: string, family?: IpFamily): string | null {
  const addr = parseIp(text, family);
  return addr ? formatIp(addr) : null;
}

/** Number of leading one bits of a netmask, or -1 when the ones are not contiguous. */
export function netmaskBits(mask: IpAddr): number {
  let bits = 0;
  let seenZero = false;
  for (const byte of mask.bytes) {
    for (let i = 7; i >= 0; i--) {
      if (byte & (1 << i)) {
        if (seenZero) return -1;
        bits++;
      } else {
        seenZero = true;
      }
    }
  }
  return bits;
}

/** The prefix libvirt uses for an address: explicit, from the netmask, or the classful default. */
export function ipPrefix(address: IpAddr | null, netmask: IpAddr | null, prefix: number): number {
  if (prefix > 0) return prefix;
  if (netmask) return netmaskBits(netmask);
  if (address?.family === 'ipv4') {
    const octet = address.bytes[0];
    if (address.bytes.every((x) => x === 0)) return 0;
    if ((octet & 0x80) === 0) return 8;
    if ((octet & 0xc0) === 0x80) return 16;
    if ((octet & 0xe0) === 0xc0) return 24;
    return -1;
  }
  if (address?.family === 'ipv6') return address.bytes.every((x) => x === 0) ? 0 : 64;
  return 0;
}

/** The address with all bits past `prefix` cleared (`fill` sets them instead, for broadcast). */
export function maskByPrefix(addr: IpAddr, prefix: number, fill = false): IpAddr {
  const bytes = Uint8Array.from(addr.bytes, (byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - 8 * i));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    return fill ? (byte & mask) | (~mask & 0xff) : byte & mask;
  });
  return { family: addr.family, bytes };
}

export function ipEqual(a: IpAddr, b: IpAddr): boolean {
  return a.family === b.family && a.bytes.every((x, i) => x === b.bytes[i]);
}

/** Parse a MAC address as virMacAddrParse: six hex parts of one or two digits. */
export function parseMac(text: string): Uint8Array | null {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

export function formatMac(mac: Uint8Array): string {
  return Array.from(mac, (x) => x.toString(16).padStart(2, '0')).join(':');
}

export function isMulticastMac(mac: Uint8Array): boolean {
  return (mac[0] & 1) === 1;
}
