/** Bindings of the device, block-job, vcpu-state and power-management entry points. */
import { VIR_DOMAIN_AFFECT_LIVE } from '../../api/constants.js';
import type { DomainBlockJobInfo } from '../../drivers/types.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const xml = ['xml', same] as const;
const path = ['path', same] as const;
const params = ['params', list(typedParam)] as const;

const NO_JOB = { found: 0, type: 0, bandwidth: 0n, cur: 0n, end: 0n };

export const domainDeviceBindings: Binding[] = [
  bind(P.DOMAIN_ATTACH_DEVICE_FLAGS, 'domainAttachDeviceFlags', [dom, xml, flags], null),
  // virDomainAttachDevice / DetachDevice: the flags calls on the running domain.
  bind(P.DOMAIN_ATTACH_DEVICE, 'domainAttachDeviceFlags', [dom, xml], null, { legacy: true, api: 'virDomainAttachDevice', driverTail: [VIR_DOMAIN_AFFECT_LIVE] }),
  bind(P.DOMAIN_DETACH_DEVICE_FLAGS, 'domainDetachDeviceFlags', [dom, xml, flags], null),
  bind(P.DOMAIN_DETACH_DEVICE, 'domainDetachDeviceFlags', [dom, xml], null, { legacy: true, api: 'virDomainDetachDevice', driverTail: [VIR_DOMAIN_AFFECT_LIVE] }),
  bind(P.DOMAIN_UPDATE_DEVICE_FLAGS, 'domainUpdateDeviceFlags', [dom, xml, flags], null),
  bind(P.DOMAIN_DETACH_DEVICE_ALIAS, 'domainDetachDeviceAlias', [dom, ['alias', same], flags], null),
  bind(P.DOMAIN_BLOCK_RESIZE, 'domainBlockResize', [dom, ['disk', same], ['size', same], flags], null),
  bind(P.DOMAIN_GET_BLOCK_JOB_INFO, 'domainGetBlockJobInfo', [dom, path, flags], {
    toWire: (info: DomainBlockJobInfo | null) => (info ? { found: 1, ...info } : NO_JOB),
    toDriver: (r) => (r.found ? { type: r.type, bandwidth: r.bandwidth, cur: r.cur, end: r.end } : null),
  }),
  bind(P.DOMAIN_BLOCK_JOB_ABORT, 'domainBlockJobAbort', [dom, path, flags], null),
  bind(P.DOMAIN_BLOCK_JOB_SET_SPEED, 'domainBlockJobSetSpeed', [dom, path, ['bandwidth', same], flags], null),
  bind(P.DOMAIN_BLOCK_PULL, 'domainBlockPull', [dom, path, ['bandwidth', same], flags], null),
  bind(P.DOMAIN_BLOCK_REBASE, 'domainBlockRebase', [dom, path, ['base', same], ['bandwidth', same], flags], null),
  bind(P.DOMAIN_BLOCK_COPY, 'domainBlockCopy', [dom, path, ['destxml', same], params, flags], null),
  bind(P.DOMAIN_BLOCK_COMMIT, 'domainBlockCommit', [dom, ['disk', same], ['base', same], ['top', same], ['bandwidth', same], flags], null),
  bind(P.DOMAIN_SET_BLOCK_THRESHOLD, 'domainSetBlockThreshold', [dom, ['dev', same], ['threshold', same], flags], null),
  bind(P.DOMAIN_SET_VCPU, 'domainSetVcpu', [dom, ['cpumap', same], ['state', same], flags], null),
  bind(P.DOMAIN_GET_GUEST_VCPUS, 'domainGetGuestVcpus', [dom, flags], params),
  bind(P.DOMAIN_SET_GUEST_VCPUS, 'domainSetGuestVcpus', [dom, ['cpumap', same], ['state', same], flags], null),
  bind(P.DOMAIN_PM_SUSPEND_FOR_DURATION, 'domainPMSuspendForDuration', [dom, ['target', same], ['duration', same], flags], null),
  bind(P.DOMAIN_PM_WAKEUP, 'domainPMWakeup', [dom, flags], null),
];
