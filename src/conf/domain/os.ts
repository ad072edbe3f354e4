/** `<os>`: guest OS type and architecture, firmware loader, direct kernel boot, boot order. */
import { attr, childElements, childText, firstChild, type XmlElement, type XmlWriter } from '../xml.js';
import { enumAttr, unsupported, xmlDetail, xmlError } from './parse-util.js';
import { toXNode, writeXNode, type XNode } from './xnode.js';

const OS_TYPES = ['hvm', 'xen', 'linux', 'exe', 'uml', 'xenpvh'];
const BOOT_DEVS = ['fd', 'cdrom', 'hd', 'network'] as const;
/** Architectures libvirt knows (virArch names). */
const ARCHES = ['i686', 'x86_64', 'aarch64', 'armv6l', 'armv7l', 'armv7b', 'alpha', 'cris', 'lm32', 'loongarch64',
  'm68k', 'microblaze', 'microblazeel', 'mips', 'mipsel', 'mips64', 'mips64el', 'openrisc', 'parisc', 'parisc64',
  'ppc', 'ppcle', 'ppc64', 'ppc64le', 'ppcemb', 'riscv32', 'riscv64', 's390', 's390x', 'sh4', 'sh4eb', 'sparc',
  'sparc64', 'unicore32', 'xtensa', 'xtensaeb'];

export interface DomainLoader {
  path?: string;
  readonly?: 'yes' | 'no';
  secure?: 'yes' | 'no';
  type?: 'rom' | 'pflash';
  /** Whether `type` was written (rather than defaulted), which firmware autoselection forbids. */
  explicitType?: boolean;
  stateless?: 'yes' | 'no';
  /** A plain path, or a storage source (`type` file/block/network with its `<source>`, kept as written). */
  nvram?: { path?: string; template?: string; type?: string; source?: XNode };
}

function parseNvram(el: XmlElement): NonNullable<DomainLoader['nvram']> {
  const type = attr(el, 'type');
  const source = firstChild(el, 'source');
  if (type !== undefined && source) return { template: attr(el, 'template'), type, source: toXNode(source) };
  return { path: el.textContent || undefined, template: attr(el, 'template') };
}

export interface DomainOs {
  type: string;
  arch: string;
  machine?: string;
  firmware?: string;
  loader?: DomainLoader;
  kernel?: string;
  initrd?: string;
  cmdline?: string;
  dtb?: string;
  root?: string;
  /** `<acpi><table type='slic'>`: the one ACPI table libvirt knows. */
  slicTable?: string;
  bootDevs: string[];
  bootMenu?: { enable: 'yes' | 'no'; timeout?: string };
  bios?: { useserial?: string; rebootTimeout?: string };
  smbiosMode?: string;
  /** `<firmware><feature>`: enabled yes/no by feature name. */
  firmwareFeatures?: { enrolledKeys?: 'yes' | 'no'; secureBoot?: 'yes' | 'no' };
  /** Container guests (os type exe): what to run as init, with its arguments and environment. */
  init?: { path?: string; args: string[]; env: [string, string][]; dir?: string; user?: string; group?: string };
}

/** The test driver's capabilities default guest architecture. */
const DEFAULT_ARCH = 'i686';

