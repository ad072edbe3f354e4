import { isVirError } from '../../../errors/index.js';
import { createLogger } from '../../../log/index.js';
import type { QmpMonitor } from '../qmp/index.js';
import type { ProbedCpuProperty, ProbedHostCpuModel } from './probe-data.js';

const log = createLogger('qemu.caps');

type PropValue = boolean | number | string;
type Expansion = { name: string; props: Record<string, PropValue> };

export interface HostCpuQuery {
  /** QEMU names features canonically; otherwise the static result is expanded fully too. */
  readonly canonicalNames: boolean;
}

/**
 * The host CPU model as libvirt asks QEMU for it: a static expansion of `host` (KVM) or `max`
 * (TCG), once as is and once with `migratable=off`. A feature on only in the second is on but
 * not migratable (invtsc...). Null when QEMU cannot expand the model here.
 */
export async function probeHostCpuModel(monitor: QmpMonitor, name: 'host' | 'max', query: HostCpuQuery): Promise<ProbedHostCpuModel | null> {
  const migratable = await expand(monitor, { name }, query);
  if (!migratable) return null;
  const all = await expand(monitor, { name, props: { migratable: false } }, query);
  const others = new Map(Object.entries(all?.props ?? {}));
  const props = Object.entries(migratable.props)
    .filter(([, value]) => typeof value !== 'number' || Number.isInteger(value))
    .map(([prop, value]): ProbedCpuProperty => {
      const other = others.get(prop);
      if (typeof value !== 'boolean' || typeof other !== 'boolean') return { name: prop, value };
      if (value) return { name: prop, value, migratable: true };
      return other ? { name: prop, value: true, migratable: false } : { name: prop, value };
    });
  return { name: migratable.name, migratability: all !== null, props };
}

async function expand(monitor: QmpMonitor, model: object, query: HostCpuQuery): Promise<Expansion | null> {
  const result = await expansion(monitor, 'static', model);
  return result && !query.canonicalNames ? expansion(monitor, 'full', result) : result;
}

async function expansion(monitor: QmpMonitor, type: 'static' | 'full', model: object): Promise<Expansion | null> {
  try {
    const reply = await monitor.execute<{ model: { name: string; props?: Record<string, PropValue> } }>(
      'query-cpu-model-expansion', { type, model });
    return { name: reply.model.name, props: reply.model.props ?? {} };
  } catch (err) {
    if (!isVirError(err)) throw err;
    log.debug('no %s CPU model expansion: %s', type, err.message);
    return null;
  }
}
