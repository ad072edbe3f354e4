/** Device aliases (QEMU ids) as libvirt assigns them when a domain starts (qemuAssignDeviceAliases). */
import type { DomainDef } from '../../../conf/domain/index.js';
import { diskNameToIndex } from '../../../conf/domain/devices/disk-names.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';

export type AliasMap = Map<XNode, string>;

function controllerAlias(c: XNode, q35: boolean): string {
  const type = getAttr(c, 'type')!;
  const index = Number(getAttr(c, 'index'));
  if (type === 'pci') return index === 0 && q35 ? 'pcie.0' : `pci.${index}`;
  if (type === 'ide') return index === 0 ? 'ide' : `ide${index}`;
  if (type === 'usb') return index === 0 ? 'usb' : `usb${index}`;
  return `${type}${index}`;
}

function diskAlias(d: XNode): string {
  const bus = getAttr(getChild(d, 'target'), 'bus')!;
  const addr = getChild(d, 'address');
  const n = (k: string): string => String(Number(getAttr(addr, k) ?? 0));
  switch (bus) {
    case 'ide': return `ide${n('controller')}-${n('bus')}-${n('unit')}`;
    case 'sata': return `sata${n('controller')}-${n('bus')}-${n('unit')}`;
    case 'fdc': return `fdc${n('controller')}-${n('bus')}-${n('unit')}`;
    case 'scsi': return `scsi${n('controller')}-${n('bus')}-${n('target')}-${n('unit')}`;
    default: return `${bus}-disk${diskNameToIndex(getAttr(getChild(d, 'target'), 'dev')!)}`;
  }
}

const PREFIX: Record<string, string> = {
  interface: 'net', serial: 'serial', parallel: 'parallel', console: 'console', channel: 'channel', input: 'input',
  video: 'video', sound: 'sound', hostdev: 'hostdev', redirdev: 'redir', rng: 'rng', filesystem: 'fs', smartcard: 'smartcard',
  shmem: 'shmem', watchdog: 'watchdog', memballoon: 'balloon', tpm: 'tpm', hub: 'hub',
};

export function assignAliases(def: DomainDef, q35: boolean): AliasMap {
  const aliases: AliasMap = new Map();
  const l = def.devices.lists;
  for (const c of l.controller) aliases.set(c, controllerAlias(c, q35));
  for (const d of l.disk) aliases.set(d, diskAlias(d));
  for (const [kind, prefix] of Object.entries(PREFIX)) {
    l[kind as keyof typeof l].forEach((node, i) => aliases.set(node, `${prefix}${i}`));
  }
  return aliases;
}
