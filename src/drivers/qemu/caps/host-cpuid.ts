import { open, type FileHandle } from 'node:fs/promises';
import { cpuidItem, msrItem, X86Data } from './cpu-x86-data.js';

/**
 * The host CPU's raw CPUID leaves, read as libvirt collects them. libvirt executes the CPUID
 * instruction itself; Node cannot, so we read the Linux cpuid driver's device
 * (`/dev/cpu/0/cpuid`: a 16-byte read at offset ecx << 32 | eax runs CPUID on CPU 0). This gives
 * the very registers libvirt sees, which /proc/cpuinfo does not (the kernel hides and renames
 * flags) and QEMU's `host` CPU does not either (that is what KVM offers guests, not the host).
 * Returns null when the device is missing (the `cpuid` kernel module is not loaded).
 */
export async function readHostCpuid(dir = '/dev/cpu/0'): Promise<X86Data | null> {
  let cpuid: FileHandle;
  try {
    cpuid = await open(`${dir}/cpuid`, 'r');
  } catch {
    return null;
  }
  try {
    const data = new X86Data();
    const reader = new CpuidReader(cpuid);
    await collectLeaves(reader, 0x0, data);
    await collectLeaves(reader, 0x80000000, data);
    await addArchCapabilities(dir, data);
    return data;
  } finally {
    await cpuid.close();
  }
}

type Regs = [eax: number, ebx: number, ecx: number, edx: number];

class CpuidReader {
  readonly #buffer = Buffer.alloc(16);
  constructor(readonly file: FileHandle) {}

  async call(leaf: number, sub = 0): Promise<Regs> {
    const { bytesRead } = await this.file.read(this.#buffer, 0, 16, sub * 2 ** 32 + leaf);
    if (bytesRead !== 16) return [0, 0, 0, 0];
    const b = this.#buffer;
    return [b.readUInt32LE(0), b.readUInt32LE(4), b.readUInt32LE(8), b.readUInt32LE(12)];
  }
}

/** Every leaf from `base` to the maximum it reports, with the sub-leaves each leaf defines. */
async function collectLeaves(reader: CpuidReader, base: number, data: X86Data): Promise<void> {
  const max = (await reader.call(base))[0];
  const add = (leaf: number, sub: number, r: Regs): void => data.addItem(cpuidItem(leaf, sub, ...r));
  const addRange = async (leaf: number, subs: Iterable<number>): Promise<void> => {
    for (const sub of subs) add(leaf, sub, await reader.call(leaf, sub));
  };
  for (let leaf = base; leaf <= max && leaf >= base; leaf++) {
    const sub0 = await reader.call(leaf, 0);
    switch (leaf) {
      case 0x4: { // cache parameters: until a sub-leaf reports no cache type
        add(leaf, 0, sub0);
        for (let sub = 1, r = sub0; r[0] & 0x1f; sub++) add(leaf, sub, (r = await reader.call(leaf, sub)));
        break;
      }
      case 0x7: case 0x14: // eax of sub-leaf 0 is the last sub-leaf
        add(leaf, 0, sub0);
        await addRange(leaf, range(1, sub0[0]));
        break;
      case 0xb: { // topology levels: while ecx[15:8] names a level type
        for (let sub = 0, r = sub0; r[2] & 0xff00; r = await reader.call(leaf, ++sub)) add(leaf, sub, r);
        break;
      }
      case 0xd: { // extended state: sub-leaves 0 and 1, then those either one flags
        add(leaf, 0, sub0);
        const sub1 = await reader.call(leaf, 1);
        add(leaf, 1, sub1);
        const flagged = [...range(2, 63)].filter((n) => (n < 32 ? (sub0[0] | sub1[2]) >>> n : (sub0[3] | sub1[3]) >>> (n - 32)) & 1);
        await addRange(leaf, flagged);
        break;
      }
      case 0xf: case 0x10: { // resource ids: the bits of edx (0xf) or ebx (0x10) of sub-leaf 0
        add(leaf, 0, sub0);
        const mask = leaf === 0xf ? sub0[3] : sub0[1];
        await addRange(leaf, [...range(1, 31)].filter((n) => (mask >>> n) & 1));
        break;
      }
      case 0x12: { // SGX: only with the SGX bit of leaf 7
        if (!((data.get(cpuidItem(7, 0, 0, 0, 0, 0))?.regs[1] ?? 0) & 0x4)) break;
        add(leaf, 0, sub0);
        add(leaf, 1, await reader.call(leaf, 1));
        for (let sub = 2, r = await reader.call(leaf, 2); r[0] & 0xf; r = await reader.call(leaf, ++sub)) add(leaf, sub, r);
        break;
      }
      case 0x17: // SoC vendor: valid from eax >= 3, which is also its last sub-leaf
        if (sub0[0] < 3) break;
        add(leaf, 0, sub0);
        await addRange(leaf, range(1, sub0[0]));
        break;
      default:
        add(leaf, 0, sub0);
    }
  }
}

function* range(from: number, to: number): IterableIterator<number> {
  for (let n = from; n <= to; n++) yield n;
}

/**
 * IA32_ARCH_CAPABILITIES (MSR 0x10a) when CPUID announces it, read through the msr driver as
 * libvirt first tries. libvirt falls back to asking /dev/kvm (an ioctl we cannot make), so
 * without the msr driver the MSR's features are missing here.
 */
async function addArchCapabilities(dir: string, data: X86Data): Promise<void> {
  const leaf7 = data.get(cpuidItem(7, 0, 0, 0, 0, 0));
  if (!leaf7 || !((leaf7.regs[3]! >>> 29) & 1)) return;
  let msr: FileHandle;
  try {
    msr = await open(`${dir}/msr`, 'r');
  } catch {
    return;
  }
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await msr.read(buffer, 0, 8, 0x10a);
    if (bytesRead === 8) data.addItem(msrItem(0x10a, buffer.readUInt32LE(0), buffer.readUInt32LE(4)));
  } catch {
    // the CPU lacks the MSR after all
  } finally {
    await msr.close();
  }
}
