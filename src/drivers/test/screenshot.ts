/**
 * virDomainScreenshot on the test driver: as libvirt's, every domain shows the same PNG, the one
 * libvirt installs as its test screenshot (read from the installed libvirt, not shipped here).
 */
import { open } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import { testCheckFlags } from './errors.js';

export const TEST_SCREENSHOT = '/usr/share/libvirt/test-screenshot.png';

export async function screenshot(flags: number, path = TEST_SCREENSHOT): Promise<{ mime: string; stream: Duplex }> {
  testCheckFlags('testDomainScreenshot', flags, 0);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw virError(ErrorDomain.VIR_FROM_STREAMS, ErrorNumber.VIR_ERR_SYSTEM_ERROR,
      `Unable to open stream for '${path}': ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
  }
  const file = handle.createReadStream();
  const stream = new Duplex({
    read() { file.resume(); },
    // A download: a client writing into it gets the error libvirt's read-only file stream gives.
    write(_chunk, _enc, cb) { cb(virError(ErrorDomain.VIR_FROM_STREAMS, ErrorNumber.VIR_ERR_OPERATION_INVALID, 'cannot write to stream')); },
    destroy(err, cb) { file.destroy(); cb(err); },
  });
  file.on('data', (d) => { if (!stream.push(d)) file.pause(); });
  file.on('end', () => stream.push(null));
  file.on('error', (err) => stream.destroy(err));
  return { mime: 'image/png', stream };
}
