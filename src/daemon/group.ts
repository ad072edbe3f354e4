/** `unix_sock_group`: a group name from /etc/group, else a number (`+N` is always a number), as libvirt's virGetGroupID. */
import { readFileSync } from 'node:fs';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';

function byName(name: string, groupFile: string): number | null {
  let text = '';
  try { text = readFileSync(groupFile, 'utf8'); } catch { return null; }
  for (const line of text.split('\n')) {
    const [gname, , gid] = line.split(':');
    if (gname === name && gid !== undefined && /^[0-9]+$/.test(gid)) return Number(gid);
  }
  return null;
}

export function groupId(group: string, groupFile = '/etc/group'): number {
  const numeric = group.startsWith('+') ? group.slice(1) : group;
  if (!group.startsWith('+')) {
    const gid = byName(group, groupFile);
    if (gid !== null) return gid;
  }
  if (!/^[0-9]+$/.test(numeric) || Number(numeric) > 0xffffffff) {
    throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_INVALID_ARG, `Failed to parse group '${numeric}'`);
  }
  return Number(numeric);
}
