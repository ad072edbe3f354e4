/**
 * The shell's history file against real virsh: the same sessions (piped lines, one-shot
 * commands, VIRSH_HISTSIZE values good and bad, XDG_CACHE_HOME, a cache directory that cannot be
 * made) run by virsh and by tsvirsh, each with a home of its own; the files left behind (content
 * and mode) and what was printed must match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TSVIRSH, haveVirsh } from './harness.js';

interface Run { args: string[]; stdin?: string; env?: Record<string, string> }

/** Every file under `dir` with its mode and content, and each run's output, `dir` written as $HOME. */
function session(program: string[], runs: Run[]): string {
  const home = mkdtempSync(join(tmpdir(), 'tsvirsh-history-'));
  try {
    let report = '';
    for (const run of runs) {
      const env = { PATH: process.env.PATH, HOME: home, LC_ALL: 'C', ...run.env };
      for (const [k, v] of Object.entries(env)) if (v) env[k as keyof typeof env] = v.split('$HOME').join(home);
      const r = spawnSync(program[0]!, [...program.slice(1), ...run.args], { input: run.stdin ?? '', env, encoding: 'utf8' });
      report += `$ ${run.args.join(' ')}\n${r.stdout}${r.stderr}[${r.status}]\n`;
    }
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      const mode = (statSync(path).mode & 0o777).toString(8);
      return e.isDirectory() ? [`${relative(home, path)}/ ${mode}`, ...walk(path)] : [`${relative(home, path)} ${mode}\n${readFileSync(path, 'utf8')}`];
    });
    return `${report.split(home).join('$HOME')}${walk(home).join('\n')}`;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const cases: Record<string, Run[]> = {
  'piped sessions add to one file, across sessions': [
    { args: ['-c', 'test:///default'], stdin: 'list\nuri\n\n  \nuri\n' },
    { args: ['-c', 'test:///default'], stdin: 'version\nquit\nnot read\n' },
  ],
  'one-shot commands leave no history': [{ args: ['-c', 'test:///default', 'uri'] }, { args: ['-c', 'test:///default', 'uri; list'] }],
  'VIRSH_HISTSIZE keeps the newest lines': [
    { args: ['-c', 'test:///default'], stdin: 'uri\nlist\nversion\n' },
    { args: ['-c', 'test:///default'], stdin: 'hostname\n', env: { VIRSH_HISTSIZE: '2' } },
    { args: ['-c', 'test:///default'], stdin: 'uri\n', env: { VIRSH_HISTSIZE: '0' } },
  ],
  'a bad VIRSH_HISTSIZE is reported and the history left alone': [
    { args: ['-c', 'test:///default'], stdin: 'uri\n' },
    { args: ['-c', 'test:///default'], stdin: 'list\n', env: { VIRSH_HISTSIZE: 'abc' } },
    { args: ['-c', 'test:///default'], stdin: 'list\n', env: { VIRSH_HISTSIZE: '600000' } },
    { args: ['-c', 'test:///default'], stdin: 'list\n', env: { VIRSH_HISTSIZE: '-1' } },
    { args: ['-c', 'test:///default'], stdin: 'list\n', env: { VIRSH_HISTSIZE: ' +3' } },
  ],
  'XDG_CACHE_HOME moves it': [{ args: ['-c', 'test:///default'], stdin: 'uri\n', env: { XDG_CACHE_HOME: '$HOME/elsewhere/cache' } }],
};

for (const [name, runs] of Object.entries(cases)) {
  test(`history: ${name}, as virsh`, { skip: haveVirsh ? false : 'virsh is not installed' }, () => {
    assert.equal(session([process.execPath, TSVIRSH], runs), session(['virsh'], runs));
  });
}

test('history: the directory error names the path and the reason', { skip: haveVirsh ? false : 'virsh is not installed' }, () => {
  const home = mkdtempSync(join(tmpdir(), 'tsvirsh-history-'));
  try {
    writeFileSync(join(home, 'a-file'), '');
    const env = { PATH: process.env.PATH, HOME: home, LC_ALL: 'C', XDG_CACHE_HOME: join(home, 'a-file') };
    const run = (program: string[]): string => {
      const r = spawnSync(program[0]!, [...program.slice(1), '-c', 'test:///default'], { input: 'uri\n', env, encoding: 'utf8' });
      return `${r.stderr}[${r.status}]`;
    };
    const theirs = run(['virsh']);
    assert.match(theirs, /Failed to create '.*a-file\/libvirt\/virsh': Not a directory/);
    assert.equal(run([process.execPath, TSVIRSH]), theirs);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
