/** Bindings of the domain diagnostics: control info, disk errors, messages, launch security, memory peeks, NMI, signals. */
import type { DomainControlInfo, DomainDiskError } from '../../drivers/types.js';
import { REMOTE_DOMAIN_DISK_ERRORS_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;

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
  bind(P.DOMAIN_INJECT_NMI, 'domainInjectNMI', [dom, flags], null),
  bind(P.DOMAIN_SEND_PROCESS_SIGNAL, 'domainSendProcessSignal', [dom, ['pid_value', same], ['signum', same], flags], null),
  bind(P.DOMAIN_GET_MESSAGES, 'domainGetMessages', [dom, flags], ['msgs', same]),
  bind(P.DOMAIN_GET_LAUNCH_SECURITY_INFO, 'domainGetLaunchSecurityInfo', [dom, flags], ['params', list(typedParam)]),
  bind(P.DOMAIN_MEMORY_PEEK, 'domainMemoryPeek', [dom, ['offset', same], ['size', same], flags], ['buffer', same]),
];
