/** Disks: a `-blockdev` storage node and format node per source, then the guest-side `-device`. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import type { ArgList } from './args.js';
import { pciProps, virtioOptions } from './pci-props.js';
import { usbProps } from './display-args.js';
import type { AliasMap } from './aliases.js';

export interface CacheMode { writeback: boolean; direct: boolean; noFlush: boolean }
export const CACHE_MODES: Record<string, CacheMode> = {
  default: { writeback: true, direct: false, noFlush: false },
  none: { writeback: true, direct: true, noFlush: false },
  writethrough: { writeback: false, direct: false, noFlush: false },
  writeback: { writeback: true, direct: false, noFlush: false },
  directsync: { writeback: false, direct: true, noFlush: false },
  unsafe: { writeback: true, direct: false, noFlush: true },
};

function sourcePath(d: XNode): string | undefined {
  const s = getChild(d, 'source');
  return getAttr(s, 'file') ?? getAttr(s, 'dev');
}

function storageDriver(d: XNode): string {
  const type = getAttr(d, 'type');
  if (type === 'file') return 'file';
  // host_cdrom only for a drive found to be a real CD-ROM when starting; a definition gives host_device
  if (type === 'block') return 'host_device';
  throw unsupported(`tsvirt cannot yet build disks of type '${type}'`);
}

/** Floppies boot through their controller: implicit on pc (globals), an explicit isa-fdc on q35. */
function floppyControllerArgs(a: ArgList, def: DomainDef, boot: Map<XNode, number>, q35: boolean): void {
  const floppies = def.devices.lists.disk.filter((d) => getAttr(getChild(d, 'target'), 'bus') === 'fdc');
  if (floppies.length === 0) return;
  let bootindexA: number | undefined;
  let bootindexB: number | undefined;
  for (const f of floppies) {
    if (getAttr(getChild(f, 'address'), 'unit') === '1') bootindexB = boot.get(f);
    else bootindexA = boot.get(f);
  }
  if (q35) a.json('-device', { driver: 'isa-fdc', bootindexA, bootindexB });
  else {
    if (bootindexA) a.add('-global', `isa-fdc.bootindexA=${bootindexA}`);
    if (bootindexB) a.add('-global', `isa-fdc.bootindexB=${bootindexB}`);
  }
}

export function diskArgs(a: ArgList, def: DomainDef, aliases: AliasMap, boot: Map<XNode, number>, q35: boolean): void {
  floppyControllerArgs(a, def, boot, q35);
  // node names count down: the first disk gets the highest number
  let nodeIndex = def.devices.lists.disk.length + 1;
  for (const d of def.devices.lists.disk) {
    nodeIndex--;
    const driver = getChild(d, 'driver');
    const cacheName = getAttr(driver, 'cache');
    const cache = cacheName ? CACHE_MODES[cacheName] : undefined;
    const readonly = getChild(d, 'readonly') !== undefined;
    let drive: string | undefined;
    const path = sourcePath(d);
    if (path !== undefined) {
      const n = nodeIndex;
      const cacheProps = cache ? { cache: { direct: cache.direct, 'no-flush': cache.noFlush } } : {};
      const io = getAttr(driver, 'io');
      a.json('-blockdev', {
        driver: storageDriver(d), filename: path, aio: io, 'node-name': `libvirt-${n}-storage`, ...cacheProps,
        'auto-read-only': true, discard: 'unmap',
      });
      a.json('-blockdev', {
        'node-name': `libvirt-${n}-format`, 'read-only': readonly, ...cacheProps,
        driver: getAttr(driver, 'type') ?? 'raw', file: `libvirt-${n}-storage`,
      });
      drive = `libvirt-${n}-format`;
    }
    a.json('-device', diskDeviceProps(d, drive, aliases.get(d)!, boot.get(d), q35, cache));
  }
}

function diskDeviceProps(d: XNode, drive: string | undefined, id: string, bootindex: number | undefined, q35: boolean,
  cache: CacheMode | undefined): Record<string, unknown> {
  const bus = getAttr(getChild(d, 'target'), 'bus');
  const cdrom = getAttr(d, 'device') === 'cdrom';
  const addr = getChild(d, 'address');
  const writeCache = cache ? (cache.writeback ? 'on' : 'off') : undefined;
  switch (bus) {
    case 'virtio':
      return { driver: 'virtio-blk-pci', ...virtioOptions(d), ...pciProps(d, q35), drive, id, bootindex, 'write-cache': writeCache };
    case 'usb':
      return { driver: 'usb-storage', ...usbProps(d), drive, id, bootindex, removable: getAttr(getChild(d, 'target'), 'removable') === 'on',
        'write-cache': writeCache };
    case 'fdc':
      return { driver: 'floppy', unit: Number(getAttr(addr, 'unit')), drive, id, 'write-cache': writeCache };
    case 'ide': case 'sata': {
      const controller = Number(getAttr(addr, 'controller'));
      const ideBus = bus === 'ide' ? `ide.${getAttr(addr, 'bus')}` : q35 && controller === 0 ? `ide.${getAttr(addr, 'unit')}`
        : `sata${controller}.${getAttr(addr, 'unit')}`;
      const unit = bus === 'ide' ? Number(getAttr(addr, 'unit')) : undefined;
      return { driver: cdrom ? 'ide-cd' : 'ide-hd', bus: ideBus, unit, drive, id, bootindex, 'write-cache': writeCache };
    }
    case 'scsi':
      return {
        driver: cdrom ? 'scsi-cd' : 'scsi-hd', bus: `scsi${getAttr(addr, 'controller')}.0`, channel: Number(getAttr(addr, 'bus')),
        'scsi-id': Number(getAttr(addr, 'target')), lun: Number(getAttr(addr, 'unit')),
        'device_id': drive ? `drive-${id}` : undefined, drive, id, bootindex, 'write-cache': writeCache,
      };
    default:
      throw unsupported(`tsvirt cannot yet build disks on bus '${bus}'`);
  }
}
