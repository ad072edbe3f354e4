/** Firmware: the UEFI code and NVRAM as pflash block nodes, or a BIOS image. */
import type { DomainDef } from '../../../conf/domain/index.js';
import type { ArgList } from './args.js';

/** The pflash nodes' machine properties, when the loader is a pflash image. */
export function pflashArgs(a: ArgList, def: DomainDef): string[] {
  const loader = def.os.loader;
  if (loader?.type !== 'pflash' || !loader.path) return [];
  const images: [string, boolean][] = [[loader.path, loader.readonly === 'yes']];
  if (loader.nvram?.path) images.push([loader.nvram.path, false]);
  return images.map(([path, readonly], i) => {
    a.json('-blockdev', { driver: 'file', filename: path, 'node-name': `libvirt-pflash${i}-storage`, 'auto-read-only': true, discard: 'unmap' });
    a.json('-blockdev', { 'node-name': `libvirt-pflash${i}-format`, 'read-only': readonly, driver: 'raw', file: `libvirt-pflash${i}-storage` });
    return `pflash${i}=libvirt-pflash${i}-format`;
  });
}

export function loaderArgs(a: ArgList, def: DomainDef): void {
  const loader = def.os.loader;
  if (loader?.type === 'rom' && loader.path) a.add('-bios', loader.path);
  else if (loader?.type === 'pflash' && loader.secure === 'yes') a.add('-global', 'driver=cfi.pflash01,property=secure,value=on');
}
