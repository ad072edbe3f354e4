/**
 * Generates the protocol tables under src/rpc/protocol/ from libvirt's SunRPC `.x` files.
 *
 *   node dist/scripts/gen-rpc-protocol.js [LIBVIRT_SRC]   (default /tmp/lvsrc/src)
 *
 * The output is committed: the .x files are only needed to regenerate. It holds facts (names,
 * numbers, layouts, the procedure annotations) written as our own codec expressions.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitByFamily } from './rpc-types-split.js';

/** Constants the .x files take from C headers (libvirt.h, internal.h). */
const EXTERNAL_CONSTS: Record<string, number> = {
  VIR_UUID_BUFLEN: 16,
  VIR_SECURITY_MODEL_BUFLEN: 257,
  VIR_SECURITY_LABEL_BUFLEN: 4097,
  VIR_SECURITY_DOI_BUFLEN: 257,
  VIR_TYPED_PARAM_INT: 1,
  VIR_TYPED_PARAM_UINT: 2,
  VIR_TYPED_PARAM_LLONG: 3,
  VIR_TYPED_PARAM_ULLONG: 4,
  VIR_TYPED_PARAM_DOUBLE: 5,
  VIR_TYPED_PARAM_BOOLEAN: 6,
  VIR_TYPED_PARAM_STRING: 7,
};

/** Procedures libvirtd serves before authentication (remote_daemon.c clears needAuth for them). */
const NO_AUTH = new Set(['AUTH_LIST', 'AUTH_SASL_INIT', 'AUTH_SASL_START', 'AUTH_SASL_STEP', 'AUTH_POLKIT']);

interface Decl { type: string; unsigned: boolean; name: string; kind: 'plain' | 'opt' | 'var' | 'fixed'; size?: string }
interface Annotations { [key: string]: string[] }
type Def =
  | { kind: 'const'; name: string; value: string }
  | { kind: 'typedef'; decl: Decl }
  | { kind: 'enum'; name: string; members: { name: string; value: string; notes: Annotations }[] }
  | { kind: 'struct'; name: string; fields: Decl[] }
  | { kind: 'union'; name: string; disc: Decl; arms: { cases: string[]; decl: Decl | null }[] };

function tokenize(src: string): { tok: string; doc?: string }[] {
  const out: { tok: string; doc?: string }[] = [];
  let doc: string | undefined;
  const re = /\/\*[\s\S]*?\*\/|^%.*$|\s+|[A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|-?[0-9]+|[{}()<>[\];,:=*]/gmy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const t = m[0];
    if (t.startsWith('/*')) {
      if (t.startsWith('/**')) doc = t;
      continue;
    }
    if (t.startsWith('%') || /^\s+$/.test(t)) continue;
    out.push({ tok: t, doc });
    doc = undefined;
  }
  if (re.lastIndex !== 0 && re.lastIndex < src.length) throw new Error(`cannot tokenize at ${re.lastIndex}`);
  return out;
}

function annotations(doc: string | undefined): Annotations {
  const notes: Annotations = {};
  for (const m of (doc ?? '').matchAll(/@(\w+):?\s*([^\n*]*)/g)) {
    (notes[m[1]] ??= []).push(m[2].trim());
  }
  return notes;
}

