/**
 * A character device source's required parts (virDomainChrSourceDefValidate), for the devices
 * that have one: serial, parallel, console, channel, passthrough smartcards, EGD RNG backends
 * and redirdevs. Checked on the parsed node, where `type` is the character device type.
 */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { enumValue, internalError, missingAttr, uintValue, unsupported, xmlError } from '../parse-util.js';
import { getAttr, getChild, newXNode, type XNode } from '../xnode.js';
import { canonicalSourceSeclabels } from './seclabel.js';

const CHANNEL_NAME = /^[A-Za-z0-9_.-]*$/;

function checkChannelName(name: string | undefined): void {
  if (name === undefined) throw unsupported('Missing source channel attribute for char device');
  if (!CHANNEL_NAME.test(name)) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_INVALID_ARG, 'Invalid character in source channel for char device');
  }
}

/** UDP reads a connect and a bind source; the first of each mode (connect when unsaid) counts. */
function udpConnectService(sources: XNode[]): string | undefined {
  const connect = sources.find((s) => (getAttr(s, 'mode') ?? 'connect') === 'connect');
  return connect && getAttr(connect, 'service');
}

/**
 * Check `device`'s `<source>` children for a character device of `type`; `autoPath` says a
 * unix socket may go without a path (virtio and xen channels get one generated).
 */
export function checkChrSource(device: XNode, type: string, autoPath = false): void {
  const sources = device.children.filter((c) => c.name === 'source');
  if (sources.length > 1 && type !== 'udp') throw xmlError('only one source element is allowed for character device');
  if (sources.length > 2) throw xmlError('only two source elements are allowed for character device');
  const src = sources[0];
  // any stated reconnect, even enabled='no', conflicts with bind mode
  const reconnect = src && getAttr(getChild(src, 'reconnect'), 'enabled') !== undefined;
  switch (type) {
    case 'file': case 'dev': case 'pipe':
      if (getAttr(src, 'path') === undefined) throw internalError('Missing source path attribute for char device');
      break;
    case 'nmdm':
      if ((getAttr(src, 'master') === undefined) !== (getAttr(src, 'slave') === undefined)) {
        throw internalError('Should define both master and slave path attributes for nmdm device');
      }
      break;
    case 'tcp':
      if (getAttr(src, 'host') === undefined) throw internalError('Missing source host attribute for char device');
      if (getAttr(src, 'service') === undefined) throw internalError('Missing source service attribute for char device');
      if (getAttr(src, 'mode') === 'bind' && reconnect) throw internalError('chardev reconnect is possible only for connect mode');
      break;
    case 'udp':
      if (udpConnectService(sources) === undefined) throw internalError('Missing source service attribute for char device');
      break;
    case 'unix':
      if (getAttr(src, 'path') === undefined && !autoPath) throw internalError('Missing source path attribute for char device');
      if (getAttr(src, 'mode') === 'bind' && reconnect) throw internalError('chardev reconnect is possible only for connect mode');
      break;
    case 'spiceport': case 'dbus':
      checkChannelName(getAttr(src, 'channel'));
      break;
  }
}

const SOURCE_MODES = ['connect', 'bind'] as const;
const TCP_PROTOCOLS = ['raw', 'telnet', 'telnets', 'tls'] as const;

/**
 * Rewrite `device`'s `<source>`, `<protocol>` and `<log>` children as libvirt keeps and writes a
 * character device source of `type` (virDomainChrSourceDefParseXML / ...Format): only what the
 * type uses, modes stated, a TCP protocol always, a pty path dropped (a definition has none).
 * `withSeclabels`: the device reads `<seclabel>` overrides in its source (the chardev devices).
 */
