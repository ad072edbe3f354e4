/**
 * Volume commands that touch a volume's data: upload, download, wipe, resize, clone and
 * create-from (virsh's wording of each message, file handling as virsh's).
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import {
  VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA, VIR_STORAGE_VOL_CREATE_REFLINK, VIR_STORAGE_VOL_CREATE_VALIDATE,
  VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, VIR_STORAGE_VOL_RESIZE_ALLOCATE, VIR_STORAGE_VOL_RESIZE_DELTA,
  VIR_STORAGE_VOL_RESIZE_SHRINK, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, ErrorNumber, isVirError, type StorageVol,
  type SparseSink, type SparseSource,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { fail, optBool, optString, optULongLong } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import { fileSection } from '../../util/file-layout.js';
import { POOL_ARG, poolOption } from './pool.js';
import { POOL_OPTIONAL, VOL_ARG, volumeOption, volumeSize } from './volume-option.js';

const CHUNK = 256 * 1024;
const FILE_ARG = (help: string): OptionDef => ({ name: 'file', type: 'data', required: true, help });
export const WIPE_ALGORITHMS = ['zero', 'nnsa', 'dod', 'bsi', 'gutmann', 'schneier', 'pfitzner7', 'pfitzner33', 'random', 'trim'];

async function cmdVolUpload(s: Session, cmd: ParsedCommand): Promise<void> {
  const offset = optULongLong(s, cmd, 'offset') ?? 0n;
  const length = optULongLong(s, cmd, 'length', true) ?? 0n;
  using vol = await volumeOption(s, cmd);
  const name = optString(s, cmd, 'vol')!;
  const file = optString(s, cmd, 'file')!;
  const input = await open(file, 'r').catch(() => fail(s, `cannot read ${file}`));
  const flags = optBool(cmd, 'sparse') ? VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM : 0;
  const st = s.conn.newStream();
  try {
    await must(s, `cannot upload to volume ${name}`, () => vol.upload(st, offset, length, flags));
    await must(s, `cannot send data to volume ${name}`, async () => {
      if (flags) return st.sparseSendAll(await sparseFileSource(input));
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) return;
        await st.send(Buffer.from(buf.subarray(0, bytesRead)));
      }
    });
    await input.close();
    await must(s, `cannot close volume ${name}`, () => st.finish());
  } finally {
    await input.close().catch(() => undefined);
    st.free();
  }
}

/** virsh takes a block device as all data, read or written 1 MiB at a time: it has no holes to find or make. */
const BLOCK_SECTION = 1024 * 1024;
const isBlockDevice = async (file: FileHandle) => (await file.stat()).isBlockDevice();

/** virsh's sparse source: the local file's own data and holes (virFileInData), read from its start. */
async function sparseFileSource(input: FileHandle): Promise<SparseSource> {
  const block = await isBlockDevice(input);
  let position = 0n;
  return {
    inData: () => (block ? { inData: true, length: BigInt(BLOCK_SECTION) } : fileSection(input.fd, position)),
    skip: (length) => { position += length; },
    read: async (nbytes) => {
      const buf = Buffer.allocUnsafe(nbytes);
      const { bytesRead } = await input.read(buf, 0, nbytes, Number(position));
      position += BigInt(bytesRead);
      return buf.subarray(0, bytesRead);
    },
  };
}

/** virsh's sparse sink (virshStreamSkip): data at the current position, holes skipped with ftruncate. */
async function sparseFileSink(out: FileHandle): Promise<SparseSink> {
  const block = await isBlockDevice(out);
  let position = 0;
  const write = async (data: Buffer) => {
    await out.write(data, 0, data.length, position);
    position += data.length;
  };
  return {
    write,
    hole: async (length) => {
      if (!block) {
        position += Number(length);
        return out.truncate(position);
      }
      for (let left = Number(length); left > 0; left -= BLOCK_SECTION) await write(Buffer.alloc(Math.min(left, BLOCK_SECTION)));
    },
  };
}

/** virsh writes into an existing file (truncated) or a new one, which it removes on failure. */
async function openOutput(s: Session, file: string): Promise<{ out: FileHandle; created: boolean }> {
  try {
    return { out: await open(file, 'wx', 0o666), created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const out = await open(file, 'w').catch(() => null);
      if (out) return { out, created: false };
    }
    return fail(s, `cannot create ${file}`);
  }
}

