/**
 * The *-edit commands: an object's XML through the user's editor and back (src/cli/edit-loop.ts),
 * one command per object kind, each with virsh's messages. They join their kinds' help groups
 * through commands/index.ts.
 */
import * as lib from '../../index.js';
import { ErrorNumber, type Domain, type Network, type StoragePool } from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption } from '../lookup.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { flag } from '../objects.js';
import { editCycle, type EditOutcome } from '../edit-loop.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { networkOption } from './network.js';
import { POOL_ARG, poolOption } from './pool.js';
import { interfaceOption } from '../interface-lookup.js';
import { lookupSnapshot } from './snapshot.js';
import { lookupCheckpoint } from './checkpoint.js';
import { filterOption } from './nwfilter.js';

const codeOf = (err: unknown): number | undefined => (err as { code?: number }).code;

/** The name virsh prints for the object a define gave back: "(null)" when the define failed unasked. */
const nameOf = (obj: { name(): string } | null): string => (obj ? obj.name() : '(null)');

/** A define's result is not kept: free it once its name is printed. */
function release(outcome: EditOutcome<{ free(): void } | null>): void {
  if (!outcome.unchanged) outcome.defined?.free();
}

/** virshDomainDefine: with flags through defineXMLFlags, retried without them when validation alone is unsupported. */
async function defineDomain(s: Session, xml: string, flags: number): Promise<Domain> {
  if (!flags) return s.conn.defineXML(xml);
  try {
    return await s.conn.defineXMLFlags(xml, flags);
  } catch (err) {
    if (codeOf(err) === ErrorNumber.VIR_ERR_NO_SUPPORT && flags === lib.VIR_DOMAIN_DEFINE_VALIDATE) return s.conn.defineXML(xml);
    throw err;
  }
}

