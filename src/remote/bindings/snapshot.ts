/** Bindings of the domain snapshot entry points. */
import { REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { bool, capped, domain, listAll, same, snapshot } from './convert.js';

const dom = ['dom', domain] as const;
const snap = ['snap', snapshot] as const;
const flags = ['flags', same] as const;

export const snapshotBindings: Binding[] = [
  bind(P.DOMAIN_SNAPSHOT_CREATE_XML, 'domainSnapshotCreateXML', [dom, ['xml_desc', same], flags], snap),
  bind(P.DOMAIN_SNAPSHOT_GET_XML_DESC, 'domainSnapshotGetXMLDesc', [snap, flags], ['xml', same]),
  bind(P.DOMAIN_SNAPSHOT_NUM, 'domainSnapshotNum', [dom, flags], ['num', same]),
  bind(P.DOMAIN_SNAPSHOT_LIST_NAMES, 'domainSnapshotListNames', [dom, ['maxnames', capped(REMOTE_DOMAIN_SNAPSHOT_LIST_MAX)], flags], ['names', same]),
  bind(P.DOMAIN_LIST_ALL_SNAPSHOTS, 'domainListAllSnapshots', [dom, flags], listAll('snapshots', snapshot), { wireConst: { need_results: 1 } }),
  bind(P.DOMAIN_SNAPSHOT_NUM_CHILDREN, 'domainSnapshotNumChildren', [snap, flags], ['num', same]),
  bind(P.DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, 'domainSnapshotListChildrenNames', [snap, ['maxnames', capped(REMOTE_DOMAIN_SNAPSHOT_LIST_MAX)], flags], ['names', same]),
  bind(P.DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, 'domainSnapshotListAllChildren', [['snapshot', snapshot], flags], listAll('snapshots', snapshot), { wireConst: { need_results: 1 } }),
  bind(P.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, 'domainSnapshotLookupByName', [dom, ['name', same], flags], snap),
  bind(P.DOMAIN_HAS_CURRENT_SNAPSHOT, 'domainHasCurrentSnapshot', [dom, flags], ['result', bool]),
  bind(P.DOMAIN_SNAPSHOT_GET_PARENT, 'domainSnapshotGetParent', [snap, flags], snap),
  bind(P.DOMAIN_SNAPSHOT_CURRENT, 'domainSnapshotCurrent', [dom, flags], snap),
  bind(P.DOMAIN_SNAPSHOT_IS_CURRENT, 'domainSnapshotIsCurrent', [snap, flags], ['current', bool]),
  bind(P.DOMAIN_SNAPSHOT_HAS_METADATA, 'domainSnapshotHasMetadata', [snap, flags], ['metadata', bool]),
  bind(P.DOMAIN_REVERT_TO_SNAPSHOT, 'domainRevertToSnapshot', [snap, flags], null),
  bind(P.DOMAIN_SNAPSHOT_DELETE, 'domainSnapshotDelete', [snap, flags], null),
];
