/** UUIDs cross the driver contract in their string form. */
export function uuidArg(uuid: Uint8Array | string): string {
  if (typeof uuid === 'string') return uuid;
  const hex = Buffer.from(uuid).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The 16 raw bytes of a UUID string (virDomainGetUUID). */
export function uuidBytes(uuid: string): Uint8Array {
  return new Uint8Array(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}
