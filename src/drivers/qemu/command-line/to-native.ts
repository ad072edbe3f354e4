/**
 * connectDomainXMLToNative for the QEMU driver ('qemu-argv'): the command line libvirt would run,
 * printed for a shell. As libvirt does, every interface is exported as a generic tap (ethernet)
 * interface, since bridges and networks need tap devices only a start creates; the descriptors
 * are numbered as they would be passed (from 4, after stdio and the log pipe).
 */
import { join } from 'node:path';
import { virError } from '../../../errors/vir-error.js';
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';
import type { QemuCaps } from '../caps/index.js';
import { prepareGuestCpu } from '../guest-cpu.js';
import { parseQemuDomainXML } from '../postparse/index.js';
import { buildQemuArgv, formatQemuCommandLine } from './build.js';
import { qemuDomainPathsUnder } from './paths.js';

export const QEMU_ARGV_FORMAT = 'qemu-argv';
const FIRST_PASSED_FD = 4;

/** The one native format of the QEMU driver, checked before anything is parsed. */
export function checkNativeFormat(format: string): void {
  if (format !== QEMU_ARGV_FORMAT) throw virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_INVALID_ARG, `unsupported config type ${format}`);
}

/** `libRoot` is the driver's state directory (`<root>/lib/qemu`); the domain is numbered -1 as libvirt does. */
export async function qemuDomainXMLToNative(format: string, xml: string, caps: QemuCaps, libRoot: string): Promise<string> {
  checkNativeFormat(format);
  const def = parseQemuDomainXML(xml, caps, { nvramDir: join(libRoot, 'nvram') });
  await prepareGuestCpu(def, caps);
  def.devices.lists.interface = def.devices.lists.interface.map(asEthernet);
  const cmd = buildQemuArgv(def, caps, qemuDomainPathsUnder(libRoot, -1, def.name), {
    tapFds: (_net, i) => ({ tapfds: [String(FIRST_PASSED_FD + i)] }),
  });
  return formatQemuCommandLine(cmd);
}

/** What libvirt keeps of an interface when exporting it: model, MAC, script, boot order and address. */
function asEthernet(net: XNode): XNode {
  const keep = ['mac', 'model', 'script', 'boot', 'address'];
  return newXNode('interface', [['type', 'ethernet']], keep.map((name) => getChild(net, name)).filter((c): c is XNode => c !== undefined));
}
