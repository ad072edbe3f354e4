/**
 * A character device source's required parts (virDomainChrSourceDefValidate), for the devices
 * that have one: serial, parallel, console, channel, passthrough smartcards, EGD RNG backends
 * and redirdevs. Checked on the parsed node, where `type` is the character device type.
 */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { internalError, unsupported, xmlError } from '../parse-util.js';
import { getAttr, getChild, type XNode } from '../xnode.js';

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
  const reconnect = src && getAttr(getChild(src, 'reconnect'), 'enabled') === 'yes';
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
