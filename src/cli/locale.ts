/**
 * What virsh's `setlocale(LC_ALL, "")` makes of the environment, as glibc resolves it: each
 * category's locale from LC_ALL, then LC_<category>, then LANG; the call fails (and virsh says
 * so on stderr, staying in the C locale) when any of them is not installed. The character type
 * decides whether readline draws lines byte by byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CATEGORIES = ['LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES', 'LC_PAPER',
  'LC_NAME', 'LC_ADDRESS', 'LC_TELEPHONE', 'LC_MEASUREMENT', 'LC_IDENTIFICATION'];
const SYSTEM_LOCALES = '/usr/lib/locale';

export interface LocaleOutcome {
  /** setlocale failed: virsh prints `setlocale: No such file or directory`. */
  failed: boolean;
  /** The character type is a UTF-8 one (readline's multibyte mode). */
  utf8: boolean;
}

/** glibc's spelling of a codeset in locale names: lower case, letters and digits only. */
function normalizedName(name: string): string {
  return name.replace(/\.([^@]*)/, (_, codeset: string) => `.${codeset.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}

function installed(name: string, env: NodeJS.ProcessEnv, archive: () => Buffer | null): boolean {
  if (name === 'C' || name === 'POSIX') return true;
  if (name.includes('/') || name.startsWith('.')) return false;
  const names = [...new Set([name, normalizedName(name)])];
  const dirs = env.LOCPATH ? env.LOCPATH.split(':').filter(Boolean) : [SYSTEM_LOCALES];
  if (names.some((n) => dirs.some((dir) => existsSync(join(dir, n, 'LC_CTYPE'))))) return true;
  // The archive holds the locales locale-gen compiled; their names are stored as C strings.
  const data = env.LOCPATH ? null : archive();
  return data !== null && names.some((n) => data.includes(Buffer.from(`\0${n}\0`, 'latin1')));
}

export function resolveLocale(env: NodeJS.ProcessEnv): LocaleOutcome {
  let archiveData: Buffer | null | undefined;
  const archive = (): Buffer | null => {
    if (archiveData === undefined) {
      try {
        archiveData = readFileSync(join(SYSTEM_LOCALES, 'locale-archive'));
      } catch {
        archiveData = null;
      }
    }
    return archiveData;
  };
  const chosen = (category: string): string => env.LC_ALL || env[category] || env.LANG || 'C';
  const failed = CATEGORIES.some((category) => !installed(chosen(category), env, archive));
  const ctype = chosen('LC_CTYPE');
  return { failed, utf8: !failed && /\.utf-?8(@|$)/i.test(ctype) };
}

let processOutcome: LocaleOutcome | null = null;
/** The locale of this process's environment, resolved once as virsh resolves it at start. */
export function cliLocale(): LocaleOutcome {
  processOutcome ??= resolveLocale(process.env);
  return processOutcome;
}
