/**
 * The shape of a protocol table: a program (number, version) and its procedures, each with the
 * codecs of its CALL payload (`args`), REPLY payload (`ret`) and, for events, MESSAGE payload
 * (`msg`), plus the annotations of the .x file that matter at run time.
 */
import type { Codec } from './codec.js';

export interface ProcedureInfo<A = unknown, R = unknown, M = unknown> {
  readonly number: number;
  /** The name without the program prefix: `CONNECT_OPEN`. */
  readonly name: string;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  /** Present for procedures that are only ever sent as MESSAGE (events). */
  readonly msg?: Codec<M>;
  /** `high`: cannot block on a hypervisor; libvirtd runs these on its priority workers. */
  readonly priority: 'high' | 'low';
  /** False only for the procedures an unauthenticated client may call. */
  readonly needAuth: boolean;
  readonly generate?: string;
  /** `object:permission[:flag]` rules, as annotated; `none` means no check. */
  readonly acl?: readonly string[];
  readonly aclFilter?: readonly string[];
  /** Procedures that open a stream: `read` carries data daemon → client, `write` client → daemon. */
  readonly stream?: { readonly direction: 'read' | 'write'; readonly param: number };
  /** The flag of the call that makes its stream sparse (holes allowed). */
  readonly sparseFlag?: string;
}

/** Identity helper that keeps each generated entry's literal codec types. */
export function procedure<A, R, M = never>(info: ProcedureInfo<A, R, M>): ProcedureInfo<A, R, M> {
  return info;
}

export type ArgsOf<P> = P extends ProcedureInfo<infer A, unknown, unknown> ? A : never;
export type RetOf<P> = P extends ProcedureInfo<unknown, infer R, unknown> ? R : never;
export type MsgOf<P> = P extends ProcedureInfo<unknown, unknown, infer M> ? M : never;

export interface Program {
  readonly name: string;
  readonly number: number;
  readonly version: number;
  readonly procedures: ReadonlyMap<number, ProcedureInfo<any, any, any>>;
}

/** Build a program from a generated `procedures` object. */
export function program(name: string, number: number, version: number, procedures: Record<string, ProcedureInfo<any, any, any>>): Program {
  return { name, number, version, procedures: new Map(Object.values(procedures).map((p) => [p.number, p])) };
}
