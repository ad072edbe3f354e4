/**
 * Bindings of the entry points that open a data stream. The driver's result is the stream (a
 * Duplex) the client opens for the call's serial before sending it, and the daemon for the CALL
 * it answers; a reply that carries more (the screenshot's MIME type) binds it beside the stream
 * (`{ mime, stream }`). `proc.stream` says which way the data flows, `proc.sparseFlag` which flag
 * of the call makes the stream sparse.
 */
import * as C from '../../api/constants.js';
import type { ProcedureInfo } from '../../rpc/program.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { domain, same, storageVol } from './convert.js';

const dom = ['dom', domain] as const;
const vol = ['vol', storageVol] as const;
const flags = ['flags', same] as const;

export const streamBindings: Binding[] = [
  bind(P.DOMAIN_OPEN_CONSOLE, 'domainOpenConsole', [dom, ['dev_name', same], flags], null),
  bind(P.DOMAIN_OPEN_CHANNEL, 'domainOpenChannel', [dom, ['name', same], flags], null),
  bind(P.DOMAIN_SCREENSHOT, 'domainScreenshot', [dom, ['screen', same], flags], {
    toWire: (shot: { mime: string | null }) => ({ mime: shot.mime }),
    toDriver: (ret) => ({ mime: ret.mime }),
  }),
  bind(P.STORAGE_VOL_UPLOAD, 'storageVolUpload', [vol, ['offset', same], ['length', same], flags], null),
  bind(P.STORAGE_VOL_DOWNLOAD, 'storageVolDownload', [vol, ['offset', same], ['length', same], flags], null),
];

/** The flags the procedure tables name as @sparseflag, by name (a lookup in the whole constants module would make bundles build its namespace object). */
const SPARSE_FLAGS: Record<string, number> = {
  VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM: C.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM,
  VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM: C.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM,
};

/** libvirt's @sparseflag: whether a stream call's wire args ask for holes (both ends allow them then). */
export function isSparseCall(proc: ProcedureInfo<any, any, any>, args: unknown): boolean {
  if (!proc.sparseFlag) return false;
  const flag = SPARSE_FLAGS[proc.sparseFlag];
  if (flag === undefined) throw new Error(`no value for the sparse flag ${proc.sparseFlag}`);
  return ((args as { flags: number }).flags & flag) !== 0;
}
