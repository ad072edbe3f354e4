/** The native-configuration conversions of the QEMU driver: domain XML to its command line and back. */
import { formatDomainXML } from '../../conf/domain/index.js';
import { checkNativeFormat, qemuDomainXMLFromNative, qemuDomainXMLToNative } from './command-line/index.js';
import { capsForXML, parseForQemu } from './domain-def.js';
import type { QemuDriverState } from './driver-state.js';
import { qemuCheckFlags } from './errors.js';

export async function domainXMLToNative(state: QemuDriverState, format: string, xml: string, flags: number): Promise<string> {
  qemuCheckFlags('qemuConnectDomainXMLToNative', flags, 0);
  checkNativeFormat(format);
  const caps = await capsForXML(state, xml);
  return qemuDomainXMLToNative(format, xml, caps, state.paths.libDir);
}

/** The definition the command line describes, with the defaults a define would fill in. */
export async function domainXMLFromNative(state: QemuDriverState, format: string, config: string, flags: number): Promise<string> {
  qemuCheckFlags('qemuConnectDomainXMLFromNative', flags, 0);
  checkNativeFormat(format);
  const def = await parseForQemu(state, qemuDomainXMLFromNative(config), 0);
  return formatDomainXML(def, { inactive: true });
}
