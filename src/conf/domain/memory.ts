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
  const memory: DomainMemory = { total, current: current === undefined || current === 0 || current > total ? total : current };
  const dumpCore = attr(memEl, 'dumpCore');
  if (dumpCore === 'on' || dumpCore === 'off') memory.dumpCore = dumpCore;
  const maxEl = firstChild(root, 'maxMemory');
  const max = parseScaledKiB(maxEl, './maxMemory[1]');
  if (max !== undefined) memory.maxMemory = { size: max, slots: uintAttr(maxEl, 'slots') };
  return memory;
}

/** A post-parse check in libvirt: it comes after every element has been read. */
export function checkMemorySize(memory: DomainMemory): void {
  if (memory.total === 0) throw xmlError('Memory size must be specified via <memory> or in the <numa> configuration');
}

export function formatMemory(w: XmlWriter, m: DomainMemory): void {
  if (m.maxMemory) {
    w.line(`<maxMemory slots='${m.maxMemory.slots ?? 0}' unit='KiB'>${m.maxMemory.size}</maxMemory>`);
  }
  w.text('memory', m.total, { dumpCore: m.dumpCore, unit: 'KiB' });
  w.text('currentMemory', m.current, { unit: 'KiB' });
}
