/** The head of the command line: identity, machine, accelerator, CPU, memory, vCPUs, monitor, clock, boot. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, type XNode } from '../../../conf/domain/xnode.js';
import { isQ35 } from '../postparse/machine.js';
import type { ArgList } from './args.js';
import { masterKeyPath, monitorSocketPath, type QemuDomainPaths } from './paths.js';
import { escapeComma } from './shell-quote.js';

export function nameArgs(a: ArgList, def: DomainDef, paths: QemuDomainPaths): void {
  a.add('-name', `guest=${escapeComma(def.name)},debug-threads=on`, '-S');
  a.json('-object', { 'qom-type': 'secret', id: 'masterKey0', format: 'raw', file: masterKeyPath(paths) });
}

/** RAM backend id: the machine's own name for its RAM region. */
export function ramBackendId(def: DomainDef): string {
  return def.os.machine?.startsWith('pc') || isQ35(def) ? 'pc.ram' : 'mach-virt.ram';
}

/** `-machine` with its properties; `pflash` names the firmware block nodes. */
export function machineArgs(a: ArgList, def: DomainDef, pflash: string[]): void {
  const opts = [def.os.machine!, 'usb=off'];
  const vmport = findFeature(def, 'vmport');
  if (vmport) opts.push(`vmport=${getAttr(vmport, 'state') === 'off' ? 'off' : 'on'}`);
  const smm = findFeature(def, 'smm');
  if (smm) opts.push(`smm=${getAttr(smm, 'state') === 'off' ? 'off' : 'on'}`);
  opts.push(`dump-guest-core=${def.memory.dumpCore ?? 'off'}`, `memory-backend=${ramBackendId(def)}`, ...pflash);
  a.add('-machine', opts.join(','));
  a.add('-accel', def.type === 'kvm' ? 'kvm' : 'tcg');
}

export function findFeature(def: DomainDef, name: string): XNode | undefined {
  return def.features?.find((f) => f.name === name);
}

/** `-m` in MiB and the RAM backend in bytes (libvirt rounds memory up to whole MiB). */
export function memoryArgs(a: ArgList, def: DomainDef): void {
  const mib = Math.ceil(def.memory.total / 1024);
  const max = def.memory.maxMemory;
  if (max) a.add('-m', `size=${mib * 1024}k,slots=${max.slots ?? 0},maxmem=${Math.ceil(max.size / 1024) * 1024}k`);
  else a.add('-m', String(mib));
  a.json('-object', { 'qom-type': 'memory-backend-ram', id: ramBackendId(def), size: mib * 1024 * 1024 });
  a.add('-overcommit', 'mem-lock=off');
}

export function smpArgs(a: ArgList, def: DomainDef): void {
  const { max, current } = def.vcpus;
  let smp = String(current);
  if (current !== max) smp += `,maxcpus=${max}`;
  const t = def.cpu?.topology;
  if (t) {
    smp += `,sockets=${getAttr(t, 'sockets')},dies=${getAttr(t, 'dies') ?? 1},cores=${getAttr(t, 'cores')},threads=${getAttr(t, 'threads')}`;
  } else smp += `,sockets=${max},cores=1,threads=1`;
  a.add('-smp', smp);
}

export function monitorArgs(a: ArgList, paths: QemuDomainPaths): void {
  a.add('-chardev', `socket,id=charmonitor,path=${escapeComma(monitorSocketPath(paths))},server=on,wait=off`);
  a.add('-mon', 'chardev=charmonitor,id=monitor,mode=control');
}
