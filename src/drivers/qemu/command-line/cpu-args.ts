/** `-cpu`: the guest CPU model and its feature switches. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr } from '../../../conf/domain/xnode.js';
import { cpuFeatureToQemu } from '../caps/cpu-feature-names.js';
import type { ArgList } from './args.js';

/** Optional features are resolved before the command line is built; QEMU is not told about them. */
const POLICY_SWITCH: Record<string, string | undefined> = { require: 'on', force: 'on', disable: 'off', forbid: 'off', optional: undefined };

export function cpuArgs(a: ArgList, def: DomainDef): void {
  const cpu = def.cpu;
  if (!cpu) return;
  const mode = cpu.mode ?? 'custom';
  let model: string | undefined;
  if (mode === 'host-passthrough') model = 'host';
  else if (mode === 'maximum') model = 'max';
  else model = cpu.model?.name;
  if (!model) return;
  const features = cpu.features.flatMap((f) => {
    const name = getAttr(f, 'name');
    const value = POLICY_SWITCH[getAttr(f, 'policy') ?? 'require'];
    return name !== undefined && value !== undefined ? [`${cpuFeatureToQemu(def.os.arch, name)}=${value}`] : [];
  });
  const migratable = (mode === 'host-passthrough' || mode === 'maximum') && cpu.migratable !== undefined ? [`migratable=${cpu.migratable}`] : [];
  a.add('-cpu', [model, ...migratable, ...features].join(','));
}
