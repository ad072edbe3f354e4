/** `-chardev` backends for serial ports, consoles and channels (libvirt's legacy chardev syntax). */
import { getAttr, getChild, type XNode } from '../../../conf/domain/xnode.js';
import { unsupported } from '../../../conf/domain/parse-util.js';
import { escapeComma } from './shell-quote.js';

/** The `-chardev` argument for a character device `node` with QEMU id `id`. */
export function chardevArg(node: XNode, id: string): string {
  const type = getAttr(node, 'type') ?? 'pty';
  const source = getChild(node, 'source');
  const listen = getAttr(source, 'mode') === 'bind';
  const path = getAttr(source, 'path') ?? '';
  let arg: string;
  switch (type) {
    case 'null': arg = `null,id=${id}`; break;
    case 'vc': arg = `vc,id=${id}`; break;
    case 'pty': arg = `pty,id=${id}`; break;
    case 'stdio': arg = `stdio,id=${id}`; break;
    case 'dev': arg = `${node.name === 'parallel' ? 'parallel' : 'serial'},id=${id},path=${escapeComma(path)}`; break;
    case 'pipe': arg = `pipe,id=${id},path=${escapeComma(path)}`; break;
    case 'file': {
      arg = `file,id=${id},path=${escapeComma(path)}`;
      const append = getAttr(source, 'append');
      if (append) arg += `,append=${append}`;
      break;
    }
    case 'unix':
      arg = `socket,id=${id},path=${escapeComma(path)}${listen ? ',server=on,wait=off' : ''}${reconnect(source)}`;
      break;
    case 'tcp': {
      const telnet = getAttr(getChild(node, 'protocol'), 'type') === 'telnet' ? ',telnet=on' : '';
      arg = `socket,id=${id},host=${getAttr(source, 'host')},port=${getAttr(source, 'service')}${telnet}`
        + `${listen ? ',server=on,wait=off' : ''}${reconnect(source)}`;
      break;
    }
    case 'udp': {
      const sources = node.children.filter((c) => c.name === 'source');
      const connect = sources.find((s) => getAttr(s, 'mode') !== 'bind');
      const bind = sources.find((s) => getAttr(s, 'mode') === 'bind');
      arg = `udp,id=${id},host=${getAttr(connect, 'host') ?? ''},port=${getAttr(connect, 'service')},`
        + `localaddr=${getAttr(bind, 'host') ?? ''},localport=${getAttr(bind, 'service') ?? '0'}`;
      break;
    }
    case 'spicevmc': arg = `spicevmc,id=${id},name=vdagent`; break;
    default: throw unsupported(`Unsupported character device type '${type}'`);
  }
  const log = getChild(node, 'log');
  if (log) {
    arg += `,logfile=${escapeComma(getAttr(log, 'file') ?? '')}`;
    const append = getAttr(log, 'append');
    if (append) arg += `,logappend=${append}`;
  }
  return arg;
}

function reconnect(source: XNode | undefined): string {
  const r = source ? getChild(source, 'reconnect') : undefined;
  if (!r) return '';
  return getAttr(r, 'enabled') === 'yes' ? `,reconnect=${getAttr(r, 'timeout')}` : ',reconnect=0';
}
