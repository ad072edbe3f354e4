/** An argument list under construction, with the two shapes libvirt writes: JSON and key=value. */

export class ArgList {
  readonly args: string[] = [];

  add(...args: string[]): void {
    this.args.push(...args);
  }

  /** `-device` (or `-object`, `-blockdev`, `-audiodev`) with a JSON object in insertion order. */
  json(option: string, props: Record<string, unknown>): void {
    this.args.push(option, JSON.stringify(dropUndefined(props)));
  }
}

function dropUndefined(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}
