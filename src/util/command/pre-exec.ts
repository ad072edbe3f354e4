import { readFileSync } from 'node:fs';
import { resolveBinary } from './binary.js';
import type { ChildSetup, LimitValue, ResourceLimits } from './types.js';

/*
 * JavaScript cannot run in the child between fork and exec, so what libvirt does there in C is
 * done by small exec-ing helpers put in front of the command: a fixed Perl script (close fds,
 * cgroup, umask, stderr onto stdout), `prlimit` (resource limits), `setpriv` (uid, gid,
 * capabilities). Each execs the next; caller data only ever travels as separate argv words.
 *
 * Perl rather than a shell: shells rewrite the environment they pass on (PWD, SHLVL, IFS, PPID,
 * names that are not identifiers), and dash cannot name fds above 9. The script runs with an
 * empty environment (so no PERL5OPT can steer it) and receives the child's one through a pipe,
 * never on its command line where other users could read it.
 */
const HELPER_SCRIPT = String.raw`
my %opt;
while (@ARGV) { my $word = shift @ARGV; last if $word eq '--'; my ($key, $value) = split /=/, $word, 2; $opt{$key} = $value; }
sub fail { print STDERR "$_[0]: $!\n"; exit 126; }
open(my $in, '<&=', $opt{env}) or fail('cannot read the child environment');
my $data = do { local $/; <$in> } // '';
close $in;
%ENV = ();
for my $entry (split /\0/, $data) { my ($name, $value) = split /=/, $entry, 2; $ENV{$name} = $value; }
my %keep = map { $_ => 1 } 0, 1, 2, split(/,/, $opt{keep});
opendir(my $dir, '/proc/self/fd') or fail('cannot list open files');
my @unwanted = grep { /^\d+$/ && !$keep{$_} } readdir $dir;
closedir $dir;
for my $fd (@unwanted) { open(my $handle, '<&=', $fd) and close $handle; }
if (defined $opt{cgroup}) {
  open(my $procs, '>', "$opt{cgroup}/cgroup.procs") or fail("cannot move to cgroup $opt{cgroup}");
  print $procs "$$\n";
  close $procs or fail("cannot move to cgroup $opt{cgroup}");
}
umask(oct $opt{umask}) if defined $opt{umask};
if (exists $opt{'stderr-to-stdout'}) { open(STDERR, '>&', \*STDOUT) or fail('cannot send stderr to stdout'); }
exec { $ARGV[0] } @ARGV;
fail("cannot execute binary $ARGV[0]");
`;

const CAP_SETPCAP = 8n;

let canDropBoundingSet: boolean | null = null;

/** Lowering the bounding set needs CAP_SETPCAP; without it only the inheritable set is cleared. */
function hasSetpcap(): boolean {
  if (canDropBoundingSet === null) {
    const status = readFileSync('/proc/self/status', 'latin1');
    const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0';
    canDropBoundingSet = ((BigInt(`0x${effective}`) >> CAP_SETPCAP) & 1n) === 1n;
  }
  return canDropBoundingSet;
}

/** Whether the passwd database lists uid, so that setpriv can look up its groups. */
function userExists(uid: number): boolean {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').some((line) => line.split(':')[2] === String(uid));
  } catch {
    return false;
  }
}

/** The Perl step's words, or none when nothing asks for it; `envFd` is where it reads the environment. */
function helperStep(setup: ChildSetup, passFds: readonly number[], envFd: number): string[] {
  if (!setup.closeInherited && setup.cgroup === null && setup.umask === null && !setup.stderrIntoStdout) return [];
  const options = [`env=${envFd}`, `keep=${passFds.join(',')}`];
  if (setup.cgroup !== null) options.push(`cgroup=${setup.cgroup}`);
  if (setup.umask !== null) options.push(`umask=${setup.umask.toString(8).padStart(4, '0')}`);
  if (setup.stderrIntoStdout) options.push('stderr-to-stdout');
  return [resolveBinary('perl'), '-e', HELPER_SCRIPT, '--', ...options, '--'];
}

const LIMIT_OPTIONS: Record<keyof ResourceLimits, string> = {
  maxFiles: 'nofile',
  maxProcesses: 'nproc',
  maxMemLock: 'memlock',
  maxCoreSize: 'core',
};

function limitsStep(limits: Readonly<ResourceLimits>): string[] {
  const options = Object.entries(limits)
    .filter((entry): entry is [keyof ResourceLimits, LimitValue] => entry[1] !== undefined)
    .map(([name, value]) => `--${LIMIT_OPTIONS[name]}=${value}:${value}`);
  return options.length > 0 ? [resolveBinary('prlimit'), ...options, '--'] : [];
}

function privilegesStep(setup: ChildSetup): string[] {
  if (setup.uid === null && setup.gid === null && !setup.clearCaps) return [];
  const options: string[] = [];
  if (setup.gid !== null) options.push(`--regid=${setup.gid}`);
  if (setup.uid !== null) options.push(`--reuid=${setup.uid}`);
  // like libvirt: the user's own groups when it has an entry, else just the gid
  if (setup.uid !== null && userExists(setup.uid)) options.push('--init-groups');
  else if (setup.gid !== null) options.push(`--groups=${setup.gid}`);
  else if (setup.uid !== null) options.push('--clear-groups');
  if (setup.clearCaps) {
    options.push('--inh-caps=-all', '--ambient-caps=-all');
    if (hasSetpcap()) options.push('--bounding-set=-all');
  }
  return [resolveBinary('setpriv'), ...options, '--'];
}

/** The helpers to exec before the binary, and the fd on which the Perl step wants the environment. */
export interface PreExecPlan {
  readonly prefix: readonly string[];
  /** null when there is no Perl step: the environment then goes the usual way. */
  readonly envFd: number | null;
}

/**
 * Outermost first: the Perl step runs while we still hold every privilege (cgroup.procs may
 * need them), limits are raised before capabilities go.
 */
export function planPreExec(setup: ChildSetup, passFds: readonly number[]): PreExecPlan {
  const envFd = Math.max(2, ...passFds) + 1;
  const helper = helperStep(setup, passFds, envFd);
  return {
    prefix: [...helper, ...limitsStep(setup.limits), ...privilegesStep(setup)],
    envFd: helper.length > 0 ? envFd : null,
  };
}
