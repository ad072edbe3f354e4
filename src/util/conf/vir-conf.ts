import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { ErrorDomain, ErrorNumber, virError, type VirError } from '../../errors/index.js';
import { systemError } from '../../log/index.js';
import { parseConfEntries } from './parser.js';
import type { ConfEntry, ConfValue } from './value.js';

/** libvirt refuses config files above 10 MiB. */
const MAX_CONFIG_FILE_SIZE = 10 * 1024 * 1024;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;

/**
 * A parsed libvirt config file with libvirt's typed getters. Each getter returns undefined when
 * the setting is absent (the first of repeated settings wins) and throws libvirt's error
 * (VIR_FROM_CONF) when it has the wrong type or range.
 */
export class VirConf {
  private constructor(readonly filename: string, readonly entries: readonly ConfEntry[]) {}

  /** Parse text; error messages name it `memory conf` unless a filename is given. */
  static parse(text: string, filename = 'memory conf'): VirConf {
    return new VirConf(filename, parseConfEntries(text, filename));
  }

  /** Read and parse a file, with libvirt's errors for an unreadable or oversized one. */
  static readFile(path: string): VirConf {
    let text: Buffer;
    try {
      text = readFileSync(path);
    } catch (err) {
      const failedRead = (err as NodeJS.ErrnoException).code === 'EISDIR';
      throw systemError(ErrorDomain.VIR_FROM_CONF, err as NodeJS.ErrnoException,
        `Failed to ${failedRead ? 'read' : 'open'} file '${path}'`);
    }
    if (text.length > MAX_CONFIG_FILE_SIZE) {
      const overflow = { errno: -constants.errno.EOVERFLOW } as NodeJS.ErrnoException;
      throw systemError(ErrorDomain.VIR_FROM_CONF, overflow, `Failed to read file '${path}'`);
    }
    return VirConf.parse(text.toString('utf8'), path);
  }

  /** The raw value of a setting, or undefined. */
  get(name: string): ConfValue | undefined {
    return this.entries.find((e) => e.name === name)?.value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Setting names in file order. */
  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  private typeError(name: string, expected: string, code: number = ErrorNumber.VIR_ERR_INTERNAL_ERROR): VirError {
    return virError(ErrorDomain.VIR_FROM_CONF, code, `${this.filename}: expected ${expected} for '${name}' parameter`);
  }

  private rangeError(name: string, range: string): VirError {
    return virError(ErrorDomain.VIR_FROM_CONF, ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      `${this.filename}: value for '${name}' parameter must be ${range}`);
  }

  getString(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (value.type !== 'string') throw this.typeError(name, 'a string');
    return value.value;
  }

  /** A list of strings; with `acceptString`, a lone string reads as a one-item list. */
  getStringList(name: string, acceptString = false): string[] | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (value.type === 'list') {
      return value.value.map((item) => {
        if (item.type !== 'string') throw this.typeError(name, 'a string list', ErrorNumber.VIR_ERR_CONF_SYNTAX);
        return item.value;
      });
    }
    if (value.type === 'string' && acceptString) return [value.value];
    throw this.typeError(name, acceptString ? 'a string or string list' : 'a string list');
  }

  /** 0 or 1, written without a sign. */
  getBool(name: string): boolean | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (value.type !== 'ullong') throw this.typeError(name, 'a bool');
    if (BigInt.asUintN(64, value.value) > 1n) throw this.rangeError(name, '0 or 1');
    return value.value === 1n;
  }

  getInt(name: string): number | undefined {
    const value = this.integer(name, 'a signed integer', true);
    if (value === undefined) return undefined;
    if (value > INT_MAX || value < INT_MIN) throw this.rangeError(name, `in range ${INT_MIN}:${INT_MAX}`);
    return Number(value);
  }

  getUInt(name: string): number | undefined {
    const value = this.integer(name, 'an unsigned integer', false);
    if (value === undefined) return undefined;
    if (BigInt.asUintN(64, value) > UINT_MAX) throw this.rangeError(name, `in range 0:${UINT_MAX}`);
    return Number(value);
  }

  getLLong(name: string): bigint | undefined {
    const value = this.integer(name, 'a signed integer', true);
    if (value === undefined) return undefined;
    // A number written without a sign is stored unsigned; past LLONG_MAX it wrapped negative.
    if (this.get(name)?.type === 'ullong' && value < 0n) {
      throw this.rangeError(name, `in range ${-(2n ** 63n)}:${2n ** 63n - 1n}`);
    }
    return value;
  }

  getULLong(name: string): bigint | undefined {
    const value = this.integer(name, 'an unsigned integer', false);
    return value === undefined ? undefined : BigInt.asUintN(64, value);
  }

  private integer(name: string, expected: string, signedAllowed: boolean): bigint | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (value.type === 'ullong' || (signedAllowed && value.type === 'llong')) return value.value;
    throw this.typeError(name, expected);
  }
}
