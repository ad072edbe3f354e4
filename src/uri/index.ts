export { parseURI, formatURI, getURIParam, type VirURI, type VirURIInit } from './vir-uri.js';
export { parseQueryParams, formatQueryParams, type URIParam } from './params.js';
export {
  isRemote, isLocal, splitScheme, remoteTransport, remoteParams, remoteName,
  REMOTE_TRANSPORTS, REMOTE_MODES, REMOTE_PROXIES,
  type RemoteTransport, type RemoteMode, type RemoteProxy, type RemoteParams,
} from './remote.js';
export { resolveURIAlias } from './aliases.js';
export {
  resolveDefaultURI, resolveConnectURI, VIR_CONNECT_NO_ALIASES, type ResolveOptions, type ConnectURI,
} from './connect.js';
