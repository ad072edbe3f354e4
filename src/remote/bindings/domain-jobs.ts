/** Bindings of jobs, migration tuning, backups, guest-agent calls, launch-security state and dirty-rate measuring. */
import type { DomainJobInfo, DomainJobStats } from '../../drivers/types.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding, type Conv } from './binding.js';
import { domain, list, same, typedParam } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
/** A migration cookie: empty on the wire when there is none. */
const cookie: Conv<Buffer, Uint8Array | null> = { toDriver: (w) => (w.length ? w : null), toWire: (d) => Buffer.from(d ?? []) };
const JOB_INFO_FIELDS = ['timeElapsed', 'timeRemaining', 'dataTotal', 'dataProcessed', 'dataRemaining', 'memTotal', 'memProcessed', 'memRemaining',
  'fileTotal', 'fileProcessed', 'fileRemaining'] as const;

export const domainJobBindings: Binding[] = [
  bind(P.DOMAIN_GET_JOB_INFO, 'domainGetJobInfo', [dom], {
    toWire: (i: DomainJobInfo) => ({ ...i }),
    toDriver: (r) => ({ type: r.type, ...Object.fromEntries(JOB_INFO_FIELDS.map((k) => [k, r[k]])) }) as DomainJobInfo,
  }),
  bind(P.DOMAIN_GET_JOB_STATS, 'domainGetJobStats', [dom, flags], {
    toWire: (s: DomainJobStats) => ({ type: s.type, params: list(typedParam).toWire(s.params) }),
    toDriver: (r) => ({ type: r.type, params: list(typedParam).toDriver(r.params) }),
  }),
  bind(P.DOMAIN_ABORT_JOB_FLAGS, 'domainAbortJobFlags', [dom, flags], null),
  bind(P.DOMAIN_ABORT_JOB, 'domainAbortJobFlags', [dom], null, { legacy: true, api: 'virDomainAbortJob', driverTail: [0] }),
  bind(P.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, 'domainMigrateSetMaxDowntime', [dom, ['downtime', same], flags], null),
  bind(P.DOMAIN_MIGRATE_GET_MAX_DOWNTIME, 'domainMigrateGetMaxDowntime', [dom, flags], ['downtime', same]),
  bind(P.DOMAIN_MIGRATE_GET_COMPRESSION_CACHE, 'domainMigrateGetCompressionCache', [dom, flags], ['cacheSize', same]),
  bind(P.DOMAIN_MIGRATE_SET_COMPRESSION_CACHE, 'domainMigrateSetCompressionCache', [dom, ['cacheSize', same], flags], null),
  bind(P.DOMAIN_MIGRATE_SET_MAX_SPEED, 'domainMigrateSetMaxSpeed', [dom, ['bandwidth', same], flags], null),
  bind(P.DOMAIN_MIGRATE_GET_MAX_SPEED, 'domainMigrateGetMaxSpeed', [dom, flags], ['bandwidth', same]),
  bind(P.DOMAIN_MIGRATE_START_POST_COPY, 'domainMigrateStartPostCopy', [dom, flags], null),
  bind(P.DOMAIN_MIGRATE_PERFORM3_PARAMS, 'domainMigratePerform3Params', [dom, ['dconnuri', same], ['params', list(typedParam)], ['cookie_in', cookie], flags], ['cookie_out', cookie]),
  bind(P.DOMAIN_BACKUP_BEGIN, 'domainBackupBegin', [dom, ['backup_xml', same], ['checkpoint_xml', same], flags], null),
  bind(P.DOMAIN_BACKUP_GET_XML_DESC, 'domainBackupGetXMLDesc', [dom, flags], ['xml', same]),
  bind(P.DOMAIN_GET_GUEST_INFO, 'domainGetGuestInfo', [dom, ['types', same], flags], ['params', list(typedParam)]),
  bind(P.DOMAIN_AUTHORIZED_SSH_KEYS_GET, 'domainAuthorizedSSHKeysGet', [dom, ['user', same], flags], ['keys', same]),
  bind(P.DOMAIN_AUTHORIZED_SSH_KEYS_SET, 'domainAuthorizedSSHKeysSet', [dom, ['user', same], ['keys', same], flags], null),
  bind(P.DOMAIN_AGENT_SET_RESPONSE_TIMEOUT, 'domainAgentSetResponseTimeout', [dom, ['timeout', same], flags], {
    toWire: () => ({ result: 0 }),
    toDriver: () => undefined,
  }),
  bind(P.DOMAIN_SET_LAUNCH_SECURITY_STATE, 'domainSetLaunchSecurityState', [dom, ['params', list(typedParam)], flags], null),
  bind(P.DOMAIN_START_DIRTY_RATE_CALC, 'domainStartDirtyRateCalc', [dom, ['seconds', same], flags], null),
];
