/**
 * connectDomainXMLFromNative ('qemu-argv') for the common options: a QEMU command line, as
 * `domxml-to-native` prints it (an environment prefix allowed), back to domain XML. libvirt
 * 9.0.0's QEMU driver no longer offers this (it was removed in 5.5.0); the options read are
 * those tsvirt and libvirt write. The driver parses the result with its usual defaults.
 */
import { escapeXml } from '../../../conf/xml.js';
import { cpuFeatureFromQemu } from '../caps/cpu-feature-names.js';
import { badArgv, jsonOrKeys, keyValues, shellSplit, sizeKiB, type Props } from './native-argv.js';
import { nativeDeviceXml, vncXml, type NativeBackends } from './native-devices.js';

const POLICIES: Record<string, string> = { on: 'require', off: 'disable' };
/** Options with a value that a definition does not keep (or keeps through another option). */
const IGNORED_WITH_VALUE = new Set(['-overcommit', '-display', '-mon', '-sandbox', '-msg', '-serial', '-monitor',
  '-k', '-parallel', '-pidfile', '-incoming', '-fsdev']);

/** Everything the command line says, gathered before the XML is written. */
interface Native extends NativeBackends {
  emulator: string;
  type: 'kvm' | 'qemu';
  name?: string;
  uuid?: string;
  machine?: string;
  machineProps: Map<string, string>;
  memoryKiB: number;
  vcpus: number;
  maxVcpus?: number;
  topology?: Map<string, string>;
  cpu?: string[];
  bios?: string;
  boot: Map<string, string>;
  kernel?: string;
  initrd?: string;
  cmdline?: string;
  acpi: boolean;
  rtc: Map<string, string>;
  noHpet: boolean;
  devices: Props[];
  audiodevs: Props[];
  vnc?: string;
}

/** The domain XML a 'qemu-argv' command line describes (the caller checks the format). */
export function qemuDomainXMLFromNative(config: string): string {
  return domainXml(readArgv(shellSplit(config)));
}

function readArgv(words: string[]): Native {
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift();
  const emulator = words.shift();
  if (!emulator || emulator.startsWith('-')) throw badArgv('no emulator binary');
  const n: Native = {
    emulator, type: 'qemu', machineProps: new Map(), memoryKiB: 128 * 1024, vcpus: 1, boot: new Map(), acpi: true,
    rtc: new Map(), globals: new Map(), noHpet: false, devices: [], blockdevs: new Map(), chardevs: new Map(),
    netdevs: new Map(), objects: new Map(), diskNames: new Set(), audiodevs: [],
  };
  for (let i = 0; i < words.length; i++) {
    const opt = words[i]!;
    const value = (): string => {
      const v = words[++i];
      if (v === undefined) throw badArgv(`option ${opt} needs an argument`);
      return v;
    };
    readOption(n, opt, value);
  }
  return n;
}

