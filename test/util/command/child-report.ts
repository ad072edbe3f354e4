import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from '../../../src/util/command/index.js';

/**
 * A child that describes itself from the inside: a /bin/sh script reading /proc/$$ (its own
 * entries, so tools it forks do not blur the picture). The shell's PATH is set as a shell
 * variable only, which leaves the environment it was given (/proc/$$/environ) untouched.
 */
const REPORTER = `PATH=/usr/bin:/bin
echo "pid $$"
for f in /proc/$$/fd/*; do printf 'fd %s ' "\${f##*/}"; readlink "$f" 2>/dev/null || echo -; done
printf 'cwd '; readlink /proc/$$/cwd
read -r stat < /proc/$$/stat
echo "stat \${stat##*) }"
while IFS= read -r line; do echo "status $line"; done < /proc/$$/status
while IFS= read -r line; do echo "limit $line"; done < /proc/$$/limits
while IFS= read -r line; do echo "cgroup $line"; done < /proc/$$/cgroup
tr '\\0' '\\n' < /proc/$$/environ | sed 's/^/env /'
if [ "$1" = stdin ]; then printf 'stdin '; cat; echo; fi
`;

export interface ChildReport {
  pid: number;
  /** fd number to what it points at (`/dev/null`, `pipe:[123]`, a path). */
  fds: Map<number, string>;
  cwd: string;
  ppid: number;
  pgid: number;
  sid: number;
  /** Lines of /proc/self/status by field name (`CapEff`, `Uid`, `Umask`...). */
  status: Map<string, string>;
  /** /proc/self/limits lines. */
  limits: string[];
  cgroups: string[];
  env: Map<string, string>;
  stdin: string | null;
}

/** A command that runs the reporter (echoing its stdin too if asked); configure it, run it, parse its stdout. */
export function reporterCommand(readStdin = false): Command {
  return new Command('/bin/sh', ['-c', REPORTER, 'reporter', ...(readStdin ? ['stdin'] : [])]);
}

export function parseReport(text: string): ChildReport {
  const report: ChildReport = {
    pid: 0, fds: new Map(), cwd: '', ppid: 0, pgid: 0, sid: 0,
    status: new Map(), limits: [], cgroups: [], env: new Map(), stdin: null,
  };
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    const [kind, rest] = [line.slice(0, space), line.slice(space + 1)];
    if (kind === 'pid') report.pid = Number(rest);
    else if (kind === 'fd') {
      const [fd, target] = [rest.slice(0, rest.indexOf(' ')), rest.slice(rest.indexOf(' ') + 1)];
      if (target !== '-') report.fds.set(Number(fd), target);
    } else if (kind === 'cwd') report.cwd = rest;
    else if (kind === 'stat') {
      // fields after "(comm) ": state ppid pgrp session ...
      const fields = rest.split(' ');
      [report.ppid, report.pgid, report.sid] = [Number(fields[1]), Number(fields[2]), Number(fields[3])];
    } else if (kind === 'status') {
      const colon = rest.indexOf(':');
      report.status.set(rest.slice(0, colon), rest.slice(colon + 1).trim());
    } else if (kind === 'limit') report.limits.push(rest);
    else if (kind === 'cgroup') report.cgroups.push(rest);
    else if (kind === 'env') {
      const eq = rest.indexOf('=');
      report.env.set(rest.slice(0, eq), rest.slice(eq + 1));
    } else if (kind === 'stdin') report.stdin = rest;
  }
  report.fds = new Map([...report.fds].sort(([a], [b]) => a - b));
  return report;
}

/** Run a configured reporter command (stdout collected) and parse what the child said. */
export async function runReporter(command: Command): Promise<ChildReport> {
  await command.run();
  return parseReport(command.capturedOutput ?? '');
}

/** A limit's soft value from /proc/self/limits, e.g. `Max open files`. */
export function softLimit(report: ChildReport, name: string): string {
  const line = report.limits.find((l) => l.startsWith(name));
  if (line === undefined) throw new Error(`no limit ${name}`);
  return line.slice(name.length).trim().split(/\s+/)[0]!;
}

/** The compiled Command API and this module, for helper node processes the tests start. */
export const COMMAND_MODULE = fileURLToPath(new URL('../../../src/util/command/index.js', import.meta.url));
export const REPORT_MODULE = fileURLToPath(import.meta.url);

/** Our own fds above stderr, with what they point at. */
export function ownFds(): Map<number, string> {
  const fds = new Map<number, string>();
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      fds.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // the directory handle of this very listing, gone by now
    }
  }
  return fds;
}

/** Our child processes (zombies included), with their state and command line. */
export function ourChildren(): Array<{ pid: number; state: string; cmdline: string }> {
  const children = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'latin1').split(') ')[1]!.split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      children.push({ pid: Number(name), state: fields[0]!, cmdline: readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0$/, '') });
    } catch {
      // exited while we looked
    }
  }
  return children;
}
