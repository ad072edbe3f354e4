/** Finding the node device a command names, as virsh's vshFindNodeDevice does: by name, or a SCSI host by "WWNN,WWPN". */
import { ErrorDomain, ErrorNumber, virError, type NodeDevice } from '../index.js';
import type { ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { fail, optString } from './opts.js';

/** virValidateWWN: 16 hex digits, optionally after "0x". */
function checkWWN(wwn: string): void {
  if (!/^(0x)?[0-9a-fA-F]{16}$/.test(wwn)) throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INTERNAL_ERROR, `Malformed wwn: ${wwn}`);
}

export async function findNodeDevice(s: Session, value: string): Promise<NodeDevice> {
  let lookup: () => Promise<NodeDevice>;
  if (value.includes(',')) {
    const parts = value.split(',');
    if (parts.length !== 2) fail(s, `Malformed device value '${value}'`);
    const [wwnn, wwpn] = parts as [string, string];
    checkWWN(wwnn);
    checkWWN(wwpn);
    lookup = () => s.conn.nodeDeviceLookupSCSIHostByWWN(wwnn, wwpn, 0);
  } else {
    lookup = () => s.conn.nodeDeviceLookupByName(value);
  }
  try {
    return await lookup();
  } catch (err) {
    s.out.error(`Could not find matching device '${value}'`);
    throw err;
  }
}

/** The device of the command's `device` option. */
export const nodeDeviceOption = (s: Session, cmd: ParsedCommand): Promise<NodeDevice> => findNodeDevice(s, optString(s, cmd, 'device')!);