function readOption(n: Native, opt: string, value: () => string): void {
  switch (opt) {
    case '-name': { const kv = keyValues(value()); n.name = kv.get('guest') ?? kv.get(''); return; }
    case '-uuid': n.uuid = value(); return;
    case '-machine': case '-M': {
      n.machineProps = keyValues(value());
      n.machine = n.machineProps.get('type') ?? n.machineProps.get('');
      if (n.machineProps.get('accel')?.startsWith('kvm')) n.type = 'kvm';
      return;
    }
    case '-accel': if (value().startsWith('kvm')) n.type = 'kvm'; return;
    case '-enable-kvm': n.type = 'kvm'; return;
    case '-m': { const kv = keyValues(value()); n.memoryKiB = sizeKiB(kv.get('size') ?? kv.get('') ?? '128'); return; }
    case '-smp': {
      const kv = keyValues(value());
      n.vcpus = Number(kv.get('cpus') ?? kv.get('') ?? 1);
      if (kv.has('maxcpus')) n.maxVcpus = Number(kv.get('maxcpus'));
      n.topology = kv;
      return;
    }
    case '-cpu': n.cpu = value().split(','); return;
    case '-bios': n.bios = value(); return;
    case '-boot': n.boot = keyValues(value()); return;
    case '-kernel': n.kernel = value(); return;
    case '-initrd': n.initrd = value(); return;
    case '-append': n.cmdline = value(); return;
    case '-no-acpi': n.acpi = false; return;
    case '-no-hpet': n.noHpet = true; return;
    case '-rtc': n.rtc = keyValues(value()); return;
    case '-global': {
      const g = value();
      const secure = /^driver=(.+),property=(.+),value=(.+)$/.exec(g);
      const [key, val] = secure ? [`${secure[1]}.${secure[2]}`, secure[3]!] : [g.slice(0, g.indexOf('=')), g.slice(g.indexOf('=') + 1)];
      n.globals.set(key, val);
      return;
    }
    case '-watchdog-action': n.watchdogAction = value(); return;
    case '-blockdev': { const b = jsonOrKeys(value(), 'driver'); n.blockdevs.set(String(b['node-name']), b); return; }
    case '-chardev': { const kv = keyValues(value()); n.chardevs.set(kv.get('id') ?? '', kv); return; }
    case '-netdev': { const nd = jsonOrKeys(value(), 'type'); n.netdevs.set(String(nd.id), nd); return; }
    case '-object': { const o = jsonOrKeys(value(), 'qom-type'); n.objects.set(String(o.id), o); return; }
    case '-device': n.devices.push(jsonOrKeys(value(), 'driver')); return;
    case '-audiodev': n.audiodevs.push(jsonOrKeys(value(), 'driver')); return;
    case '-vnc': n.vnc = value(); return;
    default:
      if (IGNORED_WITH_VALUE.has(opt)) value();
  }
}

function vcpuXml(n: Native): string {
  const current = n.maxVcpus !== undefined && n.maxVcpus !== n.vcpus ? ` current='${n.vcpus}'` : '';
  return `<vcpu placement='static'${current}>${n.maxVcpus ?? n.vcpus}</vcpu>`;
}

function osXml(n: Native): string {
  const pflash0 = n.machineProps.get('pflash0');
  const pflash1 = n.machineProps.get('pflash1');
  const image = (node: string | undefined): string | undefined => {
    const format = node === undefined ? undefined : n.blockdevs.get(node);
    const storage = format ? n.blockdevs.get(String(format.file)) : undefined;
    return storage?.filename === undefined ? undefined : String(storage.filename);
  };
  const code = image(pflash0);
  const secure = n.globals.get('cfi.pflash01.secure') === 'on' ? " secure='yes'" : '';
  const loader = code ? `<loader readonly='yes'${secure} type='pflash'>${escapeXml(code)}</loader>`
    : n.bios ? `<loader type='rom'>${escapeXml(n.bios)}</loader>` : '';
  const nvram = image(pflash1) ? `<nvram>${escapeXml(image(pflash1)!)}</nvram>` : '';
  const menu = n.boot.get('menu');
  const bootMenu = menu ? `<bootmenu enable='${menu === 'on' ? 'yes' : 'no'}'${n.boot.has('splash-time') ? ` timeout='${n.boot.get('splash-time')}'` : ''}/>` : '';
  const bios = n.boot.has('reboot-timeout') ? `<bios rebootTimeout='${n.boot.get('reboot-timeout')}'/>` : '';
  const text = (element: string, v: string | undefined): string => (v === undefined ? '' : `<${element}>${escapeXml(v)}</${element}>`);
  return `<os><type arch='x86_64'${n.machine ? ` machine='${escapeXml(n.machine)}'` : ''}>hvm</type>${loader}${nvram}`
    + `${text('kernel', n.kernel)}${text('initrd', n.initrd)}${text('cmdline', n.cmdline)}${bootMenu}${bios}</os>`;
}

function featuresXml(n: Native): string {
  const smm = n.machineProps.get('smm');
  const features = `${n.acpi ? '<acpi/>' : ''}${smm ? `<smm state='${smm}'/>` : ''}`;
  return features ? `<features>${features}</features>` : '';
}

