/** `-cpu`: the guest CPU model and its feature switches. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr } from '../../../conf/domain/xnode.js';
import type { ArgList } from './args.js';

const POLICY_SWITCH: Record<string, string> = { require: 'on', force: 'on', disable: 'off', forbid: 'off' };

export function cpuArgs(a: ArgList, def: DomainDef): void {
  const cpu = def.cpu;
  if (!cpu) return;
  const mode = cpu.mode ?? 'custom';
  let model: string | undefined;
  if (mode === 'host-passthrough') model = 'host';
  else if (mode === 'maximum') model = 'max';
  else model = cpu.model?.name;
  if (!model) return;
  const features = cpu.features.map((f) => `${getAttr(f, 'name')}=${POLICY_SWITCH[getAttr(f, 'policy') ?? 'require'] ?? 'on'}`)
    .filter((f) => !f.endsWith('=undefined'));
  const migratable = mode === 'host-passthrough' || mode === 'maximum' ? [`migratable=${cpu.migratable ?? 'on'}`] : [];
  a.add('-cpu', [model, ...migratable, ...features].join(','));
}