function parse(src: string): Def[] {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i]?.tok;
  const next = () => toks[i++].tok;
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new Error(`expected ${t}, got ${got} near token ${i}`);
  };
  const decl = (): Decl => {
    let unsigned = false;
    let type = next();
    if (type === 'unsigned') {
      unsigned = true;
      type = ['int', 'hyper', 'char', 'short', 'long'].includes(peek()) ? next() : 'int';
    }
    if (type === 'struct') type = next();
    if (type === 'void') return { type, unsigned, name: '', kind: 'plain' };
    let kind: Decl['kind'] = 'plain';
    if (peek() === '*') { next(); kind = 'opt'; }
    const name = next();
    let size: string | undefined;
    if (peek() === '<') {
      next(); kind = 'var';
      if (peek() !== '>') size = next();
      expect('>');
    } else if (peek() === '[') {
      next(); kind = 'fixed'; size = next(); expect(']');
    }
    return { type, unsigned, name, kind, size };
  };
  const defs: Def[] = [];
  while (i < toks.length) {
    const t = next();
    if (t === 'const') {
      const name = next(); expect('='); defs.push({ kind: 'const', name, value: next() }); expect(';');
    } else if (t === 'typedef') {
      defs.push({ kind: 'typedef', decl: decl() }); expect(';');
    } else if (t === 'enum') {
      const name = next(); expect('{');
      const members: { name: string; value: string; notes: Annotations }[] = [];
      while (peek() !== '}') {
        const doc = toks[i].doc;
        const m = next(); expect('=');
        members.push({ name: m, value: next(), notes: annotations(doc) });
        if (peek() === ',') next();
      }
      expect('}'); expect(';');
      defs.push({ kind: 'enum', name, members });
    } else if (t === 'struct') {
      const name = next(); expect('{');
      const fields: Decl[] = [];
      while (peek() !== '}') { fields.push(decl()); expect(';'); }
      expect('}'); expect(';');
      defs.push({ kind: 'struct', name, fields });
    } else if (t === 'union') {
      const name = next(); expect('switch'); expect('(');
      const disc = decl(); expect(')'); expect('{');
      const arms: { cases: string[]; decl: Decl | null }[] = [];
      while (peek() !== '}') {
        const cases: string[] = [];
        while (peek() === 'case') { next(); cases.push(next()); expect(':'); }
        if (peek() === 'default') throw new Error(`union ${name}: default arms are not supported`);
        const d = decl(); expect(';');
        arms.push({ cases, decl: d.type === 'void' ? null : d });
      }
      expect('}'); expect(';');
      defs.push({ kind: 'union', name, disc, arms });
    } else {
      throw new Error(`unexpected token ${t}`);
    }
  }
  return defs;
}

class Emitter {
  private consts = new Map<string, number>(Object.entries(EXTERNAL_CONSTS));
  private enums = new Set<string>();
  private defined = new Set<string>();
  private lines: string[] = [];
  /** The procedure table, kept apart so a large program can have it in a file of its own. */
  private procLines: string[] = [];

  value(v: string): number {
    if (/^-?[0-9]+$/.test(v) || /^0x/i.test(v)) return Number(v);
    const c = this.consts.get(v);
    if (c === undefined) throw new Error(`unknown constant ${v}`);
    return c;
  }

  /** Types another module defines (the remote program's, for the QEMU and LXC programs). */
  importTypes(names: Iterable<string>): void {
    for (const n of names) this.defined.add(n);
  }

  private ref(name: string): string {
    if (this.defined.has(name)) return name;
    throw new Error(`type ${name} used before its definition`);
  }

  private base(d: Decl): string {
    const u = d.unsigned;
    switch (d.type) {
      case 'int': case 'long': return u ? 'uint' : 'int';
      case 'hyper': return u ? 'uhyper' : 'hyper';
      case 'char': return u ? 'uchar' : 'char';
      case 'short': return u ? 'ushort' : 'short';
      case 'double': return 'double';
      case 'float': return 'float';
      case 'bool': return 'bool';
      default: return this.enums.has(d.type) ? 'int' : this.ref(d.type);
    }
  }

  private size(d: Decl): string {
    if (d.size === undefined) return '0xffffffff';
    const n = this.value(d.size);
    return /^[A-Za-z_]/.test(d.size) ? d.size : String(n);
  }