async function cmdEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  let defineFlags = optBool(cmd, 'skip-validate') ? 0 : lib.VIR_DOMAIN_DEFINE_VALIDATE;
  const outcome = await editCycle(s, {
    getXML: () => dom.xmlDesc(lib.VIR_DOMAIN_XML_SECURE | lib.VIR_DOMAIN_XML_INACTIVE),
    unchanged: () => {
      s.out.printExtra(`Domain '${dom.name()}' XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => defineDomain(s, xml, defineFlags),
    relax: () => {
      defineFlags &= ~lib.VIR_DOMAIN_DEFINE_VALIDATE;
    },
  });
  if (outcome.unchanged) return;
  s.out.printExtra(`Domain '${nameOf(outcome.defined)}' XML configuration edited.\n`);
  release(outcome);
}

/** An XML getter that drops its INACTIVE flag for good when the server refuses it (old daemons). */
function inactiveFirst(get: (flags: number) => Promise<string>, inactive: number): () => Promise<string> {
  let flags = inactive;
  return async () => {
    try {
      return await get(flags);
    } catch (err) {
      if (flags === 0 || codeOf(err) !== ErrorNumber.VIR_ERR_INVALID_ARG) throw err;
      flags = 0;
      return get(flags);
    }
  };
}

async function cmdNetEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using net: Network = await networkOption(s, cmd);
  const outcome = await editCycle(s, {
    // virsh asks for the inactive XML afresh each time (virshNetworkGetXMLDesc).
    getXML: () => inactiveFirst((f) => net.xmlDesc(f), lib.VIR_NETWORK_XML_INACTIVE)(),
    unchanged: () => {
      s.out.printExtra(`Network ${net.name()} XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => s.conn.networkDefineXML(xml),
  });
  if (outcome.unchanged) return;
  s.out.printExtra(`Network ${nameOf(outcome.defined)} XML configuration edited.\n`);
  release(outcome);
}

async function cmdPoolEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using pool: StoragePool = await poolOption(s, cmd);
  const getXML = inactiveFirst((f) => pool.xmlDesc(f), lib.VIR_STORAGE_XML_INACTIVE);
  await getXML();
  const outcome = await editCycle(s, {
    getXML,
    unchanged: () => {
      s.out.printExtra(`Pool ${pool.name()} XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => s.conn.storagePoolDefineXML(xml, 0),
  });
  if (outcome.unchanged) return;
  s.out.printExtra(`Pool ${nameOf(outcome.defined)} XML configuration edited.\n`);
  release(outcome);
}

async function cmdIfaceEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using iface = await interfaceOption(s, cmd);
  const outcome = await editCycle(s, {
    getXML: () => iface.xmlDesc(lib.VIR_INTERFACE_XML_INACTIVE),
    unchanged: () => {
      s.out.printExtra(`Interface ${iface.name()} XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => s.conn.interfaceDefineXML(xml, 0),
  });
  if (outcome.unchanged) return;
  s.out.printExtra(`Interface ${nameOf(outcome.defined)} XML configuration edited.\n`);
  release(outcome);
}

async function cmdNWFilterEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using filter = await filterOption(s, cmd);
  const outcome = await editCycle(s, {
    getXML: () => filter.XMLDesc(0),
    unchanged: () => {
      s.out.printExtra(`Network filter ${filter.name()} XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => s.conn.nwfilterDefineXML(xml),
  });
  if (outcome.unchanged) return;
  s.out.printExtra(`Network filter ${nameOf(outcome.defined)} XML configuration edited.\n`);
  release(outcome);
}

/** virsh ends a failed snapshot-edit or checkpoint-edit with this line (after the cause when it was shown). */
async function updating(s: Session, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    s.out.error(`Failed to update ${name}`);
    throw err;
  }
}

/** A define that failed with no terminal to ask on: virsh 9.0.0 crashes on it here; we fail instead. */
function definedOrFail<T>(s: Session, defined: T | null): T {
  if (defined === null) fail(s, 'the edited XML was not defined');
  return defined;
}

async function cmdSnapshotEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  const rename = optBool(cmd, 'rename');
  const clone = optBool(cmd, 'clone');
  exclusive(s, cmd, 'rename', 'clone');
  let defineFlags = lib.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
  if (optBool(cmd, 'current') && optBool(cmd, 'snapshotname')) defineFlags |= lib.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
  using dom = await domainOption(s, cmd);
  using snap = await lookupSnapshot(s, cmd, 'snapshotname', dom, false);
  const name = snap.getName();
  await updating(s, name, async () => {
    const outcome = await editCycle(s, {
      getXML: () => snap.getXMLDesc(lib.VIR_DOMAIN_SNAPSHOT_XML_SECURE),
      unchanged: () => {
        // With --current the snapshot is redefined (made current) even when its XML is the same.
        if (defineFlags & lib.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) return false;
        s.out.printExtra(`Snapshot ${name} XML configuration not changed.\n`);
        return true;
      },
      define: (xml, original) => {
        if (original.includes('<state>disk-snapshot</state>')) defineFlags |= lib.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
        return dom.snapshotCreateXML(xml, defineFlags);
      },
    });
    if (outcome.unchanged) return;
    using edited = definedOrFail(s, outcome.defined);
    const editedName = edited.getName();
    if (editedName === name) {
      s.out.printExtra(`Snapshot ${name} edited.\n`);
    } else if (clone) {
      s.out.printExtra(`Snapshot ${name} cloned to ${editedName}.\n`);
    } else {
      await cleanUp(s, () => (rename ? snap : edited).delete(lib.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY), rename ? name : editedName);
      if (!rename) fail(s, `Must use --rename or --clone to change ${name} to ${editedName}`);
    }
  });
}

/** Remove the metadata a rename left behind; its failure is shown with virsh's two lines. */
async function cleanUp(s: Session, remove: () => Promise<void>, what: string): Promise<void> {
  try {
    await remove();
  } catch (err) {
    s.out.error((err as Error).message);
    fail(s, `Failed to clean up ${what}`);
  }
}

async function cmdCheckpointEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  using chk = await lookupCheckpoint(s, cmd, 'checkpointname', dom);
  const name = chk.getName();
  await updating(s, name, async () => {
    const outcome = await editCycle(s, {
      getXML: () => chk.getXMLDesc(lib.VIR_DOMAIN_CHECKPOINT_XML_SECURE),
      unchanged: () => {
        s.out.printExtra(`Checkpoint ${name} XML configuration not changed.\n`);
        return true;
      },
      define: (xml) => dom.checkpointCreateXML(xml, lib.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE),
    });
    if (outcome.unchanged) return;
    using edited = definedOrFail(s, outcome.defined);
    const editedName = edited.getName();
    if (editedName === name) {
      s.out.printExtra(`Checkpoint ${name} edited.\n`);
      return;
    }
    await cleanUp(s, () => edited.delete(lib.VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY), editedName);
    fail(s, `Cannot rename checkpoint ${name} to ${editedName}`);
  });
}

/** --running and --paused of the commands that change a saved state. */
export const RESTORE_STATE_OPTIONS = [flag('running', 'come back running when restored'), flag('paused', 'come back paused when restored')];

/** --running / --paused: the state a restore leaves the domain in (virsh refuses both before looking further). */
export function restoreStateFlags(s: Session, cmd: ParsedCommand): number {
  const flags = (optBool(cmd, 'running') ? lib.VIR_DOMAIN_SAVE_RUNNING : 0) | (optBool(cmd, 'paused') ? lib.VIR_DOMAIN_SAVE_PAUSED : 0);
  exclusive(s, cmd, 'running', 'paused');
  return flags;
}

async function cmdSaveImageEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = restoreStateFlags(s, cmd);
  const file = optString(s, cmd, 'file')!;
  const outcome = await editCycle(s, {
    getXML: () => s.conn.saveImageGetXMLDesc(file, lib.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE),
    unchanged: () => {
      s.out.printExtra(`Saved image ${file} XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => s.conn.saveImageDefineXML(file, xml, flags),
  });
  if (!outcome.unchanged) s.out.printExtra(`State file ${file} edited.\n`);
}

async function cmdManagedSaveEdit(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = restoreStateFlags(s, cmd);
  using dom = await domainOption(s, cmd);
  const outcome = await editCycle(s, {
    getXML: () => dom.managedSaveGetXMLDesc(lib.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE),
    unchanged: () => {
      s.out.printExtra(`Managed save image of domain '${dom.name()}' XML configuration not changed.\n`);
      return true;
    },
    define: (xml) => dom.managedSaveDefineXML(xml, flags),
  });
  if (!outcome.unchanged) s.out.printExtra(`Managed save image of Domain '${dom.name()}' XML configuration edited.\n`);
}

export const domainEditCommands: CommandDef[] = [
  {
    name: 'edit',
    summary: "change a domain's XML configuration in an editor",
    options: [DOMAIN_ARG, flag('skip-validate', 'do not check the edited XML against the schema')],
    handler: cmdEdit,
  },
  {
    name: 'managedsave-edit',
    summary: 'change the domain XML kept in a managed save image, in an editor',
    options: [DOMAIN_ARG, ...RESTORE_STATE_OPTIONS],
    handler: cmdManagedSaveEdit,
  },
  {
    name: 'save-image-edit',
    summary: 'change the domain XML kept in a saved state file, in an editor',
    options: [{ name: 'file', type: 'data', required: true, help: 'the saved state file' }, ...RESTORE_STATE_OPTIONS],
    handler: cmdSaveImageEdit,
  },
];

export const networkEditCommands: CommandDef[] = [{
  name: 'net-edit',
  summary: "change a network's XML configuration in an editor",
  options: [{ name: 'network', type: 'data', required: true, help: 'network name or UUID' }],
  handler: cmdNetEdit,
}];

export const poolEditCommands: CommandDef[] = [{
  name: 'pool-edit',
  summary: "change a storage pool's XML configuration in an editor",
  options: [POOL_ARG],
  handler: cmdPoolEdit,
}];

export const interfaceEditCommands: CommandDef[] = [{
  name: 'iface-edit',
  summary: "change a host interface's XML configuration in an editor",
  options: [{ name: 'interface', type: 'data', required: true, help: 'interface name or MAC address' }],
  handler: cmdIfaceEdit,
}];

export const snapshotEditCommands: CommandDef[] = [{
  name: 'snapshot-edit',
  summary: "change a snapshot's XML in an editor",
  options: [
    DOMAIN_ARG,
    { name: 'snapshotname', type: 'string', help: 'snapshot name' },
    flag('current', 'the current snapshot; with a name, make the edited one current'),
    flag('rename', 'let the edit give the snapshot a new name'),
    flag('clone', 'let the edit make a copy under a new name'),
  ],
  handler: cmdSnapshotEdit,
}];

export const checkpointEditCommands: CommandDef[] = [{
  name: 'checkpoint-edit',
  summary: "change a checkpoint's XML in an editor",
  options: [DOMAIN_ARG, { name: 'checkpointname', type: 'string', help: 'checkpoint name' }],
  handler: cmdCheckpointEdit,
}];

export const nwfilterEditCommands: CommandDef[] = [{
  name: 'nwfilter-edit',
  summary: "change a network filter's XML in an editor",
  options: [{ name: 'nwfilter', type: 'data', required: true, help: 'filter name or UUID' }],
  handler: cmdNWFilterEdit,
}];
