/** XML the scenarios define: small test-driver domains, networks, pools and volumes. */

import { createHash } from 'node:crypto';

/** A fixed UUID per name, so both sides define the same objects (libvirt would pick random ones). */
export function uuidFor(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The domain test:///default starts with, running as id 1. */
export const DEFAULT_DOMAIN = { name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f' };

export interface DomainOptions {
  /** Defaults to uuidFor(name); null leaves it out (libvirt generates one). */
  uuid?: string | null;
  memory?: number;
  currentMemory?: number;
  vcpu?: string;
  extra?: string;
}

/** A minimal domain of type 'test' (KiB memory). */
export function domainXML(name: string, o: DomainOptions = {}): string {
  return [
    `<domain type='test'>`,
    `  <name>${name}</name>`,
    o.uuid === null ? '' : `  <uuid>${o.uuid ?? uuidFor(name)}</uuid>`,
    `  <memory>${o.memory ?? 1048576}</memory>`,
    o.currentMemory ? `  <currentMemory>${o.currentMemory}</currentMemory>` : '',
    `  <vcpu${o.vcpu ?? '>2'}</vcpu>`,
    `  <os><type arch='i686'>hvm</type></os>`,
    o.extra ?? '',
    `</domain>`,
  ].filter((l) => l !== '').join('\n');
}

export const UUID_A = 'a1b2c3d4-0000-4000-8000-00000000000a';
export const UUID_B = 'a1b2c3d4-0000-4000-8000-00000000000b';

export function networkXML(name: string, bridge: string, subnet: number, uuid = uuidFor(name)): string {
  return [
    `<network>`,
    `  <name>${name}</name>`,
    `  <uuid>${uuid}</uuid>`,
    `  <bridge name='${bridge}'/>`,
    `  <ip address='192.168.${subnet}.1' netmask='255.255.255.0'>`,
    `    <dhcp><range start='192.168.${subnet}.2' end='192.168.${subnet}.254'/></dhcp>`,
    `  </ip>`,
    `</network>`,
  ].filter((l) => l !== '').join('\n');
}

export function dirPoolXML(name: string, path: string, uuid = uuidFor(name)): string {
  return [
    `<pool type='dir'>`,
    `  <name>${name}</name>`,
    `  <uuid>${uuid}</uuid>`,
    `  <target><path>${path}</path></target>`,
    `</pool>`,
  ].filter((l) => l !== '').join('\n');
}

export function volumeXML(name: string, capacity: string, allocation = '0'): string {
  return `<volume><name>${name}</name><capacity unit='bytes'>${capacity}</capacity><allocation unit='bytes'>${allocation}</allocation></volume>`;
}
