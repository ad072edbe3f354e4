import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCapabilitiesXML, type Capabilities } from '../../src/conf/capabilities.js';
import { testCapabilities } from '../../src/drivers/test/capabilities.js';
import { TestState } from '../../src/drivers/test/state.js';
import { oracleAvailable, relaxngProblem, runOracle, xmllintAvailable } from './network/oracle.js';

/** libvirt 9.0.0's test driver capabilities (testBuildCapabilities), as the test driver builds them. */
const defaultState = new TestState();
defaultState.cells = TestState.defaultCells();
export const TEST_DRIVER_CAPS: Capabilities = testCapabilities(defaultState);

test('the test driver capabilities match real libvirt byte for byte', (t) => {
  if (!oracleAvailable()) return t.skip('libvirt python binding not installed');
  const [real] = runOracle([{ op: 'capabilities' }]);
  assert.ok(real.ok);
  assert.equal(formatCapabilitiesXML(TEST_DRIVER_CAPS), real.xml);
});

const RICH_CAPS: Capabilities = {
  host: {
    uuid: '2e8f3c8a-0f0b-4c33-9a3b-5f5c7e0d1a2b',
    cpu: {
      arch: 'x86_64', flags: [], model: 'Skylake-Client-IBRS', vendor: 'Intel', microcodeVersion: 240,
      signature: { family: 6, model: 94, stepping: 3 }, counter: { frequency: 2592000000, scaling: 'no' },
      topology: { sockets: 1, dies: 1, cores: 4, threads: 2 },
      features: [{ name: 'ds' }, { name: 'vmx' }], pageSizes: [4, 2048],
    },
    powerManagement: ['suspend_disk', 'suspend_mem'],
    iommu: true,
    migration: { live: true, uriTransports: ['tcp', 'rdma'] },
    netprefix: 'vnet',
    cells: [{ id: 0, memory: 16384, pages: [{ size: 4, available: 4096 }], distances: [{ cellId: 0, value: 10 }, { cellId: 1, value: 21 }],
      cpus: [{ id: 0, socketId: 0, dieId: 0, coreId: 0, siblings: '0,4' }, { id: 4 }] }],
    secModels: [{ model: 'apparmor', doi: '0', baseLabels: [] }, { model: 'dac', doi: '0', baseLabels: [{ type: 'kvm', label: '+64:+64' }] }],
  },
  guests: [{
    osType: 'hvm', arch: 'x86_64', wordsize: 64, emulator: '/usr/bin/qemu-system-x86_64',
    machines: [{ name: 'pc-q35-7.2', maxCpus: 288 }, { name: 'q35', canonical: 'pc-q35-7.2', maxCpus: 288 }, { name: 'pc-i440fx-1.4', maxCpus: 255, deprecated: true }],
    domains: [{ type: 'qemu', machines: [] }, { type: 'kvm', emulator: '/usr/bin/kvm', machines: [{ name: 'pc', canonical: 'pc-i440fx-7.2', maxCpus: 255 }] }],
    features: [{ name: 'disksnapshot', default: 'on', toggle: 'no' }, { name: 'acpi', default: 'on', toggle: 'yes' }, { name: 'apic', default: 'on', toggle: 'no' }],
  }],
  poolTypes: ['dir', 'fs', 'logical'],
};

test('a host with every section validates against capability.rng and orders features as libvirt', (t) => {
  const xml = formatCapabilitiesXML(RICH_CAPS);
  assert.match(xml, /<acpi default='on' toggle='yes'\/>\n\s+<apic default='on' toggle='no'\/>\n\s+<disksnapshot/);
  assert.match(xml, /<power_management>\n\s+<suspend_mem\/>\n\s+<suspend_disk\/>/);
  assert.match(xml, /<cpu id='4'\/>/);
  assert.match(xml, /<machine maxCpus='255' deprecated='yes'>pc-i440fx-1.4<\/machine>/);
  assert.match(xml, /<netprefix>vnet<\/netprefix>/);
  assert.match(xml, /<\/guest>\n\n  <pool>\n    <enum name='type'>\n      <value>dir<\/value>/);
  if (!xmllintAvailable()) return t.skip('xmllint not installed');
  // libvirt 9.0.0's capability.rng lacks <netprefix> and <pool> although libvirt writes them
  const schemaCovered = { ...RICH_CAPS, host: { ...RICH_CAPS.host, netprefix: undefined }, poolTypes: [] };
  assert.equal(relaxngProblem(formatCapabilitiesXML(schemaCovered), 'capability.rng'), null);
  assert.equal(relaxngProblem(formatCapabilitiesXML(TEST_DRIVER_CAPS), 'capability.rng'), null);
});

test('an empty capabilities document keeps libvirt\'s blank line', () => {
  const xml = formatCapabilitiesXML({ host: { cpu: { flags: [], features: [], pageSizes: [] }, powerManagement: [], iommu: false, secModels: [] }, guests: [], poolTypes: [] });
  assert.equal(xml, '<capabilities>\n\n</capabilities>\n');
});
