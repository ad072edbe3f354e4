/** Converters between wire values and driver-contract values, one per kind of value. */
import type {
  CheckpointRef, DomainRef, TypedParam, InterfaceRef, NetworkPortRef, NetworkRef, NodeDeviceRef, SnapshotRef, StoragePoolRef, StorageVolRef,
} from '../../drivers/types.js';
import type {
  remote_nonnull_domain, remote_nonnull_domain_checkpoint, remote_nonnull_domain_snapshot, remote_nonnull_interface, remote_nonnull_network,
  remote_nonnull_node_device, remote_nonnull_storage_pool, remote_nonnull_storage_vol,
} from '../../rpc/protocol/remote.js';
import { VIR_TYPED_PARAM_BOOLEAN, type remote_typed_param } from '../../rpc/protocol/remote-types.js';
import type { Conv } from './binding.js';

/** The same value on both sides (ints, strings, optional strings, bigints). */
export const same: Conv<any, any> = { toDriver: (w) => w, toWire: (d) => d };

/** Wire int 0/1, driver boolean. */
export const bool: Conv<number, boolean> = { toDriver: (w) => w !== 0, toWire: (d) => (d ? 1 : 0) };

/** Wire (unsigned) hyper, driver number (KiB amounts, versions). */
export const hyperNumber: Conv<bigint, number> = { toDriver: (w) => Number(w), toWire: (d) => BigInt(d) };

/** Wire 16 raw bytes, driver UUID string. Every domain, network and pool crosses as one: no regex or hex-string detour. */
export const uuid: Conv<Buffer, string> = {
  toDriver: (w) => {
    for (let i = 0; i < 16; i++) {
      const at = UUID_TEXT_POS[i]!;
      UUID_TEXT[at] = HEX_DIGIT[w[i]! >> 4]!;
      UUID_TEXT[at + 1] = HEX_DIGIT[w[i]! & 15]!;
    }
    return String.fromCharCode.apply(null, UUID_TEXT as unknown as number[]);
  },
  toWire: (d) => parseCanonicalUUID(d) ?? Buffer.from(d.replace(/-/g, ''), 'hex'),
};