  expr(d: Decl): string {
    if (d.type === 'string') return `string(${this.size(d)})`;
    if (d.type === 'opaque') return d.kind === 'fixed' ? `fixedOpaque(${this.size(d)})` : `opaque(${this.size(d)})`;
    if (d.type === 'char' && d.kind === 'var') return `charArray(${this.size(d)}${d.unsigned ? ', false' : ''})`;
    if (d.type === 'char' && d.kind === 'fixed') return `fixedCharArray(${this.size(d)}${d.unsigned ? ', false' : ''})`;
    const b = this.base(d);
    switch (d.kind) {
      case 'opt': return `optional(${b})`;
      case 'var': return `array(${b}, ${this.size(d)})`;
      case 'fixed': return `fixedArray(${b}, ${this.size(d)})`;
      default: return b;
    }
  }

  emit(defs: Def[]): void {
    for (const def of defs) {
      switch (def.kind) {
        case 'const': {
          this.consts.set(def.name, this.value(def.value));
          this.lines.push(`export const ${def.name} = ${def.value};`);
          break;
        }
        case 'enum': {
          this.enums.add(def.name);
          for (const m of def.members) this.consts.set(m.name, this.value(m.value));
          if (!def.name.endsWith('_procedure')) {
            this.lines.push(`export enum ${def.name} {`, ...def.members.map((m) => `  ${m.name} = ${m.value},`), '}');
          }
          break;
        }
        case 'typedef': {
          const d = def.decl;
          if (d.name === d.type) break; // `typedef struct x x;`
          this.lines.push(`export const ${d.name} = ${this.expr(d)};`, `export type ${d.name} = CodecType<typeof ${d.name}>;`);
          this.defined.add(d.name);
          break;
        }
        case 'struct': {
          const body = def.fields.map((f) => `  ${f.name}: ${this.expr(f)},`);
          this.lines.push(`export const ${def.name} = struct({`, ...body, '});', `export type ${def.name} = CodecType<typeof ${def.name}>;`);
          this.defined.add(def.name);
          break;
        }
        case 'union': {
          const body: string[] = [];
          for (const arm of def.arms) {
            for (const c of arm.cases) body.push(`  ${this.value(c)}: ${arm.decl ? this.expr(arm.decl) : 'xvoid'}, // ${c}`);
          }
          this.lines.push(`export const ${def.name} = union({`, ...body, '});', `export type ${def.name} = CodecType<typeof ${def.name}>;`);
          this.defined.add(def.name);
          break;
        }
      }
    }
  }

  /** The procedure table of the program whose procedure enum is `enumName`. */
  /** `qualify` prefixes every type the table names (e.g. 'T.' when the types live in another module). */
  procedures(defs: Def[], enumName: string, prefix: string, structName: (short: string, suffix: string) => string, prog: { name: string; number: string; version: string }, qualify = ''): void {
    const e = defs.find((d): d is Extract<Def, { kind: 'enum' }> => d.kind === 'enum' && d.name === enumName);
    if (!e) throw new Error(`no enum ${enumName}`);
    const names = new Set([...this.defined]);
    this.procLines.push('', 'export const procedures = {');
    for (const m of e.members) {
      const short = m.name.slice(prefix.length);
      const pick = (suffix: string) => (names.has(structName(short, suffix)) ? qualify + structName(short, suffix) : null);
      const args = pick('args');
      const ret = pick('ret');
      const msg = pick('msg');
      const n = m.notes;
      const parts = [`number: ${m.value}`, `name: '${short}'`, `args: ${args ?? 'xvoid'}`, `ret: ${ret ?? 'xvoid'}`];
      if (msg) parts.push(`msg: ${msg}`);
      parts.push(`priority: '${n.priority?.[0] === 'high' ? 'high' : 'low'}'`);
      parts.push(`needAuth: ${!NO_AUTH.has(short)}`);
      if (n.generate) parts.push(`generate: '${n.generate[0]}'`);
      if (n.acl) parts.push(`acl: [${n.acl.map((a) => `'${a}'`).join(', ')}]`);
      if (n.aclfilter) parts.push(`aclFilter: [${n.aclfilter.map((a) => `'${a}'`).join(', ')}]`);
      const stream = n.readstream ? `{ direction: 'read', param: ${Number(n.readstream[0]) || 0} }` : n.writestream ? `{ direction: 'write', param: ${Number(n.writestream[0]) || 0} }` : null;
      if (stream) parts.push(`stream: ${stream}`);
      if (n.sparseflag) parts.push(`sparseFlag: '${n.sparseflag[0]}'`);
      this.procLines.push(`  ${short}: procedure({ ${parts.join(', ')} }),`);
    }
    this.procLines.push('} as const;', '', `export const ${prog.name.toLowerCase()}Program = program('${prog.name}', ${qualify}${prog.number}, ${qualify}${prog.version}, procedures);`);
  }

