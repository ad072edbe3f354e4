import { access, constants, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVirError } from '../../../errors/index.js';
import { createLogger } from '../../../log/index.js';
import { Command } from '../../../util/command/index.js';
import { QmpMonitor } from '../qmp/index.js';
import { cannotCheckBinary, notExecutable, pidFileUnreadable, probeStartFailed, tooOld } from './errors.js';
import { probeHostCpuModel, type HostCpuQuery } from './probe-host-cpu.js';
import type { ProbedAccel, ProbedCpuExpansion, ProbedCpuModel, ProbedMachine, QemuProbeData } from './probe-data.js';

const log = createLogger('qemu.caps');
const PROBE_TIMEOUT_MS = 30_000;

export interface ProbeOptions {
  /** Where the probing QEMU's socket and pid file live for the run (default: the system tmpdir). */
  readonly workDir?: string;
  /** Try KVM as well (default: when /dev/kvm can be opened read-write). */
  readonly kvm?: boolean;
}

/** Check that `binary` exists and can be run, with libvirt's wording when not. */
export async function checkBinary(binary: string): Promise<void> {
  try {
    await stat(binary);
  } catch (err) {
    throw cannotCheckBinary(binary, err as NodeJS.ErrnoException);
  }
  // as virFileIsExecutable: a regular file we may execute; a directory says EISDIR, the rest EACCES
  const info = await stat(binary);
  const executable = info.isFile() && (await access(binary, constants.X_OK).then(() => true, () => false));
  if (!executable) throw notExecutable(binary, info.isDirectory() ? errnoError('EISDIR') : errnoError('EACCES'));
}

function errnoError(code: 'EISDIR' | 'EACCES' | 'EINVAL'): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code, errno: -ERRNO[code] });
}

const ERRNO = { EISDIR: 21, EACCES: 13, EINVAL: 22 } as const;