async function cmdVolDownload(s: Session, cmd: ParsedCommand): Promise<void> {
  const offset = optULongLong(s, cmd, 'offset') ?? 0n;
  const length = optULongLong(s, cmd, 'length', true) ?? 0n;
  using vol = await volumeOption(s, cmd);
  const name = optString(s, cmd, 'vol')!;
  const file = optString(s, cmd, 'file')!;
  const flags = optBool(cmd, 'sparse') ? VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM : 0;
  const { out, created } = await openOutput(s, file);
  const st = s.conn.newStream();
  let done = false;
  try {
    await must(s, `cannot download from volume ${name}`, () => vol.download(st, offset, length, flags));
    // as virsh, holes are kept whether asked for or not: a stream that is not sparse brings none
    await must(s, `cannot receive data from volume ${name}`, async () => st.sparseRecvAll(await sparseFileSink(out)));
    await out.close();
    await must(s, `cannot close volume ${name}`, () => st.finish());
    done = true;
  } finally {
    await out.close().catch(() => undefined);
    st.free();
    if (!done && created) await unlink(file).catch(() => undefined);
  }
}

async function cmdVolWipe(s: Session, cmd: ParsedCommand): Promise<void> {
  using vol = await volumeOption(s, cmd);
  const name = optString(s, cmd, 'vol')!;
  const text = optString(s, cmd, 'algorithm');
  const algorithm = text === undefined ? 0 : WIPE_ALGORITHMS.indexOf(text);
  if (algorithm < 0) fail(s, `Unsupported algorithm '${text}'`);
  await must(s, `Failed to wipe vol ${name}`, () => wipe(vol, algorithm));
  s.out.printExtra(`Vol ${name} wiped\n`);
}

/** virsh asks for the pattern API and falls back to virStorageVolWipe where it is missing. */
async function wipe(vol: StorageVol, algorithm: number): Promise<void> {
  try {
    await vol.wipePattern(algorithm, 0);
  } catch (err) {
    if (!(isVirError(err) && err.code === ErrorNumber.VIR_ERR_NO_SUPPORT && algorithm === 0)) throw err;
    await vol.wipe(0);
  }
}

async function cmdVolResize(s: Session, cmd: ParsedCommand): Promise<void> {
  let flags = (optBool(cmd, 'allocate') ? VIR_STORAGE_VOL_RESIZE_ALLOCATE : 0) | (optBool(cmd, 'shrink') ? VIR_STORAGE_VOL_RESIZE_SHRINK : 0);
  let delta = optBool(cmd, 'delta');
  using vol = await volumeOption(s, cmd);
  let text = optString(s, cmd, 'capacity')!.trimStart();
  if (text.startsWith('-')) {
    // the API takes a positive size; virsh reads a negative one as a shrinking delta
    if (!optBool(cmd, 'shrink')) fail(s, 'negative size requires --shrink');
    text = text.slice(1);
    delta = true;
  }
  if (delta) flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
  const capacity = volumeSize(s, text);
  const how = delta ? 'by' : 'to';
  await must(s, `Failed to change size of volume '${vol.name()}' ${how} ${text}`, () => vol.resize(capacity, flags));
  s.out.printExtra(`Size of volume '${vol.name()}' successfully changed ${how} ${text}\n`);
}

/** virshMakeCloneXML: the source's XML with the new name. */
function cloneXML(xml: string, newName: string): string {
  const escaped = newName.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return xml.replace(/<name>[^<]*<\/name>/, `<name>${escaped}</name>`);
}

async function cmdVolClone(s: Session, cmd: ParsedCommand): Promise<void> {
  using orig = await volumeOption(s, cmd);
  const flags = (optBool(cmd, 'prealloc-metadata') ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0)
    | (optBool(cmd, 'reflink') ? VIR_STORAGE_VOL_CREATE_REFLINK : 0);
  using pool = await orig.storagePoolLookupByVolume().catch(() => fail(s, 'failed to get parent pool'));
  const xml = cloneXML(await orig.xmlDesc(), optString(s, cmd, 'newname')!);
  if (optBool(cmd, 'print-xml')) {
    s.out.print(xml.endsWith('\n') ? xml : `${xml}\n`);
    return;
  }
  using copy = await must(s, `Failed to clone vol from ${orig.name()}`, () => pool.createXMLFrom(xml, orig, flags));
  s.out.printExtra(`Vol ${copy.name()} cloned from ${orig.name()}\n`);
}

