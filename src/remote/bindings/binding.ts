/**
 * The binding format shared by both ends of the remote protocol: one entry ties a remote
 * procedure to a driver-contract method and says how its arguments and result cross the wire.
 *
 *   daemon:  wire args --driverArgs()--> driver method --wireRet()--> wire ret
 *   client:  driver args --wireArgs()--> wire args ... wire ret --driverRet()--> driver result
 *
 * Bindings are data built with `bind()` from converters (`Conv`), so each procedure is one line.
 */
import type { DriverMethod } from '../../drivers/types.js';
import type { ArgsOf, ProcedureInfo, Program, RetOf } from '../../rpc/program.js';
import { remoteProgram } from '../../rpc/protocol/remote.js';

/** A two-way conversion between a wire value W and a driver-contract value D. */
export interface Conv<W, D> {
  toDriver(w: W): D;
  toWire(d: D): W;
}

export interface Binding {
  /** The program the procedure belongs to: REMOTE, or QEMU / LXC for libvirt-qemu and libvirt-lxc. */
  readonly program: Program;
  readonly proc: ProcedureInfo<any, any, any>;
  readonly method: DriverMethod;
  /**
   * Kept for clients that use an older procedure for this method (DOMAIN_DESTROY for
   * domainDestroyFlags): a daemon serves it, a client uses the non-legacy binding.
   */
  readonly legacy: boolean;
  /** The public function whose name errors quote, when it differs from the method's own. */
  readonly api?: string;
  /** File descriptors that travel beside the wire values (see FdSpec). */
  readonly fds?: FdSpec;
  /** Daemon: the driver method's arguments from the call's wire args (and the call's descriptors). */
  driverArgs(args: any, fds?: number[]): unknown[];
  /** Client: the call's wire args from the driver method's arguments. */
  wireArgs(driverArgs: readonly unknown[]): any;
  /** Daemon: the reply's wire ret from the driver method's result (and the call's wire args). */
  wireRet(result: any, args: any): any;
  /** Client: the driver method's result from the reply's wire ret (and the call's driver args). */
  driverRet(ret: any, driverArgs: readonly unknown[]): any;
}

type Field<A> = readonly [keyof A & string, Conv<any, any>];

/**
 * Descriptors of a call or reply: `{ arg }` is the driver argument sent as the call's descriptors
 * (a list, or `one` descriptor), not a wire field; `'result'` is a driver result that is one
 * descriptor, sent as the reply's; `'results'` a driver result that is a list of them.
 */
export type FdSpec = { arg: number; one?: boolean } | 'result' | 'results';

/** How a result crosses: nothing, one field of the ret struct, or a custom pair. */
export type RetSpec<R> =
  | null
  | readonly [keyof R & string, Conv<any, any>]
  | { toWire(result: any, args: any): R; toDriver(ret: R, driverArgs: readonly unknown[]): any };

export interface BindOptions<A> {
  legacy?: boolean;
  api?: string;
  /** Wire fields a client always sends with these values (`need_results: 1`). */
  wireConst?: Partial<A>;
  /** Driver arguments a daemon appends after the mapped ones (the flags a legacy call lacks). */
  driverTail?: readonly unknown[];
  fds?: FdSpec;
  /** The procedure's program when it is not REMOTE. */
  program?: Program;
}

/**
 * Bind `proc` to `method`: `args` lists the wire fields in the order of the method's parameters,
 * each with its converter.
 */
export function bind<P extends ProcedureInfo<any, any, any>>(
  proc: P, method: DriverMethod, args: readonly Field<ArgsOf<P>>[], ret: RetSpec<RetOf<P>>, options: BindOptions<ArgsOf<P>> = {},
): Binding {
  const tail = options.driverTail ?? [];
  const fdArg = typeof options.fds === 'object' ? options.fds : null;
  // The driver index of wire field i: the descriptor argument is not a wire field.
  const at = (i: number) => (fdArg && i >= fdArg.arg ? i + 1 : i);
  return {
    program: options.program ?? remoteProgram,
    proc,
    method,
    legacy: options.legacy ?? false,
    api: options.api,
    fds: options.fds,
    driverArgs: (a, fds = []) => {
      const out = [...args.map(([k, c]) => c.toDriver(a[k])), ...tail];
      if (fdArg) out.splice(fdArg.arg, 0, fdArg.one ? (fds[0] ?? -1) : fds);
      return out;
    },
    wireArgs: (d) => {
      const out: Record<string, unknown> = { ...(options.wireConst ?? {}) };
      args.forEach(([k, c], i) => { out[k] = c.toWire(d[at(i)]); });
      return out;
    },
    wireRet: (result, a) => {
      if (ret === null) return undefined;
      if (Array.isArray(ret)) return { [ret[0]]: (ret[1] as Conv<unknown, unknown>).toWire(result) };
      return (ret as Exclude<RetSpec<unknown>, null | readonly unknown[]>).toWire(result, a);
    },
    driverRet: (r, d) => {
      if (ret === null) return undefined;
      if (Array.isArray(ret)) return (ret[1] as Conv<unknown, unknown>).toDriver(r[ret[0]]);
      return (ret as { toDriver(ret: unknown, d: readonly unknown[]): unknown }).toDriver(r, d);
    },
  };
}

/**
 * A binding whose ends refuse arguments before the call goes out (`client`, on the driver
 * arguments) or before the driver runs (`daemon`, on the wire arguments): the size limits
 * libvirt's remote driver and libvirtd check by hand, each with its own words.
 */
export function withLimits(b: Binding, limits: { client?: (driverArgs: readonly unknown[]) => void; daemon?: (wireArgs: any) => void }): Binding {
  return {
    ...b,
    wireArgs: (d) => { limits.client?.(d); return b.wireArgs(d); },
    driverArgs: (a, fds) => { limits.daemon?.(a); return b.driverArgs(a, fds); },
  };
}
