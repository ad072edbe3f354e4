/** Per-domain runtime paths the command line refers to (monitor socket, master key, channels). */
import { join } from 'node:path';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';

export interface QemuDomainPaths {
  /** The domain's private directory (libvirt: `<root>/lib/qemu/domain-<id>-<name>`). */
  libDir: string;
  /** Where guest-agent and other unix channels without a path get their socket. */
  channelDir: string;
}

/** libvirt's short domain name: `<id>-<name cut to 20 characters>`. */
export function domainShortName(id: number, name: string): string {
  return `${id}-${[...name].slice(0, 20).join('')}`;
}

/** The paths libvirt uses under a driver's state root (`<root>/lib/qemu`) for domain `id`. */
export function qemuDomainPathsUnder(libRoot: string, id: number, name: string): QemuDomainPaths {
  const short = domainShortName(id, name);
  return { libDir: join(libRoot, `domain-${short}`), channelDir: join(libRoot, 'channel', 'target', `domain-${short}`) };
}

export function monitorSocketPath(paths: QemuDomainPaths): string {
  return join(paths.libDir, 'monitor.sock');
}

export function masterKeyPath(paths: QemuDomainPaths): string {
  return join(paths.libDir, 'master-key.aes');
}

/**
 * Where a unix virtio channel given no path listens: the domain's channel directory, under the
 * channel's target name (the guest agent's socket); undefined when the channel names its own.
 */
export function defaultChannelPath(paths: Pick<QemuDomainPaths, 'channelDir'>, channel: XNode): string | undefined {
  const name = getAttr(getChild(channel, 'target'), 'name');
  if (getAttr(channel, 'type') !== 'unix' || !name || getAttr(getChild(channel, 'source'), 'path') !== undefined) return undefined;
  return join(paths.channelDir, name);
}
