/**
 * `<graphics>`: vnc/spice/sdl/rdp/desktop/egl-headless/dbus. Parsed into a typed form (ports,
 * autoport, listens, auth, spice channels) and written back in libvirt's attribute and child order.
 */
import type { XmlElement } from '../../xml.js';
import { attr, childElements, firstChild } from '../../xml.js';
import { enumAttr, internalError, unsupported, xmlError, yesNoAttr } from '../parse-util.js';
import { newXNode, type XNode } from '../xnode.js';

const GRAPHICS_TYPES = ['sdl', 'vnc', 'rdp', 'desktop', 'spice', 'egl-headless', 'dbus'] as const;
const LISTEN_TYPES = ['none', 'address', 'network', 'socket'] as const;
/** libvirt's spice channel order (virDomainGraphicsSpiceChannelName). */
const SPICE_CHANNELS = ['main', 'display', 'inputs', 'cursor', 'playback', 'record', 'smartcard', 'usbredir'] as const;
const CHANNEL_MODES = ['any', 'secure', 'insecure'] as const;
/** Spice children written after the channels, in libvirt's order, with the attribute each carries. */
const SPICE_OPTIONS: [string, string, readonly string[]][] = [
  ['image', 'compression', ['auto_glz', 'auto_lz', 'quic', 'glz', 'lz', 'off']],
  ['jpeg', 'compression', ['auto', 'never', 'always']],
  ['zlib', 'compression', ['auto', 'never', 'always']],
  ['playback', 'compression', ['on', 'off']],
  ['streaming', 'mode', ['filter', 'all', 'off']],
  ['mouse', 'mode', ['server', 'client']],
  ['clipboard', 'copypaste', ['yes', 'no']],
  ['filetransfer', 'enable', ['yes', 'no']],
];

interface Listen {
  type: (typeof LISTEN_TYPES)[number];
  address?: string;
  network?: string;
  socket?: string;
}

