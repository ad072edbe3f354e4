/**
 * The test driver's scheduler, memory, blkio and NUMA tunables (virDomainGet/Set*Parameters), as
 * libvirt 9.0.0's: a fixed "fair" scheduler of weight 50, memory limits and the blkio weight kept
 * in the definition's <memtune> and <blkiotune>, the NUMA mode and nodeset in <numatune>, perf
 * events in <perf> and the lifecycle actions.
 */
import type { DomainDef } from '../../conf/domain/index.js';
import { getAttr, getChild, newXNode, orderChildren, type XNode } from '../../conf/domain/xnode.js';
import { formatCpuset, parseCpuset } from '../../conf/domain/cpuset.js';
import * as C from '../../api/constants.js';
import type { DomainRef, TypedParam } from '../types.js';
import { validateTypedParams } from '../shared/typed-params.js';
import { domainFromRef } from './domains.js';
import { domainConfError, E, testCheckFlags, testError } from './errors.js';
import type { TestState } from './state.js';

const AFFECT = C.VIR_DOMAIN_AFFECT_LIVE | C.VIR_DOMAIN_AFFECT_CONFIG;
const uint = (field: string, value: number): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_UINT, value });
const ullong = (field: string, value: bigint): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_ULLONG, value });
const string = (field: string, value: string): TypedParam => ({ field, type: C.VIR_TYPED_PARAM_STRING, value });

export function schedulerType(): { type: string; nparams: number } {
  return { type: 'fair', nparams: 1 };
}

export function getSchedulerParameters(state: TestState, ref: DomainRef, flags: number): TypedParam[] {
  testCheckFlags('testDomainGetSchedulerParametersFlags', flags, 0);
  domainFromRef(state, ref);
  return [uint('weight', 50)];
}

/** Accepted and checked, never kept: libvirt's test driver does not store the weight either. */
export function setSchedulerParameters(state: TestState, ref: DomainRef, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetSchedulerParametersFlags', flags, 0);
  validateTypedParams(params, { weight: C.VIR_TYPED_PARAM_UINT });
  domainFromRef(state, ref);
}

// Memory limits ---------------------------------------------------------------------------------

/** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED (KiB): a limit not set. */
const UNLIMITED = 2n ** 53n - 1n;
const MEMTUNE_ORDER = ['hard_limit', 'soft_limit', 'min_guarantee', 'swap_hard_limit'];
const MEMORY_LIMITS = ['hard_limit', 'soft_limit', 'swap_hard_limit'];

function memoryLimit(def: DomainDef, name: string): bigint {
  const text = getChild(def.passthrough.memtune?.[0] ?? newXNode('memtune'), name)?.text;
  return text === undefined ? UNLIMITED : BigInt(text);
}

function setMemoryLimit(def: DomainDef, name: string, kib: bigint): void {
  const memtune = def.passthrough.memtune?.[0] ?? newXNode('memtune');
  memtune.children = memtune.children.filter((c) => c.name !== name);
  if (kib < UNLIMITED) memtune.children.push({ name, attrs: [['unit', 'KiB']], children: [], text: String(kib) });
  orderChildren(memtune, MEMTUNE_ORDER);
  if (memtune.children.length) def.passthrough.memtune = [memtune];
  else delete def.passthrough.memtune;
}

