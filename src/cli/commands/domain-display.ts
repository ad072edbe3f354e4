/** Where to reach a domain's displays and console, and screenshots (part of virsh's "domain" group). */
import { open, unlink } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as lib from '../../index.js';
import type { Domain } from '../../index.js';
import type { CommandDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { exclusive, fail, optBool, optString, optUInt } from '../opts.js';
import { flag } from '../objects.js';
import { DOMAIN_ARG } from '../domain-options.js';
import type { Element as XmlElement } from '@xmldom/xmldom';

type Xml = typeof import('../xml.js');

/** virXPathInt: the whole string a C integer, else null. */
function xpathInt(x: Xml, root: XmlElement, expression: string): number | null {
  const text = x.xpathString(root, expression);
  return text !== null && /^\s*[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : null;
}

async function requireRunning(s: Session, dom: Domain): Promise<void> {
  if (!(await dom.isActive())) fail(s, 'Domain is not running');
}

async function domainXML(dom: Domain, flags: number): Promise<XmlElement> {
  const x = await import('../xml.js');
  return x.parseXML(await dom.xmlDesc(flags));
}

/** 0.0.0.0, :: and their spellings: a listener on every address, useless to a client. */
const isWildcard = (addr: string): boolean => (isIP(addr) === 4 && addr.split('.').every((p) => Number(p) === 0)) || (isIP(addr) === 6 && /^[0:]*$/.test(addr));

/** The host of the connection's URI (virURIParse's server), or null. */
async function connectionHost(s: Session): Promise<string | null> {
  try {
    const host = new URL(await s.conn.getURI()).hostname.replace(/^\[(.*)\]$/, '$1');
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

/** virshGetOneDisplay: the URI of one kind of graphics device, or null when it has no port or socket. */
async function displayURI(s: Session, x: Xml, root: XmlElement, scheme: string): Promise<string | null> {
  const at = (what: string): string => `./devices/graphics[@type='${scheme}']/${what}`;
  if (scheme === 'dbus') {
    const addr = x.xpathString(root, at('@address'));
    if (addr === null) return null;
    if (addr.startsWith('unix:path=')) return `dbus+unix://${addr.slice(10)}`;
    s.out.error(`'${addr}' D-Bus address is not handled`);
    return null;
  }
  let port = xpathInt(x, root, at('@port')) ?? 0;
  const tlsPort = xpathInt(x, root, at('@tlsPort')) ?? 0;
  let listen = x.xpathString(root, at('@listen'));
  const socket = x.xpathString(root, at('listen/@type')) === 'socket' ? x.xpathString(root, at('listen/@socket')) : null;
  if (!port && !tlsPort && socket === null) return null;
  if (listen === null) listen = x.xpathString(root, at('listen/@address'));
  else if (isWildcard(listen)) listen = await connectionHost(s);
  const passwd = x.xpathString(root, at('@passwd'));
  let uri = socket !== null ? `${scheme}+unix://` : `${scheme}://`;
  if (scheme === 'vnc' && passwd !== null) uri += `:${passwd}@`;
  if (socket !== null) uri += socket;
  else if (listen === null) uri += 'localhost';
  else uri += listen.includes(':') ? `[${listen}]` : listen;
  // VNC clients take the display number, the port less 5900.
  if (port) {
    if (scheme === 'vnc') port -= 5900;
    uri += `:${port}`;
  }
  const query = [tlsPort ? `tls-port=${tlsPort}` : '', scheme === 'spice' && passwd !== null ? `password=${passwd}` : ''].filter(Boolean);
  return query.length > 0 ? `${uri}?${query.join('&')}` : uri;
}

async function cmdDomDisplay(s: Session, cmd: ParsedCommand): Promise<boolean> {
  const all = optBool(cmd, 'all');
  exclusive(s, cmd, 'all', 'type');
  using dom = await domainOption(s, cmd);
  await requireRunning(s, dom);
  const type = optString(s, cmd, 'type');
  const root = await domainXML(dom, optBool(cmd, 'include-password') ? lib.VIR_DOMAIN_XML_SECURE : 0);
  const x = await import('../xml.js');
  let found = false;
  for (const scheme of ['vnc', 'spice', 'rdp', 'dbus']) {
    if (!all && type !== undefined && type !== scheme) continue;
    const uri = await displayURI(s, x, root, scheme);
    if (uri === null) continue;
    s.out.print(uri);
    found = true;
    if (!all) break;
    s.out.print('\n');
  }
  if (!found) fail(s, type !== undefined ? `No graphical display with type '${type}' found` : 'No graphical display found');
  return true;
}

async function cmdVNCDisplay(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  await requireRunning(s, dom);
  const root = await domainXML(dom, 0);
  const x = await import('../xml.js');
  const port = xpathInt(x, root, "./devices/graphics[@type='vnc']/@port");
  if (port === null) fail(s, 'Failed to get VNC port. Is this domain using VNC?');
  const listen = x.xpathString(root, "./devices/graphics[@type='vnc']/@listen") ?? x.xpathString(root, "./devices/graphics[@type='vnc']/listen/@address");
  s.out.print(`${listen === null || listen === '0.0.0.0' ? '' : listen}:${port - 5900}\n`);
}

/** virshGenFileName: DOMAIN-YYYY-MM-DD-hh:mm:ss and the extension of the image type. */
function screenshotName(dom: Domain, mime: string): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  const ext = mime === 'image/x-portable-pixmap' ? '.ppm' : mime === 'image/png' ? '.png' : '';
  return `${dom.name()}-${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${ext}`;
}

async function cmdScreenshot(s: Session, cmd: ParsedCommand): Promise<void> {
  const given = optString(s, cmd, 'file');
  const screen = optUInt(s, cmd, 'screen') ?? 0;
  using dom = await domainOption(s, cmd);
  const name = optString(s, cmd, 'domain')!;
  const st = s.conn.newStream();
  try {
    const mime = await must(s, `could not take a screenshot of ${name}`, () => dom.screenshot(st, screen, 0));
    const file = given ?? screenshotName(dom, mime ?? '');
    let created = true;
    const out = await open(file, 'wx', 0o666).catch(async (err: NodeJS.ErrnoException) => {
      created = false;
      if (err.code === 'EEXIST') {
        const existing = await open(file, 'w').catch(() => null);
        if (existing) return existing;
      }
      return fail(s, `cannot create file ${file}`);
    });
    let done = false;
    try {
      await must(s, `could not receive data from domain '${name}'`, () => st.recvAll(async (data) => { await out.write(data); }));
      await out.close();
      await must(s, `cannot close stream on domain '${name}'`, () => st.finish());
      done = true;
    } finally {
      await out.close().catch(() => undefined);
      if (!done && created) await unlink(file).catch(() => undefined);
    }
    s.out.printExtra(`Screenshot saved to ${file}, with type of ${mime}`);
  } finally {
    st.free();
  }
}

export const displayCommands: CommandDef[] = [
  {
    name: 'domdisplay',
    summary: "print the URI of a running domain's graphical display",
    options: [
      DOMAIN_ARG,
      flag('include-password', 'put the display password in the URI when there is one'),
      { name: 'type', type: 'string', help: 'only this kind of display (vnc, spice, rdp, dbus)' },
      flag('all', 'every display, one a line'),
    ],
    handler: cmdDomDisplay,
  },
  {
    name: 'vncdisplay',
    summary: "print the address of a running domain's VNC display",
    options: [DOMAIN_ARG],
    handler: cmdVNCDisplay,
  },
  {
    name: 'ttyconsole',
    summary: "print the host terminal device of a domain's console",
    options: [DOMAIN_ARG],
    async handler(s, cmd) {
      using dom = await domainOption(s, cmd);
      const x = await import('../xml.js');
      const tty = x.xpathString(await domainXML(dom, 0), './devices/console/@tty');
      if (tty === null) return false;
      s.out.print(`${tty}\n`);
      return true;
    },
  },
  {
    name: 'screenshot',
    summary: "save an image of a running domain's screen",
    options: [
      DOMAIN_ARG,
      { name: 'file', type: 'string', help: 'where to write the image (default: named after the domain and the time)' },
      { name: 'screen', type: 'number', help: 'which screen (default 0)' },
    ],
    handler: cmdScreenshot,
  },
];
