import * as C from '../../api/constants.js';
import { DOMAIN_DOCUMENT } from '../../conf/domain/index.js';
import { validateAgainstSchema } from '../../conf/schema.js';
import type { DomainRef, DomainStateInfo } from '../types.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { startDomain } from './domain-start.js';
import { DESTROY_GRACE_MS, stopDomain } from './domain-stop.js';
import { E, notRunningError, qemuCheckFlags, qemuError } from './errors.js';
import { restoreManagedSave } from './save-ops.js';
import { parseForQemu } from './domain-def.js';
import { signalPid } from './process/pid.js';
import { AGENT_SHUTDOWN_WAIT_SECONDS } from './agent/client.js';
import { availableAgent } from './guest-agent.js';

/** qemuDomainObjFromDomain: the object behind a handle, or libvirt's not-found error. */
export function domainFromRef(state: QemuDriverState, ref: DomainRef): QemuDomainObj {
  const obj = state.domains.byUUID(ref.uuid);
  if (!obj) throw qemuError(E.VIR_ERR_NO_DOMAIN, `no domain with matching uuid '${ref.uuid}' (${ref.name})`);
  return obj;
}

function activeProc(obj: QemuDomainObj) {
  if (!obj.proc) throw notRunningError();
  return obj.proc;
}


export async function defineXML(state: QemuDriverState, xml: string, flags: number): Promise<DomainRef> {
  qemuCheckFlags('qemuDomainDefineXMLFlags', flags, C.VIR_DOMAIN_DEFINE_VALIDATE);
  if (flags & C.VIR_DOMAIN_DEFINE_VALIDATE) await validateAgainstSchema(xml, DOMAIN_DOCUMENT);
  const def = await parseForQemu(state, xml, flags);
  const known = state.domains.byUUID(def.uuid);
  const wasPersistent = known?.persistent ?? false;
  const { obj, oldDef } = state.domains.add(def);
  try {
    await state.configs.save(def);
  } catch (err) {
    if (!known) state.domains.remove(obj);
    else if (oldDef) {
      if (obj.isActive()) obj.newDef = wasPersistent ? oldDef : null;
      else obj.def = oldDef;
    }
    throw err;
  }
  obj.persistent = true;
  state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_DEFINED,
    wasPersistent ? C.VIR_DOMAIN_EVENT_DEFINED_UPDATED : C.VIR_DOMAIN_EVENT_DEFINED_ADDED);
  return obj.ref();
}

export async function undefine(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainUndefineFlags', flags, C.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
    C.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA | C.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | C.VIR_DOMAIN_UNDEFINE_NVRAM |
    C.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    if (!obj.persistent) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'cannot undefine transient domain');
    if (obj.hasManagedSave) {
      if (!(flags & C.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'Refusing to undefine while domain managed save image exists');
      }
      await state.saves.removeManaged(obj.def.name);
      obj.hasManagedSave = false;
    }
    await state.configs.remove(obj.persistentDef().name);
    state.lifecycleEvent(obj, C.VIR_DOMAIN_EVENT_UNDEFINED, C.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    obj.autostart = false;
    if (obj.isActive()) {
      obj.persistent = false;
      obj.newDef = null;
    } else {
      state.domains.remove(obj);
    }
  });
}

export async function createXML(state: QemuDriverState, xml: string, flags: number): Promise<DomainRef> {
  qemuCheckFlags('qemuDomainCreateXML', flags, C.VIR_DOMAIN_START_PAUSED | C.VIR_DOMAIN_START_VALIDATE);
  if (flags & C.VIR_DOMAIN_START_VALIDATE) await validateAgainstSchema(xml, DOMAIN_DOCUMENT);
  const def = await parseForQemu(state, xml, flags);
  const { obj } = state.domains.add(def, { live: true });
  await obj.withJob(async () => {
    try {
      await startDomain(state, obj, { paused: Boolean(flags & C.VIR_DOMAIN_START_PAUSED) });
    } catch (err) {
      if (!obj.persistent) state.domains.remove(obj);
      throw err;
    }
  });
  return obj.ref();
}

export async function create(state: QemuDriverState, ref: DomainRef, flags: number): Promise<DomainRef> {
  qemuCheckFlags('qemuDomainCreateWithFlags', flags, C.VIR_DOMAIN_START_PAUSED | C.VIR_DOMAIN_START_BYPASS_CACHE |
    C.VIR_DOMAIN_START_FORCE_BOOT);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    if (obj.isActive()) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is already running');
    const paused = Boolean(flags & C.VIR_DOMAIN_START_PAUSED);
    if (obj.hasManagedSave && !(flags & C.VIR_DOMAIN_START_FORCE_BOOT)) {
      await restoreManagedSave(state, obj, paused);
      return;
    }
    if (obj.hasManagedSave) {
      await state.saves.removeManaged(obj.def.name);
      obj.hasManagedSave = false;
    }
    await startDomain(state, obj, { paused });
  });
  return obj.ref();
}