const HEX_DIGIT = Buffer.from('0123456789abcdef', 'latin1');
/** Where each byte's two digits go in the 36-character form (8-4-4-4-12, dashes between). */
const UUID_TEXT_POS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const UUID_TEXT = Buffer.alloc(36, '-');

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** The 16 bytes of a UUID in its 36-character form; null for any other text. */
function parseCanonicalUUID(d: string): Buffer | null {
  if (d.length !== 36) return null;
  const out = Buffer.allocUnsafe(16);
  for (let i = 0; i < 16; i++) {
    const at = UUID_TEXT_POS[i]!;
    if ((at === 9 || at === 14 || at === 19 || at === 24) && d.charCodeAt(at - 1) !== 45) return null;
    const hi = hexValue(d.charCodeAt(at));
    const lo = hexValue(d.charCodeAt(at + 1));
    if ((hi | lo) < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

export const domain: Conv<remote_nonnull_domain, DomainRef> = {
  toDriver: (w) => ({ name: w.name, uuid: uuid.toDriver(w.uuid), id: w.id }),
  toWire: (d) => ({ name: d.name, uuid: uuid.toWire(d.uuid), id: d.id }),
};

export const network: Conv<remote_nonnull_network, NetworkRef> = {
  toDriver: (w) => ({ name: w.name, uuid: uuid.toDriver(w.uuid) }),
  toWire: (d) => ({ name: d.name, uuid: uuid.toWire(d.uuid) }),
};

export const networkPort: Conv<{ net: remote_nonnull_network; uuid: Buffer }, NetworkPortRef> = {
  toDriver: (w) => ({ net: network.toDriver(w.net), uuid: uuid.toDriver(w.uuid) }),
  toWire: (d) => ({ net: network.toWire(d.net), uuid: uuid.toWire(d.uuid) }),
};

export const storagePool: Conv<remote_nonnull_storage_pool, StoragePoolRef> = network as unknown as Conv<remote_nonnull_storage_pool, StoragePoolRef>;

export const storageVol: Conv<remote_nonnull_storage_vol, StorageVolRef> = {
  toDriver: (w) => ({ pool: w.pool, name: w.name, key: w.key }),
  toWire: (d) => ({ pool: d.pool, name: d.name, key: d.key }),
};

export const snapshot: Conv<remote_nonnull_domain_snapshot, SnapshotRef> = {
  toDriver: (w) => ({ name: w.name, domain: domain.toDriver(w.dom) }),
  toWire: (d) => ({ name: d.name, dom: domain.toWire(d.domain) }),
};

export const checkpoint: Conv<remote_nonnull_domain_checkpoint, CheckpointRef> = snapshot;

export const iface: Conv<remote_nonnull_interface, InterfaceRef> = {
  toDriver: (w) => ({ name: w.name, mac: w.mac }),
  toWire: (d) => ({ name: d.name, mac: d.mac }),
};

export const nodeDevice: Conv<remote_nonnull_node_device, NodeDeviceRef> = {
  toDriver: (w) => ({ name: w.name }),
  toWire: (d) => ({ name: d.name }),
};

/** A node device passed by name only (NODE_DEVICE_GET_XML_DESC and friends). */
export const nodeDeviceName: Conv<string, NodeDeviceRef> = { toDriver: (name) => ({ name }), toWire: (d) => d.name };

/** An optional pointer of a converted value. */
export function nullable<W, D>(c: Conv<W, D>): Conv<W | null, D | null> {
  return { toDriver: (w) => (w === null ? null : c.toDriver(w)), toWire: (d) => (d === null || d === undefined ? null : c.toWire(d)) };
}

/** An array of converted values. */
export function list<W, D>(c: Conv<W, D>): Conv<W[], D[]> {
  return { toDriver: (w) => w.map((x) => c.toDriver(x)), toWire: (d) => d.map((x) => c.toWire(x)) };
}

/** Bytes carried as `char x[N]` / `char x<N>` on the wire, a NUL-free string in the driver. */
export function chars(fixed?: number): Conv<Buffer, string> {
  return {
    toDriver: (w) => { const nul = w.indexOf(0); return w.subarray(0, nul < 0 ? w.length : nul).toString('utf8'); },
    toWire: (d) => {
      const b = Buffer.from(d, 'utf8');
      if (fixed === undefined) return Buffer.concat([b, Buffer.alloc(1)]); // the NUL is counted, as libvirt sends
      const out = Buffer.alloc(fixed);
      b.copy(out, 0, 0, Math.min(b.length, fixed - 1));
      return out;
    },
  };
}

/**
 * The `need_results`/`ret` shape of the LIST_ALL procedures: the daemon sends the objects only when
 * asked and always the count; the client reads the objects.
 */
export function listAll<W, D>(field: string, c: Conv<W, D>): { toWire(result: any, args: any): any; toDriver(ret: any): any } {
  return {
    toWire: (result: D[], args: { need_results: number }) => ({ [field]: args.need_results ? result.map((x) => c.toWire(x)) : [], ret: result.length }),
    toDriver: (ret: Record<string, unknown>) => (ret[field] as W[]).map((x) => c.toDriver(x)),
  };
}

/**
 * A list size the client sends at most `max` of (the protocol's array limit): callers may ask
 * for "all" with a larger number, as the public API's defaults do; the daemon passes it through.
 */
export function capped(max: number): Conv<number, number> {
  return { toDriver: (w) => w, toWire: (d) => Math.min(d, max) };
}

/** virTypedParameter: the wire union `{ type, value }`, booleans as int 0/1. */
export const typedParam: Conv<remote_typed_param, TypedParam> = {
  toDriver: (w) => ({ field: w.field, type: w.value.type, value: w.value.type === VIR_TYPED_PARAM_BOOLEAN ? w.value.value !== 0 : w.value.value }),
  toWire: (d) => ({ field: d.field, value: { type: d.type, value: typeof d.value === 'boolean' ? Number(d.value) : d.value } as remote_typed_param['value'] }),
};

/** CPU bitmaps (libvirt's cpumaps: bit i of byte i/8 is cpu i), `maplen` bytes each, laid end to end. */
export function cpumapBytes(maps: readonly (readonly boolean[])[], maplen: number, count = maps.length): Buffer {
  const out = Buffer.alloc(Math.max(0, count) * Math.max(0, maplen));
  maps.slice(0, count).forEach((map, m) => {
    for (let cpu = 0; cpu < Math.min(map.length, maplen * 8); cpu++) if (map[cpu]) out[m * maplen + (cpu >> 3)]! |= 1 << (cpu & 7);
  });
  return out;
}

/** The `count` maps of `maplen` bytes in `bytes`, each as one boolean per cpu. */
export function cpumapsOf(bytes: Buffer, maplen: number, count: number): boolean[][] {
  return Array.from({ length: count }, (_, m) =>
    Array.from({ length: maplen * 8 }, (_c, cpu) => ((bytes[m * maplen + (cpu >> 3)] ?? 0) >> (cpu & 7) & 1) === 1));
}

/** One cpu map as the pin calls send it: ceil(cpus / 8) bytes on the wire, one boolean per bit in the driver. */
export const cpumap: Conv<Buffer, boolean[]> = {
  toDriver: (w) => cpumapsOf(w, w.length, 1)[0]!,
  toWire: (d) => cpumapBytes([d], Math.ceil(d.length / 8)),
};

/** A cpu map sized as virBitmapToData sizes it: up to its last cpu set (one byte when none is). */
export function cpumapToLastSet(map: readonly boolean[]): Buffer {
  return cpumapBytes([map], Math.max(1, Math.ceil((map.lastIndexOf(true) + 1) / 8)));
}