function pmXml(n: Native): string {
  const states = ['s3', 's4'].map((s) => n.globals.get(`PIIX4_PM.disable_${s}`) ?? n.globals.get(`ICH9-LPC.disable_${s}`));
  const element = (name: string, v: string | undefined): string => (v === undefined ? '' : `<${name} enabled='${v === '1' ? 'no' : 'yes'}'/>`);
  const inner = element('suspend-to-mem', states[0]) + element('suspend-to-disk', states[1]);
  return inner ? `<pm>${inner}</pm>` : '';
}

function cpuXml(n: Native): string {
  const t = n.topology;
  const total = String(n.maxVcpus ?? n.vcpus);
  // libvirt writes a topology even when the XML has none: every vCPU a socket of its own
  const implicit = !t || (t.get('sockets') === total && t.get('cores') === '1' && t.get('threads') === '1' && !t.has('dies'));
  const topology = implicit || !t!.has('sockets') ? ''
    : `<topology sockets='${t!.get('sockets')}'${t!.has('dies') ? ` dies='${t!.get('dies')}'` : ''} cores='${t!.get('cores') ?? 1}' threads='${t!.get('threads') ?? 1}'/>`;
  const [model, ...props] = n.cpu ?? [];
  const features = props.filter((p) => /^[\w.-]+=(on|off)$/.test(p) && !p.startsWith('migratable='))
    .map((p) => {
      const [name, v] = p.split('=');
      // the few features QEMU spells differently get libvirt's names back (x86 only has them)
      return `<feature policy='${POLICIES[v!]}' name='${escapeXml(cpuFeatureFromQemu('x86_64', name!))}'/>`;
    }).join('');
  if (!model && !topology) return '';
  if (model === 'host' || model === 'max') {
    return `<cpu mode='${model === 'host' ? 'host-passthrough' : 'maximum'}'>${topology}${features}</cpu>`;
  }
  // a command line carries no host check: the CPU it names is taken as it is (as libvirt's default CPU)
  return `<cpu${model ? " mode='custom' match='exact' check='none'" : ''}>${model ? `<model>${escapeXml(model)}</model>` : ''}${topology}${features}</cpu>`;
}

function clockXml(n: Native): string {
  const timers = [
    n.rtc.get('driftfix') === 'slew' ? "<timer name='rtc' tickpolicy='catchup'/>" : '',
    n.globals.has('kvm-pit.lost_tick_policy') ? `<timer name='pit' tickpolicy='${n.globals.get('kvm-pit.lost_tick_policy') === 'slew' ? 'catchup' : n.globals.get('kvm-pit.lost_tick_policy')}'/>` : '',
    n.noHpet ? "<timer name='hpet' present='no'/>" : '',
  ].join('');
  return `<clock offset='${n.rtc.get('base') === 'localtime' ? 'localtime' : 'utc'}'>${timers}</clock>`;
}

function domainXml(n: Native): string {
  const devices = n.devices.map((d) => nativeDeviceXml(d, n)).filter((x): x is string => x !== undefined);
  if (n.vnc) devices.push(vncXml(n.vnc));
  // without a balloon on the command line the definition must say so, or libvirt's default adds one
  if (!n.devices.some((d) => String(d.driver).startsWith('virtio-balloon-pci'))) devices.push("<memballoon model='none'/>");
  for (const au of n.audiodevs) devices.push(`<audio id='${String(au.id).replace(/^audio/, '')}' type='${escapeXml(String(au.driver))}'/>`);
  return [
    `<domain type='${n.type}'>`,
    `<name>${escapeXml(n.name ?? 'unnamed')}</name>`,
    n.uuid ? `<uuid>${escapeXml(n.uuid)}</uuid>` : '',
    `<memory unit='KiB'>${n.memoryKiB}</memory>`,
    vcpuXml(n), osXml(n), featuresXml(n), cpuXml(n), clockXml(n), pmXml(n),
    `<devices><emulator>${escapeXml(n.emulator)}</emulator>${devices.join('')}</devices>`,
    '</domain>',
  ].join('');
}
