import type { XNode } from '../../conf/domain/index.js';
import { getAttr as attr, getChild, setAttr } from '../../conf/domain/xnode.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { acquirePort, claimPort, releasePort } from './port-allocator.js';

/** VNC displays listening on TCP (not on a unix socket). */
function tcpVncDisplays(obj: QemuDomainObj): XNode[] {
  return obj.def.devices.lists.graphics.filter((g) => {
    const listen = getChild(g, 'listen');
    return attr(g, 'type') === 'vnc' && !(attr(listen, 'type') === 'socket' && attr(listen, 'socket'));
  });
}

const isAutoport = (g: XNode): boolean => attr(g, 'autoport') === 'yes' || attr(g, 'port') === '-1';

/**
 * qemuProcessGraphicsReservePorts + qemuProcessVNCAllocatePorts: an automatic display takes the
 * first free port of remote_display_port_min..max (written into the live definition), a fixed
 * port is claimed so no automatic display takes it. Returns the automatic port for the command
 * line. All or nothing: on failure the ports taken here are given back.
 */
export async function reserveGraphicsPorts(state: QemuDriverState, obj: QemuDomainObj): Promise<number | undefined> {
  let vncPort: number | undefined;
  try {
    for (const g of tcpVncDisplays(obj)) {
      if (isAutoport(g)) {
        const port = await acquirePort({ name: 'display', start: state.config.remotePortMin, end: state.config.remotePortMax });
        obj.graphicsPorts.push(port);
        setAttr(g, 'port', String(port));
        vncPort ??= port;
      } else if (Number(attr(g, 'port')) > 0) {
        claimPort(Number(attr(g, 'port')));
        obj.graphicsPorts.push(Number(attr(g, 'port')));
      }
    }
  } catch (err) {
    releaseGraphicsPorts(obj);
    throw err;
  }
  return vncPort;
}

/** After recovery: the ports a running guest's displays hold are taken again (best effort). */
export function reclaimGraphicsPorts(obj: QemuDomainObj): void {
  for (const g of tcpVncDisplays(obj)) {
    const port = Number(attr(g, 'port'));
    if (!(port > 0)) continue;
    try {
      claimPort(port);
      obj.graphicsPorts.push(port);
    } catch {
      // held by another domain of this process already: leave it to that one
    }
  }
}

export function releaseGraphicsPorts(obj: QemuDomainObj): void {
  for (const port of obj.graphicsPorts) releasePort(port);
  obj.graphicsPorts = [];
}
