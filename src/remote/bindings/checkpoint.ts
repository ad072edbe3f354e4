/** Bindings of the domain checkpoint entry points. */
import { procedures as P } from '../../rpc/protocol/remote.js';
import { bind, type Binding } from './binding.js';
import { checkpoint, domain, listAll, same } from './convert.js';

const dom = ['dom', domain] as const;
const chk = ['checkpoint', checkpoint] as const;
const flags = ['flags', same] as const;

export const checkpointBindings: Binding[] = [
  bind(P.DOMAIN_CHECKPOINT_CREATE_XML, 'domainCheckpointCreateXML', [dom, ['xml_desc', same], flags], chk),
  bind(P.DOMAIN_CHECKPOINT_GET_XML_DESC, 'domainCheckpointGetXMLDesc', [chk, flags], ['xml', same]),
  bind(P.DOMAIN_LIST_ALL_CHECKPOINTS, 'domainListAllCheckpoints', [dom, flags], listAll('checkpoints', checkpoint), { wireConst: { need_results: 1 } }),
  bind(P.DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN, 'domainCheckpointListAllChildren', [chk, flags], listAll('checkpoints', checkpoint), { wireConst: { need_results: 1 } }),
  bind(P.DOMAIN_CHECKPOINT_LOOKUP_BY_NAME, 'domainCheckpointLookupByName', [dom, ['name', same], flags], chk),
  bind(P.DOMAIN_CHECKPOINT_GET_PARENT, 'domainCheckpointGetParent', [chk, flags], ['parent', checkpoint]),
  bind(P.DOMAIN_CHECKPOINT_DELETE, 'domainCheckpointDelete', [chk, flags], null),
];
