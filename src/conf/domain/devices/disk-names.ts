/** Disk target names (`vda`, `hdc`, `sdb1`) to the drive index libvirt derives from them. */
const PREFIXES = ['fd', 'hd', 'vd', 'sd', 'xvd', 'ubd'];

/** virDiskNameToIndex: letters after the prefix in base 26, partition digits ignored; -1 when invalid. */
export function diskNameToIndex(name: string): number {
  const prefix = PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return -1;
  const m = /^([a-z]+)\d*$/.exec(name.slice(prefix.length));
  if (!m) return -1;
  return lettersToIndex(m[1]!);
}

function lettersToIndex(letters: string): number {
  let idx = 0;
  for (let i = 0; i < letters.length; i++) {
    idx = (i === 0 ? 0 : (idx + 1) * 26) + (letters.charCodeAt(i) - 97);
  }
  return idx;
}

/** The bus libvirt picks from a target name prefix. */
export function busFromDiskName(name: string): string | undefined {
  if (name.startsWith('hd')) return 'ide';
  if (name.startsWith('sd')) return 'scsi';
  if (name.startsWith('vd')) return 'virtio';
  if (name.startsWith('xvd')) return 'xen';
  if (name.startsWith('ubd')) return 'uml';
  return undefined;
}
