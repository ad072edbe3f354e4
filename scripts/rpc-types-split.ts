/**
 * The remote program's types are too many for one file: gen-rpc-protocol splits them by the
 * object family their name gives (domain events, migration, tunables, snapshots, the rest of the
 * domain calls, connection, host, network, storage) over one common module that holds the
 * constants, the base types and every type two families share. Family modules import only from
 * the common one, so the modules form no cycle, and each keeps libvirt's definition order.
 */

/** One definition as emitted: its name and its lines (the const and its type, or an enum). */
interface Chunk { name: string; lines: string[]; module: string }

const COMMON = 'common';

/** The module a definition belongs to, from its name alone. */
function family(name: string): string {
  const rest = name.startsWith('remote_') ? name.slice('remote_'.length) : '';
  const families: [RegExp, string][] = [
    [/^domain_event_/, 'domain-events'],
    [/^domain_migrate_/, 'domain-migrate'],
    [/^domain_(get|set)_/, 'domain-tunables'],
    [/^domain_(snapshot|checkpoint|backup)_/, 'domain-snapshots'],
    [/^domain_/, 'domain'],
    [/^connect_/, 'connect'],
    [/^(node|interface|secret)_/, 'host'],
    [/^(network|nwfilter)_/, 'network'],
    [/^storage_/, 'storage'],
  ];
  return families.find(([re]) => re.test(rest))?.[1] ?? COMMON;
}

function chunksOf(lines: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const line of lines) {
    const m = /^export (?:const|enum) (\w+)/.exec(line);
    if (m) chunks.push({ name: m[1]!, lines: [line], module: family(m[1]!) });
    else if (chunks.length > 0) chunks.at(-1)!.lines.push(line);
    else throw new Error(`line before any definition: ${line}`);
  }
  return chunks;
}

/** The defined names a chunk's body refers to (its own name aside). */
function references(chunk: Chunk, defined: Set<string>): string[] {
  const words = new Set(chunk.lines.join('\n').match(/\b[A-Za-z_]\w*\b/g) ?? []);
  return [...words].filter((w) => w !== chunk.name && defined.has(w));
}

/** Module name -> its definitions' lines and the common names it imports. */
export interface SplitModule { name: string; lines: string[]; imports: string[] }

/** `lines`: the emitted definitions in order. Returns the common module first, then the families. */
export function splitByFamily(lines: string[]): SplitModule[] {
  const chunks = chunksOf(lines);
  const byName = new Map(chunks.map((c) => [c.name, c]));
  const defined = new Set(byName.keys());
  const refs = new Map(chunks.map((c) => [c.name, references(c, defined)]));
  // A definition used outside its family, and everything the common ones use, moves to common.
  const toCommon = (name: string): void => {
    const c = byName.get(name)!;
    if (c.module === COMMON) return;
    c.module = COMMON;
    for (const r of refs.get(name)!) toCommon(r);
  };
  for (let moved = true; moved;) {
    moved = false;
    for (const c of chunks) {
      for (const r of refs.get(c.name)!) {
        const target = byName.get(r)!;
        if (target.module !== COMMON && target.module !== c.module) {
          toCommon(r);
          moved = true;
        }
      }
    }
  }
  const names = [COMMON, ...new Set(chunks.map((c) => c.module).filter((m) => m !== COMMON))];
  return names.map((name) => {
    const own = chunks.filter((c) => c.module === name);
    const imports = name === COMMON ? [] : [...new Set(own.flatMap((c) => refs.get(c.name)!).filter((r) => byName.get(r)!.module === COMMON))].sort();
    return { name, lines: own.flatMap((c) => c.lines), imports };
  });
}
