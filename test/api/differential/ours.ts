/** Our side of the differential scenarios: the same steps run against tsvirt in this process. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../../src/index.js';
import { ORDERED_CALLS, TIME_DEPENDENT, type Arg, type Outcome, type Scenario, type Step } from './scenario.js';

type Handle = v.Connect | v.Domain | v.Network | v.StoragePool | v.StorageVol | v.HostInterface | v.NodeDevice;

/** An object result reported by identity, as oracle.py's handle() does. */
function handle(value: unknown): object | null {
  if (value instanceof v.Domain) return { domain: value.name(), uuid: value.uuidString(), id: value.id() };
  if (value instanceof v.Network) return { network: value.name(), uuid: value.uuidString() };
  if (value instanceof v.StoragePool) return { pool: value.name(), uuid: value.uuidString() };
  if (value instanceof v.StorageVol) return { vol: value.name(), key: value.key() };
  if (value instanceof v.HostInterface) return { iface: value.name(), mac: value.MACString() };
  if (value instanceof v.NodeDevice) return { device: value.name() };
  return null;
}

/** Replace clock-dependent fields by the type marker. */
function shape(target: Handle, method: string, value: unknown): unknown {
  if (!(target instanceof v.Domain)) return value;
  if (method === 'info') return { ...(value as object), cpuTime: TIME_DEPENDENT };
  if (method === 'blockStats' || method === 'interfaceStats') {
    return Object.fromEntries(Object.keys(value as object).map((k) => [k, TIME_DEPENDENT]));
  }
  if (method === 'vcpus') return (value as v.VcpuInfo[]).map((x) => ({ ...x, cpuTime: TIME_DEPENDENT }));
  if (method === 'memoryStats') {
    return Object.fromEntries((value as v.MemoryStat[]).map((s) => [String(s.tag), s.val]));
  }
  return value;
}

/** JSON-like form: bigints as decimal strings, the temporary directory as `$TMP`. */
function normalise(value: unknown, tmp: string): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value.split(tmp).join('$TMP');
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((x) => normalise(x, tmp));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, normalise(x, tmp)]));
  }
  return value;
}

/** JSON with keys sorted at every level: the same text oracle.py sorts lists by. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

class ScenarioRun {
  readonly #tmp = mkdtempSync(join(tmpdir(), 'tsvirt-diff-'));
  readonly #uri: string;
  readonly #vars = new Map<string, Handle>();
  /** Every object handed out, freed at the end so closing releases the shared state. */
  readonly #objects: { free(): void }[] = [];
  readonly #conns: v.Connect[] = [];

  constructor(readonly scenario: Scenario) {
    if (scenario.node === undefined) {
      this.#uri = 'test:///default';
    } else {
      const path = join(this.#tmp, 'node.xml');
      writeFileSync(path, scenario.node.split('$TMP').join(this.#tmp));
      this.#uri = `test://${path}`;
    }
  }

  #arg(a: Arg): unknown {
    if (typeof a === 'string') return a.split('$TMP').join(this.#tmp);
    if (Array.isArray(a)) return a.map((x) => this.#arg(x));
    if (a !== null && typeof a === 'object') return this.#vars.get(a.ref);
    return a;
  }

  async #open(call: string): Promise<v.Connect> {
    const conn = call === 'openReadOnly' ? await v.openReadOnly(this.#uri) : await v.open(this.#uri);
    this.#conns.push(conn);
    return conn;
  }

  #keep(value: unknown): void {
    for (const x of Array.isArray(value) ? value : [value]) {
      if (handle(x) !== null) this.#objects.push(x as { free(): void });
    }
  }

  async #step(step: Step): Promise<Outcome> {
    const args = (step.args ?? []).map((a) => this.#arg(a));
    let value: unknown;
    let result: unknown;
    try {
      if (step.call === 'open' || step.call === 'openReadOnly') {
        value = await this.#open(step.call);
        result = null;
      } else {
        const [name, method] = step.call.split('.', 2) as [string, string];
        const target = this.#vars.get(name);
        if (target === undefined) return { harnessError: `unbound variable ${name}` };
        const fn = (target as unknown as Record<string, unknown>)[method];
        if (typeof fn !== 'function') return { harnessError: `no method ${step.call}` };
        value = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        this.#keep(value);
        result = Array.isArray(value) && value.length > 0 && handle(value[0]) !== null
          ? value.map(handle)
          : handle(value) ?? shape(target!, method, value);
        if (Array.isArray(result) && !ORDERED_CALLS.includes(method)) {
          result = result.map((x) => [canonical(normalise(x, this.#tmp)), x] as const)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
        }
      }
    } catch (err) {
      if (!(err instanceof v.VirError)) throw err;
      return { error: { code: err.code, domain: err.domain, message: String(normalise(err.message, this.#tmp)) } };
    }
    if (step.as) this.#vars.set(step.as, value as Handle);
    return { ok: normalise(result, this.#tmp) };
  }

  async run(): Promise<Outcome[]> {
    try {
      if (!this.scenario.manualOpen) this.#vars.set('conn', await this.#open('open'));
      const out: Outcome[] = [];
      for (const step of this.scenario.steps) out.push(await this.#step(step));
      return out;
    } finally {
      for (const obj of this.#objects) obj.free();
      for (const conn of this.#conns) await conn.close();
      rmSync(this.#tmp, { recursive: true, force: true });
    }
  }
}

/** Run each scenario on a fresh connection, one after the other (test:///default state is shared). */
export async function runOurs(scenarios: readonly Scenario[]): Promise<Outcome[][]> {
  const out: Outcome[][] = [];
  for (const scenario of scenarios) out.push(await new ScenarioRun(scenario).run());
  return out;
}
