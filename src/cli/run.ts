/**
 * The order virsh follows: global options, the command words parsed before anything runs,
 * the connection opened up front only when -c named one, then one batch of commands or the
 * line-by-line shell (a terminal gets line editing; a pipe gets virsh's echoed prompts).
 */
import { ShellHistory } from './history.js';
import { ArgvTokens, StringTokens } from './tokens.js';
import { parseGlobalOptions } from './global-options.js';
import { Session, loadLibrary } from './session.js';
import { Level } from './output.js';
import { usage } from './usage.js';
import { versionString, versionReport } from './features.js';
import { cliLocale } from './locale.js';

const stdoutSink = { write: (text: string) => void process.stdout.write(text) };
const stderrSink = { write: (text: string) => void process.stderr.write(text) };

export async function runTsvirsh(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // virsh sets the locale first of all, and says so when the environment names one not installed.
  if (cliLocale().failed) stderrSink.write('setlocale: No such file or directory\n');
  const { options, action } = parseGlobalOptions(argv);
  const session = new Session({
    connname: options.connect ?? null,
    readonly: options.readonly,
    timing: options.timing,
    keepaliveInterval: options.keepaliveInterval,
    keepaliveCount: options.keepaliveCount,
    escape: options.escape ?? '^]',
  }, stdoutSink, stderrSink);
  const out = session.out;
  // virsh reads VIRSH_DEBUG and VIRSH_LOG_FILE before its options (a log it cannot open ends it).
  applyDebugEnv(session, env);
  if (env.VIRSH_LOG_FILE && !out.openLog(env.VIRSH_LOG_FILE)) {
    out.error('failed to open the log file. check the log file path');
    return 1;
  }
  out.quiet = options.quiet;
  for (const warning of options.warnings) out.error(warning);
  for (const file of options.logs) {
    if (!out.openLog(file)) {
      out.error('failed to open the log file. check the log file path');
      return 1;
    }
  }
  switch (action.kind) {
    case 'error':
      out.error(action.message);
      return 1;
    case 'help':
      out.print(usage(session.table.families));
      out.flush();
      return 0;
    case 'version': {
      const lib = await loadLibrary();
      out.print(action.long ? versionReport(lib) : `${versionString(lib.LIB_VERSION)}\n`);
      out.flush();
      return 0;
    }
    case 'run':
      break;
  }
  if (options.debug !== undefined) out.debugLevel = options.debug;

  const rest = action.rest;
  session.imode = rest.length === 0;
  let commands = null;
  if (!session.imode) {
    if (rest.length === 1) out.debug(Level.Info, `commands: "${rest[0]}"\n`);
    commands = session.parse(rest.length === 1 ? new StringTokens(rest[0]!) : new ArgvTokens(rest));
    if (!commands) return finish(session, false);
  }
  // Once the options are parsed virsh reads VIRSH_DEBUG again while the level is still its default
  // (error): neither the first reading nor -d moved it, or -d named the default itself.
  if (out.debugLevel === Level.Error) applyDebugEnv(session, env);
  if (session.imode) session.history = ShellHistory.open(env, out);
  if (session.settings.connname !== null && !(await session.reconnect(null, false, false))) {
    session.reportError();
    return finish(session, false);
  }
  session.settings.connname ??= env.VIRSH_DEFAULT_CONNECT_URI || null;

  if (commands) return finish(session, await session.run(commands));
  const { runShell } = await import('./interactive.js');
  await runShell(session);
  return finish(session, true);
}

/** VIRSH_DEBUG: a valid level sets the debug level; anything else is reported. */
function applyDebugEnv(session: Session, env: NodeJS.ProcessEnv): void {
  const text = env.VIRSH_DEBUG;
  if (text === undefined) return;
  const level = /^[ \t]*[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!(level >= 0 && level <= 4)) {
    session.out.error('VIRSH_DEBUG not set with a valid numeric value');
    return;
  }
  session.out.debugLevel = level;
}

async function finish(session: Session, ok: boolean): Promise<number> {
  session.history?.save(session.out);
  await session.close();
  session.out.flush();
  session.out.closeLog();
  return ok ? 0 : 1;
}