/** Parse one `<graphics>` and return it in canonical XML shape (passwd included; hidden on output unless secure). */
export function parseGraphics(el: XmlElement): XNode {
  const type = enumAttr(el, 'type', GRAPHICS_TYPES);
  if (type === undefined) throw internalError('missing graphics device type');
  const node = newXNode('graphics', [['type', type]]);
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) node.attrs.push([name, value]);
  };
  const listens = type === 'vnc' || type === 'spice' || type === 'rdp' ? parseListens(el, type) : [];
  const first = listens[0];
  const listenAttr = (): void => add('listen', first?.type === 'address' || first?.type === 'network' ? first.address : undefined);
  switch (type) {
    case 'vnc': {
      if (first?.type === 'socket') add('socket', first.socket);
      else if (first?.type === 'address' || first?.type === 'network') {
        const { port, autoport } = vncPorts(el);
        add('port', port === 0 ? (autoport ? '-1' : undefined) : String(port));
        add('autoport', autoport ? 'yes' : 'no');
        add('websocket', attr(el, 'websocket'));
        listenAttr();
      }
      add('keymap', attr(el, 'keymap'));
      add('sharePolicy', enumAttr(el, 'sharePolicy', ['allow-exclusive', 'force-shared', 'ignore'] as const));
      add('powerControl', yesNoAttr(el, 'powerControl'));
      addAuth(node, el, type);
      break;
    }
    case 'spice': {
      const autoportFlag = yesNoAttr(el, 'autoport') === 'yes';
      let port = intAttr(el, 'port');
      let tlsPort = intAttr(el, 'tlsPort');
      const autoport = autoportFlag || (port === -1 && tlsPort === -1);
      if (autoport) port = tlsPort = 0;
      if (first?.type === 'address' && !first.address && port === 0 && tlsPort === 0 && !autoport) first.type = 'none';
      if (first?.type === 'address' || first?.type === 'network') {
        add('port', port ? String(port) : undefined);
        add('tlsPort', tlsPort ? String(tlsPort) : undefined);
        add('autoport', autoport ? 'yes' : 'no');
        listenAttr();
      }
      add('keymap', attr(el, 'keymap'));
      const mode = enumAttr(el, 'defaultMode', CHANNEL_MODES);
      add('defaultMode', mode === 'any' ? undefined : mode);
      addAuth(node, el, type);
      break;
    }
    case 'sdl':
      add('display', attr(el, 'display'));
      add('xauth', attr(el, 'xauth'));
      if (yesNoAttr(el, 'fullscreen') === 'yes') add('fullscreen', 'yes');
      addGl(node, el, false);
      break;
    case 'rdp': {
      const port = attr(el, 'port');
      let portNum = port === undefined ? 0 : intAttr(el, 'port');
      const autoport = port === undefined || portNum === -1 || attr(el, 'autoport') === 'yes';
      if (autoport) portNum = 0;
      add('port', portNum ? String(portNum) : autoport ? '0' : undefined);
      if (autoport) add('autoport', 'yes');
      if (attr(el, 'replaceUser') === 'yes') add('replaceUser', 'yes');
      if (attr(el, 'multiUser') === 'yes') add('multiUser', 'yes');
      listenAttr();
      break;
    }
    case 'desktop':
      add('display', attr(el, 'display'));
      if (yesNoAttr(el, 'fullscreen') === 'yes') add('fullscreen', 'yes');
      break;
    case 'egl-headless': {
      const rendernode = attr(firstChild(el, 'gl'), 'rendernode');
      if (rendernode !== undefined) node.children.push(newXNode('gl', [['rendernode', rendernode]]));
      break;
    }
    case 'dbus':
      if (attr(el, 'p2p') === 'yes') add('p2p', 'yes');
      add('address', attr(el, 'address'));
      addGl(node, el, true);
      addAudio(node, el);
      break;
  }
  for (const l of listens) node.children.push(listenNode(l));
  if (type === 'spice') addSpiceChildren(node, el);
  if (type === 'vnc') addAudio(node, el);
  return node;
}

function intAttr(el: XmlElement, name: string): number {
  const v = attr(el, name);
  if (v === undefined) return 0;
  const n = Number(v);
  if (!/^\s*[-+]?\d+\s*$/.test(v)) throw internalError(`cannot parse ${attr(el, 'type')} ${name} ${v}`);
  return n;
}

/** A defined (inactive) vnc graphics with autoport has no fixed port. */
function vncPorts(el: XmlElement): { port: number; autoport: boolean } {
  let port = intAttr(el, 'port');
  let autoport = attr(el, 'port') === undefined || port === -1;
  const autoportText = attr(el, 'autoport');
  if (autoportText === 'yes') autoport = true;
  else if (autoportText === 'no') autoport = false;
  if (autoport || port === -1) port = 0;
  return { port, autoport };
}

/** `<listen>` children, or one built from the legacy `listen` / `socket` attributes. */
function parseListens(el: XmlElement, type: string): Listen[] {
  const listenAttr = attr(el, 'listen') || undefined;
  const socketAttr = type === 'vnc' ? attr(el, 'socket') : undefined;
  const listens: Listen[] = childElements(el, 'listen').map((l, i) => parseListen(l, type, i === 0 ? { listenAttr, socketAttr } : {}));
  const legacy: Listen = socketAttr !== undefined ? { type: 'socket', socket: socketAttr } : { type: 'address', address: listenAttr };
  if (listens.length === 0) listens.push(legacy);
  else if ((listens[0]!.type === 'address' || listens[0]!.type === 'network') && legacy.type === 'socket') listens[0] = legacy;
  return listens;
}

