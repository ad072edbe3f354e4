/**
 * One call (of the REMOTE program unless told another) on a connection, with the errors a client should see: an old daemon
 * that lacks the procedure answers "unknown procedure" (VIR_ERR_RPC); we report that as
 * VIR_ERR_NO_SUPPORT naming the procedure, so callers can tell "missing" from "failed".
 * The caller's `withAbortSignal` scope, if any, cancels the call.
 */
import { currentAbortSignal } from '../../api/call-scope.js';
import { ErrorDomain, ErrorNumber, isVirError, virError } from '../../errors/index.js';
import type { CallOptions, RpcConnection } from '../../rpc/connection.js';
import type { ProcedureInfo, Program } from '../../rpc/program.js';
import { remoteProgram } from '../../rpc/protocol/remote.js';

export async function remoteCall<A, R>(rpc: RpcConnection, proc: ProcedureInfo<A, R, unknown>, args: A, options?: CallOptions, program: Program = remoteProgram): Promise<R> {
  const signal = options?.signal ?? currentAbortSignal();
  try {
    return await rpc.invoke(program, proc, args, signal && !options?.signal ? { ...options, signal } : options);
  } catch (err) {
    throw unsupportedByDaemon(err, program, proc) ?? err;
  }
}

function unsupportedByDaemon(err: unknown, program: Program, proc: ProcedureInfo<any, any, any>): Error | null {
  if (!isVirError(err) || err.code !== ErrorNumber.VIR_ERR_RPC || !/^unknown procedure: \d+$/.test(err.message)) return null;
  return virError(ErrorDomain.VIR_FROM_REMOTE, ErrorNumber.VIR_ERR_NO_SUPPORT,
    `the daemon does not know ${program.name}_PROC_${proc.name} (${proc.number}); it is older than this client`);
}