  /** Types and procedure table in one module (the small programs). */
  text(header: string, imports: string): string {
    return this.typesText(header, `${imports}\n${PROGRAM_IMPORT}`, this.procLines);
  }

  /** The types (and constants) alone, or followed by `extra` lines. */
  typesText(header: string, imports: string, extra: string[] = []): string {
    return `${header}\n${imports}\n\n${[...this.typeLines(), ...extra].join('\n')}\n`;
  }

  /** Every definition in order, after the constants it takes from libvirt's C headers. */
  typeLines(): string[] {
    const body = this.lines.join('\n');
    const used = Object.keys(EXTERNAL_CONSTS).filter((n) => new RegExp(`\\b${n}\\b`).test(body) && !body.includes(`export const ${n} =`));
    return [...used.map((n) => `export const ${n} = ${EXTERNAL_CONSTS[n]}; // from libvirt's C headers`), ...this.lines];
  }

  /** The procedure table alone, naming the types of `typesModule` (imported as T, and re-exported). */
  proceduresText(header: string, typesModule: string): string {
    const imports = [
      "import { xvoid } from '../codec.js';",
      PROGRAM_IMPORT,
      `import * as T from '${typesModule}';`,
      '',
      `export * from '${typesModule}';`,
    ];
    return `${header}\n${imports.join('\n')}\n${this.procLines.join('\n')}\n`;
  }
}

const HEADER = (source: string) =>
  `// Generated by scripts/gen-rpc-protocol.ts from libvirt 9.0.0's ${source}. Do not edit: regenerate.\n/* eslint-disable */`;
const CODEC_IMPORTS =
  "import { array, bool, char, charArray, double, fixedArray, fixedCharArray, fixedOpaque, float, hyper, int, opaque, optional, short, string, struct, uchar, uhyper, uint, union, ushort, xvoid, type CodecType } from '../codec.js';";
const PROGRAM_IMPORT = "import { procedure, program } from '../program.js';";

function unusedImportsRemoved(text: string): string {
  // tsc's noUnusedLocals: keep only the combinators the body uses.
  const body = text.split('\n').filter((l) => !l.startsWith('import')).join('\n');
  return text.replace(/import \{ ([^}]+) \} from '((?:\.\.\/)+codec\.js)';/, (_all, list: string, from: string) => {
    const used = list.split(',').map((s) => s.trim()).filter((name) => {
      const id = name.replace(/^type /, '');
      return new RegExp(`\\b${id}\\b`).test(body);
    });
    return `import { ${used.join(', ')} } from '${from}';`;
  });
}

