/**
 * virDomainOpenGraphics / virDomainOpenGraphicsFD (qemuDomainOpenGraphics / ...FD): a client
 * socket handed to QEMU's VNC, SPICE or D-Bus display server over the monitor (`getfd` with the
 * descriptor riding on the command, then `add_client`), so the caller speaks the display
 * protocol on its end without a TCP port.
 */
import { closeSync } from 'node:fs';
import * as C from '../../api/constants.js';
import { getAttr as attr } from '../../conf/domain/xnode.js';
import { requireNativeHelper } from '../../native/index.js';
import type { DomainRef } from '../types.js';
import { domainFromRef } from './domain-ops.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { E, notRunningError, qemuCheckFlags, qemuError } from './errors.js';

const FD_NAME = 'graphicsfd';

/** QEMU's add_client protocol for graphics device `idx`, with libvirt's refusals. */
function protocolOf(obj: QemuDomainObj, idx: number): string {
  const g = obj.def.devices.lists.graphics[idx];
  if (!g) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `No graphics backend with index ${idx}`);
  const type = attr(g, 'type');
  switch (type) {
    case 'vnc': return 'vnc';
    case 'spice': return 'spice';
    case 'dbus': return '@dbus-display';
    default:
      throw qemuError(E.VIR_ERR_CONFIG_UNSUPPORTED, `Can only open VNC, SPICE or D-Bus p2p graphics backends, not ${type}`);
  }
}

/** qemuMonitorOpenGraphics: pass `fd` under a name, attach it as a client; the name is released if that fails. */
async function addClient(obj: QemuDomainObj, protocol: string, fd: number, skipauth: boolean): Promise<void> {
  if (!obj.proc) throw notRunningError();
  const monitor = obj.proc.monitor;
  await monitor.execute('getfd', { fdname: FD_NAME }, {}, fd);
  try {
    await monitor.execute('add_client', { protocol, fdname: FD_NAME, skipauth });
  } catch (err) {
    await monitor.execute('closefd', { fdname: FD_NAME }).catch(() => undefined);
    throw err;
  }
}

export async function openGraphics(state: QemuDriverState, ref: DomainRef, idx: number, fd: number, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainOpenGraphics', flags, C.VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    if (!obj.proc) throw notRunningError();
    const protocol = protocolOf(obj, idx);
    await addClient(obj, protocol, fd, (flags & C.VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH) !== 0);
  });
}

/** A socket pair: one end goes to QEMU, the other is the caller's. */
export async function openGraphicsFD(state: QemuDriverState, ref: DomainRef, idx: number, flags: number): Promise<number> {
  qemuCheckFlags('qemuDomainOpenGraphicsFD', flags, C.VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH);
  const obj = domainFromRef(state, ref);
  if (!obj.proc) throw notRunningError();
  const protocol = protocolOf(obj, idx);
  const [mine, qemus] = requireNativeHelper('virDomainOpenGraphicsFD').socketpair();
  try {
    await obj.withJob(() => addClient(obj, protocol, qemus, (flags & C.VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH) !== 0));
  } catch (err) {
    closeSync(mine);
    throw err;
  } finally {
    closeSync(qemus);
  }
  return mine;
}
