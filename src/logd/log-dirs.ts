/**
 * Which paths the log daemon writes and reads: only files inside its configured log
 * directories. virtlogd trusts its (root) clients with any path; tsvirtlogd refuses the rest so
 * that a confused or hostile client cannot make it create, truncate or read other files.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, normalize, sep } from 'node:path';
import { ErrorDomain, ErrorNumber, virError } from '../errors/index.js';

function denied(detail: string) {
  return virError(ErrorDomain.VIR_FROM_LOGGING, ErrorNumber.VIR_ERR_OPERATION_DENIED, detail);
}

function within(dir: string, path: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

export class LogDirs {
  readonly dirs: readonly string[];

  constructor(dirs: readonly string[]) {
    this.dirs = dirs.map((d) => normalize(d));
  }

  /**
   * Returns `path` if it names a file inside a log directory: absolute, already normal (no `..`,
   * no `//`), its real parent inside the real log directory, and not itself a symbolic link.
   */
  check(path: string): string {
    if (!isAbsolute(path) || normalize(path) !== path || path.endsWith(sep) || path.includes('\0')) {
      throw denied(`log file path '${path}' must be absolute and normalized`);
    }
    const dir = this.dirs.find((d) => within(d, path));
    if (dir === undefined) {
      throw denied(`log file '${path}' is outside the log directories (${this.dirs.join(', ')})`);
    }
    let realDir: string;
    let realParent: string;
    try {
      realDir = realpathSync(dir);
      realParent = realpathSync(dirname(path));
    } catch {
      throw denied(`log file '${path}' is not in an existing directory`);
    }
    if (realParent !== realDir && !within(realDir, realParent)) {
      throw denied(`log file '${path}' leads outside the log directories`);
    }
    try {
      if (lstatSync(path).isSymbolicLink()) throw denied(`log file '${path}' is a symbolic link`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return path;
  }
}
