/**
 * Bindings of the entry points whose file descriptors travel beside the call (CALL_WITH_FDS) or
 * its reply (REPLY_WITH_FDS); only a unix socket with the native helper carries them.
 */
import type { DomainRef } from '../../drivers/types.js';
import { procedures as P } from '../../rpc/protocol/remote.js';
import type { remote_domain_create_with_files_args } from '../../rpc/protocol/remote-types.js';
import { bind, type Binding } from './binding.js';
import { domain, same } from './convert.js';

const dom = ['dom', domain] as const;
const flags = ['flags', same] as const;
const idx = ['idx', same] as const;

export const fdPassingBindings: Binding[] = [
  bind(P.DOMAIN_CREATE_XML_WITH_FILES, 'domainCreateXMLWithFiles', [['xml_desc', same], flags], dom, { fds: { arg: 1 } }),
  bind(P.DOMAIN_CREATE_WITH_FILES, 'domainCreateWithFiles', [dom, flags], {
    // A driver that starts the domain it was given may return nothing: the reply names that domain.
    toWire: (started: DomainRef | void, a: remote_domain_create_with_files_args) => ({ dom: started ? domain.toWire(started) : a.dom }),
    toDriver: (ret) => domain.toDriver(ret.dom),
  }, { fds: { arg: 1 } }),
  bind(P.DOMAIN_OPEN_GRAPHICS, 'domainOpenGraphics', [dom, idx, flags], null, { fds: { arg: 2, one: true } }),
  bind(P.DOMAIN_OPEN_GRAPHICS_FD, 'domainOpenGraphicsFD', [dom, idx, flags], null, { fds: 'result' }),
  bind(P.DOMAIN_FD_ASSOCIATE, 'domainFDAssociate', [dom, ['name', same], flags], null, { fds: { arg: 2 } }),
];
