/** Machine-type facts the QEMU driver keys its defaults on. */
import type { DomainDef } from '../../../conf/domain/index.js';

export function isQ35(def: DomainDef): boolean {
  const m = def.os.machine ?? '';
  return m === 'q35' || m.startsWith('pc-q35-');
}

export function isI440fx(def: DomainDef): boolean {
  const m = def.os.machine ?? '';
  return m === 'pc' || m.startsWith('pc-0.') || m.startsWith('pc-1.') || m.startsWith('pc-i440fx-') || m === 'rhel5.4.0'
    || m === 'rhel5.4.4' || m === 'rhel5.5.0' || m === 'rhel6.0.0';
}

export function isX86(def: DomainDef): boolean {
  return def.os.arch === 'x86_64' || def.os.arch === 'i686';
}
