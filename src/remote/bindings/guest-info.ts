/** Bindings of the guest-information entry points (hostname, clock, password, filesystems, addresses). */
import type { DomainFSInfo, DomainInterface, DomainTime } from '../../drivers/types.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import type { remote_domain_fsinfo, remote_domain_interface } from '../../rpc/protocol/remote-types.js';
import { bind, type Binding, type Conv } from './binding.js';
import { domain, same } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const mountpoints = ['mountpoints', same] as const;

const fsInfo: Conv<remote_domain_fsinfo, DomainFSInfo> = {
  toWire: (f) => ({ mountpoint: f.mountpoint, name: f.name, fstype: f.fstype, dev_aliases: f.devAlias }),
  toDriver: (w) => ({ mountpoint: w.mountpoint, name: w.name, fstype: w.fstype, devAlias: w.dev_aliases }),
};

const iface: Conv<remote_domain_interface, DomainInterface> = {
  toWire: (i) => ({ name: i.name, hwaddr: i.hwaddr, addrs: i.addrs.map((a) => ({ type: a.type, addr: a.addr, prefix: a.prefix })) }),
  toDriver: (w) => ({ name: w.name, hwaddr: w.hwaddr, addrs: w.addrs.map((a) => ({ type: a.type, addr: a.addr, prefix: a.prefix })) }),
};

export const guestInfoBindings: Binding[] = [
  bind(P.DOMAIN_GET_HOSTNAME, 'domainGetHostname', [dom, flags], ['hostname', same]),
  bind(P.DOMAIN_GET_TIME, 'domainGetTime', [dom, flags], {
    toWire: (t: DomainTime) => ({ seconds: t.seconds, nseconds: t.nseconds }),
    toDriver: (r) => ({ seconds: r.seconds, nseconds: r.nseconds }),
  }),
  bind(P.DOMAIN_SET_TIME, 'domainSetTime', [dom, ['seconds', same], ['nseconds', same], flags], null),
  bind(P.DOMAIN_SET_USER_PASSWORD, 'domainSetUserPassword', [dom, ['user', same], ['password', same], flags], null),
  bind(P.DOMAIN_FSFREEZE, 'domainFSFreeze', [dom, mountpoints, flags], ['filesystems', same]),
  bind(P.DOMAIN_FSTHAW, 'domainFSThaw', [dom, mountpoints, flags], ['filesystems', same]),
  bind(P.DOMAIN_FSTRIM, 'domainFSTrim', [dom, ['mountPoint', same], ['minimum', same], flags], null),
  bind(P.DOMAIN_GET_FSINFO, 'domainGetFSInfo', [dom, flags], {
    toWire: (infos: DomainFSInfo[]) => ({ info: infos.map((f) => fsInfo.toWire(f)), ret: infos.length }),
    toDriver: (r) => r.info.map((w) => fsInfo.toDriver(w)),
  }),
  bind(P.DOMAIN_INTERFACE_ADDRESSES, 'domainInterfaceAddresses', [dom, ['source', same], flags], {
    toWire: (ifaces: DomainInterface[]) => ({ ifaces: ifaces.map((i) => iface.toWire(i)) }),
    toDriver: (r) => r.ifaces.map((w) => iface.toDriver(w)),
  }),
];
