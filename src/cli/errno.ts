/** The C library's text for a failed system call (g_strerror), from Node's error code. */
const TEXTS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  EPERM: 'Operation not permitted',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
};

export function describeErrno(err: unknown): string {
  const code = (err as { code?: string }).code;
  return (code && TEXTS[code]) ?? (err instanceof Error ? err.message : String(err));
}
