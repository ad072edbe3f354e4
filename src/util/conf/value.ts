/** A value of libvirt's config syntax, typed as virconf keeps it. */
export type ConfValue =
  | { readonly type: 'string'; readonly value: string }
  /** Written with a leading `-`: a signed number. */
  | { readonly type: 'llong'; readonly value: bigint }
  /** Written without `-` (digits, optionally `+`): unsigned. */
  | { readonly type: 'ullong'; readonly value: bigint }
  | { readonly type: 'list'; readonly value: readonly ConfValue[] };

/** One `name = value` line, with its trailing `# comment` if any. */
export interface ConfEntry {
  readonly name: string;
  readonly value: ConfValue;
  readonly comment: string | null;
}
