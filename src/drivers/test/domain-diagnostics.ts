/**
 * The test driver's diagnostics and guest pokes, as libvirt 9.0.0's: control state, disk errors,
 * messages, launch security, memory peeks, NMI and process signals to the pretend guest.
 */
import * as C from '../../api/constants.js';
import { domainDisks } from '../../conf/domain/query.js';
import type { DomainControlInfo, DomainDiskError, DomainRef, TypedParam } from '../types.js';
import { isKnownKeycode, KEYCODE_SET_NAMES } from '../shared/keycodes.js';
import { domainFromRef } from './domains.js';
import { E, testCheckFlags, testError } from './errors.js';
import { domainMessages } from '../shared/domain-taint.js';
import type { TestState } from './state.js';

/**
 * testDomainGetControlInfo reads the control state from the pretend guest's clock: seconds below
 * 10000 mean a job, below 30000 an occupied monitor, below 60000 an error; anything else is OK.
 */
export function controlInfo(state: TestState, ref: DomainRef, flags: number): DomainControlInfo {
  testCheckFlags('testDomainGetControlInfo', flags, 0);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  const s = obj.guest.seconds;
  if (s > 0n && s < 10000n) return { state: C.VIR_DOMAIN_CONTROL_JOB, details: 0, stateTime: s };
  if (s >= 10000n && s < 30000n) return { state: C.VIR_DOMAIN_CONTROL_OCCUPIED, details: 0, stateTime: s - 10000n };
  if (s >= 30000n && s < 60000n) return { state: C.VIR_DOMAIN_CONTROL_ERROR, details: Number(s % 4n), stateTime: s - 30000n };
  return { state: C.VIR_DOMAIN_CONTROL_OK, details: 0, stateTime: 0n };
}

/** Every disk reports an error, alternating "unspecified" and "no space" (libvirt's test values). */
export function diskErrors(state: TestState, ref: DomainRef, flags: number): DomainDiskError[] {
  testCheckFlags('testDomainGetDiskErrors', flags, 0);
  const obj = domainFromRef(state, ref);
  obj.checkActive();
  return domainDisks(obj.def).map((d, i) => ({ disk: d.dev, error: (i % 2) + 1 }));
}

/** testDomainSendKey: a running domain, and keys its code set knows (nothing is pressed). */
export function sendKey(state: TestState, ref: DomainRef, codeset: number, keycodes: number[], flags: number): void {
  testCheckFlags('testDomainSendKey', flags, 0);
  domainFromRef(state, ref).checkActive();
  const unknown = keycodes.find((k) => !isKnownKeycode(codeset, k));
  if (unknown !== undefined) throw testError(E.VIR_ERR_INTERNAL_ERROR, `invalid keycode ${unknown} of ${KEYCODE_SET_NAMES[codeset]} codeset`);
}

export function injectNMI(state: TestState, ref: DomainRef, flags: number): void {
  testCheckFlags('testDomainInjectNMI', flags, 0);
  domainFromRef(state, ref).checkActive();
}

/** VIR_DOMAIN_PROCESS_SIGNAL_LAST: signals 0..64. */
const PROCESS_SIGNAL_LAST = 65;

export function sendProcessSignal(state: TestState, ref: DomainRef, pid: bigint, signum: number, flags: number): void {
  testCheckFlags('testDomainSendProcessSignal', flags, 0);
  if (pid !== 1n) throw testError(E.VIR_ERR_INVALID_ARG, 'only sending a signal to pid 1 is supported');
  if (signum >= PROCESS_SIGNAL_LAST) throw testError(E.VIR_ERR_INVALID_ARG, `signum value ${signum} is out of range`);
  domainFromRef(state, ref);
}

/** The taints and deprecations found when the domain was loaded from a node file. */
export function messages(state: TestState, ref: DomainRef, flags: number): string[] {
  testCheckFlags('testDomainGetMessages', flags, C.VIR_DOMAIN_MESSAGE_DEPRECATION | C.VIR_DOMAIN_MESSAGE_TAINTING);
  return domainMessages(domainFromRef(state, ref), flags);
}

/** libvirt's test driver answers no parameters without even looking the domain up. */
export function launchSecurityInfo(flags: number): TypedParam[] {
  testCheckFlags('testDomainGetLaunchSecurityInfo', flags, 0);
  return [];
}

/** The pretend guest's memory holds, at each address, the address's low byte. */
export function memoryPeek(state: TestState, ref: DomainRef, start: bigint, size: number, flags: number): Buffer {
  testCheckFlags('testDomainMemoryPeek', flags, C.VIR_MEMORY_VIRTUAL | C.VIR_MEMORY_PHYSICAL);
  if (flags !== C.VIR_MEMORY_VIRTUAL && flags !== C.VIR_MEMORY_PHYSICAL) {
    throw testError(E.VIR_ERR_INVALID_ARG, 'flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL');
  }
  domainFromRef(state, ref).checkActive();
  const first = Number(start & 0xffn);
  return Buffer.from(Array.from({ length: size }, (_, i) => (first + i) & 0xff));
}

/** TEST_TOTAL_CPUTIME: the domain's fixed cpu time (ns), split evenly over the host's cores. */
const TOTAL_CPUTIME = 48772617035n;
const ullong = (field: string, value: bigint): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_ULLONG, value });

/**
 * testDomainGetCPUStats, with virDomainGetCPUStats' counting conventions: `nparams` 0 asks how
 * many statistics there are (or, with `ncpus` 0, how many cpus); `startCpu` -1 asks for the
 * totals. `stats` holds each cpu's statistics and `nparams` how many each has.
 */
export function cpuStats(state: TestState, ref: DomainRef, nparams: number, startCpu: number, ncpus: number, flags: number): { nparams: number; stats: TypedParam[][] } {
  testCheckFlags('testDomainGetCPUStats', flags, C.VIR_TYPED_PARAM_STRING_OKAY);
  domainFromRef(state, ref).checkActive();
  if (startCpu === -1) {
    if (nparams === 0) return { nparams: 3, stats: [] };
    const total = [ullong('cpu_time', TOTAL_CPUTIME), ullong('user_time', 5540000000n), ullong('system_time', 6460000000n)].slice(0, nparams);
    return { nparams: total.length, stats: [total] };
  }
  const cpus = state.nodeInfo.cores;
  if (nparams === 0 && ncpus !== 0) return { nparams: 2, stats: [] };
  if (ncpus === 0) return { nparams: cpus, stats: [] };
  if (startCpu >= cpus) throw testError(E.VIR_ERR_INVALID_ARG, `start_cpu ${startCpu} larger than maximum of ${cpus - 1}`);
  const perCpu = TOTAL_CPUTIME / BigInt(cpus);
  const stats: TypedParam[][] = [];
  for (let cpu = startCpu; cpu < Math.min(cpus, startCpu + ncpus); cpu++) {
    stats.push([ullong('cpu_time', perCpu + BigInt(cpu)), ...(nparams > 1 ? [ullong('vcpu_time', perCpu + BigInt(cpu) - 1234567890n)] : [])]);
  }
  return { nparams: Math.min(nparams, 2), stats };
}
