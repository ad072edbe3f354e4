import { access, readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { archFromTarget } from './arch.js';

/** A QEMU firmware descriptor (docs/interop/firmware.json), the parts domain capabilities read. */
export interface FirmwareDescriptor {
  readonly interfaces: readonly string[];
  readonly executable?: string;
  readonly nvramTemplate?: string;
  readonly targets: ReadonlyArray<{ readonly arch: string; readonly machines: readonly string[] }>;
  readonly features: readonly string[];
}

/**
 * libvirt's built-in loader/NVRAM pairs (Debian builds keep the default), used when no
 * descriptor serves the machine.
 */
const DEFAULT_LOADERS = [
  '/usr/share/OVMF/OVMF_CODE.fd', '/usr/share/OVMF/OVMF_CODE.secboot.fd',
  '/usr/share/AAVMF/AAVMF_CODE.fd', '/usr/share/AAVMF/AAVMF32_CODE.fd',
];

export interface FirmwareSearch {
  /** The system driver reads /usr/share/qemu and /etc/qemu; a session driver also $XDG_CONFIG_HOME/qemu. */
  readonly privileged: boolean;
  /** Directories to read instead of the standard ones, lowest priority first (tests). */
  readonly dirs?: readonly string[];
}

/** Descriptors by file name, a later directory's file replacing an earlier one's, in name order. */
export async function loadFirmwareDescriptors(search: FirmwareSearch): Promise<FirmwareDescriptor[]> {
  const dirs = search.dirs ?? standardDirs(search.privileged);
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if ((await stat(path).catch(() => null))?.isFile()) files.set(name, path);
    }
  }
  const descriptors: FirmwareDescriptor[] = [];
  for (const name of [...files.keys()].sort()) {
    const parsed = parseDescriptor(await readFile(files.get(name)!, 'utf8'));
    if (parsed) descriptors.push(parsed); // an empty file in /etc masks the one shipped in /usr/share
  }
  return descriptors;
}

function standardDirs(privileged: boolean): string[] {
  const dirs = ['/usr/share/qemu/firmware', '/etc/qemu/firmware'];
  if (!privileged) dirs.push(join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'qemu', 'firmware'));
  return dirs;
}

interface RawDescriptor {
  'interface-types'?: string[];
  mapping?: { device?: string; executable?: { filename?: string }; 'nvram-template'?: { filename?: string }; filename?: string };
  targets?: Array<{ architecture?: string; machines?: string[] }>;
  features?: string[];
}

function parseDescriptor(text: string): FirmwareDescriptor | null {
  let raw: RawDescriptor;
  try {
    raw = JSON.parse(text) as RawDescriptor;
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const mapping = raw.mapping ?? {};
  const executable = mapping.device === 'flash' ? mapping.executable?.filename : mapping.device === 'memory' ? mapping.filename : undefined;
  const nvramTemplate = mapping.device === 'flash' ? mapping['nvram-template']?.filename : undefined;
  return {
    interfaces: raw['interface-types'] ?? [],
    ...(executable !== undefined && { executable }),
    ...(nvramTemplate !== undefined && { nvramTemplate }),
    targets: (raw.targets ?? []).map((t) => ({ arch: archFromTarget(t.architecture ?? ''), machines: t.machines ?? [] })),
    features: raw.features ?? [],
  };
}

/** What a machine can boot: firmware kinds selectable automatically, secure boot, loader images. */
export interface MachineFirmware {
  readonly efi: boolean;
  readonly bios: boolean;
  readonly secure: boolean;
  /** Loader images that exist, each once, in descriptor order (or libvirt's defaults). */
  readonly loaders: readonly string[];
}

export async function machineFirmware(descriptors: readonly FirmwareDescriptor[], machine: string, arch: string): Promise<MachineFirmware> {
  const matching = descriptors.filter((d) => d.targets.some((t) => t.arch === arch && t.machines.some((glob) => globMatches(glob, machine))));
  const images = matching.flatMap((d) => (d.executable ? [d.executable] : []));
  return {
    efi: matching.some((d) => d.interfaces.includes('uefi')),
    bios: matching.some((d) => d.interfaces.includes('bios')),
    secure: matching.some((d) => d.features.includes('requires-smm')),
    loaders: await existingOnce(images.length > 0 ? images : DEFAULT_LOADERS),
  };
}

async function existingOnce(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    if (!found.includes(path) && (await access(path).then(() => true, () => false))) found.push(path);
  }
  return found;
}

/** fnmatch(3) without flags, for the `*`, `?` and `[...]` machine patterns descriptors use. */
function globMatches(glob: string, name: string): boolean {
  const pattern = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(name);
}
