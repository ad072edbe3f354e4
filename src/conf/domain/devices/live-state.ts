/**
 * What a running domain's definition holds only while it runs, left out when it is written as
 * inactive (a transient domain's inactive XML is its live definition so written): pty paths and
 * the console's tty, virtio channel states, the port an automatic VNC display took, and the
 * plugged size of a virtio-mem device.
 */
import { getAttr, type XNode } from '../xnode.js';
import type { DeviceKind } from './index.js';

const CHARDEVS = new Set<DeviceKind>(['serial', 'parallel', 'console', 'channel']);

export function withoutLiveState(kind: DeviceKind, node: XNode): XNode {
  if (CHARDEVS.has(kind)) {
    const pty = getAttr(node, 'type') === 'pty';
    return {
      ...node,
      attrs: pty ? node.attrs.filter(([n]) => n !== 'tty') : node.attrs,
      children: node.children.filter((c) => !(pty && c.name === 'source'))
        .map((c) => (c.name === 'target' ? { ...c, attrs: c.attrs.filter(([n]) => n !== 'state') } : c)),
    };
  }
  // the size a running guest has plugged into its virtio-mem device
  if (kind === 'memory') {
    const target = node.children.find((c) => c.name === 'target');
    if (target?.children.some((c) => c.name === 'current')) {
      return { ...node, children: node.children.map((c) => (c === target ? { ...c, children: c.children.filter((t) => t.name !== 'current') } : c)) };
    }
  }
  // only VNC's: libvirt writes other displays' ports as it has them
  if (kind === 'graphics' && getAttr(node, 'type') === 'vnc' && getAttr(node, 'autoport') === 'yes') {
    return { ...node, attrs: node.attrs.map(([n, v]): [string, string] => (n === 'port' ? [n, '-1'] : [n, v])) };
  }
  return node;
}
