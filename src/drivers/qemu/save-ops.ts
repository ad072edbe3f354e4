import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as C from '../../api/constants.js';
import { formatDomainXML, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import type { DomainRef } from '../types.js';
import type { QemuDomainObj } from './domain-obj.js';
import type { QemuDriverState } from './driver-state.js';
import { domainFromRef } from './domain-ops.js';
import { startDomain } from './domain-start.js';
import { stopDomain } from './domain-stop.js';
import { E, notRunningError, qemuCheckFlags, qemuError, qemuSystemError } from './errors.js';
import { migrateToFile } from './process/migrate-file.js';
import { readSaveHeader, writeSaveHeader, type SaveHeader } from './save-image.js';

const SAVE_FLAGS = C.VIR_DOMAIN_SAVE_BYPASS_CACHE | C.VIR_DOMAIN_SAVE_RUNNING | C.VIR_DOMAIN_SAVE_PAUSED;

/** The RUNNING/PAUSED flags override what the image says; both at once are refused. */
function resumeChoice(flags: number, wasRunning: boolean): boolean {
  if (flags & C.VIR_DOMAIN_SAVE_RUNNING && flags & C.VIR_DOMAIN_SAVE_PAUSED) {
    throw qemuError(E.VIR_ERR_INVALID_ARG, "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
  }
  if (flags & C.VIR_DOMAIN_SAVE_RUNNING) return true;
  if (flags & C.VIR_DOMAIN_SAVE_PAUSED) return false;
  return wasRunning;
}

/** A replacement XML for an image must describe the same domain. */
function replacementDef(dxml: string | null, current: DomainDef): DomainDef | null {
  if (dxml === null) return null;
  const def = parseDomainXML(dxml);
  if (def.uuid !== current.uuid || def.name !== current.name) {
    throw qemuError(E.VIR_ERR_INVALID_ARG, `cannot change domain name or uuid in the save image XML (domain '${current.name}')`);
  }
  return def;
}

/**
 * qemuDomainSaveInternal: pause, write the header and XML, stream the state into the file,
 * then stop QEMU. On failure the file is removed and a guest that was running runs again.
 */
async function saveTo(state: QemuDriverState, obj: QemuDomainObj, path: string, dxml: string | null, flags: number): Promise<void> {
  const proc = obj.proc;
  if (!proc) throw notRunningError();
  const wasRunning = obj.state === C.VIR_DOMAIN_RUNNING;
  const xml = formatDomainXML(replacementDef(dxml, obj.def) ?? obj.def, { secure: true, migratable: true });
  const offset = await writeSaveHeader(path, xml, resumeChoice(flags, wasRunning));
  try {
    if (wasRunning) {
      proc.pausedReason = C.VIR_DOMAIN_PAUSED_SAVE;
      await proc.monitor.execute('stop');
      obj.setState(C.VIR_DOMAIN_PAUSED, C.VIR_DOMAIN_PAUSED_SAVE);
    }
    await migrateToFile(proc.monitor, join(state.paths.runDir, `${obj.def.name}.outgoing`), path, offset);
  } catch (err) {
    await unlink(path).catch(() => undefined);
    if (wasRunning && obj.proc === proc) {
      proc.runningReason = C.VIR_DOMAIN_RUNNING_SAVE_CANCELED;
      await proc.monitor.execute('cont').catch(() => undefined);
      obj.setState(C.VIR_DOMAIN_RUNNING, C.VIR_DOMAIN_RUNNING_SAVE_CANCELED);
    }
    throw err;
  }
  await stopDomain(state, obj, C.VIR_DOMAIN_SHUTOFF_SAVED, C.VIR_DOMAIN_EVENT_STOPPED_SAVED);
}

export async function save(state: QemuDriverState, ref: DomainRef, path: string, dxml: string | null, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainSaveFlags', flags, SAVE_FLAGS);
  const obj = domainFromRef(state, ref);
  await obj.withJob(() => saveTo(state, obj, path, dxml, flags));
}

export async function managedSave(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainManagedSave', flags, SAVE_FLAGS);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    if (!obj.persistent) throw qemuError(E.VIR_ERR_OPERATION_INVALID, 'cannot do managed save for transient domain');
    try {
      await mkdir(state.saves.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw qemuSystemError(err, `cannot create directory '${state.saves.dir}'`);
    }
    await saveTo(state, obj, state.saves.managedPath(obj.def.name), null, flags);
    obj.hasManagedSave = true;
  });
}

/** Start `obj` from a save image (its XML is the live definition), running or paused. */
async function startFromImage(state: QemuDriverState, obj: QemuDomainObj, path: string, header: SaveHeader, run: boolean): Promise<void> {
  await startDomain(state, obj, { paused: !run, restore: { path, offset: header.dataOffset } });
}

export async function restore(state: QemuDriverState, path: string, dxml: string | null, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainRestoreFlags', flags, SAVE_FLAGS | C.VIR_DOMAIN_SAVE_RESET_NVRAM);
  const header = await readSaveHeader(path);
  const run = resumeChoice(flags, header.wasRunning);
  const imageDef = parseDomainXML(header.xml);
  const def = replacementDef(dxml, imageDef) ?? imageDef;
  const { obj } = state.domains.add(def, { live: true });
  await obj.withJob(async () => {
    try {
      await startFromImage(state, obj, path, header, run);
    } catch (err) {
      if (!obj.persistent) state.domains.remove(obj);
      throw err;
    }
  });
}

/** Starting a domain with a managed save image resumes it from there and drops the image. */
export async function restoreManagedSave(state: QemuDriverState, obj: QemuDomainObj, paused: boolean): Promise<void> {
  const path = state.saves.managedPath(obj.def.name);
  const header = await readSaveHeader(path);
  obj.setDefTransient();
  obj.def = parseDomainXML(header.xml);
  try {
    await startFromImage(state, obj, path, header, header.wasRunning && !paused);
  } catch (err) {
    obj.removeTransientDef();
    throw err;
  }
  await state.saves.removeManaged(obj.persistentDef().name);
  obj.hasManagedSave = false;
}

export async function hasManagedSave(state: QemuDriverState, ref: DomainRef, flags: number): Promise<boolean> {
  qemuCheckFlags('qemuDomainHasManagedSaveImage', flags, 0);
  return domainFromRef(state, ref).hasManagedSave;
}

export async function managedSaveRemove(state: QemuDriverState, ref: DomainRef, flags: number): Promise<void> {
  qemuCheckFlags('qemuDomainManagedSaveRemove', flags, 0);
  const obj = domainFromRef(state, ref);
  await obj.withJob(async () => {
    await state.saves.removeManaged(obj.def.name);
    obj.hasManagedSave = false;
  });
}

export async function saveImageGetXMLDesc(path: string, flags: number): Promise<string> {
  qemuCheckFlags('qemuDomainSaveImageGetXMLDesc', flags, C.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE);
  const header = await readSaveHeader(path);
  return formatDomainXML(parseDomainXML(header.xml), { inactive: true, secure: Boolean(flags & C.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) });
}
