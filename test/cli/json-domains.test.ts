/**
 * tsvirsh's --json on the domain and host listing and info commands, each checked field by field
 * against what real virsh prints for the same command on libvirt's test driver.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TSVIRSH, haveVirsh } from './harness.js';

const ENV = { PATH: process.env.PATH, LC_ALL: 'C' };

function ours(command: string): unknown {
  const run = spawnSync(process.execPath, [TSVIRSH, '-q', '-c', 'test:///default', command], { encoding: 'utf8', env: ENV });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  return JSON.parse(run.stdout);
}

function virsh(command: string): string {
  const run = spawnSync('virsh', ['-q', '-c', 'test:///default', command], { encoding: 'utf8', env: ENV });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** `Label:   value` lines as a map. */
const labelled = (text: string): Map<string, string> =>
  new Map(text.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
/** Table rows (virsh -q prints no header) split on runs of blanks. */
const rows = (text: string): string[][] => text.split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
/** `name value` lines (dommemstat, vcpucount, domblkstat) as a map. */
const pairs = (text: string, keyWords = 1): Map<string, string> =>
  new Map(rows(text).map((r) => [r.slice(0, keyWords).join(' '), r[keyWords]!]));
const num = (v: string | undefined): number => Number.parseInt(v ?? '', 10);

describe('--json carries what virsh prints', { skip: !haveVirsh && 'virsh is not installed' }, () => {
  it('list', () => {
    const json = ours('list --all --title --json') as Record<string, unknown>[];
    const table = rows(virsh('list --all'));
    assert.deepEqual(json.map((d) => [d.id === null ? '-' : String(d.id), d.name, d.state]), table.map((r) => [r[0], r[1], r.slice(2).join(' ')]));
    assert.deepEqual(json.map((d) => d.uuid), rows(virsh('list --all --uuid')).map((r) => r[0]));
    assert.ok(json.every((d) => typeof d.title === 'string'));
  });

  it('dominfo and domstate', () => {
    const json = ours('dominfo test --json') as Record<string, unknown>;
    const info = labelled(virsh('dominfo test'));
    assert.equal(String(json.id), info.get('Id'));
    assert.equal(json.name, info.get('Name'));
    assert.equal(json.uuid, info.get('UUID'));
    assert.equal(json.osType, info.get('OS Type'));
    assert.equal(json.state, info.get('State'));
    assert.equal(String(json.cpus), info.get('CPU(s)'));
    assert.equal(`${json.maxMemory} KiB`, info.get('Max memory'));
    assert.equal(`${json.usedMemory} KiB`, info.get('Used memory'));
    assert.equal(json.persistent ? 'yes' : 'no', info.get('Persistent'));
    assert.equal(json.autostart ? 'enable' : 'disable', info.get('Autostart'));
    assert.equal(json.managedSave ? 'yes' : 'no', info.get('Managed save'));
    assert.equal(json.securityModel, info.get('Security model'));
    assert.equal(json.securityDOI, info.get('Security DOI'));
    const label = json.securityLabel as { label: string; enforcing: boolean };
    assert.equal(`${label.label} (${label.enforcing ? 'enforcing' : 'permissive'})`, info.get('Security label'));
    assert.equal(typeof json.cpuTime, 'number');
    assert.deepEqual(ours('domstate test --reason --json'), { state: 'running', reason: virsh('domstate test --reason').trim().match(/\((.*)\)/)![1] });
  });

  it('domblklist and domiflist', () => {
    const disks = ours('domblklist test --details --json') as Record<string, unknown>[];
    assert.deepEqual(disks.map((d) => [d.type, d.device, d.target, d.source ?? '-']), rows(virsh('domblklist test --details')));
    const nics = ours('domiflist test --json') as Record<string, unknown>[];
    assert.deepEqual(nics.map((n) => [n.interface, n.type, n.source ?? '-', n.model ?? '-', n.mac ?? '-']), rows(virsh('domiflist test')));
  });

  it('dommemstat, vcpucount, and the names of domblkstat and domifstat counters', () => {
    const mem = ours('dommemstat test --json') as Record<string, number>;
    assert.deepEqual(new Map(Object.entries(mem).map(([k, v]) => [k, String(v)])), pairs(virsh('dommemstat test')));
    const counts = ours('vcpucount test --json') as Record<string, Record<string, number>>;
    const theirs = pairs(virsh('vcpucount test'), 2);
    for (const [key, value] of theirs) assert.equal(String(counts[key.split(' ')[0]!]![key.split(' ')[1]!]), value, key);
    // The test driver's counters follow the clock: compare what is counted, not the counts.
    const block = ours('domblkstat test vda --json') as Record<string, number>;
    assert.deepEqual(Object.keys(block), [...pairs(virsh('domblkstat test vda'), 2).keys()].map((k) => k.split(' ')[1]));
    const net = ours('domifstat test testnet0 --json') as Record<string, number>;
    assert.deepEqual(Object.keys(net), [...pairs(virsh('domifstat test testnet0'), 2).keys()].map((k) => k.split(' ')[1]));
  });

  it('vcpuinfo', () => {
    const json = ours('vcpuinfo test --json') as Record<string, unknown>[];
    const blocks = virsh('vcpuinfo test').split('\n\n').filter((b) => b.trim()).map(labelled);
    assert.equal(json.length, blocks.length);
    json.forEach((v, i) => {
      const b = blocks[i]!;
      assert.equal(String(v.vcpu), b.get('VCPU'));
      assert.equal(String(v.cpu), b.get('CPU'));
      assert.equal(v.state, b.get('State'));
      const mask = b.get('CPU Affinity')!;
      assert.equal(v.affinity, mask === 'y'.repeat(mask.length) ? `0-${mask.length - 1}` : v.affinity);
    });
  });

  it('nodeinfo, freecell, nodecpustats', () => {
    const node = ours('nodeinfo --json') as Record<string, unknown>;
    const info = labelled(virsh('nodeinfo'));
    assert.deepEqual(node, {
      model: info.get('CPU model'), memory: num(info.get('Memory size')), cpus: num(info.get('CPU(s)')), mhz: num(info.get('CPU frequency')),
      nodes: num(info.get('NUMA cell(s)')), sockets: num(info.get('CPU socket(s)')), cores: num(info.get('Core(s) per socket')),
      threads: num(info.get('Thread(s) per core')),
    });
    const cells = virsh('freecell --all').split('\n').filter((l) => /^\s*\d+:/.test(l)).map((l) => l.trim().split(/:?\s+/));
    const free = ours('freecell --all --json') as { cells: { cell: number; free: number }[]; total: number };
    assert.deepEqual(free.cells.map((c) => [String(c.cell), String(c.free)]), cells.map((c) => [c[0], c[1]]));
    // virsh -q leaves out the total of --all: it is the sum of the cells.
    assert.equal(free.total, free.cells.reduce((sum, c) => sum + c.free, 0));
    assert.deepEqual(ours('freecell --json'), { total: num(labelled(virsh('freecell')).get('Total')) });
    const cpu = ours('nodecpustats --json') as Record<string, number>;
    const stats = labelled(virsh('nodecpustats'));
    assert.deepEqual(cpu, { user: num(stats.get('user')), kernel: num(stats.get('system')), idle: num(stats.get('idle')), iowait: num(stats.get('iowait')) });
  });

  it('version', () => {
    const info = labelled(virsh('version'));
    const api = info.get('Using API')!.split(' ');
    assert.deepEqual(ours('version --json'), {
      compiledAgainst: info.get('Compiled against library')!.split(' ')[1], library: info.get('Using library')!.split(' ')[1],
      type: api[0], api: api[1], hypervisor: info.get('Running hypervisor')!.split(' ')[1],
    });
  });

  it('domfsinfo, domifaddr, domtime (the guest commands)', () => {
    const fs = ours('domfsinfo test --json') as Record<string, unknown>[];
    assert.deepEqual(fs.map((f) => [f.mountpoint, f.name, f.type, (f.targets as string[]).join(',')]), rows(virsh('domfsinfo test')));
    const addrs = ours('domifaddr test --json') as { name: string; mac: string; addresses: { type: string; address: string; prefix: number }[] }[];
    assert.deepEqual(addrs.flatMap((i) => i.addresses.map((a) => [i.name, i.mac, a.type, `${a.address}/${a.prefix}`])), rows(virsh('domifaddr test')));
    const time = ours('domtime test --json') as { seconds: number; nanoseconds: number; utc: string };
    assert.equal(`Time: ${time.seconds}`, virsh('domtime test').trim());
    assert.equal(`Time: ${time.utc}`, virsh('domtime test --pretty').trim());
  });

  it('schedinfo, memtune, blkiotune (the tunables)', () => {
    const sched = ours('schedinfo test --json') as { scheduler: string; parameters: Record<string, number> };
    const schedLines = labelled(virsh('schedinfo test'));
    assert.equal(sched.scheduler, schedLines.get('Scheduler'));
    assert.deepEqual(Object.entries(sched.parameters).map(([k, v]) => [k, String(v)]), [...schedLines].filter(([k]) => k !== 'Scheduler'));
    const mem = ours('memtune test --json') as Record<string, number | null>;
    assert.deepEqual(Object.entries(mem).map(([k, v]) => [k, v === null ? 'unlimited' : String(v)]), [...labelled(virsh('memtune test'))]);
    const blkio = ours('blkiotune test --json') as Record<string, number | string>;
    assert.deepEqual(Object.entries(blkio).map(([k, v]) => [k, String(v)]), [...labelled(virsh('blkiotune test'))]);
  });

  it('domblkinfo, domblkerror, domcontrol (the diagnostics)', () => {
    const one = ours('domblkinfo test vda --json') as Record<string, number>;
    const lines = labelled(virsh('domblkinfo test vda'));
    assert.deepEqual([one.capacity, one.allocation, one.physical].map(String), ['Capacity', 'Allocation', 'Physical'].map((k) => lines.get(k)));
    const all = ours('domblkinfo test --all --json') as Record<string, unknown>[];
    assert.deepEqual(all.map((d) => [d.target, String(d.capacity), String(d.allocation), String(d.physical)]), rows(virsh('domblkinfo test --all')));
    const errors = ours('domblkerror test --json') as { disk: string; error: string }[];
    assert.deepEqual(errors.map((e) => `${e.disk}: ${e.error}`), virsh('domblkerror test').split('\n').filter(Boolean));
    const control = ours('domcontrol test --json') as { state: string; reason: string | null };
    assert.equal(control.state, virsh('domcontrol test').trim());
    assert.equal(control.reason, null);
  });

  it('numatune, perf, domiftune, blkdeviotune (the other tunables)', () => {
    const asLines = (json: Record<string, unknown>, show: (v: unknown) => string = String): [string, string][] =>
      Object.entries(json).map(([k, v]) => [k, show(v)]);
    assert.deepEqual(asLines(ours('numatune test --json') as Record<string, unknown>), [...labelled(virsh('numatune test'))]);
    // perf prints its lines only without -q.
    const perf = spawnSync('virsh', ['-c', 'test:///default', 'perf test'], { encoding: 'utf8', env: ENV }).stdout;
    assert.deepEqual(asLines(ours('perf test --json') as Record<string, unknown>, (v) => (v ? 'enabled' : 'disabled')), [...labelled(perf)]);
    assert.deepEqual(asLines(ours('domiftune test testnet0 --json') as Record<string, unknown>), [...labelled(virsh('domiftune test testnet0'))]);
    assert.deepEqual(asLines(ours('blkdeviotune test vda --json') as Record<string, unknown>), [...labelled(virsh('blkdeviotune test vda'))]);
  });

  it('vcpupin, emulatorpin, iothreadinfo, cpu-stats (CPU placement)', () => {
    const pins = ours('vcpupin test --json') as { vcpu: number; affinity: string }[];
    assert.deepEqual(pins.map((p) => [String(p.vcpu), p.affinity]), rows(virsh('vcpupin test')));
    assert.equal((ours('emulatorpin test --json') as { affinity: string }).affinity, virsh('emulatorpin test').trim());
    assert.deepEqual(ours('iothreadinfo test --json'), []);
    const stats = ours('cpu-stats test --json') as { cpus: { cpu: number; stats: Record<string, number> }[]; total: Record<string, number> };
    const seconds = (ns: number): string => `${Math.floor(ns / 1e9)}.${String(ns % 1e9).padStart(9, '0')}`;
    const text = virsh('cpu-stats test').split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/));
    const expected = [...stats.cpus.flatMap((c) => [[`CPU${c.cpu}:`], ...Object.entries(c.stats).map(([k, v]) => [k, seconds(v), 'seconds'])]),
      ['Total:'], ...Object.entries(stats.total).map(([k, v]) => [k, seconds(v), 'seconds'])];
    assert.deepEqual(expected, text);
  });
});
