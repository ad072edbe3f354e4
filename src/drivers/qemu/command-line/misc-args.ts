/** Watchdog and random-number-generator devices. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import type { AliasMap } from './aliases.js';
import type { ArgList } from './args.js';
import { chardevArg } from './chardev.js';
import { pciProps, virtioDriver, virtioOptions } from './pci-props.js';

export function watchdogArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const w of def.devices.lists.watchdog) {
    a.json('-device', { driver: getAttr(w, 'model'), id: aliases.get(w), ...pciProps(w, q35) });
    // QEMU has no 'dump' action: it pauses, and the driver dumps on the watchdog event
    const action = getAttr(w, 'action') ?? 'reset';
    a.add('-watchdog-action', action === 'dump' ? 'pause' : action);
  }
}

export function rngArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const r of def.devices.lists.rng) {
    const id = aliases.get(r)!;
    const backend = getChild(r, 'backend');
    const model = getAttr(backend, 'model');
    if (model === 'egd') a.add('-chardev', chardevArg({ ...backend!, name: 'rng', attrs: [['type', getAttr(backend, 'type') ?? 'pty']] }, `char${id}`));
    const obj = model === 'random' ? { 'qom-type': 'rng-random', id: `obj${id}`, filename: backend!.text }
      : model === 'egd' ? { 'qom-type': 'rng-egd', id: `obj${id}`, chardev: `char${id}` }
        : model === 'builtin' ? { 'qom-type': 'rng-builtin', id: `obj${id}` } : undefined;
    if (!obj) throw unsupported(`unknown RNG backend model '${model}'`);
    a.json('-object', obj);
    const rate = getChild(r, 'rate');
    const bytes = getAttr(rate, 'bytes');
    a.json('-device', {
      driver: virtioDriver('virtio-rng-pci', getAttr(r, 'model')), ...virtioOptions(r), rng: `obj${id}`, id,
      'max-bytes': bytes === undefined ? undefined : Number(bytes),
      period: bytes === undefined ? undefined : Number(getAttr(rate, 'period') ?? 1000), ...pciProps(r, q35),
    });
  }
}

