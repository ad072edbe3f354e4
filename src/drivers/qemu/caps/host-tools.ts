import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { Command } from '../../../util/command/index.js';

/** Host facts domain capabilities depend on besides QEMU itself. */
export interface HostTools {
  /** swtpm, swtpm_setup and swtpm_ioctl are installed (libvirt's virTPMHasSwtpm). */
  readonly swtpm: boolean;
  /** TPM versions swtpm_setup can create (`1.2`, `2.0`). */
  readonly swtpmVersions: readonly string[];
  /** An IOMMU and /dev/vfio/vfio: PCI passthrough with VFIO is possible. */
  readonly vfio: boolean;
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter).filter(Boolean)) {
    const path = join(dir, name);
    if (await access(path).then(() => true, () => false)) return path;
  }
  return undefined;
}

async function swtpmSetupFeatures(binary: string): Promise<string[]> {
  const command = new Command(binary, ['--print-capabilities']).addEnvPassCommon().setOutputBuffer().setErrorBuffer();
  try {
    await command.run({ signal: AbortSignal.timeout(10_000) });
    const parsed = JSON.parse(command.capturedOutput ?? '{}') as { features?: unknown };
    return Array.isArray(parsed.features) ? parsed.features.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

export async function readHostTools(): Promise<HostTools> {
  const [swtpm, setup, ioctl] = await Promise.all(['swtpm', 'swtpm_setup', 'swtpm_ioctl'].map(onPath));
  const features = swtpm && setup && ioctl ? await swtpmSetupFeatures(setup) : [];
  const iommu = (await readdir('/sys/kernel/iommu_groups').catch(() => [])).length > 0;
  return {
    swtpm: Boolean(swtpm && setup && ioctl),
    swtpmVersions: [['tpm-1.2', '1.2'], ['tpm-2.0', '2.0']].filter(([feature]) => features.includes(feature!)).map(([, version]) => version!),
    vfio: iommu && (await access('/dev/vfio/vfio').then(() => true, () => false)),
  };
}
