// The shared binding table: consistent with the driver contract and with the protocol table,
// and each binding's two directions undo each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRY_POINTS } from '../../../src/api/entry-points.js';
import fc from 'fast-check';
import { BINDINGS, BINDING_BY_METHOD, BINDING_BY_PROC, DOMAIN_EVENTS, convert } from '../../../src/remote/bindings/index.js';
import { decodeValue, encodeValue } from '../../../src/rpc/codec.js';
import { remoteProgram } from '../../../src/rpc/protocol/remote.js';
import { qemuProgram } from '../../../src/rpc/protocol/qemu.js';
import { lxcProgram } from '../../../src/rpc/protocol/lxc.js';

const dom = { name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 };

test('every binding names a contract method and a call procedure of its program, once', () => {
  const procs = new Set<string>();
  for (const b of BINDINGS) {
    assert.ok(ENTRY_POINTS[b.method], `${b.method} is an entry point`);
    assert.equal(b.program.procedures.get(b.proc.number), b.proc);
    assert.equal(b.proc.msg, undefined);
    const key = `${b.program.name}:${b.proc.number}`;
    assert.ok(!procs.has(key), `${b.proc.name} bound once`);
    procs.add(key);
  }
  assert.equal([...BINDING_BY_PROC.values()].reduce((n, m) => n + m.size, 0), BINDINGS.length);
  assert.equal(BINDING_BY_METHOD.get('domainDestroyFlags')?.proc.name, 'DOMAIN_DESTROY_FLAGS');
  assert.equal(BINDING_BY_PROC.get(remoteProgram.number)?.get(12)?.method, 'domainDestroyFlags'); // legacy DOMAIN_DESTROY
  assert.equal(BINDING_BY_PROC.get(qemuProgram.number)?.get(1)?.method, 'domainQemuMonitorCommand');
  assert.equal(BINDING_BY_PROC.get(lxcProgram.number)?.get(1)?.method, 'domainLxcOpenNamespace');
});

test('client encoding then daemon decoding gives the driver the same arguments', () => {
  const cases: [string, unknown[]][] = [
    ['domainLookupByName', ['test']],
    ['domainLookupByUUID', [dom.uuid]],
    ['domainGetXMLDesc', [dom, 2]],
    ['domainSetMemoryFlags', [dom, 1048576, 1]],
    ['domainSetAutostart', [dom, true]],
    ['connectListAllDomains', [3]],
    ['domainSetMetadata', [dom, 2, '<x/>', 'k', 'http://x/', 0]],
    ['nodeGetCellsFreeMemory', [0, 2]],
    ['storageVolCreateXMLFrom', [{ name: 'p', uuid: dom.uuid }, '<volume/>', { pool: 'p', name: 'v', key: '/k' }, 0]],
  ];
  for (const [method, args] of cases) {
    const b = BINDING_BY_METHOD.get(method as never)!;
    const wire = decodeValue(b.proc.args, encodeValue(b.proc.args, b.wireArgs(args)));
    assert.deepEqual(b.driverArgs(wire), args, method);
  }
});

test('daemon encoding then client decoding gives the caller the driver\'s result', () => {
  const cases: [string, unknown, unknown][] = [
    ['domainGetInfo', { state: 1, maxMem: 8388608, memory: 2097152, nrVirtCpu: 2, cpuTime: 1795266028600000000n }, {}],
    ['nodeGetInfo', { model: 'i686', memory: 3145728, cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2 }, {}],
    ['connectListAllDomains', [dom], { need_results: 1 }],
    ['domainIsActive', true, {}],
    ['connectGetVersion', 2, {}],
    ['nodeGetSecurityModel', { model: 'testSecurity', doi: '' }, {}],
    ['domainGetSecurityLabel', { label: 'libvirt-test', enforcing: true }, {}],
  ];
  for (const [method, result, args] of cases) {
    const b = BINDING_BY_METHOD.get(method as never)!;
    const ret = decodeValue(b.proc.ret, encodeValue(b.proc.ret, b.wireRet(result, args)));
    assert.deepEqual(b.driverRet(ret, []), result, method);
  }
  // LIST_ALL without need_results sends only the count.
  const list = BINDING_BY_METHOD.get('connectListAllDomains')!;
  assert.deepEqual(list.wireRet([dom, dom], { need_results: 0 }), { domains: [], ret: 2 });
});

test('event payloads cross as libvirtd sends them', () => {
  const lifecycle = DOMAIN_EVENTS.get(0)!;
  const payload = { eventId: 0, domain: { ...dom, id: -1 }, event: 5, detail: 1 };
  const bytes = encodeValue(lifecycle.proc.msg, lifecycle.toWire(payload, 0));
  // The capture's bytes (B2.1) after the header.
  assert.equal(bytes.toString('hex'), '00000000' + '0000000474657374' + '6695eb01f6a4830479aa97f2502e193f' + 'ffffffff' + '00000005' + '00000001');
  assert.deepEqual(lifecycle.toDriver(decodeValue(lifecycle.proc.msg, bytes), 0), { callbackID: 0, payload });
  const meta = DOMAIN_EVENTS.get(23)!;
  const m = { eventId: 23, domain: dom, type: 2, nsuri: 'http://x/' };
  assert.deepEqual(meta.toDriver(decodeValue(meta.proc.msg, encodeValue(meta.proc.msg, meta.toWire(m, 4))), 23), { callbackID: 4, payload: m });
  const pm = DOMAIN_EVENTS.get(11)!;
  const p = { eventId: 11, domain: dom, reason: 0 };
  assert.deepEqual(pm.toDriver(decodeValue(pm.proc.msg, encodeValue(pm.proc.msg, pm.toWire(p, 1))), 11), { callbackID: 1, payload: p });
});

test('UUIDs cross as 16 bytes and come back in the canonical lowercase form, whatever the bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
    const text = convert.uuid.toDriver(Buffer.from(bytes));
    const hex = Buffer.from(bytes).toString('hex');
    assert.equal(text, `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
    assert.deepEqual(convert.uuid.toWire(text), Buffer.from(bytes));
    assert.deepEqual(convert.uuid.toWire(text.toUpperCase()), Buffer.from(bytes));
  }), { numRuns: 2000 });
  // Text not in the 36-character form is read as hex digits with the dashes dropped, up to the first non-digit.
  for (const odd of ['6695eb01f6a4830479aa97f2502e193f', '6695eb01-f6a4-8304-79aa-97f2502e193g', '6695eb01x6a4-8304-79aa-97f2502e193f', 'zz', '']) {
    assert.deepEqual(convert.uuid.toWire(odd), Buffer.from(odd.replace(/-/g, ''), 'hex'));
  }
});
