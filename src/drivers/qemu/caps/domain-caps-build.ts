import { binaryServesArch, hostArch, isKnownArch, kvmServes, sameArchFamily } from './arch.js';
import type { QemuCapsCache } from './cache.js';
import { loadX86CpuMap } from './cpu-map.js';
import { computeHostModel } from './host-model.js';
import { cpuModelVendor, libvirtKnowsCpuModel } from './cpu-models.js';
import type { DomainCaps, DomainCapsBlock, DomainCapsEnum } from './domain-caps.js';
import {
  accelNotSupported, archMismatch, archNotSupported, machineNotSupported, noEmulatorForArch, unknownArch, unknownVirtType,
  virtTypeNotSupported,
} from './errors.js';
import { machineFirmware, type FirmwareDescriptor } from './firmware.js';
import type { HostTools } from './host-tools.js';
import type { QemuCaps, QemuVirtType } from './qemu-caps.js';

/** virConnectGetDomainCapabilities' arguments; each may be left out. */
export interface DomainCapsQuery {
  readonly emulatorbin?: string;
  readonly arch?: string;
  readonly machine?: string;
  readonly virttype?: string;
}

export interface DomainCapsHost {
  readonly tools: HostTools;
  readonly firmware: readonly FirmwareDescriptor[];
}

/** libvirt's domain types; only `qemu` and `kvm` (and `hvf` on macOS) concern QEMU. */
const VIRT_TYPES: ReadonlySet<string> = new Set(['qemu', 'kqemu', 'kvm', 'xen', 'lxc', 'uml', 'openvz', 'test', 'vmware', 'hyperv',
  'vbox', 'phyp', 'parallels', 'bhyve', 'vz', 'hvf']);

/** Resolve the query as libvirt does (emulator, arch, domain type, machine), then describe it. */
export async function buildDomainCaps(cache: QemuCapsCache, query: DomainCapsQuery, host: DomainCapsHost): Promise<DomainCaps> {
  if (query.virttype !== undefined && !VIRT_TYPES.has(query.virttype)) throw unknownVirtType(query.virttype);
  if (query.arch !== undefined && !isKnownArch(query.arch)) throw unknownArch(query.arch);
  // as libvirt, the arch defaults to the host's even when the emulator is given
  const arch = query.arch ?? hostArch();
  let caps: QemuCaps;
  if (query.emulatorbin !== undefined) {
    caps = await cache.lookup(query.emulatorbin);
    if (!sameArchFamily(arch, caps.arch)) throw archMismatch(caps.arch, arch);
  } else {
    const binary = await cache.findBinary(arch);
    if (!binary) throw noEmulatorForArch(arch);
    caps = await cache.lookup(binary);
  }
  const virttype = query.virttype ?? (caps.kvmAvailable ? 'kvm' : 'qemu');
  if ((virttype === 'kvm' || virttype === 'hvf') && !caps.kvmAvailable) throw accelNotSupported(virttype, caps.binary);
  const known = virttype === 'qemu' || virttype === 'kvm' ? virttype : null;
  const machine = known === null || query.machine === undefined ? undefined : caps.machine(known, query.machine);
  if (known !== null && query.machine !== undefined && !machine) throw machineNotSupported(query.machine, caps.binary);
  if (!binaryServesArch(caps.arch, arch)) throw archNotSupported(caps.binary, arch);
  if (known === null) throw virtTypeNotSupported(caps.binary, virttype);
  const chosen = machine ?? caps.defaultMachine(known)!;
  return describe(caps, arch, known, chosen.name, chosen.maxCpus, host);
}

/** An enum holding, in `order`, the values `has` accepts. */
function pick(name: string, order: readonly string[], has: (value: string) => boolean): DomainCapsEnum {
  return { name, values: order.filter(has) };
}

function block(name: string, enums: DomainCapsEnum[], supported = true): DomainCapsBlock {
  return { name, supported, enums };
}

async function describe(caps: QemuCaps, arch: string, virttype: QemuVirtType, machine: string, maxCpus: number, host: DomainCapsHost): Promise<DomainCaps> {
  const has = (type: string): boolean => caps.hasType(type);
  const firmware = await machineFirmware(host.firmware, machine, arch);
  const migratable = caps.data.cpuMigratable ? ['on', 'off'] : ['off'];
  return {
    path: caps.binary,
    domain: virttype,
    machine,
    arch,
    maxVcpus: maxCpus,
    iothreads: has('iothread'),
    os: {
      firmware: [...(firmware.bios ? ['bios'] : []), ...(firmware.efi ? ['efi'] : [])],
      loader: {
        values: firmware.loaders,
        enums: [
          { name: 'type', values: ['rom', 'pflash'] },
          { name: 'readonly', values: ['yes', 'no'] },
          { name: 'secure', values: firmware.secure ? ['yes', 'no'] : ['no'] },
        ],
      },
    },
    cpu: {
      hostPassthrough: virttype === 'kvm' && kvmServes(arch) ? migratable : null,
      maximum: caps.cpuModel(virttype, 'max') ? ['on', 'off'] : null,
      hostModel: computeHostModel(caps, virttype, await loadX86CpuMap(), false),
      custom: caps.cpuModels(virttype)
        .filter((m) => m.name !== 'host' && libvirtKnowsCpuModel(caps.arch, m.name))
        .map((m) => ({ name: m.name, usable: m.usable ? 'yes' : 'no', deprecated: m.deprecated, ...(cpuModelVendor(m.name) && { vendor: cpuModelVendor(m.name)! }) })),
    },
    memoryBacking: block('memoryBacking', [pick('sourceType', ['file', 'anonymous', 'memfd'], (v) => v !== 'memfd' || has('memory-backend-memfd'))]),
    devices: devices(caps, machine, host.tools),
    features: {
      gic: false,
      simple: [['vmcoreinfo', has('vmcoreinfo')], ['genid', has('vmgenid')], ['backingStoreInput', true], ['backup', caps.hasCommand('blockdev-backup') && caps.hasCommand('block-dirty-bitmap-merge')]],
      sev: caps.sev,
      sgx: caps.sgx,
      hyperv: hyperv(caps),
    },
  };
}