export function parseOs(root: XmlElement, defaultArch = DEFAULT_ARCH): DomainOs {
  const osEl = firstChild(root, 'os');
  const typeEl = osEl ? firstChild(osEl, 'type') : undefined;
  const typeText = typeEl?.textContent ?? undefined;
  if (!typeText) throw xmlError('an os <type> must be specified');
  if (!OS_TYPES.includes(typeText)) throw unsupported(`unknown OS type '${typeText}'`);
  const archText = attr(typeEl, 'arch');
  if (archText !== undefined && !ARCHES.includes(archText)) throw unsupported(`Unknown architecture ${archText}`);
  const os: DomainOs = {
    type: typeText,
    arch: archText ?? defaultArch,
    machine: attr(typeEl, 'machine'),
    firmware: attr(osEl, 'firmware'),
    kernel: childText(osEl!, 'kernel') || undefined,
    initrd: childText(osEl!, 'initrd') || undefined,
    cmdline: childText(osEl!, 'cmdline') || undefined,
    dtb: childText(osEl!, 'dtb') || undefined,
    root: childText(osEl!, 'root') || undefined,
    bootDevs: [],
  };
  // firmware features only count when libvirt selects the firmware itself
  if (os.firmware) os.firmwareFeatures = parseFirmwareFeatures(osEl!);
  if (os.type === 'exe') os.init = parseInit(osEl!);
  os.slicTable = parseAcpiTable(osEl!);
  const loaderEl = firstChild(osEl!, 'loader');
  const nvramEl = firstChild(osEl!, 'nvram');
  // an <nvram> alone still describes the firmware loader
  if (loaderEl || nvramEl) {
    const path = loaderEl?.textContent || undefined;
    os.loader = {
      path,
      readonly: enumAttr(loaderEl, 'readonly', ['yes', 'no'] as const),
      secure: enumAttr(loaderEl, 'secure', ['yes', 'no'] as const),
      type: enumAttr(loaderEl, 'type', ['rom', 'pflash'] as const) ?? (path ? 'rom' : undefined),
      explicitType: attr(loaderEl, 'type') !== undefined,
      stateless: enumAttr(loaderEl, 'stateless', ['yes', 'no'] as const),
      nvram: nvramEl ? parseNvram(nvramEl) : undefined,
    };
  }
  for (const boot of childElements(osEl!, 'boot')) {
    const dev = attr(boot, 'dev');
    if (dev === undefined) throw xmlError('missing boot device');
    if (!(BOOT_DEVS as readonly string[]).includes(dev)) throw xmlError(`unknown boot device '${dev}'`);
    os.bootDevs.push(dev);
  }
  const isHvm = os.type === 'hvm';
  const menu = firstChild(osEl!, 'bootmenu');
  if (menu && isHvm) {
    const enable = enumAttr(menu, 'enable', ['yes', 'no'] as const);
    if (enable) os.bootMenu = { enable, timeout: enable === 'yes' ? attr(menu, 'timeout') : undefined };
    const timeout = os.bootMenu?.timeout;
    if (timeout !== undefined && /^\s*\+?\d+$/.test(timeout) && Number(timeout) > 65535) {
      throw unsupported('invalid value for boot menu timeout, must be in range [0,65535]');
    }
  }
  const bios = firstChild(osEl!, 'bios');
  if (bios && isHvm) os.bios = { useserial: attr(bios, 'useserial'), rebootTimeout: attr(bios, 'rebootTimeout') };
  const smbios = firstChild(osEl!, 'smbios');
  if (smbios) os.smbiosMode = attr(smbios, 'mode');
  checkFirmwareAutoselection(os);
  return os;
}

const FIRMWARE_FEATURES = { 'enrolled-keys': 'enrolledKeys', 'secure-boot': 'secureBoot' } as const;

function parseFirmwareFeatures(osEl: XmlElement): DomainOs['firmwareFeatures'] {
  const fw = firstChild(osEl, 'firmware');
  if (!fw) return undefined;
  const features: NonNullable<DomainOs['firmwareFeatures']> = {};
  for (const f of childElements(fw, 'feature')) {
    const enabled = enumAttr(f, 'enabled', ['yes', 'no'] as const);
    const name = enumAttr(f, 'name', ['enrolled-keys', 'secure-boot'] as const);
    if (name && enabled) features[FIRMWARE_FEATURES[name]] = enabled;
  }
  if (features.enrolledKeys === 'yes') {
    if (features.secureBoot === 'no') {
      throw xmlDetail("firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled");
    }
    // keys enrolled in the NVRAM only make sense with Secure Boot
    features.secureBoot = 'yes';
  }
  return features;
}

function parseInit(osEl: XmlElement): NonNullable<DomainOs['init']> {
  return {
    path: childText(osEl, 'init') || undefined,
    args: childElements(osEl, 'initarg').map((a) => a.textContent ?? ''),
    env: childElements(osEl, 'initenv').map((e) => [attr(e, 'name') ?? '', e.textContent ?? '']),
    dir: childText(osEl, 'initdir') || undefined,
    user: childText(osEl, 'inituser') || undefined,
    group: childText(osEl, 'initgroup') || undefined,
  };
}

/** At most one ACPI table, of type slic, its path tidied as virFileSanitizePath does. */
function parseAcpiTable(osEl: XmlElement): string | undefined {
  const acpi = firstChild(osEl, 'acpi');
  const tables = acpi ? childElements(acpi, 'table') : [];
  if (tables.length > 1) throw xmlError('Only one acpi table is supported');
  const table = tables[0];
  if (!table) return undefined;
  const type = attr(table, 'type');
  if (type === undefined) throw xmlError('Missing acpi table type');
  if (type !== 'slic') throw xmlError(`Unknown acpi table type: ${type}`);
  return sanitizePath(table.textContent ?? '');
}

