/**
 * x86 CPU data as libvirt's CPU driver handles it: CPUID leaves (eax_in, ecx_in -> eax, ebx,
 * ecx, edx) and MSRs (index -> eax, edx), used as bit sets. Features, vendors and models of the
 * CPU map are such data, and so is what a CPU reports.
 */
export type X86DataItem =
  | { readonly kind: 'cpuid'; readonly eaxIn: number; readonly ecxIn: number; readonly regs: number[] }
  | { readonly kind: 'msr'; readonly index: number; readonly regs: number[] };

function keyOf(item: X86DataItem): string {
  return item.kind === 'cpuid' ? `cpuid:${item.eaxIn}:${item.ecxIn}` : `msr:${item.index}`;
}

export function cpuidItem(eaxIn: number, ecxIn: number, eax: number, ebx: number, ecx: number, edx: number): X86DataItem {
  return { kind: 'cpuid', eaxIn, ecxIn, regs: [eax >>> 0, ebx >>> 0, ecx >>> 0, edx >>> 0] };
}

export function msrItem(index: number, eax: number, edx: number): X86DataItem {
  return { kind: 'msr', index, regs: [eax >>> 0, edx >>> 0] };
}

export class X86Data {
  readonly #items = new Map<string, X86DataItem>();

  static of(items: Iterable<X86DataItem>): X86Data {
    const data = new X86Data();
    for (const item of items) data.addItem(item);
    return data;
  }

  copy(): X86Data {
    return X86Data.of(this.#items.values());
  }

  /** Items with at least one bit set. */
  *items(): IterableIterator<X86DataItem> {
    for (const item of this.#items.values()) if (item.regs.some((r) => r !== 0)) yield item;
  }

  get(item: X86DataItem): X86DataItem | undefined {
    return this.#items.get(keyOf(item));
  }

  /** Sets the item's bits, creating the leaf (or MSR) when absent. */
  addItem(item: X86DataItem): void {
    const existing = this.#items.get(keyOf(item));
    if (existing) existing.regs.forEach((r, i) => { existing.regs[i] = (r | item.regs[i]!) >>> 0; });
    else this.#items.set(keyOf(item), { ...item, regs: [...item.regs] });
  }

  add(other: X86Data): void {
    for (const item of other.items()) this.addItem(item);
  }

  /** Clears every bit `other` has. */
  subtract(other: X86Data): void {
    for (const item of this.#items.values()) {
      const mask = other.get(item);
      if (mask) item.regs.forEach((r, i) => { item.regs[i] = (r & ~mask.regs[i]!) >>> 0; });
    }
  }

  /** Keeps only the bits `other` has too. */
  intersect(other: X86Data): void {
    for (const item of this.#items.values()) {
      const mask = other.get(item);
      item.regs.forEach((r, i) => { item.regs[i] = mask ? (r & mask.regs[i]!) >>> 0 : 0; });
    }
  }

  /** Every bit of `subset` is set here. */
  contains(subset: X86Data): boolean {
    for (const item of subset.items()) {
      const own = this.get(item);
      if (!own || !matchesMask(own, item)) return false;
    }
    return true;
  }

  hasMsr(): boolean {
    return [...this.items()].some((item) => item.kind === 'msr');
  }

  isEmpty(): boolean {
    return this.items().next().done === true;
  }

  /** CPUID leaf 1 eax without its reserved bits (0 when leaf 1 is absent). */
  signature(): number {
    const leaf1 = this.get(cpuidItem(1, 0, 0, 0, 0, 0));
    return leaf1 ? (leaf1.regs[0]! & 0x0fff3fff) >>> 0 : 0;
  }
}

/** Every bit of `mask` is set in `item`. */
export function matchesMask(item: X86DataItem, mask: X86DataItem): boolean {
  return item.regs.every((r, i) => ((r & mask.regs[i]!) >>> 0) === mask.regs[i]);
}

export interface X86Signature {
  readonly family: number;
  readonly model: number;
  readonly stepping: number;
}

/** Family, model and stepping from CPUID leaf 1 eax (extended fields folded in). */
export function decodeSignature(eax: number): X86Signature {
  return {
    family: ((eax >>> 20) & 0xff) + ((eax >>> 8) & 0xf),
    model: ((eax >>> 12) & 0xf0) + ((eax >>> 4) & 0xf),
    stepping: eax & 0xf,
  };
}

/** The leaf 1 eax value for a signature, as a CPU would report it. */
export function encodeSignature(family: number, model: number, stepping: number): number {
  let sig = 0;
  if (family > 0xf) {
    sig |= (family - 0xf) << 20;
    family = 0xf;
  }
  sig |= (model >> 4) << 16;
  sig |= family << 8;
  sig |= (model & 0xf) << 4;
  sig |= stepping & 0xf;
  return sig >>> 0;
}

/** CPUID leaf 0's vendor string registers (ebx, edx, ecx hold its 12 bytes in that order). */
export function vendorItem(vendor: string): X86DataItem | undefined {
  const bytes = Buffer.from(vendor, 'latin1');
  if (bytes.length !== 12) return undefined;
  return cpuidItem(0, 0, 0, bytes.readUInt32LE(0), bytes.readUInt32LE(8), bytes.readUInt32LE(4));
}
