/** Domain checkpoints as libvirt 9.0.0's test driver keeps them: metadata only, in a moment tree. */
import { cloneDomainDef, formatDomainXML, parseDomainXML, type DomainDef } from '../../conf/domain/index.js';
import { getChild } from '../../conf/domain/xnode.js';
import { domainDisks } from '../../conf/domain/query.js';
import { alignCheckpointDisks, assignBitmapNames, formatCheckpointXML, parseCheckpointXML, type CheckpointDef } from '../../conf/checkpoint/index.js';
import * as C from '../../api/constants.js';
import { ErrorDomain, virError } from '../../errors/index.js';
import type { CheckpointRef, DomainRef } from '../types.js';
import { checkMomentCopy, type DomainObj } from './domain-obj.js';
import { domainFromRef } from './domains.js';
import { E, testCheckFlags, testError } from './errors.js';
import { MomentList } from './moment-list.js';
import type { TestState } from './state.js';

/** A checkpoint: its definition and the domain definition it was taken of. */
export interface CheckpointObj {
  def: CheckpointDef;
  dom: DomainDef | null;
}

/** The checkpoints of one domain. */
export class CheckpointList extends MomentList<CheckpointObj> {
  clone(): CheckpointList {
    return this.copyInto(new CheckpointList(), (c) => ({ def: structuredClone(c.def), dom: c.dom && cloneDomainDef(c.dom) }));
  }
}

const LEAF_FLAGS = C.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | C.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES;

function listOf(obj: DomainObj): CheckpointList {
  obj.checkpoints ??= new CheckpointList();
  return obj.checkpoints;
}

function checkpointFrom(obj: DomainObj, name: string): CheckpointObj {
  const chk = obj.checkpoints?.get(name);
  if (!chk) throw testError(E.VIR_ERR_NO_DOMAIN_CHECKPOINT, `no domain checkpoint with matching name '${name}'`);
  return chk;
}

const chkRef = (obj: DomainObj, name: string): CheckpointRef => ({ domain: obj.ref(), name });

/** The domain's disks as alignment sees them: a disk without a source or marked read-only gets no bitmap. */
function alignDisks(def: CheckpointDef, dom: DomainDef): void {
  const views = domainDisks(dom);
  alignCheckpointDisks(def, dom.devices.lists.disk.map((d, i) => ({
    dst: views[i]!.dev,
    source: views[i]!.path,
    emptyOrReadonly: (!views[i]!.path && views[i]!.type !== 'network') || getChild(d, 'readonly') !== undefined,
  })));
}

/** testDomainCheckpointCreateXML: a new checkpoint of a running domain, or (REDEFINE) an existing one's metadata. */
export async function create(state: TestState, ref: DomainRef, xml: string, flags: number): Promise<CheckpointRef> {
  testCheckFlags('testDomainCheckpointCreateXML', flags, C.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE | C.VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE);
  const redefine = Boolean(flags & C.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);
  const obj = domainFromRef(state, ref);
  if (obj.snapshotCount() > 0) throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'cannot create checkpoint while snapshot exists');
  if (!obj.isActive()) throw testError(E.VIR_ERR_OPERATION_UNSUPPORTED, 'cannot create checkpoint for inactive domain');
  const def = await parseCheckpointXML(xml, { redefine });
  const list = listOf(obj);
  let updateCurrent = !redefine;
  let dom: DomainDef | null;
  if (redefine) {
    list.checkCycles(def);
    dom = def.domainXML ? parseDomainXML(def.domainXML) : null;
    if (dom) {
      if (dom.uuid !== obj.def.uuid) throw testError(E.VIR_ERR_INVALID_ARG, `definition for checkpoint ${def.name} must use uuid ${obj.def.uuid}`);
      alignDisks(def, dom);
    } else {
      assignBitmapNames(def);
    }
    // the first checkpoint redefined, or a child of the current one, becomes current
    if ((def.parent !== undefined && list.get(def.parent) && def.parent === list.current) || list.current === null) updateCurrent = true;
  } else {
    checkMomentCopy(obj.def);
    dom = cloneDomainDef(obj.def);
    alignDisks(def, dom);
    // raised by libvirt's moment list, in the domain's error domain
    if (list.get(def.name)) throw virError(ErrorDomain.VIR_FROM_DOMAIN, E.VIR_ERR_OPERATION_FAILED, `domain moment ${def.name} already exists`);
    if (list.current !== null) def.parent = list.current;
  }
  list.add({ def, dom });
  if (updateCurrent) list.current = def.name;
  return chkRef(obj, def.name);
}

export function getXMLDesc(state: TestState, chk: CheckpointRef, flags: number): string {
  testCheckFlags('testDomainCheckpointGetXMLDesc', flags,
    C.VIR_DOMAIN_CHECKPOINT_XML_SECURE | C.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN | C.VIR_DOMAIN_CHECKPOINT_XML_SIZE);
  const obj = domainFromRef(state, chk.domain);
  const c = checkpointFrom(obj, chk.name);
  // the test driver makes up sizes it never marks valid: SIZE only asks for a running domain
  if (flags & C.VIR_DOMAIN_CHECKPOINT_XML_SIZE) obj.checkActive();
  const withDomain = c.dom && !(flags & C.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
  return formatCheckpointXML(c.def, withDomain ? formatDomainXML(c.dom!, { inactive: true, secure: Boolean(flags & C.VIR_DOMAIN_CHECKPOINT_XML_SECURE) }) : undefined);
}

/** testDomainListAllCheckpoints / testDomainCheckpointListAllChildren (`from`). */
export function listAll(state: TestState, ref: DomainRef, flags: number, from: string | null = null): CheckpointRef[] {
  const walkFlag = from === null ? C.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS : C.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
  testCheckFlags(from === null ? 'testDomainListAllCheckpoints' : 'testDomainCheckpointListAllChildren', flags,
    walkFlag | C.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | LEAF_FLAGS);
  const obj = domainFromRef(state, ref);
  if (from !== null) checkpointFrom(obj, from);
  const list = listOf(obj);
  const down = Boolean(flags & walkFlag) !== (from === null);
  return list.walk(from, down, Boolean(flags & C.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL))
    .filter((c) => {
      const leaf = list.children(c.def.name).length === 0;
      return !(flags & C.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES && !leaf) && !(flags & C.VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES && leaf);
    })
    .map((c) => chkRef(obj, c.def.name));
}

export function lookupByName(state: TestState, ref: DomainRef, name: string, flags: number): CheckpointRef {
  testCheckFlags('testDomainCheckpointLookupByName', flags, 0);
  const obj = domainFromRef(state, ref);
  return chkRef(obj, checkpointFrom(obj, name).def.name);
}

export function getParent(state: TestState, chk: CheckpointRef, flags: number): CheckpointRef {
  testCheckFlags('testDomainCheckpointGetParent', flags, 0);
  const obj = domainFromRef(state, chk.domain);
  const c = checkpointFrom(obj, chk.name);
  if (c.def.parent === undefined) throw testError(E.VIR_ERR_NO_DOMAIN_CHECKPOINT, `checkpoint '${c.def.name}' does not have a parent`);
  return chkRef(obj, c.def.parent);
}

export function del(state: TestState, chk: CheckpointRef, flags: number): void {
  testCheckFlags('testDomainCheckpointDelete', flags, C.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
    C.VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY | C.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY);
  const obj = domainFromRef(state, chk.domain);
  checkpointFrom(obj, chk.name);
  listOf(obj).deleteMoment(chk.name, Boolean(flags & C.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN),
    Boolean(flags & C.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY));
}
