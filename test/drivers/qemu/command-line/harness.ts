/** Runs a corpus of domain XML through real libvirt's embedded QEMU driver and through tsvirt. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDomainXML } from '../../../../src/conf/domain/index.js';
import { VirError } from '../../../../src/errors/vir-error.js';
import { QemuCapsCache, type QemuCaps } from '../../../../src/drivers/qemu/caps/index.js';
import { qemuDomainXMLToNative } from '../../../../src/drivers/qemu/command-line/index.js';
import { parseQemuDomainXML } from '../../../../src/drivers/qemu/postparse/index.js';
import { Command } from '../../../../src/util/command/index.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The corpus and the oracle script live beside the sources (tsc does not copy them to dist). */
export const sourceDir = here.replace(/\/dist\/test\//, '/test/');

export interface Outcome {
  argv?: string;
  argvError?: { code: number; domain: number; message: string };
  xml?: string;
  xmlError?: { code: number; domain: number; message: string };
}

export interface CorpusRun {
  root: string;
  caps: QemuCaps;
  files: string[];
  oracle: Map<string, Outcome>;
  dispose(): Promise<void>;
}

export const QEMU_BINARY = '/usr/bin/qemu-system-x86_64';

/** A fresh embedded root; QEMU runs as root there so libvirt's KVM check matches the probe's. */
export async function runOracle(files: string[]): Promise<CorpusRun> {
  const root = await mkdtemp(join(tmpdir(), 'tsvirt-argv-'));
  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(join(root, 'etc', 'qemu.conf'), 'user = "root"\ngroup = "root"\n');
  const cmd = new Command('/usr/bin/python3', [join(sourceDir, 'oracle.py'), root, ...files]).setOutputBuffer().setErrorBuffer();
  await cmd.run();
  const oracle = new Map<string, Outcome>();
  for (const line of (cmd.capturedOutput ?? '').split('\n').filter(Boolean)) {
    const o = JSON.parse(line) as Outcome & { file: string };
    oracle.set(o.file, o);
  }
  const caps = await new QemuCapsCache({ cacheDir: join(root, 'tsvirt-caps') }).lookup(QEMU_BINARY);
  return { root, caps, files, oracle, dispose: () => rm(root, { recursive: true, force: true }) };
}

export async function corpusFiles(): Promise<string[]> {
  const dir = join(sourceDir, 'corpus');
  return (await readdir(dir)).filter((f) => f.endsWith('.xml')).sort().map((f) => join(dir, f));
}

function errorOf(e: unknown): Outcome['argvError'] {
  if (e instanceof VirError) return { code: e.code, domain: e.domain, message: e.message };
  throw e;
}

/** tsvirt's answer for one file, paths placed under the oracle's root as libvirt places them. */
export async function ours(run: CorpusRun, file: string): Promise<Outcome> {
  const xml = await readFile(file, 'utf8');
  const out: Outcome = {};
  try {
    const def = parseQemuDomainXML(xml, run.caps, { nvramDir: join(run.root, 'lib', 'qemu', 'nvram') });
    out.xml = formatDomainXML(def, { inactive: true });
  } catch (e) {
    out.xmlError = errorOf(e);
  }
  try {
    out.argv = await qemuDomainXMLToNative('qemu-argv', xml, run.caps, join(run.root, 'lib', 'qemu'));
  } catch (e) {
    out.argvError = errorOf(e);
  }
  return out;
}
