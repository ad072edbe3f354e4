import type { XNode } from '../../conf/domain/index.js';
import { getAttr as attr, getChild, newXNode, setAttr } from '../../conf/domain/xnode.js';
import type { QemuDomainObj } from './domain-obj.js';

interface ChardevInfo { label: string; filename: string }
interface VncInfo { enabled: boolean; service?: string }

/**
 * A pty chardev's device path goes into the live XML, as libvirt's qemuProcessLookupPTYs; the
 * first console also repeats it in the legacy `tty` attribute.
 */
function setPtyPath(dev: XNode, path: string): void {
  if (dev.name === 'console') setAttr(dev, 'tty', path);
  let source = getChild(dev, 'source');
  if (!source) {
    source = newXNode('source');
    dev.children.unshift(source);
  }
  setAttr(source, 'path', path);
}

/**
 * What only the running QEMU knows, written into the live definition: the pty each pty
 * serial/console got and the port an automatic VNC display took. Asks QEMU only when the
 * domain has such devices.
 */
export async function readLiveRuntime(obj: QemuDomainObj): Promise<void> {
  const { lists } = obj.def.devices;
  const mon = obj.proc!.monitor;
  const ptys = lists.serial.filter((s) => attr(s, 'type') === 'pty');
  if (ptys.length > 0) {
    const chardevs = await mon.execute<ChardevInfo[]>('query-chardev');
    lists.serial.forEach((serial, i) => {
      if (attr(serial, 'type') !== 'pty') return;
      const info = chardevs.find((c) => c.label === `charserial${i}`);
      if (!info?.filename.startsWith('pty:')) return;
      setPtyPath(serial, info.filename.slice(4));
      const console = lists.console[0];
      if (i === 0 && console && attr(console, 'type') === 'pty') setPtyPath(console, info.filename.slice(4));
    });
  }
  const vnc = lists.graphics.find((g) => attr(g, 'type') === 'vnc' && attr(g, 'autoport') === 'yes');
  if (vnc) {
    const info = await mon.execute<VncInfo>('query-vnc');
    if (info.enabled && info.service) setAttr(vnc, 'port', info.service);
  }
}
