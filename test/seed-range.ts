/** The seeds a generated test runs: FROM-TO from the environment variable `name` when hunting, else 1 to `count`. */
export function seedRange(name: string, count: number): number[] {
  const m = /^(\d+)-(\d+)$/.exec(process.env[name] ?? '');
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [1, count];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