export async function destroy(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainDestroyFlags', flags, C.VIR_DOMAIN_DESTROY_GRACEFUL);
  const obj = domainFromRef(state, ref);
  const proc = activeProc(obj);
  // As libvirt's qemuProcessBeginStopJob: signal QEMU first, so that a job stuck talking to it
  // (a save, a start) ends, and mark it so its exit is not taken for a crash.
  proc.beingDestroyed = true;
  signalPid(proc.pid, 'SIGTERM');
  await obj.withJob(async () => {
    if (obj.proc !== proc) return; // the job that was running stopped it already
    if (flags & C.VIR_DOMAIN_DESTROY_GRACEFUL && !(await proc.kill(DESTROY_GRACE_MS, false))) {
      proc.beingDestroyed = false;
      throw qemuError(E.VIR_ERR_SYSTEM_ERROR, `Failed to terminate process ${proc.pid} with SIGTERM: Device or resource busy`);
    }
    await stopDomain(state, obj, C.VIR_DOMAIN_SHUTOFF_DESTROYED, C.VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
  });
}

/**
 * qemuDomainShutdownFlagsAgent / qemuDomainRebootAgent: guest-shutdown through the agent; the
 * guest gets no chance to reply, so the SHUTDOWN (or RESET) that follows completes it. False when
 * there is no agent and `report` is off (the caller falls back to ACPI).
 */
async function agentPowerDown(obj: QemuDomainObj, reboot: boolean, report: boolean): Promise<boolean> {
  if (obj.state !== C.VIR_DOMAIN_RUNNING) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
  const agent = availableAgent(obj, report);
  if (!agent) return false;
  obj.proc!.fakeReboot = false;
  await agent.command('guest-shutdown', { mode: reboot ? 'reboot' : 'powerdown' }, AGENT_SHUTDOWN_WAIT_SECONDS, reboot ? 'reset' : 'shutdown');
  return true;
}

/**
 * qemuDomainShutdownFlags / qemuDomainReboot: the guest agent when asked for, or by default when
 * one is connected; the ACPI power button otherwise, and as the fallback when the agent failed
 * unless the agent alone was asked for.
 */
async function powerButton(state: QemuDriverState, ref: DomainRef, agentFlag: number, acpiFlag: number, flags: number, reboot: boolean) {
  const obj = domainFromRef(state, ref);
  const agentRequested = (flags & agentFlag) !== 0;
  const acpiRequested = (flags & acpiFlag) !== 0;
  const useAgent = agentRequested || (flags === 0 && obj.proc?.agent?.running === true);
  const agentForced = agentRequested && !acpiRequested;
  if (useAgent) {
    try {
      if (await agentPowerDown(obj, reboot, agentForced)) return;
    } catch (err) {
      if (agentForced) throw err;
    }
    // the guest may have gone away by itself meanwhile
    if (!obj.isActive()) return;
  }
  await obj.withJob(async () => {
    const proc = activeProc(obj);
    if (obj.state !== C.VIR_DOMAIN_RUNNING) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not running');
    // With reboot, the guest powers off on the ACPI button and its SHUTDOWN resets it (libvirt's fake reboot).
    proc.fakeReboot = reboot;
    await proc.monitor.execute('system_powerdown');
  });
}

export async function shutdown(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainShutdownFlags', flags, C.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN | C.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT);
  await powerButton(state, ref, C.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT, C.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, flags, false);
}

export async function reboot(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainReboot', flags, C.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | C.VIR_DOMAIN_REBOOT_GUEST_AGENT);
  await powerButton(state, ref, C.VIR_DOMAIN_REBOOT_GUEST_AGENT, C.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, flags, true);
}

export async function reset(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainReset', flags, 0);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    await activeProc(obj).monitor.execute('system_reset');
  });
}

export async function suspend(state: QemuDriverState, ref: DomainRef): Promise<void> {
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    const proc = activeProc(obj);
    if (obj.state === C.VIR_DOMAIN_PAUSED) return;
    proc.pausedReason = C.VIR_DOMAIN_PAUSED_USER;
    await proc.monitor.execute('stop');
    obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_USER);
    await state.writeStatus(obj);
  });
}

export async function resume(state: QemuDriverState, ref: DomainRef): Promise<void> {
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    const proc = activeProc(obj);
    if (obj.state === C.VIR_DOMAIN_RUNNING) return;
    if (obj.state !== C.VIR_DOMAIN_PAUSED) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'domain is not paused');
    proc.runningReason = C.VIR_DOMAIN_RUNNING_UNPAUSED;
    await proc.monitor.execute('cont');
    obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_UNPAUSED);
    await state.writeStatus(obj);
  });
}

export function getState(state: QemuDriverState, ref: DomainRef, flags: number): DomainStateInfo {
  qemuCheckFlags('qemuDomainGetState', flags, 0);
  const obj = domainFromRef(state, ref);
  return { state: obj.state, reason: obj.reason };
}

export function getXMLDesc(state: QemuDriverState, ref: DomainRef, flags: number): string {
  qemuCheckFlags('qemuDomainGetXMLDesc', flags, C.VIR_DOMAIN_XML_SECURE | C.VIR_DOMAIN_XML_INACTIVE |
    C.VIR_DOMAIN_XML_UPDATE_CPU | C.VIR_DOMAIN_XML_MIGRATABLE);
  return domainFromRef(state, ref).formatXML(flags);
}

export async function setAutostart(state: QemuDriverState, ref: DomainRef, on: boolean): Promise<void> {
  const obj = domainFromRef(state, ref);
  if (!obj.persistent) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'cannot set autostart for transient domain');
  if (obj.autostart === on) return;
  await state.configs.setAutostart(obj.persistentDef().name, on);
  obj.autostart = on;
}
