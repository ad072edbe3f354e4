import { formatCapabilitiesXML, type Capabilities, type CapsNumaCell } from '../../conf/capabilities.js';
import type { TestCell } from './objects.js';
import type { TestState } from './state.js';

const PAGE_SIZES = [4, 8, 2048, 1024 * 1024];

/** The driver's one security model (virNodeGetSecurityModel reads it without building the capabilities). */
export const TEST_SECURITY_MODEL = { model: 'testSecurity', doi: '' } as const;

/** One NUMA cell as testBuildCapabilities describes it: cell 1 uses 8 KiB base pages, the rest 4 KiB. */
function cellCaps(cell: TestCell, id: number): CapsNumaCell {
  const base = id === 1 ? PAGE_SIZES[1]! : PAGE_SIZES[0]!;
  return {
    id,
    memory: cell.mem,
    pages: [{ size: base, available: Math.floor(cell.mem / base) }, ...PAGE_SIZES.slice(2).map((size) => ({ size, available: 0 }))],
    distances: [],
    cpus: cell.cpus.map((c) => ({ id: c.id, socketId: c.socket, dieId: 0, coreId: c.core, siblings: c.siblings })),
  };
}

/** The capabilities of a test driver state (an i686 host running hvm and xen guests of type 'test'). */
export function testCapabilities(state: TestState): Capabilities {
  return {
    host: {
      cpu: { arch: 'i686', flags: ['pae', 'nonpae'], features: [], pageSizes: PAGE_SIZES },
      powerManagement: [],
      iommu: false,
      cells: state.cells.map(cellCaps),
      secModels: [{ ...TEST_SECURITY_MODEL, baseLabels: [] }],
    },
    guests: ['hvm', 'xen'].map((osType) => ({
      osType,
      arch: 'i686',
      wordsize: 32,
      emulator: '/usr/bin/test-hv',
      machines: [],
      domains: [{ type: 'test', machines: [] }],
      features: [{ name: 'pae' as const }, { name: 'nonpae' as const }],
    })),
    poolTypes: [],
  };
}

export function testCapabilitiesXML(state: TestState): string {
  return formatCapabilitiesXML(testCapabilities(state));
}
