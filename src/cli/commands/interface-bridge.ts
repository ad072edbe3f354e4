/**
 * iface-bridge and iface-unbridge, as virsh does them: the interface's inactive XML is rewritten
 * on the client (the device moves under a new <bridge>, or back out of it, with its <mac>,
 * <bond> and <vlan>) and defined again, then started unless --no-start.
 */
import { VIR_INTERFACE_XML_INACTIVE, type HostInterface, type VirError } from '../../index.js';
import type { CommandDef } from '../command.js';
import { fail, optBool, optString, optUInt } from '../opts.js';
import { must } from '../lookup.js';
import type { Session } from '../session.js';
import { interfaceOption } from '../interface-lookup.js';
import { dumpNode, parseXML } from '../xml.js';
import type { XmlElement } from '../../conf/xml.js';

/** The elements that belong to the physical device, not to the bridge. */
const DEVICE_ELEMENTS = new Set(['mac', 'bond', 'vlan']);

function moveDeviceElements(from: XmlElement, to: XmlElement): void {
  for (const child of Array.from(from.childNodes as unknown as ArrayLike<XmlElement>)) {
    if (child.nodeType === 1 && DEVICE_ELEMENTS.has(child.nodeName)) to.appendChild(child);
  }
}

/** The inactive XML of `iface` as a document root; `name` is the interface as the user gave it. */
async function inactiveRoot(s: Session, iface: HostInterface, name: string): Promise<XmlElement> {
  const xml = await iface.xmlDesc(VIR_INTERFACE_XML_INACTIVE);
  const root = parseXML(xml);
  if (!root) fail(s, `Failed to parse configuration of ${name}`);
  return root;
}

/** The name attribute must be the one the user gave (virsh prints "(null)" for a missing one). */
function checkName(s: Session, root: XmlElement, given: string): void {
  const inXML = root.getAttribute('name');
  if (!root.hasAttribute('name') || inXML !== given) {
    fail(s, `Interface name from config ${root.hasAttribute('name') ? inXML : '(null)'} doesn't match given supplied name ${given}`);
  }
}

const bridge: CommandDef = {
  name: 'iface-bridge',
  summary: 'put a host interface under a new bridge device',
  options: [
    { name: 'interface', type: 'data', required: true, help: 'the interface to attach (name or MAC address)' },
    { name: 'bridge', type: 'data', required: true, help: 'name of the new bridge device' },
    { name: 'no-stp', type: 'bool', help: 'turn spanning tree off on the bridge' },
    { name: 'delay', type: 'number', help: 'forwarding delay in seconds with spanning tree' },
    { name: 'no-start', type: 'bool', help: 'define the bridge without starting it' },
  ],
  async handler(s, cmd) {
    using iface = await interfaceOption(s, cmd, { name: true, mac: false });
    const ifName = optString(s, cmd, 'interface')!;
    const brName = optString(s, cmd, 'bridge')!;
    // virsh keeps the failed lookup's error: it is reported if a later step fails on its own
    const existing = await s.conn.interfaceLookupByName(brName).catch((err: VirError) => {
      s.lastError = err;
      return null;
    });
    if (existing) {
      existing.free();
      fail(s, `Network device ${brName} already exists`);
    }
    const stp = !optBool(cmd, 'no-stp');
    const delay = optUInt(s, cmd, 'delay') ?? 0;
    const noStart = optBool(cmd, 'no-start');
    const top = await inactiveRoot(s, iface, ifName);
    const type = top.getAttribute('type');
    if (!top.hasAttribute('type')) fail(s, `Existing device ${ifName} has no type`);
    if (type === 'bridge') fail(s, `Existing device ${ifName} is already a bridge`);
    checkName(s, top, ifName);
    const doc = top.ownerDocument!;
    const br = doc.createElement('bridge');
    top.appendChild(br);
    br.setAttribute('stp', stp ? 'on' : 'off');
    if (stp) br.setAttribute('delay', String(delay));
    top.setAttribute('type', 'bridge');
    top.setAttribute('name', brName);
    const attached = doc.createElement('interface');
    br.appendChild(attached);
    attached.setAttribute('type', type!);
    attached.setAttribute('name', ifName);
    moveDeviceElements(top, attached);
    using created = await must(s, `Failed to define new bridge interface ${brName}`, () => s.conn.interfaceDefineXML(dumpNode(top), 0));
    s.out.printExtra(`Created bridge ${brName} with attached device ${ifName}\n`);
    if (noStart) return;
    await must(s, `Failed to start bridge interface ${brName}`, () => created.create(0));
    s.out.printExtra(`Bridge interface ${brName} started\n`);
  },
};

const unbridge: CommandDef = {
  name: 'iface-unbridge',
  summary: 'take the device out of a bridge and remove the bridge',
  options: [
    { name: 'bridge', type: 'data', required: true, help: 'the bridge device' },
    { name: 'no-start', type: 'bool', help: 'define the device without starting it' },
  ],
  async handler(s, cmd) {
    using br = await interfaceOption(s, cmd, { name: true, mac: false }, 'bridge');
    const brName = optString(s, cmd, 'bridge')!;
    const noStart = optBool(cmd, 'no-start');
    const top = await inactiveRoot(s, br, brName);
    if (!top.hasAttribute('type')) fail(s, `Existing device ${brName} has no type`);
    if (top.getAttribute('type') !== 'bridge') fail(s, `Device ${brName} is not a bridge`);
    checkName(s, top, brName);
    const bridgeEl = childElements(top, 'bridge')[0];
    if (!bridgeEl) fail(s, 'No bridge node in xml document');
    const attached = childElements(bridgeEl, 'interface');
    if (attached.length > 1) fail(s, 'Multiple interfaces attached to bridge');
    const device = attached[0];
    if (!device) fail(s, 'No interface attached to bridge');
    if (!device.hasAttribute('name')) fail(s, `Device attached to bridge ${brName} has no name`);
    const ifName = device.getAttribute('name')!;
    if (!device.hasAttribute('type')) fail(s, `Attached device ${ifName} has no type`);
    top.setAttribute('type', device.getAttribute('type')!);
    top.setAttribute('name', ifName);
    moveDeviceElements(device, top);
    await must(s, `Failed to destroy bridge interface ${brName}`, () => br.destroy(0));
    await must(s, `Failed to undefine bridge interface ${brName}`, () => br.undefine());
    using defined = await must(s, `Failed to define new interface ${ifName}`, () => s.conn.interfaceDefineXML(dumpNode(top), 0));
    s.out.printExtra(`Device ${ifName} un-attached from bridge ${brName}\n`);
    if (noStart) return;
    await must(s, `Failed to start interface ${ifName}`, () => defined.create(0));
    s.out.printExtra(`Interface ${ifName} started\n`);
  },
};

function childElements(el: XmlElement, name: string): XmlElement[] {
  return Array.from(el.childNodes as unknown as ArrayLike<XmlElement>).filter((c) => c.nodeType === 1 && c.nodeName === name);
}

export const interfaceBridgeCommands: CommandDef[] = [bridge, unbridge];
