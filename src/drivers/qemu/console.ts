import type { Duplex } from 'node:stream';
import * as C from '../../api/constants.js';
import type { XNode } from '../../conf/domain/index.js';
import { getAttr as attr, getChild } from '../../conf/domain/xnode.js';
import type { DomainRef } from '../types.js';
import { domainFromRef } from './domain-ops.js';
import type { QemuDriverState } from './driver-state.js';
import { E, notRunningError, qemuCheckFlags, qemuError, qemuSystemError } from './errors.js';
import { openPtyStream } from './process/pty-stream.js';

const aliasOf = (chr: XNode): string | undefined => attr(getChild(chr, 'alias'), 'name');

/** The character device a console opens: by alias among consoles, serials, parallels, else the first console or serial. */
function findCharDevice(lists: Record<string, XNode[]>, devName: string | null): XNode | undefined {
  if (devName === null) return lists.console?.[0] ?? lists.serial?.[0];
  for (const kind of ['console', 'serial', 'parallel']) {
    const chr = (lists[kind] ?? []).find((c) => aliasOf(c) === devName);
    if (chr) return chr;
  }
  return undefined;
}

/**
 * virDomainOpenConsole (qemuDomainOpenConsole + virChrdevOpen): a stream on the pty of a serial
 * or console. One session per device: a second opener is refused unless it forces, which ends
 * the first session.
 */
export function openConsole(state: QemuDriverState, ref: DomainRef, devName: string | null, flags: number): Duplex {
  qemuCheckFlags('qemuDomainOpenConsole', flags, C.VIR_DOMAIN_CONSOLE_SAFE | C.VIR_DOMAIN_CONSOLE_FORCE);
  const obj = domainFromRef(state, ref);
  const proc = obj.proc;
  if (!proc) throw notRunningError();
  const chr = findCharDevice(obj.def.devices.lists as Record<string, XNode[]>, devName);
  if (!chr) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `cannot find character device ${devName ?? '<null>'}`);
  if (attr(chr, 'type') !== 'pty') {
    throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `character device ${devName ?? aliasOf(chr) ?? '<null>'} is not using a PTY`);
  }
  const path = attr(getChild(chr, 'source'), 'path') ?? attr(chr, 'tty');
  if (!path) throw qemuError(E.VIR_ERR_OPERATION_FAILED, 'PTY device is not yet assigned');
  const active = proc.consoles.get(path);
  // A session its client finished or aborted is over, even before its descriptors are closed.
  if (active && !active.destroyed && !active.writableEnded) {
    if (!(flags & C.VIR_DOMAIN_CONSOLE_FORCE)) {
      throw qemuError(E.VIR_ERR_OPERATION_FAILED, 'Active console session exists for this domain');
    }
    active.destroy();
  }
  let stream: Duplex;
  try {
    stream = openPtyStream(path);
  } catch (err) {
    throw qemuSystemError(err, `Unable to open stream for '${path}'`);
  }
  proc.consoles.set(path, stream);
  stream.on('close', () => {
    if (proc.consoles.get(path) === stream) proc.consoles.delete(path);
  });
  return stream;
}
