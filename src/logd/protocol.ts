/**
 * What tsvirtlogd speaks: virtlogd's program (log_protocol.x, generated in src/rpc) plus one
 * procedure of our own in a separate program, the stand-in for the file descriptor that
 * virtlogd's open procedure sends back over the socket.
 */
import { opaque, string, struct, uint } from '../rpc/codec.js';
import { procedure, program } from '../rpc/program.js';
import * as log from '../rpc/protocol/log.js';

export const LOG_STRING_MAX = log.VIR_LOG_MANAGER_PROTOCOL_STRING_MAX;

/*
 * Log contents travel as XDR `string`s in log_protocol.x. A guest may write any bytes, and
 * `string<>` and `opaque<>` have the same wire form, so read data and appended messages are
 * carried as bytes here instead of being decoded as text.
 */
const readLogFileRet = struct({ data: opaque(LOG_STRING_MAX) });
const appendLogFileArgs = struct({
  driver: log.virLogManagerProtocolNonNullString,
  dom: log.virLogManagerProtocolDomain,
  path: log.virLogManagerProtocolNonNullString,
  message: opaque(LOG_STRING_MAX),
  flags: uint,
});

export const logProcedures = {
  ...log.procedures,
  DOMAIN_READ_LOG_FILE: procedure({ ...log.procedures.DOMAIN_READ_LOG_FILE, ret: readLogFileRet }),
  DOMAIN_APPEND_LOG_FILE: procedure({ ...log.procedures.DOMAIN_APPEND_LOG_FILE, args: appendLogFileArgs }),
} as const;

export const logManagerProgram = program('LOG', log.VIR_LOG_MANAGER_PROTOCOL_PROGRAM,
  log.VIR_LOG_MANAGER_PROTOCOL_PROGRAM_VERSION, logProcedures);

/** "tsvl": tsvirt's log pipe program, served next to virtlogd's on the same socket. */
export const LOG_PIPE_PROGRAM = 0x7473766c;
export const LOG_PIPE_PROGRAM_VERSION = 1;

const openLogPipeRet = struct({
  pos: log.virLogManagerProtocolLogFilePosition,
  /** The FIFO whose writing end replaces virtlogd's passed fd. */
  pipe: string(4096),
});

export const logPipeProcedures = {
  DOMAIN_OPEN_LOG_PIPE: procedure({
    number: 1, name: 'DOMAIN_OPEN_LOG_PIPE', args: log.virLogManagerProtocolDomainOpenLogFileArgs,
    ret: openLogPipeRet, priority: 'low', needAuth: true,
  }),
} as const;

export const logPipeProgram = program('LOG_PIPE', LOG_PIPE_PROGRAM, LOG_PIPE_PROGRAM_VERSION, logPipeProcedures);
