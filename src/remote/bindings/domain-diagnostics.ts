/** Bindings of the domain diagnostics: control info, disk errors, messages, launch security, memory peeks, keys, NMI, signals. */
import type { DomainBlockInfo, DomainControlInfo, DomainDiskError } from '../../drivers/types.js';
import { REMOTE_DOMAIN_DISK_ERRORS_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { cpumapBytes, cpumapsOf, domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
/** The legacy DOMAIN_CORE_DUMP has no format: it is the raw one (VIR_DOMAIN_CORE_DUMP_FORMAT_RAW). */
const rawFormat = ['flags', { toDriver: () => 0, toWire: () => undefined }] as const;
/** What a client asks virDomainGetEmulatorPinInfo for: a map of up to 256 host cpus. */
const EMULATOR_PIN_MAPLEN = 32;

export const domainDiagnosticBindings: Binding[] = [
  bind(P.DOMAIN_GET_CONTROL_INFO, 'domainGetControlInfo', [dom, flags], {
    toWire: (i: DomainControlInfo) => ({ state: i.state, details: i.details, stateTime: i.stateTime }),
    toDriver: (r) => ({ state: r.state, details: r.details, stateTime: r.stateTime }),
  }),
  // maxerrors 0 asks how many errors there are; otherwise up to maxerrors of them come back.
  bind(P.DOMAIN_GET_DISK_ERRORS, 'domainGetDiskErrors', [dom, flags], {
    toWire: (errors: DomainDiskError[], a: { maxerrors: number }) => {
      const sent = errors.slice(0, a.maxerrors);
      return { errors: sent, nerrors: a.maxerrors === 0 ? errors.length : sent.length };
    },
    toDriver: (r) => r.errors.map((e: DomainDiskError) => ({ disk: e.disk, error: e.error })),
  }, { wireConst: { maxerrors: REMOTE_DOMAIN_DISK_ERRORS_MAX } }),
  bind(P.DOMAIN_CORE_DUMP_WITH_FORMAT, 'domainCoreDumpWithFormat', [dom, ['to', same], ['dumpformat', same], flags], null),
  bind(P.DOMAIN_CORE_DUMP, 'domainCoreDumpWithFormat', [dom, ['to', same], rawFormat, flags], null, { legacy: true, api: 'virDomainCoreDump' }),
  bind(P.DOMAIN_GET_BLOCK_INFO, 'domainGetBlockInfo', [dom, ['path', same], flags], {
    toWire: (i: DomainBlockInfo) => ({ allocation: i.allocation, capacity: i.capacity, physical: i.physical }),
    toDriver: (r) => ({ capacity: r.capacity, allocation: r.allocation, physical: r.physical }),
  }),
  bind(P.DOMAIN_GET_EMULATOR_PIN_INFO, 'domainGetEmulatorPinInfo', [dom, flags], {
    toWire: (map: boolean[], a: { maplen: number }) => ({ cpumaps: cpumapBytes([map], a.maplen), ret: 1 }),
    toDriver: (r) => cpumapsOf(r.cpumaps, EMULATOR_PIN_MAPLEN, 1)[0],
  }, { wireConst: { maplen: EMULATOR_PIN_MAPLEN } }),
  bind(P.DOMAIN_SEND_KEY, 'domainSendKey', [dom, ['codeset', same], ['holdtime', same], ['keycodes', same], flags], null),
  bind(P.DOMAIN_INJECT_NMI, 'domainInjectNMI', [dom, flags], null),
  bind(P.DOMAIN_SEND_PROCESS_SIGNAL, 'domainSendProcessSignal', [dom, ['pid_value', same], ['signum', same], flags], null),
  bind(P.DOMAIN_GET_MESSAGES, 'domainGetMessages', [dom, flags], ['msgs', same]),
  bind(P.DOMAIN_GET_LAUNCH_SECURITY_INFO, 'domainGetLaunchSecurityInfo', [dom, flags], ['params', list(typedParam)]),
  bind(P.DOMAIN_MEMORY_PEEK, 'domainMemoryPeek', [dom, ['offset', same], ['size', same], flags], ['buffer', same]),
];
