/**
 * What a running domain's definition holds only while it runs, left out when it is written as
 * inactive (a transient domain's inactive XML is its live definition so written): pty paths and
 * the console's tty, virtio channel states, and the port an automatic VNC display took.
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
  // only VNC's: libvirt writes other displays' ports as it has them
  if (kind === 'graphics' && getAttr(node, 'type') === 'vnc' && getAttr(node, 'autoport') === 'yes') {
    return { ...node, attrs: node.attrs.map(([n, v]): [string, string] => (n === 'port' ? [n, '-1'] : [n, v])) };
  }
  return node;
}
