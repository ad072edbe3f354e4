import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createLogger } from '../../../log/index.js';
import { ARCH_ORDER, archInfo, isKnownArch } from './arch.js';
import { noEmulatorForArch, unknownArch } from './errors.js';
import { checkBinary, kvmUsable, probeQemu } from './probe.js';
import type { QemuProbeData } from './probe-data.js';
import { QemuCaps } from './qemu-caps.js';

const log = createLogger('qemu.caps');

/** Bumped whenever QemuProbeData changes shape, so older cache files are probed again. */
const CACHE_FORMAT = 3;

/** What makes a probe still valid: the same file, unchanged, and the same KVM situation. */
interface BinaryIdentity {
  readonly format: number;
  readonly path: string;
  readonly ctimeMs: number;
  readonly mtimeMs: number;
  readonly size: number;
  readonly kvm: boolean;
}

interface CacheFile {
  readonly identity: BinaryIdentity;
  /** The version that probe found, kept beside the identity for people reading the file. */
  readonly qemuVersion: string;
  readonly data: QemuProbeData;
}

export interface QemuCapsCacheOptions {
  /** Directory of the JSON cache files (the driver's cache dir, e.g. `.../cache/qemu/capabilities`). */
  readonly cacheDir: string;
  /** Where probing QEMUs keep their socket and pid file (default: the system tmpdir). */
  readonly probeDir?: string;
  /** Directories searched for `qemu-system-*` (default: PATH, then /usr/libexec). */
  readonly searchPath?: readonly string[];
}

/**
 * QemuCaps per binary, probed once and kept in memory and in `cacheDir` (one JSON file per
 * binary), valid while the binary's path, ctime, mtime and size and the usability of
 * /dev/kvm are unchanged; otherwise probed again. Concurrent lookups share one probe.
 */
export class QemuCapsCache {
  readonly #options: QemuCapsCacheOptions;
  readonly #memory = new Map<string, { identity: BinaryIdentity; caps: QemuCaps }>();
  readonly #inFlight = new Map<string, Promise<QemuCaps>>();
  #probes = 0;
  #fileHits = 0;

  constructor(options: QemuCapsCacheOptions) {
    this.#options = options;
  }

  /** How often QEMU was started and how often a cache file was used instead. */
  get stats(): { probes: number; fileHits: number } {
    return { probes: this.#probes, fileHits: this.#fileHits };
  }

  /** The capabilities of `binary`; a missing or non-QEMU binary fails with libvirt's error. */
  async lookup(binary: string): Promise<QemuCaps> {
    let pending = this.#inFlight.get(binary);
    if (!pending) {
      pending = this.#lookup(binary).finally(() => this.#inFlight.delete(binary));
      this.#inFlight.set(binary, pending);
    }
    return pending;
  }

  /** The capabilities of the emulator serving guests of `arch` (`qemu-system-TARGET`). */
  async lookupByArch(arch: string): Promise<QemuCaps> {
    if (!isKnownArch(arch)) throw unknownArch(arch);
    const binary = await this.findBinary(arch);
    if (!binary) throw noEmulatorForArch(arch);
    return this.lookup(binary);
  }

  /** The emulator for `arch` found on the search path, or undefined. */
  async findBinary(arch: string): Promise<string | undefined> {
    const target = archInfo(arch)?.target;
    if (!target) return undefined;
    for (const dir of this.#searchPath()) {
      const candidate = join(dir, `qemu-system-${target}`);
      if (await checkBinary(candidate).then(() => true, () => false)) return candidate;
    }
    return undefined;
  }

  /** Every installed emulator libvirt knows an architecture for, in libvirt's arch order. */
  async installed(): Promise<Array<{ arch: string; binary: string }>> {
    const found: Array<{ arch: string; binary: string }> = [];
    for (const arch of ARCH_ORDER) {
      const binary = await this.findBinary(arch);
      if (binary) found.push({ arch, binary });
    }
    return found;
  }

  #searchPath(): readonly string[] {
    return this.#options.searchPath ?? [...(process.env.PATH ?? '/usr/bin').split(delimiter).filter(Boolean), '/usr/libexec'];
  }

  async #lookup(binary: string): Promise<QemuCaps> {
    await checkBinary(binary);
    const identity = await this.#identify(binary);
    const known = this.#memory.get(binary);
    if (known && sameIdentity(known.identity, identity)) return known.caps;
    const data = (await this.#readFile(binary, identity)) ?? (await this.#probe(binary, identity));
    const caps = new QemuCaps(binary, data);
    this.#memory.set(binary, { identity, caps });
    return caps;
  }

  async #identify(binary: string): Promise<BinaryIdentity> {
    const info = await stat(binary);
    return { format: CACHE_FORMAT, path: binary, ctimeMs: info.ctimeMs, mtimeMs: info.mtimeMs, size: info.size, kvm: await kvmUsable() };
  }

  #fileFor(binary: string): string {
    return join(this.#options.cacheDir, `${createHash('sha256').update(binary).digest('hex')}.json`);
  }

  async #readFile(binary: string, identity: BinaryIdentity): Promise<QemuProbeData | null> {
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(await readFile(this.#fileFor(binary), 'utf8')) as CacheFile;
    } catch {
      return null; // missing or unreadable: probe again
    }
    if (!parsed || typeof parsed !== 'object' || !parsed.identity || !sameIdentity(parsed.identity, identity) || !parsed.data) {
      log.debug('cached capabilities of %s are outdated', binary);
      return null;
    }
    this.#fileHits++;
    return parsed.data;
  }

  async #probe(binary: string, identity: BinaryIdentity): Promise<QemuProbeData> {
    this.#probes++;
    const data = await probeQemu(binary, { kvm: identity.kvm, ...(this.#options.probeDir !== undefined && { workDir: this.#options.probeDir }) });
    const { major, minor, micro } = data.version;
    const file: CacheFile = { identity, qemuVersion: `${major}.${minor}.${micro}`, data };
    const path = this.#fileFor(binary);
    await mkdir(this.#options.cacheDir, { recursive: true });
    const temporary = `${path}.${process.pid}.new`;
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await rename(temporary, path);
    return data;
  }
}

function sameIdentity(a: BinaryIdentity, b: BinaryIdentity): boolean {
  return a.format === b.format && a.path === b.path && a.ctimeMs === b.ctimeMs && a.mtimeMs === b.mtimeMs && a.size === b.size && a.kvm === b.kvm;
}