function main(): void {
  const root = process.argv[2] ?? '/tmp/lvsrc/src';
  const out = join(process.cwd(), 'src/rpc/protocol');
  const read = (p: string) => readFileSync(join(root, p), 'utf8');

  const remoteDefs = parse(read('src/remote/remote_protocol.x'));
  const remote = new Emitter();
  remote.emit(remoteDefs);
  remote.procedures(remoteDefs, 'remote_procedure', 'REMOTE_PROC_', (p, suffix) => `remote_${p.toLowerCase()}_${suffix}`, { name: 'REMOTE', number: 'REMOTE_PROGRAM', version: 'REMOTE_PROTOCOL_VERSION' }, 'T.');
  // The remote program is large: its procedure table gets a file, its types a folder of modules
  // by object family (remote-types/) behind one index.
  const header = HEADER('src/remote/remote_protocol.x');
  const modules = splitByFamily(remote.typeLines());
  mkdirSync(join(out, 'remote-types'), { recursive: true });
  for (const m of modules) {
    const common = m.imports.length > 0 ? `\nimport { ${m.imports.join(', ')} } from './common.js';` : '';
    writeFileSync(join(out, 'remote-types', `${m.name}.ts`),
      unusedImportsRemoved(`${header}\n${CODEC_IMPORTS.replace("'../codec.js'", "'../../codec.js'")}${common}\n\n${m.lines.join('\n')}\n`));
  }
  writeFileSync(join(out, 'remote-types.ts'), `${header}\n${modules.map((m) => `export * from './remote-types/${m.name}.js';`).join('\n')}\n`);
  writeFileSync(join(out, 'remote.ts'), remote.proceduresText(HEADER('src/remote/remote_protocol.x'), './remote-types.js'));

  const keepDefs = parse(read('src/rpc/virkeepaliveprotocol.x'));
  const keep = new Emitter();
  keep.emit(keepDefs);
  keep.procedures(keepDefs, 'keepalive_procedure', 'KEEPALIVE_PROC_', (p, suffix) => `keepalive_${p.toLowerCase()}_${suffix}`, { name: 'KEEPALIVE', number: 'KEEPALIVE_PROGRAM', version: 'KEEPALIVE_PROTOCOL_VERSION' });
  writeFileSync(join(out, 'keepalive.ts'), unusedImportsRemoved(keep.text(HEADER('src/rpc/virkeepaliveprotocol.x'), CODEC_IMPORTS)));

  const logDefs = parse(read('src/logging/log_protocol.x'));
  const log = new Emitter();
  log.emit(logDefs);
  const camel = (p: string) => p.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
  log.procedures(logDefs, 'virLogManagerProtocolProcedure', 'VIR_LOG_MANAGER_PROTOCOL_PROC_', (p, suffix) => `virLogManagerProtocol${camel(p)}${camel(suffix)}`, { name: 'LOG', number: 'VIR_LOG_MANAGER_PROTOCOL_PROGRAM', version: 'VIR_LOG_MANAGER_PROTOCOL_PROGRAM_VERSION' });
  writeFileSync(join(out, 'log.ts'), unusedImportsRemoved(log.text(HEADER('src/logging/log_protocol.x'), CODEC_IMPORTS)));

  // The QEMU and LXC programs (libvirt-qemu, libvirt-lxc) name the remote program's object types.
  const remoteTypes = modules.find((m) => m.name === 'common')!.lines
    .map((l) => /^export const (remote_\w+) =/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
  for (const [name, file, prefix] of [['QEMU', 'qemu_protocol.x', 'qemu'], ['LXC', 'lxc_protocol.x', 'lxc']] as const) {
    const defs = parse(read(`src/remote/${file}`));
    const e = new Emitter();
    e.importTypes(remoteTypes);
    e.emit(defs);
    e.procedures(defs, `${prefix}_procedure`, `${name}_PROC_`, (p, suffix) => `${prefix}_${p.toLowerCase()}_${suffix}`, { name, number: `${name}_PROGRAM`, version: `${name}_PROTOCOL_VERSION` });
    const text = e.text(HEADER(`src/remote/${file}`), CODEC_IMPORTS);
    const used = remoteTypes.filter((t) => new RegExp(`\\b${t}\\b`).test(text));
    writeFileSync(join(out, `${prefix}.ts`), unusedImportsRemoved(text.replace(PROGRAM_IMPORT, `${PROGRAM_IMPORT}\nimport { ${used.join(', ')} } from './remote-types/common.js';`)));
  }
}

main();
