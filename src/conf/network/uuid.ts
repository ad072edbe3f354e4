/** UUIDs as libvirt's virUUIDParse / virUUIDFormat / virUUIDGenerate handle them. */
import { randomUUID } from 'node:crypto';

/**
 * Parse a UUID the lenient way libvirt does (surrounding spaces, and '-' or ' ' anywhere between
 * byte pairs); returns the canonical lowercase 8-4-4-4-12 form, or null when malformed.
 */
export function parseUuid(text: string): string | null {
  const body = text.replace(/^\s+/, '').replace(/\s+$/, '');
  const hex = body.replace(/[- ]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  // Separators may not split a byte's two digits.
  if (!/^([- ]*[0-9a-fA-F]{2})+[- ]*$/.test(body) || /[- ]$/.test(body)) return null;
  return formatUuidHex(hex.toLowerCase());
}

function formatUuidHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh random (version 4) UUID, as virUUIDGenerate makes. */
export function generateUuid(): string {
  return randomUUID();
}
