/**
 * buildQemuArgv: the QEMU command line libvirt 9.0.0 runs for a domain definition (after the
 * QEMU post-parse), in libvirt's order (qemuBuildCommandLine), with its environment.
 */
import type { DomainDef } from '../../../conf/domain/index.js';
import type { XNode } from '../../../conf/domain/xnode.js';
import { isQ35 } from '../postparse/machine.js';
import { assignAliases } from './aliases.js';
import { ArgList } from './args.js';
import { bootArgs, clockArgs, pmArgs } from './boot-args.js';
import { bootIndexes } from './boot-index.js';
import type { QemuCaps } from '../caps/index.js';
import { soundArgs } from './sound-args.js';
import { audioArgs, balloonArgs, channelArgs, controllerArgs, panicArgs, parallelArgs, serialArgs } from './device-args.js';
import { diskArgs } from './disk-args.js';
import { loaderArgs, pflashArgs } from './firmware-args.js';
import { graphicsArgs, inputArgs, videoArgs } from './display-args.js';
import { netArgs, type TapFds } from './net-args.js';
import { rngArgs, watchdogArgs } from './misc-args.js';
import { cpuArgs } from './cpu-args.js';
import { machineArgs, memoryArgs, monitorArgs, nameArgs, smpArgs } from './machine-args.js';
import type { QemuDomainPaths } from './paths.js';
import { shellQuote } from './shell-quote.js';

export interface QemuCommandLine {
  /** Environment variables, in the order libvirt sets them. */
  env: [string, string][];
  binary: string;
  args: string[];
}

export interface BuildQemuArgvOptions {
  /** PATH handed to QEMU (libvirt passes its own). */
  path?: string;
  /** The tap (and vhost-net) descriptors the driver opened for bridge, network and ethernet interfaces. */
  tapFds?: (net: XNode, index: number) => TapFds | undefined;
  /** The TCP port allocated for an autoport VNC display (default: the first of the range, 5900). */
  vncPort?: number;
}

export function buildQemuArgv(def: DomainDef, _caps: QemuCaps, paths: QemuDomainPaths, opts: BuildQemuArgvOptions = {}): QemuCommandLine {
  const q35 = isQ35(def);
  const aliases = assignAliases(def, q35);
  const boot = bootIndexes(def);
  const a = new ArgList();
  nameArgs(a, def, paths);
  machineArgs(a, def, pflashArgs(a, def));
  cpuArgs(a, def);
  loaderArgs(a, def);
  memoryArgs(a, def);
  smpArgs(a, def);
  a.add('-uuid', def.uuid);
  if (def.devices.lists.graphics.length === 0) a.add('-display', 'none');
  a.add('-no-user-config', '-nodefaults');
  monitorArgs(a, paths);
  clockArgs(a, def);
  pmArgs(a, def);
  bootArgs(a, def);
  controllerArgs(a, def, aliases, q35);
  diskArgs(a, def, aliases, boot, q35);
  netArgs(a, def, aliases, boot, q35, opts.tapFds ?? (() => undefined));
  serialArgs(a, def, aliases, q35);
  parallelArgs(a, def, aliases);
  channelArgs(a, def, aliases, paths);
  inputArgs(a, def, aliases, q35);
  audioArgs(a, def);
  graphicsArgs(a, def, opts.vncPort);
  videoArgs(a, def, aliases, q35);
  soundArgs(a, def, aliases, q35);
  watchdogArgs(a, def, aliases, q35);
  balloonArgs(a, def, aliases, q35);
  rngArgs(a, def, aliases, q35);
  a.add('-sandbox', 'on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny');
  panicArgs(a, def);
  a.add('-msg', 'timestamp=on');
  const env: [string, string][] = [['LC_ALL', 'C'], ['PATH', opts.path ?? process.env.PATH ?? '/usr/bin:/bin'], ['HOME', paths.libDir],
    ['XDG_DATA_HOME', `${paths.libDir}/.local/share`], ['XDG_CACHE_HOME', `${paths.libDir}/.cache`],
    ['XDG_CONFIG_HOME', `${paths.libDir}/.config`]];
  return { env, binary: def.devices.emulator!, args: a.args };
}

/** One line, as `virsh domxml-to-native qemu-argv` prints it. */
export function formatQemuCommandLine(cmd: QemuCommandLine): string {
  return [...cmd.env.map(([k, v]) => `${k}=${shellQuote(v)}`), shellQuote(cmd.binary), ...cmd.args.map(shellQuote)].join(' ');
}
