import { dirname, join } from 'node:path';
import { loadConfig } from '../../util/conf/index.js';
import { E, qemuError } from './errors.js';
import type { QemuPaths } from './paths.js';

/** The range libvirt allows for display ports (below 5900 there is no VNC display number). */
const REMOTE_PORT_MIN = 5900;
const REMOTE_PORT_MAX = 65535;

/** The settings of qemu.conf the driver uses, with libvirt's defaults. */
export interface QemuDriverConfig {
  /** First and last TCP port of automatic VNC displays (remote_display_port_min/max). */
  readonly remotePortMin: number;
  readonly remotePortMax: number;
}

/** qemu.conf beside the instance's config directory: `/etc/tsvirt/qemu.conf`, `DIR/etc/qemu.conf`. */
export function qemuConfPath(paths: QemuPaths): string {
  return join(dirname(paths.configDir), 'qemu.conf');
}

/** virQEMUDriverConfigLoadFile (the parts read here): a missing file means the defaults. */
export function loadQemuDriverConfig(path: string): QemuDriverConfig {
  const conf = loadConfig(path);
  const remotePortMin = conf?.getUInt('remote_display_port_min') ?? REMOTE_PORT_MIN;
  if (remotePortMin < REMOTE_PORT_MIN) {
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `${path}: remote_display_port_min: port must be greater than or equal to ${REMOTE_PORT_MIN}`);
  }
  const remotePortMax = conf?.getUInt('remote_display_port_max') ?? REMOTE_PORT_MAX;
  if (remotePortMax > REMOTE_PORT_MAX || remotePortMax < remotePortMin) {
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `${path}: remote_display_port_max: port must be between the minimal port and ${REMOTE_PORT_MAX}`);
  }
  return { remotePortMin, remotePortMax };
}
