/** Network interfaces: a `-netdev` backend and the guest NIC `-device`, one pair per interface. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import type { AliasMap } from './aliases.js';
import type { ArgList } from './args.js';
import { pciProps, virtioOptions } from './pci-props.js';

/** File descriptors the driver opened for a tap-backed interface (as passed to QEMU). */
export interface TapFds {
  tapfds: string[];
  vhostfds?: string[];
}

export const NIC_DRIVERS: Record<string, string> = {
  virtio: 'virtio-net-pci', 'virtio-transitional': 'virtio-net-pci-transitional',
  'virtio-non-transitional': 'virtio-net-pci-non-transitional',
};

export function netArgs(a: ArgList, def: DomainDef, aliases: AliasMap, boot: Map<XNode, number>, q35: boolean,
  tapFds: (net: XNode, index: number) => TapFds | undefined): void {
  def.devices.lists.interface.forEach((net, i) => {
    const id = aliases.get(net)!;
    const netdev = `host${id}`;
    a.json('-netdev', netdevProps(net, netdev, tapFds(net, i)));
    const model = getAttr(getChild(net, 'model'), 'type') ?? 'rtl8139';
    a.json('-device', {
      driver: NIC_DRIVERS[model] ?? model, ...(NIC_DRIVERS[model] ? virtioOptions(net) : {}), netdev, id, mac: getAttr(getChild(net, 'mac'), 'address'), bootindex: boot.get(net),
      ...pciProps(net, q35),
    });
  });
}

function netdevProps(net: XNode, id: string, fds: TapFds | undefined): Record<string, unknown> {
  const type = getAttr(net, 'type');
  switch (type) {
    case 'user':
      return { type: 'user', id };
    case 'ethernet': case 'bridge': case 'network': case 'direct': {
      if (!fds) throw unsupported(`no tap device was opened for interface of type '${type}'`);
      const vhost = fds.vhostfds && fds.vhostfds.length > 0 ? fds.vhostfds : undefined;
      return {
        type: 'tap', [fds.tapfds.length > 1 ? 'fds' : 'fd']: fds.tapfds.join(':'), vhost: vhost ? true : undefined,
        ...(vhost ? { [vhost.length > 1 ? 'vhostfds' : 'vhostfd']: vhost.join(':') } : {}), id,
      };
    }
    default:
      throw unsupported(`tsvirt cannot yet build interfaces of type '${type}'`);
  }
}
