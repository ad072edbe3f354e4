// libvirt's public-API argument checks, differentially: every case of arg-checks/cases.ts runs
// through libvirt-python 9.0.0 (in-process test:///default, and through tsvirtd) and through our
// API (in-process, and through our remote driver to tsvirtd); all must give the same error.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as v from '../../src/index.js';
import { CASES, type Objects } from './arg-checks/cases.js';
import { havePython, startTsvirtd, type RunningDaemon } from '../daemon/harness.js';

// oracle.py stays in the source tree (tsc copies only .ts): dist/test/api -> test/api
const ORACLE = fileURLToPath(new URL('../../../test/api/arg-checks/oracle.py', import.meta.url));

type Outcome = [number, number, string] | ['ok'];

function pythonOutcomes(uri: string, roUri: string): Record<string, Outcome> {
  const cases = Object.fromEntries(CASES.map((c) => [c.name, c.py]));
  const r = spawnSync('/usr/bin/python3', [ORACLE], { input: JSON.stringify({ uri, roUri, cases }), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`oracle.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Outcome>;
}

/** The same objects oracle.py makes, through our API. */
async function ourObjects(uri: string, roUri: string): Promise<Objects> {
  const [c, c2, ro] = [await v.open(uri), await v.open(uri), await v.openReadOnly(roUri)];
  const [d, dro, d2] = [await c.lookupByName('test'), await ro.lookupByName('test'), await c2.lookupByName('test')];
  const pool = await c.storagePoolLookupByName('default-pool');
  const vol = await pool.storageVolLookupByName('chk.img')
    .catch(() => pool.createXML('<volume><name>chk.img</name><capacity>1048576</capacity></volume>'));
  const volro = await ro.storageVolLookupByPath(await vol.path());
  const gone = await c.createXML("<domain type='test'><name>gone</name><memory>8192</memory><os><type>hvm</type></os></domain>");
  await gone.destroy();
  const snap = await d.snapshotLookupByName('s1').catch(() => d.snapshotCreateXML('<domainsnapshot><name>s1</name></domainsnapshot>'));
  const snapro = await dro.snapshotLookupByName('s1');
  const [netro, poolro, ifacero] = [await ro.networkLookupByName('default'), await ro.storagePoolLookupByName('default-pool'), await ro.interfaceLookupByName('eth1')];
  return { c, c2, ro, d, dro, d2, gone, vol, volro, snap, snapro, netro, poolro, ifacero };
}

async function ourOutcomes(uri: string, roUri: string): Promise<Record<string, Outcome>> {
  const o = await ourObjects(uri, roUri);
  const out: Record<string, Outcome> = {};
  try {
    for (const c of CASES) {
      try {
        await c.ts(o);
        out[c.name] = ['ok'];
      } catch (e) {
        if (!v.isVirError(e)) throw e;
        out[c.name] = [e.code, e.domain, e.message];
      }
    }
  } finally {
    for (const conn of [o.c, o.c2, o.ro]) await conn.close();
  }
  return out;
}

/** Only the cases that differ, each with both outcomes, so a failure reads at a glance. */
function assertSame(actual: Record<string, Outcome>, expected: Record<string, Outcome>): void {
  const differ = CASES.filter((c) => JSON.stringify(actual[c.name]) !== JSON.stringify(expected[c.name]))
    .map((c) => ({ case: c.name, ours: actual[c.name], libvirt: expected[c.name] }));
  assert.deepEqual(differ, []);
}

describe('public API argument checks, against libvirt-python 9.0.0', { skip: havePython ? false : 'needs python3-libvirt' }, () => {
  const local = 'test:///default';
  let expected: Record<string, Outcome>;

  before(() => {
    expected = pythonOutcomes(local, local);
  });

  it('every case is a check libvirt makes (the real side fails each)', () => {
    const passed = CASES.filter((c) => typeof expected[c.name]?.[0] !== 'number').map((c) => c.name);
    assert.deepEqual(passed, []);
  });

  it('our API in-process gives the same code, domain and message', async () => {
    assertSame(await ourOutcomes(local, local), expected);
  });

  describe('through tsvirtd', () => {
    let daemon: RunningDaemon;
    let uri: string;
    let roUri: string;
    before(async () => {
      daemon = await startTsvirtd();
      uri = `test+unix:///default?socket=${daemon.socket}`;
      roUri = `test+unix:///default?socket=${daemon.readOnlySocket}`;
    });
    after(() => daemon?.stop());

    it('libvirt-python through tsvirtd gives what it gives in-process', () => {
      assertSame(pythonOutcomes(uri, roUri), expected);
    });

    it('our remote driver through tsvirtd gives the same', async () => {
      assertSame(await ourOutcomes(uri, roUri), expected);
    });
  });
});
