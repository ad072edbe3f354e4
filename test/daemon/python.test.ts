// Real libvirt-python 9.0.0 against tsvirtd and against libvirtd (both serving the test driver):
// connection, lookups, listing, XML, define, lifecycle, lifecycle events through
// virEventRegisterDefaultImpl, read-only denial — step by step the same results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bothDaemons, havePython, libvirtdSkip, python } from './harness.js';

const skip = !havePython ? 'needs libvirt-python' : libvirtdSkip;
const script = readFileSync(new URL('../../../test/daemon/python-client.py', import.meta.url), 'utf8');
const daemons = bothDaemons(skip);

test('libvirt-python gets the same results from tsvirtd as from libvirtd', { skip }, () => {
  const a = python(script, daemons.ours.socket);
  const b = python(script, daemons.theirs.socket);
  assert.equal(a.stderr, '');
  assert.equal(b.stderr, '');
  const steps = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as unknown[]);
  const sa = steps(a.stdout);
  const sb = steps(b.stdout);
  assert.equal(sa.length, sb.length);
  for (let i = 0; i < sb.length; i++) assert.deepEqual(sa[i], sb[i], `step ${String(sb[i][0])}`);
});