export function canonicalChrSource(device: XNode, type: string, withSeclabels: boolean): void {
  const sources = device.children.filter((c) => c.name === 'source');
  const logs = device.children.filter((c) => c.name === 'log');
  const protocols = device.children.filter((c) => c.name === 'protocol');
  if (logs.length > 1) throw xmlError('only one log element is allowed for character device');
  if (protocols.length > 1) throw xmlError('only one protocol element is allowed for character device');
  const src = sources[0];
  const seclabels = src && withSeclabels ? canonicalSourceSeclabels(src) : [];
  const out: XNode[] = [];
  const attrs = (...pairs: [string, string | undefined][]) => pairs.filter((p): p is [string, string] => p[1] !== undefined);
  switch (type) {
    case 'file': case 'dev': case 'pipe': {
      const append = type === 'file' ? getAttr(src, 'append') : undefined;
      if (append !== undefined) enumValue(append, 'append', 'source', ['on', 'off'] as const);
      const a = attrs(['path', getAttr(src, 'path')], ['append', append]);
      if (a.length || seclabels.length) out.push(newXNode('source', a, seclabels));
      break;
    }
    case 'unix': {
      const mode = sourceMode(src);
      const reconnect = src && reconnectNode(src);
      if (getAttr(src, 'path') !== undefined) {
        out.push(newXNode('source', attrs(['mode', mode], ['path', getAttr(src, 'path')]), [...seclabels, ...(reconnect ? [reconnect] : [])]));
      }
      break;
    }
    case 'tcp': {
      const tls = getAttr(src, 'tls');
      if (tls !== undefined) enumValue(tls, 'tls', 'source', ['yes', 'no'] as const);
      const reconnect = src && reconnectNode(src);
      out.push(newXNode('source', attrs(['mode', sourceMode(src)], ['host', getAttr(src, 'host')], ['service', getAttr(src, 'service')], ['tls', tls]),
        reconnect ? [reconnect] : []));
      const protocol = getAttr(protocols[0], 'type') ?? 'raw';
      if (!(TCP_PROTOCOLS as readonly string[]).includes(protocol)) throw unsupported(`Unknown protocol '${protocol}'`);
      out.push(newXNode('protocol', [['type', protocol]]));
      break;
    }
    case 'udp': {
      const pick = (mode: string) => sources.find((s) => sourceMode(s) === mode && (getAttr(s, 'host') !== undefined || getAttr(s, 'service') !== undefined));
      for (const mode of ['bind', 'connect']) {
        const s = pick(mode);
        if (s) out.push(newXNode('source', attrs(['mode', mode], ['host', getAttr(s, 'host')], ['service', getAttr(s, 'service')])));
      }
      break;
    }
    case 'nmdm':
      if (getAttr(src, 'master') !== undefined) out.push(newXNode('source', attrs(['master', getAttr(src, 'master')], ['slave', getAttr(src, 'slave')])));
      break;
    case 'spiceport': case 'dbus':
      if (getAttr(src, 'channel') !== undefined) out.push(newXNode('source', [['channel', getAttr(src, 'channel')!]]));
      break;
    case 'qemu-vdagent': {
      const clipboard = src && getChild(src, 'clipboard');
      const mouse = src && getChild(src, 'mouse');
      const copypaste = clipboard && getAttr(clipboard, 'copypaste');
      if (clipboard && copypaste === undefined) throw missingAttr('copypaste', 'clipboard');
      if (copypaste !== undefined) enumValue(copypaste, 'copypaste', 'clipboard', ['yes', 'no'] as const);
      const mouseMode = mouse && getAttr(mouse, 'mode');
      if (mouse && mouseMode === undefined) throw missingAttr('mode', 'mouse');
      if (mouseMode !== undefined) enumValue(mouseMode, 'mode', 'mouse', ['server', 'client'] as const);
      const children = [
        ...(copypaste !== undefined ? [newXNode('clipboard', [['copypaste', copypaste]])] : []),
        ...(mouseMode !== undefined ? [newXNode('mouse', [['mode', mouseMode]])] : []),
      ];
      if (children.length) out.push(newXNode('source', [], children));
      break;
    }
  }
  const log = logs[0];
  const logFile = getAttr(log, 'file');
  const logAppend = getAttr(log, 'append');
  if (logAppend !== undefined) enumValue(logAppend, 'append', 'log', ['on', 'off'] as const);
  if (logFile !== undefined) out.push(newXNode('log', attrs(['file', logFile], ['append', logAppend])));
  device.children = [...out, ...device.children.filter((c) => !['source', 'protocol', 'log'].includes(c.name))];
}

function sourceMode(src: XNode | undefined): 'connect' | 'bind' {
  const mode = getAttr(src, 'mode');
  return mode === undefined ? 'connect' : enumValue(mode, 'mode', 'source', SOURCE_MODES);
}

/** `<reconnect>`: written when `enabled` is stated, with the timeout an enabled one requires. */
function reconnectNode(src: XNode): XNode | undefined {
  const el = getChild(src, 'reconnect');
  const enabled = getAttr(el, 'enabled');
  if (!el || enabled === undefined) return undefined;
  enumValue(enabled, 'enabled', 'reconnect', ['yes', 'no'] as const);
  if (enabled === 'no') return newXNode('reconnect', [['enabled', 'no']]);
  const timeout = getAttr(el, 'timeout');
  if (timeout === undefined) throw missingAttr('timeout', 'reconnect');
  return newXNode('reconnect', [['enabled', 'yes'], ['timeout', String(uintValue(timeout, 'timeout', 'reconnect'))]]);
}