const USB_CONTROLLERS = ['piix3-usb-uhci', 'piix4-usb-uhci', 'usb-ehci', 'ich9-usb-ehci1', 'vt82c686b-usb-uhci', 'pci-ohci', 'nec-usb-xhci', 'qemu-xhci'];

function devices(caps: QemuCaps, machine: string, tools: HostTools): DomainCapsBlock[] {
  const has = (type: string): boolean => caps.hasType(type);
  const transitional = has('virtio-blk-pci-transitional');
  const virtioModels = (base: boolean): DomainCapsEnum =>
    pick('model', ['virtio', 'virtio-transitional', 'virtio-non-transitional'], (v) => base && (v === 'virtio' || transitional));
  const builtinIde = caps.arch === 'x86_64' || caps.arch === 'i686'
    ? machine === 'pc' || /^pc-(0\.|1\.|i440fx-)/.test(machine) || machine.startsWith('rhel')
    : ['malta', 'sun4u', 'g3beige'].includes(machine);
  const display = new Set(caps.data.displayTypes);
  const tpmModels = pick('model', ['tpm-tis', 'tpm-crb', 'tpm-spapr', 'spapr-tpm-proxy'], has);
  const tpmEmulator = tools.swtpm && caps.tpmTypes.includes('emulator');
  return [
    block('disk', [
      { name: 'diskDevice', values: ['disk', 'cdrom', 'floppy', 'lun'] },
      pick('bus', ['ide', 'fdc', 'scsi', 'virtio', 'usb', 'sata'], (v) =>
        (v === 'ide' ? builtinIde : v === 'usb' ? has('usb-storage') : v === 'sata' ? has('ich9-ahci') : true)),
      virtioModels(true),
    ]),
    block('graphics', [pick('type', ['sdl', 'vnc', 'spice', 'egl-headless', 'dbus'], (v) =>
      (v === 'vnc' ? caps.hasCommand('query-vnc') : v === 'spice' ? caps.hasCommand('query-spice') : display.has(v)))]),
    block('video', [pick('modelType', ['vga', 'cirrus', 'vmvga', 'qxl', 'virtio', 'none', 'bochs', 'ramfb'], (v) => v === 'none' || has({
      vga: 'VGA', cirrus: 'cirrus-vga', vmvga: 'vmware-svga', qxl: 'qxl', virtio: 'virtio-gpu-pci', bochs: 'bochs-display', ramfb: 'ramfb',
    }[v]!))]),
    block('hostdev', [
      { name: 'mode', values: ['subsystem'] },
      { name: 'startupPolicy', values: ['default', 'mandatory', 'requisite', 'optional'] },
      pick('subsysType', ['usb', 'pci', 'scsi'], (v) => v !== 'usb' || USB_CONTROLLERS.some(has)),
      { name: 'capsType', values: [] },
      { name: 'pciBackend', values: tools.vfio && has('vfio-pci') ? ['default', 'vfio'] : [] },
    ]),
    block('rng', [
      virtioModels(has('virtio-rng-pci')),
      pick('backendModel', ['random', 'egd', 'builtin'], (v) => has(`rng-${v}`)),
    ]),
    block('filesystem', [pick('driverType', ['path', 'handle', 'virtiofs'], (v) => v !== 'virtiofs' || has('vhost-user-fs-device'))]),
    block('tpm', [
      tpmModels,
      pick('backendModel', ['passthrough', 'emulator', 'external'], (v) => (v === 'passthrough' ? caps.tpmTypes.includes('passthrough') : tpmEmulator)),
      ...(tools.swtpmVersions.length > 0 ? [{ name: 'backendVersion', values: tools.swtpmVersions }] : []),
    ], tpmModels.values.length > 0),
    block('redirdev', [{ name: 'bus', values: ['usb'] }], has('usb-redir')),
    block('channel', [pick('type', ['pty', 'unix', 'spicevmc'], (v) => v !== 'spicevmc' || caps.hasCommand('query-spice'))]),
  ];
}

/** libvirt's Hyper-V enlightenments, in its order; QEMU calls them `hv-NAME` (dashes for underscores). */
const HYPERV_FEATURES = ['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'reset', 'vendor_id',
  'frequencies', 'reenlightenment', 'tlbflush', 'ipi', 'evmcs', 'avic'];

/** From KVM's expansion of the host CPU: an enlightenment is offered when its property is set. */
function hyperv(caps: QemuCaps): DomainCapsBlock | null {
  const props = caps.data.kvmAccel?.hostCpu?.props;
  if (!props) return null;
  const offered = (name: string): boolean => {
    const value = props[`hv-${name}`] ?? props[`hv-${name.replace(/_/g, '-')}`];
    return value === true || (typeof value === 'number' && value > 0) || typeof value === 'string';
  };
  const features = HYPERV_FEATURES.filter(offered);
  return features.length > 0 ? block('hyperv', [{ name: 'features', values: features }]) : block('hyperv', [], false);
}

