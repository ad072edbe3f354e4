/** A minimal writer of the cpio "newc" format the Linux kernel unpacks as an initramfs. */

export interface CpioEntry {
  path: string; // no leading slash
  /** Full st_mode: type bits and permissions, e.g. 0o100755 for an executable file. */
  mode: number;
  data?: Buffer;
  /** For device nodes. */
  rdev?: { major: number; minor: number };
}

const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function header(ino: number, entry: CpioEntry, size: number, nameSize: number): string {
  const fields = [
    ino, entry.mode, 0, 0, 1, 0, size, 0, 0, entry.rdev?.major ?? 0, entry.rdev?.minor ?? 0, nameSize, 0,
  ];
  return '070701' + fields.map((f) => f.toString(16).padStart(8, '0')).join('');
}

/** The archive holding `entries` in order, ended by the trailer record. */
export function buildCpio(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  const records = [...entries, { path: 'TRAILER!!!', mode: 0 }];
  records.forEach((entry, i) => {
    const data = entry.data ?? Buffer.alloc(0);
    const name = Buffer.from(`${entry.path}\0`);
    const head = Buffer.from(header(i + 1, entry, data.length, name.length));
    parts.push(head, name, Buffer.alloc(pad4(head.length + name.length)), data, Buffer.alloc(pad4(data.length)));
  });
  return Buffer.concat(parts);
}
