/** Bindings of the pin calls (vcpus, emulator, IOThreads) and of the IOThread calls. */
import type { DomainIOThreadInfo } from '../../drivers/types.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { cpumap, cpumapToLastSet, domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const map = ['cpumap', cpumap] as const;
const iothreadId = ['iothread_id', same] as const;

export const domainPinningBindings: Binding[] = [
  bind(P.DOMAIN_PIN_VCPU_FLAGS, 'domainPinVcpuFlags', [dom, ['vcpu', same], map, flags], null),
  bind(P.DOMAIN_PIN_VCPU, 'domainPinVcpuFlags', [dom, ['vcpu', same], map], null, { legacy: true, api: 'virDomainPinVcpu', driverTail: [0] }),
  bind(P.DOMAIN_PIN_EMULATOR, 'domainPinEmulator', [dom, map, flags], null),
  bind(P.DOMAIN_GET_IOTHREAD_INFO, 'domainGetIOThreadInfo', [dom, flags], {
    toWire: (info: DomainIOThreadInfo[]) => ({ info: info.map((t) => ({ iothread_id: t.iothreadId, cpumap: cpumapToLastSet(t.cpumap) })), ret: info.length }),
    toDriver: (r) => r.info.map((t) => ({ iothreadId: t.iothread_id, cpumap: cpumap.toDriver(t.cpumap) })),
  }),
  bind(P.DOMAIN_ADD_IOTHREAD, 'domainAddIOThread', [dom, iothreadId, flags], null),
  bind(P.DOMAIN_DEL_IOTHREAD, 'domainDelIOThread', [dom, iothreadId, flags], null),
  bind(P.DOMAIN_PIN_IOTHREAD, 'domainPinIOThread', [dom, ['iothreads_id', same], map, flags], null),
  bind(P.DOMAIN_SET_IOTHREAD_PARAMS, 'domainSetIOThreadParams', [dom, iothreadId, ['params', list(typedParam)], flags], null),
];
