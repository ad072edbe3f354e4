/**
 * @xmldom/xmldom and xpath, loaded on first use: their set-up (frozen entity tables, grammar
 * expressions) cost a command that never touches XML about 10 ms of start-up. A direct
 * require() keeps them inside the tsvirsh bundle, where esbuild evaluates them at that call;
 * as plain ES modules (no require) the same packages come through createRequire.
 */
import { createRequire } from 'node:module';
import type * as Xmldom from '@xmldom/xmldom';
import type * as XPath from 'xpath';

let xmldomModule: typeof Xmldom | undefined;
let xpathModule: typeof XPath | undefined;

export function xmldom(): typeof Xmldom {
  return xmldomModule ??= (typeof require === 'function'
    ? require('@xmldom/xmldom') : createRequire(import.meta.url)('@xmldom/xmldom')) as typeof Xmldom;
}

export function xpath(): typeof XPath {
  return xpathModule ??= (typeof require === 'function'
    ? require('xpath') : createRequire(import.meta.url)('xpath')) as typeof XPath;
}
