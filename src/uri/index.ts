export { parseURI, formatURI, getURIParam, type VirURI, type VirURIInit } from './vir-uri.js';
export { parseQueryParams, formatQueryParams, type URIParam } from './params.js';