async function cmdVolCreateFrom(s: Session, cmd: ParsedCommand): Promise<void> {
  using pool = await poolOption(s, cmd);
  const flags = (optBool(cmd, 'prealloc-metadata') ? VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA : 0)
    | (optBool(cmd, 'reflink') ? VIR_STORAGE_VOL_CREATE_REFLINK : 0)
    | (optBool(cmd, 'validate') ? VIR_STORAGE_VOL_CREATE_VALIDATE : 0);
  const file = optString(s, cmd, 'file')!;
  using input = await volumeOption(s, cmd, true, 'inputpool');
  const xml = await readXMLFile(s, file);
  using vol = await must(s, `Failed to create vol from ${file}`, () => pool.createXMLFrom(xml, input, flags));
  s.out.printExtra(`Vol ${vol.name()} created from input vol ${input.name()}\n`);
}

const offsetOptions = (what: string): OptionDef[] => [
  { name: 'offset', type: 'number', help: `volume offset to ${what}` },
  { name: 'length', type: 'number', help: `amount of data to ${what === 'upload to' ? 'upload' : 'download'}` },
  flag('sparse', 'keep holes as holes'),
];

const COMMANDS: CommandDef[] = [
  {
    name: 'vol-upload',
    summary: 'upload file contents to a volume',
    options: [VOL_ARG, FILE_ARG('file to read'), POOL_OPTIONAL, ...offsetOptions('upload to')],
    handler: cmdVolUpload,
  },
  {
    name: 'vol-download',
    summary: 'download volume contents to a file',
    options: [VOL_ARG, FILE_ARG('file to write'), POOL_OPTIONAL, ...offsetOptions('download from')],
    handler: cmdVolDownload,
  },
  {
    name: 'vol-wipe',
    summary: "overwrite a volume's data",
    options: [VOL_ARG, POOL_OPTIONAL, { name: 'algorithm', type: 'string', help: `wiping pattern (${WIPE_ALGORITHMS.join(', ')})` }],
    handler: cmdVolWipe,
  },
  {
    name: 'vol-resize',
    summary: "change a volume's capacity",
    options: [
      VOL_ARG,
      { name: 'capacity', type: 'data', required: true, help: 'new capacity, with an optional unit (default bytes)' },
      POOL_OPTIONAL,
      flag('allocate', 'allocate the added space instead of leaving it sparse'),
      flag('delta', 'add the capacity to the current size'),
      flag('shrink', 'allow the volume to get smaller'),
    ],
    handler: cmdVolResize,
  },
  {
    name: 'vol-clone',
    summary: 'copy a volume within its pool',
    options: [
      VOL_ARG,
      { name: 'newname', type: 'data', required: true, help: 'name of the copy' },
      POOL_OPTIONAL,
      flag('prealloc-metadata', 'preallocate metadata (qcow2)'),
      flag('reflink', 'share blocks with the source where the file system can'),
      flag('print-xml', 'only print the XML that would be used'),
    ],
    handler: cmdVolClone,
  },
  {
    name: 'vol-create-from',
    summary: 'create a volume from an XML file, copying another volume',
    options: [
      POOL_ARG,
      FILE_ARG('XML file describing the new volume'),
      VOL_ARG,
      { name: 'inputpool', type: 'string', help: "pool name or UUID of the input volume's pool" },
      flag('prealloc-metadata', 'preallocate metadata (qcow2)'),
      flag('reflink', 'share blocks with the source where the file system can'),
      flag('validate', 'check the XML against the schema first'),
    ],
    handler: cmdVolCreateFrom,
  },
];

/** By name, for the volume family to place in virsh's order. */
export const volumeContentCommands: Record<string, CommandDef> = Object.fromEntries(COMMANDS.map((c) => [c.name, c]));
