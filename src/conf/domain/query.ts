/** Read-only views of a domain's devices that drivers need (stats lookups, names, balloon). */
import type { DomainDef } from './index.js';
import { getAttr, getChild, newXNode, orderChildren } from './xnode.js';
import { MEMBALLOON_CHILDREN } from './devices/simple.js';

export interface DiskView { dev: string; path?: string; bus?: string; device?: string; type?: string }
export interface InterfaceView { type?: string; mac?: string; ifname?: string; source?: string; model?: string }

export function domainDisks(def: DomainDef): DiskView[] {
  return def.devices.lists.disk.map((d) => {
    const source = getChild(d, 'source');
    const path = getAttr(source, 'file') ?? getAttr(source, 'dev') ?? getAttr(source, 'dir') ?? getAttr(source, 'name');
    return {
      dev: getAttr(getChild(d, 'target'), 'dev') ?? '', path, bus: getAttr(getChild(d, 'target'), 'bus'),
      device: getAttr(d, 'device'), type: getAttr(d, 'type'),
    };
  });
}

export function domainInterfaces(def: DomainDef): InterfaceView[] {
  return def.devices.lists.interface.map((n) => {
    const source = getChild(n, 'source');
    return {
      type: getAttr(n, 'type'),
      mac: getAttr(getChild(n, 'mac'), 'address'),
      ifname: getAttr(getChild(n, 'target'), 'dev'),
      source: getAttr(source, 'network') ?? getAttr(source, 'bridge') ?? getAttr(source, 'dev'),
      model: getAttr(getChild(n, 'model'), 'type'),
    };
  });
}

/**
 * Set the balloon's statistics collection period (`<stats period>`; 0 removes it, as libvirt
 * writes none then). False when the domain has no usable balloon (none, or model 'none').
 */
export function setMemballoonPeriod(def: DomainDef, period: number): boolean {
  const balloon = def.devices.lists.memballoon?.[0];
  if (!balloon || getAttr(balloon, 'model') === 'none') return false;
  balloon.children = balloon.children.filter((c) => c.name !== 'stats');
  if (period > 0) balloon.children.push(newXNode('stats', [['period', String(period)]]));
  orderChildren(balloon, MEMBALLOON_CHILDREN);
  return true;
}

/** The memory balloon's model, or undefined when the domain has none. */
export function memballoonModel(def: DomainDef): string | undefined {
  const balloon = def.devices.lists.memballoon?.[0];
  return balloon ? getAttr(balloon, 'model') : undefined;
}