export function getMemoryParameters(state: TestState, ref: DomainRef, flags: number, countOnly = false): TypedParam[] | number {
  testCheckFlags('testDomainGetMemoryParameters', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  if (countOnly) return MEMORY_LIMITS.length;
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetMemoryParameters', flags);
  return MEMORY_LIMITS.map((name) => ullong(name, memoryLimit(def, name)));
}

export function setMemoryParameters(state: TestState, ref: DomainRef, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetMemoryParameters', flags, AFFECT);
  validateTypedParams(params, Object.fromEntries(MEMORY_LIMITS.map((n) => [n, C.VIR_TYPED_PARAM_ULLONG])));
  const obj = domainFromRef(state, ref);
  const { def } = obj.getOneDef('testDomainSetMemoryParameters', flags);
  const given = (name: string) => params.find((p) => p.field === name)?.value as bigint | undefined;
  const hard = given('hard_limit');
  const swap = given('swap_hard_limit');
  // libvirt compares against the live definition's limits, whichever definition is changed.
  if ((hard ?? swap) !== undefined && (hard ?? memoryLimit(obj.def, 'hard_limit')) > (swap ?? memoryLimit(obj.def, 'swap_hard_limit'))) {
    throw testError(E.VIR_ERR_INVALID_ARG, 'memory hard_limit tunable value must be lower than or equal to swap_hard_limit');
  }
  for (const name of ['soft_limit', 'hard_limit', 'swap_hard_limit']) {
    const value = given(name);
    if (value !== undefined) setMemoryLimit(def, name, value);
  }
}

// Block I/O -------------------------------------------------------------------------------------

/** The per-device lists of <blkiotune>, as the comma-joined "path,value" strings libvirt reports. */
const BLKIO_DEVICE_PARAMS: [string, string][] = [
  ['device_weight', 'weight'], ['device_read_iops_sec', 'read_iops_sec'], ['device_write_iops_sec', 'write_iops_sec'],
  ['device_read_bytes_sec', 'read_bytes_sec'], ['device_write_bytes_sec', 'write_bytes_sec'],
];

export function getBlkioParameters(state: TestState, ref: DomainRef, flags: number, countOnly = false): TypedParam[] | number {
  testCheckFlags('testDomainGetBlkioParameters', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  if (countOnly) return 1 + BLKIO_DEVICE_PARAMS.length;
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetBlkioParameters', flags);
  const blkio = def.passthrough.blkiotune?.[0];
  const devices = blkio?.children.filter((c) => c.name === 'device') ?? [];
  const text = (node: XNode | undefined, name: string) => (node && getChild(node, name)?.text?.trim()) ?? '';
  return [
    uint('weight', Number(text(blkio, 'weight') || 0)),
    ...BLKIO_DEVICE_PARAMS.map(([field, child]) => string(field, devices
      .filter((d) => Number(text(d, child) || 0) !== 0)
      .map((d) => `${text(d, 'path')},${text(d, child)}`).join(','))),
  ];
}

/** The weight is kept; the per-device lists are not modelled yet, so setting one is refused rather than lost. */
export function setBlkioParameters(state: TestState, ref: DomainRef, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetBlkioParameters', flags, AFFECT);
  validateTypedParams(params, { weight: C.VIR_TYPED_PARAM_UINT, ...Object.fromEntries(BLKIO_DEVICE_PARAMS.map(([f]) => [f, C.VIR_TYPED_PARAM_STRING])) });
  const { def } = domainFromRef(state, ref).getOneDef('testDomainSetBlkioParameters', flags);
  const device = params.find((p) => p.field !== 'weight');
  if (device) throw testError(E.VIR_ERR_ARGUMENT_UNSUPPORTED, `parameter '${device.field}' is not supported by tsvirt's test driver yet`);
  const weight = params.filter((p) => p.field === 'weight').pop();
  if (weight === undefined) return;
  const blkio = def.passthrough.blkiotune?.[0] ?? newXNode('blkiotune');
  const others = blkio.children.filter((c) => c.name !== 'weight');
  // A weight of 0 means none: libvirt writes no <weight> then.
  blkio.children = weight.value === 0 ? others : [{ name: 'weight', attrs: [], children: [], text: String(weight.value) }, ...others];
  if (blkio.children.length) def.passthrough.blkiotune = [blkio];
  else delete def.passthrough.blkiotune;
}

// NUMA --------------------------------------------------------------------------------------------

/** virDomainNumatuneMemMode names, by number. */
const NUMA_MODES = ['strict', 'preferred', 'interleave', 'restrictive'];

export function getNumaParameters(state: TestState, ref: DomainRef, flags: number, countOnly = false): TypedParam[] | number {
  testCheckFlags('testDomainGetNumaParameters', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  if (countOnly) return 2;
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetNumaParameters', flags);
  const memory = def.passthrough.numatune?.[0] && getChild(def.passthrough.numatune[0], 'memory');
  const mode = NUMA_MODES.indexOf(getAttr(memory, 'mode') ?? 'strict');
  return [{ field: 'numa_mode', type: C.VIR_TYPED_PARAM_INT, value: Math.max(0, mode) }, string('numa_nodeset', getAttr(memory, 'nodeset') ?? '')];
}

/**
 * testDomainSetNumaParameters: the mode and nodeset of <numatune><memory>, set as
 * virDomainNumatuneSet does (a first setting is strict, and static placement needs a nodeset).
 */
export function setNumaParameters(state: TestState, ref: DomainRef, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetNumaParameters', flags, AFFECT);
  validateTypedParams(params, { numa_mode: C.VIR_TYPED_PARAM_INT, numa_nodeset: C.VIR_TYPED_PARAM_STRING });
  const { def, live } = domainFromRef(state, ref).getOneDef('testDomainSetNumaParameters', flags);
  let mode = -1;
  let nodeset: string | undefined;
  for (const p of params) {
    if (p.field === 'numa_mode') {
      mode = p.value as number;
      if (mode < 0 || mode >= NUMA_MODES.length) throw testError(E.VIR_ERR_INVALID_ARG, `unsupported numatune mode: '${mode}'`);
    } else {
      const nodes = parseCpuset(p.value as string);
      if (nodes.length === 0) throw testError(E.VIR_ERR_OPERATION_INVALID, `Invalid nodeset of 'numatune': ${p.value as string}`);
      nodeset = formatCpuset(nodes);
    }
  }
  const numatune = def.passthrough.numatune?.[0];
  const memory = numatune && getChild(numatune, 'memory');
  if (live && mode !== -1 && memory && NUMA_MODES.indexOf(getAttr(memory, 'mode') ?? 'strict') !== mode) {
    throw testError(E.VIR_ERR_OPERATION_INVALID, "can't change numatune mode for running domain");
  }
  if (mode === -1 && nodeset === undefined) return;
  const modeName = mode === -1 ? getAttr(memory, 'mode') ?? 'strict' : NUMA_MODES[mode]!;
  // A nodeset makes the placement static; otherwise a first setting follows the vcpus' placement.
  const placement = nodeset !== undefined ? 'static'
    : memory ? (getAttr(memory, 'nodeset') !== undefined ? 'static' : getAttr(memory, 'placement'))
      : def.vcpus.placement === 'auto' ? 'auto' : 'static';
  const current = nodeset ?? getAttr(memory, 'nodeset');
  if (placement === 'static' && current === undefined) {
    throw domainConfError(E.VIR_ERR_CONFIG_UNSUPPORTED, "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
  }
  const attrs: [string, string][] = [['mode', modeName]];
  if (placement === 'static') attrs.push(['nodeset', current!]);
  else if (placement) attrs.push(['placement', placement]);
  const node = numatune ?? newXNode('numatune');
  node.children = [newXNode('memory', attrs), ...node.children.filter((c) => c.name !== 'memory')];
  def.passthrough.numatune = [node];
}

// Perf events ----------------------------------------------------------------------------------

/** virPerfEventType names, in libvirt's order (the order <perf> and the getter list them in). */
const PERF_EVENTS = ['cmt', 'mbmt', 'mbml', 'cpu_cycles', 'instructions', 'cache_references', 'cache_misses',
  'branch_instructions', 'branch_misses', 'bus_cycles', 'stalled_cycles_frontend', 'stalled_cycles_backend',
  'ref_cpu_cycles', 'cpu_clock', 'task_clock', 'page_faults', 'context_switches', 'cpu_migrations',
  'page_faults_min', 'page_faults_maj', 'alignment_faults', 'emulation_faults'];

function perfEvent(def: DomainDef, name: string): XNode | undefined {
  return def.passthrough.perf?.[0]?.children.find((c) => c.name === 'event' && getAttr(c, 'name') === name);
}

export function getPerfEvents(state: TestState, ref: DomainRef, flags: number): TypedParam[] {
  testCheckFlags('testDomainGetPerfEvents', flags, AFFECT | C.VIR_TYPED_PARAM_STRING_OKAY);
  const { def } = domainFromRef(state, ref).getOneDef('testDomainGetPerfEvents', flags);
  return PERF_EVENTS.map((name) => ({ field: name, type: C.VIR_TYPED_PARAM_BOOLEAN, value: getAttr(perfEvent(def, name), 'enabled') === 'yes' }));
}

/** testDomainSetPerfEvents: each event given is written as enabled or not, in <perf>. */
export function setPerfEvents(state: TestState, ref: DomainRef, params: TypedParam[], flags: number): void {
  testCheckFlags('testDomainSetPerfEvents', flags, AFFECT);
  validateTypedParams(params, Object.fromEntries(PERF_EVENTS.map((n) => [n, C.VIR_TYPED_PARAM_BOOLEAN])));
  const { def } = domainFromRef(state, ref).getOneDef('testDomainSetPerfEvents', flags);
  const enabled = new Map(PERF_EVENTS.map((n) => [n, getAttr(perfEvent(def, n), 'enabled')]));
  for (const p of params) enabled.set(p.field, p.value ? 'yes' : 'no');
  const events = PERF_EVENTS.filter((n) => enabled.get(n) !== undefined).map((n) => newXNode('event', [['name', n], ['enabled', enabled.get(n)!]]));
  if (events.length) def.passthrough.perf = [newXNode('perf', [], events)];
}

// Lifecycle actions -----------------------------------------------------------------------------

/** virDomainLifecycle and virDomainLifecycleAction names, by number. */
const LIFECYCLE_TYPES = ['poweroff', 'reboot', 'crash'];
const LIFECYCLE_ACTIONS = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart'];
const LIFECYCLE_FIELDS = ['onPoweroff', 'onReboot', 'onCrash'] as const;

/** testDomainSetLifecycleAction: the action of <on_poweroff>, <on_reboot> or <on_crash>, live and/or persistent. */
export function setLifecycleAction(state: TestState, ref: DomainRef, type: number, action: number, flags: number): void {
  testCheckFlags('testDomainSetLifecycleAction', flags, AFFECT);
  // virDomainDefLifecycleActionAllowed: the core dump actions are for crashes only.
  if (type < C.VIR_DOMAIN_LIFECYCLE_CRASH && (action === C.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY || action === C.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART)) {
    throw domainConfError(E.VIR_ERR_CONFIG_UNSUPPORTED, `Lifecycle event '${LIFECYCLE_TYPES[type]}' doesn't support '${LIFECYCLE_ACTIONS[action]}' action`);
  }
  const { live, config } = domainFromRef(state, ref).getDefs(flags);
  for (const def of [live, config]) if (def) def[LIFECYCLE_FIELDS[type]!] = LIFECYCLE_ACTIONS[action]!;
}