export async function kvmUsable(): Promise<boolean> {
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Probe a QEMU binary as libvirt does: start it with `-machine none` and no devices, ask over
 * QMP, stop it. With KVM there are two runs, one per accelerator, since machines and CPU models
 * differ between them.
 */
export async function probeQemu(binary: string, options: ProbeOptions = {}): Promise<QemuProbeData> {
  await checkBinary(binary);
  const withKvm = options.kvm ?? (await kvmUsable());
  const first = await withProbeProcess(binary, withKvm ? 'kvm:tcg' : 'tcg', options.workDir, async (monitor) => {
    const common = await probeCommon(monitor);
    const accel = await probeAccel(monitor, common.kvm.enabled ? 'host' : 'max', hostCpuQuery(common));
    return { common, accel };
  });
  const kvmAccel = first.common.kvm.enabled ? first.accel : null;
  const tcg = kvmAccel ? await withProbeProcess(binary, 'tcg', options.workDir, (monitor) => probeAccel(monitor, 'max', hostCpuQuery(first.common))) : first.accel;
  return { ...first.common, tcg, kvmAccel };
}

/**
 * How to ask for the host CPU model: x86 only; a QEMU without `unavailable-features` on its CPUs
 * does not use canonical feature names, so libvirt expands the static result fully as well.
 */
function hostCpuQuery(common: CommonData): HostCpuQuery | null {
  if (common.target !== 'x86_64' && common.target !== 'i386') return null;
  return { canonicalNames: common.cpuUnavailableFeatures };
}

type CommonData = Omit<QemuProbeData, 'tcg' | 'kvmAccel'>;

async function probeCommon(monitor: QmpMonitor): Promise<CommonData> {
  const { qemu: version, package: pkg } = monitor.greeting.version;
  if (version.major < 4 || (version.major === 4 && version.minor < 2)) throw tooOld(`${version.major}.${version.minor}.${version.micro}`);
  const commands = (await monitor.execute<Array<{ name: string }>>('query-commands')).map((c) => c.name);
  const has = new Set(commands);
  const target = (await monitor.execute<{ arch: string }>('query-target')).arch;
  const kvm = await monitor.execute<{ present: boolean; enabled: boolean }>('query-kvm');
  const types = (await monitor.execute<Array<{ name: string }>>('qom-list-types')).map((t) => t.name);
  // libvirt asks the x86_64 `max` CPU only (so a qemu-system-i386 never has these)
  const maxCpuProps = types.includes('max-x86_64-cpu')
    ? (await monitor.execute<Array<{ name: string }>>('qom-list-properties', { typename: 'max-x86_64-cpu' })).map((p) => p.name)
    : [];
  const tpmModels = has.has('query-tpm-models') ? await monitor.execute<string[]>('query-tpm-models') : [];
  const tpmTypes = has.has('query-tpm-types') ? await monitor.execute<string[]>('query-tpm-types') : [];
  return {
    version: { major: version.major, minor: version.minor, micro: version.micro },
    package: pkg.trim(),
    target,
    kvm: { present: kvm.present, enabled: kvm.enabled },
    commands,
    types,
    tpmModels,
    tpmTypes,
    sev: has.has('query-sev-capabilities') && (await succeeds(monitor, 'query-sev-capabilities')),
    sgx: has.has('query-sgx-capabilities') && (await succeeds(monitor, 'query-sgx-capabilities')),
    displayTypes: displayTypes(await monitor.execute<SchemaEntry[]>('query-qmp-schema')),
    cpuMigratable: maxCpuProps.includes('migratable'),
    cpuUnavailableFeatures: maxCpuProps.includes('unavailable-features'),
  };
}

interface SchemaEntry {
  name: string; 'meta-type': string; 'ret-type'?: string; members?: Array<{ name: string; type?: string }>; values?: string[];
}

/** The values of the `type` member of query-display-options' reply (schema type names are masked, so follow the links). */
function displayTypes(schema: SchemaEntry[]): string[] {
  const byName = new Map(schema.map((entry) => [entry.name, entry]));
  const reply = byName.get(byName.get('query-display-options')?.['ret-type'] ?? '');
  const enumType = byName.get(reply?.members?.find((m) => m.name === 'type')?.type ?? '');
  return enumType?.values ?? enumType?.members?.map((m) => m.name) ?? [];
}

/** A command whose error only means "not available here" (SEV, SGX). */
async function succeeds(monitor: QmpMonitor, command: string): Promise<boolean> {
  try {
    await monitor.execute(command);
    return true;
  } catch (err) {
    if (isVirError(err)) return false;
    throw err;
  }
}

interface RawMachine {
  name: string; alias?: string; 'is-default'?: boolean; 'cpu-max': number; 'hotpluggable-cpus': boolean;
  deprecated?: boolean; 'numa-mem-supported'?: boolean; 'default-cpu-type'?: string; 'default-ram-id'?: string;
}
interface RawCpuDefinition {
  name: string; typename: string; 'unavailable-features'?: string[]; static: boolean;
  'migration-safe'?: boolean; deprecated?: boolean; 'alias-of'?: string;
}

async function probeAccel(monitor: QmpMonitor, hostModel: 'host' | 'max', hostCpuQuery: HostCpuQuery | null): Promise<ProbedAccel> {
  const machines = (await monitor.execute<RawMachine[]>('query-machines')).map((m): ProbedMachine => ({
    name: m.name,
    ...(m.alias !== undefined && { alias: m.alias }),
    isDefault: m['is-default'] === true,
    maxCpus: m['cpu-max'],
    hotplugCpus: m['hotpluggable-cpus'],
    deprecated: m.deprecated === true,
    numaMemSupported: m['numa-mem-supported'] === true,
    ...(m['default-cpu-type'] !== undefined && { defaultCpuType: m['default-cpu-type'] }),
    ...(m['default-ram-id'] !== undefined && { defaultRamId: m['default-ram-id'] }),
  }));
  const cpuModels = (await monitor.execute<RawCpuDefinition[]>('query-cpu-definitions')).map((c): ProbedCpuModel => ({
    name: c.name,
    typename: c.typename,
    unavailableFeatures: c['unavailable-features'] ?? [],
    static: c.static,
    migrationSafe: c['migration-safe'] === true,
    deprecated: c.deprecated === true,
    ...(c['alias-of'] !== undefined && { aliasOf: c['alias-of'] }),
  }));
  let hostCpu: ProbedCpuExpansion | null = null;
  try {
    const expansion = await monitor.execute<{ model: { name: string; props?: Record<string, boolean | number | string> } }>(
      'query-cpu-model-expansion', { type: 'full', model: { name: hostModel } });
    hostCpu = { model: expansion.model.name, props: expansion.model.props ?? {} };
  } catch (err) {
    if (!isVirError(err)) throw err;
    log.debug('no CPU model expansion for %s: %s', hostModel, err.message);
  }
  return { machines, cpuModels, hostCpu, hostCpuModel: hostCpuQuery ? await probeHostCpuModel(monitor, hostModel, hostCpuQuery) : null };
}

/**
 * Run `work` against a probing QEMU. As libvirt, QEMU daemonizes itself: its parent exits only
 * once the monitor socket exists, so a binary that is not QEMU fails on the missing pid file.
 */
async function withProbeProcess<T>(binary: string, accel: string, workDir: string | undefined, work: (monitor: QmpMonitor) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(workDir ?? tmpdir(), 'qmp-'));
  const socket = join(dir, 'qmp.monitor');
  const pidFile = join(dir, 'qmp.pid');
  let pid = 0;
  try {
    const command = new Command(binary, [
      '-S', '-no-user-config', '-nodefaults', '-nographic', '-machine', `none,accel=${accel}`,
      '-qmp', `unix:${socket},server=on,wait=off`, '-pidfile', pidFile, '-daemonize',
    ]).addEnvPassCommon().setErrorBuffer();
    const status = await command.run({ exitStatus: true, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (status !== 0) throw probeStartFailed(binary, command.capturedError);
    pid = await readPidFile(pidFile);
    const monitor = await QmpMonitor.connect(socket, { timeoutMs: PROBE_TIMEOUT_MS, commandTimeoutMs: PROBE_TIMEOUT_MS });
    try {
      return await work(monitor);
    } finally {
      monitor.destroy();
    }
  } finally {
    if (pid > 0) await killAndWait(pid);
    await rm(dir, { recursive: true, force: true });
  }
}

async function readPidFile(path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw pidFileUnreadable(path, err as NodeJS.ErrnoException);
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) throw pidFileUnreadable(path, errnoError('EINVAL'));
  return pid;
}

/** The probing QEMU is not our child (it daemonized): kill it by pid and wait until it is gone. */
async function killAndWait(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let i = 0; i < 500; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
