/**
 * What libvirt's QEMU driver fills into a definition when it is defined: emulator, versioned
 * machine type, the default CPU, implicit controllers, input devices, memory balloon and audio.
 */
import { join } from 'node:path';
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, newXNode, type XNode } from '../../../conf/domain/xnode.js';
import type { QemuCaps, QemuVirtType } from '../caps/index.js';
import { ErrorDomain, ErrorNumber, virError } from '../../../errors/index.js';
import { qemuUnsupported } from './validate.js';
import { isI440fx, isQ35, isX86 } from './machine.js';

export function applyQemuDefaults(def: DomainDef, caps: QemuCaps, nvramDir: string): void {
  if (def.devices.emulator === undefined) {
    if (def.os.arch !== caps.arch) throw qemuUnsupported(`No emulator found for arch '${def.os.arch}'`);
    def.devices.emulator = caps.binary;
  }
  // machines of any domain type other than kvm are looked up among TCG's, as libvirt does
  const type: QemuVirtType = def.type === 'kvm' ? 'kvm' : 'qemu';
  const machine = def.os.machine ?? caps.defaultMachine(type)?.name;
  if (machine !== undefined) def.os.machine = caps.canonicalMachine(type, machine) ?? machine;
  if (isX86(def)) applyX86CpuDefault(def, caps.data.cpuMigratable);
  applyNvramPath(def, nvramDir);
  const lists = def.devices.lists;
  if (isX86(def)) {
    addInputIfMissing(lists.input, 'mouse', 'ps2');
    addInputIfMissing(lists.input, 'keyboard', 'ps2');
  }
  if (isX86(def) && def.os.machine !== 'isapc') {
    if (!findController(lists.controller, 'usb', 0)) {
      addController(lists.controller, newXNode('controller', [['type', 'usb'], ['index', '0'],
        ['model', isQ35(def) ? 'qemu-xhci' : 'piix3-uhci']]));
    }
    if (isQ35(def) && !findController(lists.controller, 'sata', 0)) {
      addController(lists.controller, newXNode('controller', [['type', 'sata'], ['index', '0']]));
    }
    const root = isQ35(def) ? 'pcie-root' : isI440fx(def) ? 'pci-root' : undefined;
    const pci0 = findController(lists.controller, 'pci', 0);
    if (root && !pci0) {
      addController(lists.controller, newXNode('controller', [['type', 'pci'], ['index', '0'], ['model', root]]));
    } else if (root && getAttr(pci0, 'model') !== root) {
      throw virError(ErrorDomain.VIR_FROM_QEMU, ErrorNumber.VIR_ERR_XML_ERROR, `The PCI controller with index='0' must be model='${root}' for this machine type, but model='${getAttr(pci0, 'model')}' was found instead`);
    }
    if (lists.memballoon.length === 0) lists.memballoon.push(newXNode('memballoon', [['model', 'virtio']]));
  }
  for (const serial of lists.serial) applyX86SerialTarget(def, serial);
  if (lists.audio.length === 0) addDefaultAudio(def);
}

/**
 * A custom CPU without a model (or no `<cpu>` at all) is QEMU's qemu64 without fallback, never
 * checked; host-model and (under KVM) named models are checked partially; a host-passthrough CPU
 * stays migratable when QEMU can say so (a maximum CPU gets no default).
 */
function applyX86CpuDefault(def: DomainDef, qemuMigratable: boolean): void {
  const cpu = def.cpu ?? { features: [] };
  const mode = cpu.mode ?? 'custom';
  if (mode === 'custom' && !cpu.model?.name) {
    // the default model may not run on this host: QEMU drops what it cannot give, never checked
    def.cpu = { ...cpu, mode: 'custom', match: 'exact', check: 'none', model: { ...cpu.model, name: 'qemu64', fallback: 'forbid' } };
    return;
  }
  def.cpu = cpu;
  // a model the domain names is checked against the host under KVM (not under TCG)
  def.cpu.check ??= mode === 'host-model' || (mode === 'custom' && def.type === 'kvm') ? 'partial' : 'none';
  if (mode === 'host-passthrough') def.cpu.migratable ??= qemuMigratable ? 'on' : 'off';
}

/** A read-only pflash loader keeps its variables in a per-domain store: `<nvramDir>/<name>_VARS.fd`. */
function applyNvramPath(def: DomainDef, nvramDir: string): void {
  const loader = def.os.loader;
  if (loader?.type !== 'pflash' || loader.readonly !== 'yes' || loader.nvram?.path) return;
  loader.nvram = { ...loader.nvram, path: join(nvramDir, `${def.name}_VARS.fd`) };
}

function addInputIfMissing(inputs: XNode[], type: string, bus: string): void {
  if (inputs.some((i) => getAttr(i, 'type') === type && getAttr(i, 'bus') === bus)) return;
  inputs.push(newXNode('input', [['type', type], ['bus', bus]]));
}

export function findController(controllers: XNode[], type: string, index: number): XNode | undefined {
  return controllers.find((c) => getAttr(c, 'type') === type && Number(getAttr(c, 'index')) === index);
}

/** Controllers the driver adds go at the end of the list (virDomainDefAddController). */
export function addController(controllers: XNode[], node: XNode): void {
  controllers.push(node);
}

/** x86 serial ports default to the ISA serial target and model. */
export function applyX86SerialTarget(def: DomainDef, serial: XNode): void {
  if (!isX86(def)) return;
  let target = getChild(serial, 'target');
  if (!target) {
    target = newXNode('target');
    serial.children.push(target);
  }
  const type = getAttr(target, 'type') ?? 'isa-serial';
  const port = getAttr(target, 'port');
  target.attrs = [['type', type], ...(port === undefined ? [] : [['port', port] as [string, string]])];
  if (!getChild(target, 'model')) {
    const model = { 'isa-serial': 'isa-serial', 'usb-serial': 'usb-serial', 'pci-serial': 'pci-serial' }[type];
    if (model) target.children.push(newXNode('model', [['name', model]]));
  }
}

/** With no graphics, or VNC, the guest's sound goes nowhere; SPICE carries it to the client. */
function addDefaultAudio(def: DomainDef): void {
  const graphics = def.devices.lists.graphics.map((g) => getAttr(g, 'type'));
  let type: string | undefined;
  for (const g of graphics) {
    if (g === 'vnc') type = 'none';
    else if (g === 'spice') type = 'spice';
    else if (g === 'sdl') type = undefined;
  }
  if (graphics.length === 0) type = 'none';
  if (type) def.devices.lists.audio.push(newXNode('audio', [['id', '1'], ['type', type]]));
}

