import { deserialize } from 'node:v8';
import { ErrorDomain, ErrorNumber, virError } from '../../errors/index.js';
import type { ConnectAuth, ConnectionDriver, ConnectTarget, DriverFactory } from '../types.js';
import { TestConnection } from './connection.js';
import { DEFAULT_NODE_XML } from './default-node.js';
import { authenticate } from './auth.js';
import { applyNodeContent, loadNodeFile, parseNodeXML, type NodeContent } from './node-file.js';
import { TestState } from './state.js';
import { DomainObj } from './domain-obj.js';

/**
 * Set in the tsvirsh bundle (scripts/bundle-cli.ts): the default node's content parsed at build
 * time and serialized with v8.serialize, so a one-shot command starts without an XML parse.
 */
declare const TSVIRT_DEFAULT_NODE_CONTENT: string | undefined;

function defaultNodeContent(): NodeContent {
  if (typeof TSVIRT_DEFAULT_NODE_CONTENT === 'string') return deserialize(Buffer.from(TSVIRT_DEFAULT_NODE_CONTENT, 'base64')) as NodeContent;
  return parseNodeXML(DEFAULT_NODE_XML, null);
}

/** test:///default is shared by every connection while any is open, then starts afresh. */
let shared: { state: TestState; users: number } | null = null;
/** The default state as first built; later fresh opens copy it rather than parse again. */
let pristine: TestState | null = null;

function openDefault(): { state: TestState; release: () => void } {
  if (!shared) {
    if (!pristine) {
      pristine = new TestState();
      pristine.cells = TestState.defaultCells();
      DomainObj.builtInNode = true;
      try {
        applyNodeContent(defaultNodeContent(), pristine);
      } finally {
        DomainObj.builtInNode = false;
      }
    }
    shared = { state: pristine.clone(), users: 0 };
  }
  const entry = shared;
  entry.users += 1;
  return {
    state: entry.state,
    release: () => {
      entry.users -= 1;
      if (entry.users === 0 && shared === entry) shared = null;
    },
  };
}

/** The test driver: `test:///default` and `test:///ABSOLUTE/PATH/node.xml`. */
export const testDriverFactory: DriverFactory = {
  name: 'Test',
  schemes: ['test'],
  async open(target: ConnectTarget, auth: ConnectAuth | null): Promise<ConnectionDriver> {
    const path = target.path;
    if (path === '' || path === '/') {
      throw virError(ErrorDomain.VIR_FROM_TEST, ErrorNumber.VIR_ERR_INVALID_ARG, 'testOpen: supply a path or use test:///default');
    }
    const { state, release } = path === '/default'
      ? openDefault()
      : { state: loadNodeFile(path), release: () => undefined };
    try {
      await authenticate(state, auth, target);
    } catch (err) {
      release();
      throw err;
    }
    return new TestConnection(state, target.uri, release);
  },
};

export { loadNodeXML } from './node-file.js';