function parseListen(el: XmlElement, graphicsType: string, compat: { listenAttr?: string; socketAttr?: string }): Listen {
  const type = enumAttr(el, 'type', LISTEN_TYPES);
  if (type === undefined) throw unsupported(`graphics listen type is required`);
  if (type === 'socket' && graphicsType !== 'vnc' && graphicsType !== 'spice') {
    throw unsupported(`listen type 'socket' is not available for graphics type '${graphicsType}'`);
  }
  if (type === 'none' && graphicsType !== 'vnc' && graphicsType !== 'spice') {
    throw unsupported(`listen type 'none' is not available for graphics type '${graphicsType}'`);
  }
  let address = attr(el, 'address');
  if (type === 'address') {
    if (address && compat.listenAttr && address !== compat.listenAttr) {
      throw unsupported(`graphics 'listen' attribute '${compat.listenAttr}' must match 'address' attribute of first listen element (found '${address}')`);
    }
    address ??= compat.listenAttr;
  }
  const listen: Listen = { type };
  // a network listen's address only describes a running guest
  if (address && type === 'address') listen.address = address;
  const network = attr(el, 'network');
  if (network) listen.network = network;
  else if (type === 'network') throw xmlError("'network' attribute is required for listen type 'network'");
  const socket = attr(el, 'socket') || (type === 'socket' ? compat.socketAttr : undefined);
  if (socket) listen.socket = socket;
  return listen;
}

function listenNode(l: Listen): XNode {
  const attrs: [string, string][] = [['type', l.type]];
  if (l.address && l.type === 'address') attrs.push(['address', l.address]);
  if (l.network && l.type === 'network') attrs.push(['network', l.network]);
  if (l.socket && l.type === 'socket') attrs.push(['socket', l.socket]);
  return newXNode('listen', attrs);
}

function addAuth(node: XNode, el: XmlElement, type: string): void {
  const passwd = attr(el, 'passwd');
  if (passwd === undefined) return;
  node.attrs.push(['passwd', passwd]);
  const validTo = attr(el, 'passwdValidTo');
  if (validTo !== undefined) node.attrs.push(['passwdValidTo', validTo.slice(0, 19)]);
  const connected = attr(el, 'connected');
  if (connected !== undefined) {
    if (!['fail', 'disconnect', 'keep'].includes(connected)) throw unsupported(`unknown connected value ${connected}`);
    if (type === 'vnc' && connected !== 'keep') throw unsupported('VNC supports connected=\'keep\' only');
    node.attrs.push(['connected', connected]);
  }
}

function addGl(node: XNode, el: XmlElement, withRendernode: boolean): void {
  const gl = firstChild(el, 'gl');
  const enable = yesNoAttr(gl, 'enable');
  if (!enable) return;
  const attrs: [string, string][] = [['enable', enable]];
  const rendernode = attr(gl, 'rendernode');
  if (withRendernode && rendernode !== undefined) attrs.push(['rendernode', rendernode]);
  node.children.push(newXNode('gl', attrs));
}

function addAudio(node: XNode, el: XmlElement): void {
  const id = attr(firstChild(el, 'audio'), 'id');
  if (id !== undefined && Number(id) > 0) node.children.push(newXNode('audio', [['id', String(Number(id))]]));
}

function addSpiceChildren(node: XNode, el: XmlElement): void {
  const modes = new Map<string, string>();
  for (const ch of childElements(el, 'channel')) {
    const name = enumAttr(ch, 'name', SPICE_CHANNELS);
    const mode = enumAttr(ch, 'mode', CHANNEL_MODES);
    if (name && mode) modes.set(name, mode);
  }
  for (const name of SPICE_CHANNELS) {
    const mode = modes.get(name);
    if (mode && mode !== 'any') node.children.push(newXNode('channel', [['name', name], ['mode', mode]]));
  }
  for (const [child, attrName, allowed] of SPICE_OPTIONS) {
    const c = firstChild(el, child);
    if (!c) continue;
    const value = enumAttr(c, attrName, allowed);
    if (value !== undefined) node.children.push(newXNode(child, [[attrName, value]]));
  }
  addGl(node, el, true);
}
