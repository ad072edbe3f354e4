/** tsvirtd's command line, as libvirtd's: short and long options, values separate or `--opt=value`. */

export interface DaemonArgs {
  config: string | null;
  listen: boolean;
  pidFile: string | null;
  daemon: boolean;
  timeout: number;
  verbose: boolean;
  version: boolean;
  help: boolean;
  /** Serve one client on stdin/stdout instead of listening (the ssh transport). */
  stdio: boolean;
}

export class UsageError extends Error {}

const WITH_VALUE: Record<string, keyof DaemonArgs> = {
  '-f': 'config', '--config': 'config', '-p': 'pidFile', '--pid-file': 'pidFile', '-t': 'timeout', '--timeout': 'timeout',
};
const FLAGS: Record<string, keyof DaemonArgs> = {
  '-l': 'listen', '--listen': 'listen', '-d': 'daemon', '--daemon': 'daemon', '-v': 'verbose', '--verbose': 'verbose',
  '--version': 'version', '-V': 'version', '-h': 'help', '--help': 'help', '--stdio': 'stdio',
};

export function parseArgs(argv: readonly string[]): DaemonArgs {
  const out: DaemonArgs = { config: null, listen: false, pidFile: null, daemon: false, timeout: 0, verbose: false, version: false, help: false, stdio: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let value: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) { value = a.slice(eq + 1); a = a.slice(0, eq); }
    const flag = FLAGS[a];
    if (flag) {
      if (value !== undefined) throw new UsageError(`option '${a}' doesn't allow an argument`);
      (out as unknown as Record<string, unknown>)[flag] = true;
      continue;
    }
    const key = WITH_VALUE[a];
    if (!key) throw new UsageError(`unrecognized option '${argv[i]}'\n${usage()}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option '${a}' requires an argument`);
      value = argv[++i];
    }
    if (key === 'timeout') {
      if (!/^[0-9]+$/.test(value) || Number(value) <= 0) throw new UsageError(`Invalid value for timeout '${value}'`);
      out.timeout = Number(value);
    } else {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

export function usage(): string {
  return `Usage: tsvirtd [options]

Options:
  -h | --help            Display this help and exit
  -v | --verbose         Log more (info level)
  -d | --daemon          Run in the background
  -l | --listen          Listen for TCP connections (needs listen_tcp = 1 in the config)
  -t | --timeout SECS    Exit after SECS seconds without clients
  -f | --config FILE     Configuration file (libvirtd.conf syntax)
  -p | --pid-file FILE   Pid file
  -V | --version         Display the version and exit
       --stdio           Serve one client on stdin/stdout (for the ssh transport), no sockets

Sockets: tsvirt-sock (read-write, mode 0700) and tsvirt-sock-ro (read-only, mode 0777) in
unix_sock_dir: /run/tsvirt for root, $XDG_RUNTIME_DIR/tsvirt for a user.
`;
}
