/** `<serial>`, `<parallel>`, `<console>`, `<channel>`: character devices and their targets. */
import type { XmlElement } from '../../xml.js';
import { unsupported } from '../parse-util.js';
import { getAttr, getChild, newXNode, orderAttrs, orderChildren, setAttr, toXNode, type XNode } from '../xnode.js';
import { normalizeAddress } from './address.js';
import { canonicalChrSource, checkChrSource } from './chardev-source.js';

const CHR_TYPES = ['null', 'vc', 'pty', 'dev', 'file', 'pipe', 'stdio', 'udp', 'tcp', 'unix', 'spicevmc',
  'spiceport', 'nmdm', 'qemu-vdagent', 'dbus'];
const CHILD_ORDER = ['source', 'protocol', 'log', 'target', 'alias', 'address'];

export function parseChardev(el: XmlElement): XNode {
  const type = el.getAttribute('type') || 'pty';
  if (!CHR_TYPES.includes(type)) {
    throw unsupported(`unknown type presented to host for character device: ${type}`);
  }
  const node = toXNode(el);
  const targetType = getAttr(getChild(node, 'target'), 'type');
  checkChrSource(node, type, el.nodeName === 'channel' && (targetType === 'virtio' || targetType === 'xen'));
  setAttr(node, 'type', type);
  // tty only describes a running guest's pty; libvirt does not read it back from a definition
  setAttr(node, 'tty', undefined);
  canonicalChrSource(node, type, true);
  // a virtio channel's state describes a running guest: a definition does not keep it
  if (el.nodeName === 'channel' && targetType === 'virtio') setAttr(getChild(node, 'target')!, 'state', undefined);
  normalizeAddress(node);
  orderChildren(node, CHILD_ORDER);
  return node;
}

const MAX_ISA_SERIAL_PORTS = 4;

function targetPort(p: XNode): number | undefined {
  const port = getAttr(getChild(p, 'target'), 'port');
  return port === undefined ? undefined : Number(port);
}

function setTargetPort(p: XNode, port: number): void {
  let target = getChild(p, 'target');
  if (!target) {
    target = newXNode('target');
    p.children.push(target);
  }
  setAttr(target, 'port', String(port));
  orderAttrs(target, ['type', 'port']);
  orderChildren(p, CHILD_ORDER);
}

/** A port without a number gets one more than the highest so far (parallel ports, at parse time). */
export function assignNextPorts(ports: XNode[]): void {
  let max = -1;
  for (const p of ports) {
    const port = targetPort(p) ?? max + 1;
    if (targetPort(p) === undefined) setTargetPort(p, port);
    max = Math.max(max, port);
  }
}

/**
 * Serial ports: ISA serial targets first take the lowest free of the four ISA ports, then every
 * other unnumbered port gets one more than the highest in use.
 */
export function assignSerialPorts(serials: XNode[]): void {
  const isa = serials.filter((s) => getAttr(getChild(s, 'target'), 'type') === 'isa-serial');
  const used = new Set(isa.map(targetPort).filter((p) => p !== undefined));
  for (const s of isa) {
    if (targetPort(s) !== undefined) continue;
    const free = [...Array(MAX_ISA_SERIAL_PORTS).keys()].find((p) => !used.has(p));
    if (free === undefined) break;
    used.add(free);
    setTargetPort(s, free);
  }
  for (const s of serials) {
    if (targetPort(s) !== undefined) continue;
    setTargetPort(s, Math.max(-1, ...serials.map((o) => targetPort(o) ?? -1)) + 1);
  }
}

/** Consoles are numbered by position; a port written in the XML is not kept. */
export function numberConsoles(consoles: XNode[]): void {
  consoles.forEach((c, i) => setTargetPort(c, i));
}

/** A console that mirrors serial port 0 (libvirt's console back-compat for HVM guests). */
export function consoleForSerial(serial: XNode): XNode {
  const node: XNode = JSON.parse(JSON.stringify(serial));
  node.name = 'console';
  node.children = node.children.filter((c) => c.name !== 'alias');
  const target = getChild(node, 'target')!;
  target.attrs = [['type', 'serial'], ['port', getAttr(target, 'port') ?? '0']];
  target.children = [];
  return node;
}

/** Serial target types a stub console mirrors (no type written counts); PCI, USB and debug ports get none. */
const CONSOLE_SERIAL_TARGETS = ['', 'isa-serial', 'spapr-vio-serial', 'system-serial', 'sclp-serial'];

/**
 * libvirt's console back-compat: in an HVM guest the first console of target type serial (or
 * none) is an alias of the first serial port, created from it when there is none.
 */
export function reconcileConsoles(osType: string, serials: XNode[], consoles: XNode[]): void {
  for (const c of consoles) {
    const target = getChild(c, 'target');
    if (osType !== 'hvm' && !getAttr(target, 'type')) {
      if (target) setAttr(target, 'type', 'serial');
      else c.children.push(newXNode('target', [['type', 'serial'], ['port', '0']]));
    }
    const t = getChild(c, 'target')!;
    if (t && getAttr(t, 'port') === undefined) setAttr(t, 'port', '0');
    if (t) orderAttrs(t, ['type', 'port']);
    orderChildren(c, CHILD_ORDER);
  }
  if (osType !== 'hvm') return;
  const first = consoles[0];
  const firstType = first ? getAttr(getChild(first, 'target'), 'type') : undefined;
  if (first && (firstType === undefined || firstType === 'serial')) {
    if (serials.length === 0) {
      const serial: XNode = JSON.parse(JSON.stringify(first));
      serial.name = 'serial';
      const target = getChild(serial, 'target');
      if (target) target.attrs = [['port', '0']];
      else serial.children.push(newXNode('target', [['port', '0']]));
      orderChildren(serial, CHILD_ORDER);
      serials.push(serial);
    }
    consoles[0] = consoleForSerial(serials[0]!);
  } else if (serials.length > 0 && CONSOLE_SERIAL_TARGETS.includes(getAttr(getChild(serials[0]!, 'target'), 'type') ?? '')) {
    consoles.unshift(consoleForSerial(serials[0]!));
  }
}
