/** `<virtualport>` (virNetDevVPortProfile): 802.1Qbg/802.1Qbh/openvswitch/midonet port profiles. */
import { ErrorDomain, ErrorNumber } from '../../errors/codes.js';
import { virError } from '../../errors/vir-error.js';
import { attr, childElements, type XmlElement, type XmlWriter } from '../xml.js';
import { parseUuid } from '../network/uuid.js';
import { parseCInteger } from '../network/xml-props.js';

export type VirtualPortType = '802.1Qbg' | '802.1Qbh' | 'openvswitch' | 'midonet';
const TYPES: readonly VirtualPortType[] = ['802.1Qbg', '802.1Qbh', 'openvswitch', 'midonet'];

export interface VirtualPort {
  type?: VirtualPortType;
  managerId?: number;
  typeId?: number;
  typeIdVersion?: number;
  instanceId?: string;
  interfaceId?: string;
  profileId?: string;
}

/** Which parameters each type carries (no type: any of them). */
const PARAMS_FOR: Record<VirtualPortType, readonly (keyof VirtualPort)[]> = {
  '802.1Qbg': ['managerId', 'typeId', 'typeIdVersion', 'instanceId'],
  '802.1Qbh': ['profileId'],
  openvswitch: ['interfaceId', 'profileId'],
  midonet: ['interfaceId'],
};
/** The order libvirt checks for a parameter a type does not take. */
const EXTRA_ORDER: readonly [keyof VirtualPort, string][] = [
  ['managerId', 'managerid'], ['typeId', 'typeid'], ['typeIdVersion', 'typeidversion'],
  ['instanceId', 'instanceid'], ['profileId', 'profileid'], ['interfaceId', 'interfaceid'],
];

const xmlErr = (detail: string) => virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_XML_ERROR, detail);

function numberParam(text: string | undefined, name: string, max: number, range: string): number | undefined {
  if (text === undefined) return undefined;
  const n = parseCInteger(text);
  // virStrToLong_ui: a negative number wraps around to a large unsigned one
  if (n === null || n > 0xffffffffn || n < -0xffffffffn) throw xmlErr(`cannot parse value of ${name} parameter`);
  const u = n < 0n ? Number(0x100000000n + n) : Number(n);
  if (u > max) throw xmlErr(range);
  return u;
}

function uuidParam(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  const uuid = parseUuid(text);
  if (uuid === null) throw xmlErr(`cannot parse ${name} parameter as a uuid`);
  return uuid;
}

/** Parse `<virtualport>`; `requireType` where libvirt insists on one (the network itself). */
export function parseVirtualPort(el: XmlElement, requireType: boolean): VirtualPort {
  const typeText = attr(el, 'type');
  const vp: VirtualPort = {};
  if (typeText !== undefined) {
    if (!(TYPES as readonly string[]).includes(typeText)) {
      throw virError(ErrorDomain.VIR_FROM_NONE, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, `unknown virtualport type ${typeText}`);
    }
    vp.type = typeText as VirtualPortType;
  } else if (requireType) {
    throw xmlErr('missing required virtualport type');
  }
  const params = childElements(el, 'parameters')[0];
  vp.managerId = numberParam(attr(params, 'managerid'), 'managerid', 0xff, 'value of managerid out of range');
  vp.typeId = numberParam(attr(params, 'typeid'), 'typeid', 0xffffff, 'value for typeid out of range');
  vp.typeIdVersion = numberParam(attr(params, 'typeidversion'), 'typeidversion', 0xff, 'value of typeidversion out of range');
  vp.instanceId = uuidParam(attr(params, 'instanceid'), 'instanceid');
  const profile = attr(params, 'profileid');
  if (profile !== undefined) {
    if (Buffer.byteLength(profile) >= 40) throw xmlErr('profileid parameter too long');
    if (profile !== '') vp.profileId = profile;
  }
  vp.interfaceId = uuidParam(attr(params, 'interfaceid'), 'interfaceid');
  if (vp.type) {
    const allowed = PARAMS_FOR[vp.type];
    const extra = EXTRA_ORDER.find(([key]) => vp[key] !== undefined && !allowed.includes(key));
    // this check lives in libvirt's util/virnetdevvportprofile.c, which reports from VIR_FROM_NET
    if (extra) {
      throw virError(ErrorDomain.VIR_FROM_NET, ErrorNumber.VIR_ERR_XML_ERROR, `extra ${extra[1]} unsupported in <virtualport type='${vp.type}'>`);
    }
  }
  return vp;
}

export function formatVirtualPort(w: XmlWriter, vp: VirtualPort | undefined): void {
  if (!vp) return;
  const has = (key: keyof VirtualPort) => vp[key] !== undefined && (!vp.type || PARAMS_FOR[vp.type].includes(key));
  const any = EXTRA_ORDER.some(([key]) => vp[key] !== undefined);
  if (!any) {
    if (vp.type) w.empty('virtualport', { type: vp.type });
    return;
  }
  w.open('virtualport', { type: vp.type });
  w.empty('parameters', {
    managerid: has('managerId') ? vp.managerId : undefined,
    typeid: has('typeId') ? vp.typeId : undefined,
    typeidversion: has('typeIdVersion') ? vp.typeIdVersion : undefined,
    instanceid: has('instanceId') ? vp.instanceId : undefined,
    interfaceid: has('interfaceId') ? vp.interfaceId : undefined,
    profileid: has('profileId') ? vp.profileId : undefined,
  });
  w.close('virtualport');
}
