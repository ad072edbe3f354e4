import { VirError } from '../../../src/errors/index.js';
/**
 * The real libvirt 9.0.0 test driver as an oracle: one /usr/bin/python3 process runs a whole
 * batch of define/dump steps on `test:///default` and answers with each result or error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type OracleStep =
  | { op: 'net'; xml: string }
  | { op: 'pool'; xml: string }
  | { op: 'poolCreate'; xml: string }
  | { op: 'vol'; pool: string; xml: string }
  | { op: 'domain'; xml: string }
  | { op: 'snapshot'; domain: string; xml: string; flags?: number }
  | { op: 'iface'; xml: string }
  | { op: 'capabilities' };

export type OracleResult =
  | { ok: true; xml: string }
  | { ok: false; code: number; domain: number; message: string };

const SCRIPT = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open('test:///default')
out = []
for step in json.load(sys.stdin):
    try:
        op = step['op']
        if op == 'net':
            n = conn.networkDefineXML(step['xml'])
            out.append({'ok': True, 'xml': n.XMLDesc(0)})
        elif op == 'pool':
            p = conn.storagePoolDefineXML(step['xml'])
            out.append({'ok': True, 'xml': p.XMLDesc(0)})
        elif op == 'poolCreate':
            p = conn.storagePoolCreateXML(step['xml'])
            out.append({'ok': True, 'xml': p.XMLDesc(0)})
        elif op == 'vol':
            v = conn.storagePoolLookupByName(step['pool']).createXML(step['xml'])
            out.append({'ok': True, 'xml': v.XMLDesc(0)})
        elif op == 'domain':
            d = conn.defineXML(step['xml'])
            out.append({'ok': True, 'xml': d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)})
        elif op == 'snapshot':
            s = conn.lookupByName(step['domain']).snapshotCreateXML(step['xml'], step.get('flags', 0))
            out.append({'ok': True, 'xml': s.getXMLDesc(0)})
        elif op == 'iface':
            i = conn.interfaceDefineXML(step['xml'])
            out.append({'ok': True, 'xml': i.XMLDesc(0)})
        elif op == 'capabilities':
            out.append({'ok': True, 'xml': conn.getCapabilities()})
    except libvirt.libvirtError as e:
        out.append({'ok': False, 'code': e.get_error_code(), 'domain': e.get_error_domain(), 'message': str(e)})
json.dump(out, sys.stdout)
`;

/** Whether the real libvirt Python binding is installed here. */
export function oracleAvailable(): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  return spawnSync('/usr/bin/python3', ['-c', 'import libvirt'], { stdio: 'ignore' }).status === 0;
}

/** Run the steps in order on one fresh test:///default connection. */
export function runOracle(steps: OracleStep[]): OracleResult[] {
  const res = spawnSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(steps), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`oracle failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as OracleResult[];
}

/** Whether xmllint is installed, for RelaxNG checks. */
export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Validate `xml` against one of libvirt's schemas; returns xmllint's complaint, or null when valid. */
export function relaxngProblem(xml: string, schema: string): string | null {
  const res = spawnSync('xmllint', ['--noout', '--relaxng', `/usr/share/libvirt/schemas/${schema}`, '-'],
    { input: xml, encoding: 'utf8' });
  return res.status === 0 ? null : res.stderr;
}

/** What our side gives for one input, shaped like an oracle result: the XML or the error. */
export function outcome(fn: () => string): OracleResult {
  try {
    return { ok: true, xml: fn() };
  } catch (e) {
    if (!(e instanceof VirError)) throw e;
    return { ok: false, code: e.code, domain: e.domain, message: e.message };
  }
}
