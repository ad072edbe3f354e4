/**
 * Differential check for one family of domain XML: every document is defined on real libvirt's
 * test driver (libvirt-python) and on ours, dumped back and undefined; the dump, or the error's
 * code, domain and message, must be the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, VirError } from '../../../src/index.js';

export type Outcome = { ok: string } | { error: [number, number, string] };

// Each document is tried in a forked child: some refused inputs corrupt libvirt 9.0.0's heap on
// their error path (a NUMA cell with partial distances aborts the process after a few hundred
// tries), so one document must not change what real libvirt answers for the next.
const PY = `
import json, os, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
c = libvirt.open('test:///default')
def attempt(x):
    try:
        d = c.defineXML(x)
        res = {'ok': d.XMLDesc(0)}
        d.undefine()
        return res
    except libvirt.libvirtError as e:
        return {'error': [e.get_error_code(), e.get_error_domain(), str(e)]}
out = []
for x in json.load(sys.stdin):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        with os.fdopen(w, 'wb') as f:
            f.write(json.dumps(attempt(x)).encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r, 'rb') as f:
        data = f.read()
    os.waitpid(pid, 0)
    out.append(json.loads(data) if data else {'error': [-1, -1, 'libvirt crashed']})
print(json.dumps(out))
`;

/** Real libvirt's outcome for each document (undefined without libvirt-python). */
export function real(docs: string[]): Outcome[] | undefined {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify(docs), encoding: 'utf8' });
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

async function ours(docs: string[]): Promise<Outcome[]> {
  const conn = await open('test:///default');
  const out: Outcome[] = [];
  try {
    for (const xml of docs) {
      try {
        const d = await conn.defineXML(xml);
        out.push({ ok: await d.xmlDesc(0) });
        await d.undefine();
      } catch (err) {
        if (!(err instanceof VirError)) throw err;
        out.push({ error: [err.code, err.domain, err.message] });
      }
    }
  } finally {
    await conn.close();
  }
  return out;
}

/** One test per document of `family`, each comparing our outcome with real libvirt's. */
export function compareWithLibvirt(family: string, docs: string[]): void {
  const expected = real(docs);
  const mine = ours(docs);
  // ORACLE_SHOW=1 prints what real libvirt answered, to see which documents it refuses
  if (process.env.ORACLE_SHOW) expected?.forEach((e) => console.error("ok" in e ? "OK" : JSON.stringify(e)));
  docs.forEach((xml, i) => {
    test(`${family} #${i}: define + dumpxml as real libvirt: ${JSON.stringify(xml).slice(0, 80)}`, async (t) => {
      if (!expected) return t.skip('python3-libvirt not available');
      assert.deepEqual((await mine)[i], expected[i]);
    });
  });
}

/** A fixed UUID for `name`, so that both sides dump the same one. */
export function uuidFor(name: string): string {
  const h = createHash('md5').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A minimal HVM domain named `name` with `devices` inside `<devices>` and `extra` after `<os>`. */
export function domainWith(name: string, devices: string, extra = '', arch = 'x86_64', machine = 'pc'): string {
  return `<domain type='qemu'><name>${name}</name><uuid>${uuidFor(name)}</uuid><memory>65536</memory>`
    + `<os><type arch='${arch}' machine='${machine}'>hvm</type></os>${extra}<devices>${devices}</devices></domain>`;
}
