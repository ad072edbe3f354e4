/** Input devices, VNC and video. */
import type { DomainDef } from '../../../conf/domain/index.js';
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import type { AliasMap } from './aliases.js';
import type { ArgList } from './args.js';
import { pciProps, virtioOptions } from './pci-props.js';
import { escapeComma } from './shell-quote.js';

export const USB_INPUTS: Record<string, string> = { tablet: 'usb-tablet', mouse: 'usb-mouse', keyboard: 'usb-kbd' };
export const VIRTIO_INPUTS: Record<string, string> = { tablet: 'virtio-tablet-pci', mouse: 'virtio-mouse-pci', keyboard: 'virtio-keyboard-pci' };

export function inputArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  for (const input of def.devices.lists.input) {
    const type = getAttr(input, 'type')!;
    const bus = getAttr(input, 'bus');
    if (bus === 'ps2') continue;
    const id = aliases.get(input);
    if (bus === 'usb' && USB_INPUTS[type]) a.json('-device', { driver: USB_INPUTS[type], id, ...usbProps(input) });
    else if (bus === 'virtio' && VIRTIO_INPUTS[type]) a.json('-device', { driver: VIRTIO_INPUTS[type], ...virtioOptions(input), id, ...pciProps(input, q35) });
    else throw unsupported(`tsvirt cannot yet build ${type} input devices on bus '${bus}'`);
  }
}

/** `bus` and `port` of a device on a USB controller (`<address type='usb'>`). */
export function usbProps(node: XNode): Record<string, unknown> {
  const addr = getChild(node, 'address');
  if (getAttr(addr, 'type') !== 'usb') return {};
  const bus = Number(getAttr(addr, 'bus') ?? 0);
  return { bus: bus === 0 ? 'usb.0' : `usb${bus}.0`, port: getAttr(addr, 'port') };
}

/** libvirt's vnc_listen default and the first port of its autoport range. */
const VNC_DEFAULT_LISTEN = '127.0.0.1';
const VNC_PORT_MIN = 5900;

/** `vncPort`: the port the driver allocated for an autoport display (domxml-to-native leaves the base). */
export function graphicsArgs(a: ArgList, def: DomainDef, vncPort: number | undefined): void {
  const audio = def.devices.lists.audio[0];
  for (const g of def.devices.lists.graphics) {
    const type = getAttr(g, 'type');
    if (type !== 'vnc') throw unsupported(`tsvirt cannot yet build ${type} graphics`);
    const listen = getChild(g, 'listen');
    const socket = getAttr(listen, 'socket');
    let opt: string;
    if (getAttr(listen, 'type') === 'socket' && socket) opt = `unix:${escapeComma(socket)}`;
    else {
      const host = getAttr(listen, 'address') ?? getAttr(g, 'listen') ?? VNC_DEFAULT_LISTEN;
      const autoport = getAttr(g, 'autoport') === 'yes' || getAttr(g, 'port') === '-1';
      const port = autoport ? vncPort ?? VNC_PORT_MIN : Number(getAttr(g, 'port'));
      opt = `${host.includes(':') ? `[${host}]` : host}:${port - VNC_PORT_MIN}`;
      const ws = getAttr(g, 'websocket');
      if (ws !== undefined) opt += `,websocket=${ws}`;
    }
    if (getAttr(g, 'passwd') !== undefined) opt += ',password=on';
    if (audio) opt += `,audiodev=audio${getAttr(audio, 'id')}`;
    a.add('-vnc', opt);
  }
}

export const VIDEO_DRIVERS: Record<string, [primary: string, secondary?: string]> = {
  cirrus: ['cirrus-vga'], vga: ['VGA'], vmvga: ['vmware-svga'], qxl: ['qxl-vga', 'qxl'], virtio: ['virtio-vga', 'virtio-gpu-pci'],
  bochs: ['bochs-display', 'bochs-display'], ramfb: ['ramfb'],
};

export function videoArgs(a: ArgList, def: DomainDef, aliases: AliasMap, q35: boolean): void {
  def.devices.lists.video.forEach((v, i) => {
    const model = getChild(v, 'model');
    const type = getAttr(model, 'type') ?? 'cirrus';
    if (type === 'none') return;
    const drivers = VIDEO_DRIVERS[type];
    const driver = drivers ? (i === 0 ? drivers[0] : drivers[1]) : undefined;
    if (!driver) throw unsupported(`video type '${type}' is only valid as primary video device`);
    const num = (name: string): number => Number(getAttr(model, name) ?? 0);
    const heads = type === 'qxl' || type === 'virtio' ? num('heads') : 0;
    const props: Record<string, unknown> = { driver, id: aliases.get(v), max_outputs: heads > 0 ? heads : undefined };
    if (type === 'qxl') {
      Object.assign(props, {
        ram_size: num('ram') > 0 ? num('ram') * 1024 : undefined, vram_size: num('vram') > 0 ? num('vram') * 1024 : undefined,
        vram64_size_mb: Math.floor(num('vram64') / 1024), vgamem_mb: Math.floor(num('vgamem') / 1024),
      });
    } else if (type === 'vga' || type === 'vmvga') {
      if (num('vram') > 0) props.vgamem_mb = Math.floor(num('vram') / 1024);
    } else if (type === 'bochs' && num('vram') > 0) props.vgamem = num('vram') * 1024;
    a.json('-device', { ...props, ...pciProps(v, q35) });
  });
}
