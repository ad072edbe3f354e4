/** `<maxMemory>`, `<memory>`, `<currentMemory>`: sizes in KiB. */
import { attr, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { parseScaledKiB, uintAttr, xmlError } from './parse-util.js';

export interface DomainMemory {
  /** `<memory>` in KiB. */
  total: number;
  /** `<currentMemory>` in KiB. */
  current: number;
  maxMemory?: { size: number; slots?: number };
  dumpCore?: 'on' | 'off';
}

export function parseMemory(root: XmlElement): DomainMemory {
  const memEl = firstChild(root, 'memory');
  const total = parseScaledKiB(memEl, './memory[1]') ?? 0;
  const current = parseScaledKiB(firstChild(root, 'currentMemory'), './currentMemory[1]');
  // currentMemory is settled by the post-parse, once the total is known
  const memory: DomainMemory = { total, current: current ?? 0 };
  const dumpCore = attr(memEl, 'dumpCore');
  if (dumpCore === 'on' || dumpCore === 'off') memory.dumpCore = dumpCore;
  const maxEl = firstChild(root, 'maxMemory');
  const max = parseScaledKiB(maxEl, './maxMemory[1]');
  if (max !== undefined) memory.maxMemory = { size: max, slots: uintAttr(maxEl, 'slots') };
  return memory;
}

/**
 * libvirt's memory post-parse, after every element has been read: without `<memory>` the total
 * is the NUMA cells' memory plus the memory devices'; the balloon defaults to the total.
 */
export function finishMemory(memory: DomainMemory, numaKiB: number, devicesKiB: number): void {
  if (memory.total === 0 && numaKiB > 0) memory.total = numaKiB + devicesKiB;
  else if (devicesKiB > memory.total) throw xmlError('Total size of memory devices exceeds the total memory size');
  if (memory.total - devicesKiB === 0) throw xmlError('Memory size must be specified via <memory> or in the <numa> configuration');
  if (memory.current === 0 || memory.current > memory.total) memory.current = memory.total;
}

export function formatMemory(w: XmlWriter, m: DomainMemory): void {
  if (m.maxMemory) {
    w.line(`<maxMemory slots='${m.maxMemory.slots ?? 0}' unit='KiB'>${m.maxMemory.size}</maxMemory>`);
  }
  w.text('memory', m.total, { dumpCore: m.dumpCore, unit: 'KiB' });
  w.text('currentMemory', m.current, { unit: 'KiB' });
}