/** virFileSanitizePath: repeated and trailing slashes dropped (a leading `//` kept), URIs left alone. */
function sanitizePath(path: string): string {
  const uri = path.indexOf('://');
  if (uri >= 0 && path.indexOf('/') > uri) return path;
  const keepDouble = path.startsWith('//') && path[2] !== '/';
  const rest = (keepDouble ? path.slice(2) : path).replace(/\/+/g, '/');
  const out = (keepDouble ? '//' : '') + rest;
  return out.length > 1 && out.endsWith('/') && !(keepDouble && out === '//') ? out.slice(0, -1) : out;
}

/** With `<os firmware='...'>` libvirt picks loader and NVRAM template itself. */
function checkFirmwareAutoselection(os: DomainOs): void {
  const l = os.loader;
  if (!l) return;
  // an NVRAM store is a path or a source; a template alone is not one
  const hasNvram = l.nvram?.path !== undefined || l.nvram?.source !== undefined;
  if (!os.firmware) {
    if (!l.path) throw xmlDetail('no loader path specified and firmware auto selection disabled');
  } else {
    const clash = l.readonly ? "loader attribute 'readonly'" : l.explicitType ? "loader attribute 'type'"
      : l.path ? 'loader path' : l.nvram?.template ? "nvram attribute 'template'"
        : l.secure === 'no' ? "loader attribute 'secure'" : undefined;
    if (clash) throw xmlDetail(`${clash} cannot be specified when firmware autoselection is enabled`);
    if (hasNvram && os.firmware !== 'efi') throw xmlDetail(`firmware type '${os.firmware}' does not support nvram`);
  }
  if (l.stateless === 'yes') {
    if (l.nvram?.template !== undefined) throw xmlDetail('NVRAM template is not permitted when loader is stateless');
    if (hasNvram) throw xmlDetail('NVRAM is not permitted when loader is stateless');
  } else if (l.stateless === 'no') {
    if (!os.firmware && l.type !== 'pflash') throw xmlDetail('Only pflash loader type permits NVRAM');
    if (os.firmware && os.firmware !== 'efi') throw xmlDetail('Only EFI firmware permits NVRAM');
  }
}

export function formatOs(w: XmlWriter, os: DomainOs): void {
  w.open('os', { firmware: os.firmware });
  w.text('type', os.type, { arch: os.arch, machine: os.machine });
  const ff = os.firmwareFeatures;
  if (ff) {
    w.element('firmware', {}, (inner) => {
      if (ff.enrolledKeys) inner.empty('feature', { enabled: ff.enrolledKeys, name: 'enrolled-keys' });
      if (ff.secureBoot) inner.empty('feature', { enabled: ff.secureBoot, name: 'secure-boot' });
    });
  }
  const init = os.init;
  if (init) {
    w.text('init', init.path);
    for (const a of init.args) w.text('initarg', a);
    for (const [name, value] of init.env) w.text('initenv', value, { name });
    w.text('initdir', init.dir);
    w.text('inituser', init.user);
    w.text('initgroup', init.group);
  }
  const l = os.loader;
  if (l) {
    // like virXMLFormatElement, an element with neither attributes nor content is left out
    const attrs = { readonly: l.readonly, secure: l.secure, type: l.type, stateless: l.stateless };
    if (l.path !== undefined) w.text('loader', l.path, attrs);
    else if (Object.values(attrs).some((v) => v !== undefined)) w.empty('loader', attrs);
    const n = l.nvram;
    if (n?.source) w.element('nvram', { template: n.template, type: n.type }, (inner) => writeXNode(inner, n.source!));
    else if (n?.path !== undefined) w.text('nvram', n.path, { template: n.template });
    else if (n?.template !== undefined) w.empty('nvram', { template: n.template });
  }
  w.text('kernel', os.kernel);
  w.text('initrd', os.initrd);
  w.text('cmdline', os.cmdline);
  w.text('dtb', os.dtb);
  w.text('root', os.root);
  if (os.slicTable !== undefined) w.element('acpi', {}, (inner) => inner.text('table', os.slicTable, { type: 'slic' }));
  for (const dev of os.bootDevs) w.empty('boot', { dev });
  if (os.bootMenu) w.empty('bootmenu', { enable: os.bootMenu.enable, timeout: os.bootMenu.timeout });
  if (os.bios && (os.bios.useserial || os.bios.rebootTimeout)) {
    w.empty('bios', { useserial: os.bios.useserial, rebootTimeout: os.bios.rebootTimeout });
  }
  if (os.smbiosMode) w.empty('smbios', { mode: os.smbiosMode });
  w.close('os');
}
