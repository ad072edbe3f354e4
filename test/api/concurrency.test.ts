/**
 * Seed 000's web server, done right: an HTTP server whose every request opens its own connection,
 * lists and looks up domains, answers with JSON, frees what it took and closes. Thousands of
 * requests, 200 at a time, must all answer correctly and leave no file descriptor and no
 * connection behind, also when credentials are wrong and error handlers throw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import * as v from '../../src/index.js';

const REQUESTS = 10_000;
const CONCURRENCY = 200;
/** Every WRONG_EVERY-th request of the auth variant offers a wrong password. */
const WRONG_EVERY = 10;

/** What one request reports: the domains it saw, one domain's data, and the error for a missing one. */
interface Answer {
  domains: string[];
  count: number;
  name: string;
  uuid: string;
  state: number;
  maxMem: number;
  memory: number;
  nrVirtCpu: number;
  /** cpuTime moves with the clock; only its presence is checked. */
  cpuTime: string;
  missing: ErrorAnswer;
}

interface ErrorAnswer { code: number; domain: number; message: string }

/** libvirt 9.0.0's answer for test:///default (checked against libvirt-python below). */
const DEFAULT_EXPECTED: Omit<Answer, 'cpuTime'> = {
  domains: ['test'],
  count: 1,
  name: 'test',
  uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f',
  state: v.VIR_DOMAIN_RUNNING,
  maxMem: 8388608,
  memory: 2097152,
  nrVirtCpu: 2,
  missing: { code: v.ErrorNumber.VIR_ERR_NO_DOMAIN, domain: v.ErrorDomain.VIR_FROM_TEST, message: 'Domain not found' },
};

/** A custom node file with one domain and one user, in libvirt's test driver format. */
const NODE_XML = `<node>
  <domain type='test'>
    <name>web1</name>
    <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
    <memory unit='KiB'>524288</memory>
    <currentMemory unit='KiB'>262144</currentMemory>
    <vcpu>3</vcpu>
    <os><type>hvm</type></os>
  </domain>
  <auth>
    <user password='pass'>user</user>
  </auth>
</node>
`;

/** libvirt 9.0.0's answer for NODE_XML with the right password (checked against libvirt-python below). */
const NODE_EXPECTED: Omit<Answer, 'cpuTime'> = {
  domains: ['web1'],
  count: 1,
  name: 'web1',
  uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0',
  state: v.VIR_DOMAIN_RUNNING,
  maxMem: 524288,
  memory: 262144,
  nrVirtCpu: 3,
  missing: DEFAULT_EXPECTED.missing,
};

const AUTH_FAILED: ErrorAnswer = {
  code: v.ErrorNumber.VIR_ERR_AUTH_FAILED,
  domain: v.ErrorDomain.VIR_FROM_TEST,
  message: 'authentication failed: authentication failed, see test XML for the correct username/password',
};

function credentials(password: string): v.ConnectAuth {
  return {
    credtype: [v.VIR_CRED_AUTHNAME, v.VIR_CRED_PASSPHRASE],
    credentials: { [v.VIR_CRED_AUTHNAME]: 'user', [v.VIR_CRED_PASSPHRASE]: password },
  };
}

function errorAnswer(err: unknown): ErrorAnswer {
  if (!v.isVirError(err)) throw err;
  return { code: err.code, domain: err.domain, message: err.message };
}

/** Connections opened, `closed` events seen, and the most connections open at once. */
interface Tally { opened: number; closed: number; peak: number }

/**
 * One request's work on an open connection. It yields to the event loop between calls, so that
 * the requests in flight really hold their connections (and the shared driver state) at once.
 */
async function answerOn(conn: v.Connect, domainName: string): Promise<Answer> {
  await nextTurn();
  const all = await conn.listAllDomains(0);
  await nextTurn();
  const dom = await conn.lookupByName(domainName);
  try {
    await nextTurn();
    const info = await dom.info();
    const missing = await conn.lookupByName('no-such-domain').then(
      (d) => { d.free(); throw new Error('lookup of a missing domain succeeded'); },
      errorAnswer,
    );
    return {
      domains: all.map((d) => d.name()),
      count: await conn.numOfDomains(),
      name: dom.name(),
      uuid: dom.uuidString(),
      state: info.state,
      maxMem: info.maxMem,
      memory: info.memory,
      nrVirtCpu: info.nrVirtCpu,
      cpuTime: String(info.cpuTime),
      missing,
    };
  } finally {
    dom.free();
    for (const d of all) d.free();
  }
}

type Opener = (url: URL) => Promise<v.Connect>;

/** The server's request handler: 200 with an Answer, or 401 with the open's VirError. */
function handler(openFor: Opener, domainName: string, tally: Tally): http.RequestListener {
  return (req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const serve = async (): Promise<void> => {
      let conn: v.Connect;
      try {
        conn = await openFor(new URL(req.url ?? '/', 'http://localhost'));
      } catch (err) {
        return reply(401, errorAnswer(err));
      }
      tally.opened += 1;
      tally.peak = Math.max(tally.peak, tally.opened - tally.closed);
      conn.once('closed', () => { tally.closed += 1; });
      let answer: Answer;
      try {
        answer = await answerOn(conn, domainName);
      } finally {
        const left = await conn.close();
        if (left !== 0) throw new Error(`close left ${left} references`);
      }
      reply(200, answer);
    };
    serve().catch((err: unknown) => reply(500, { error: String(err) }));
  };
}

function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Wait (briefly) for sockets being torn down to release their descriptors. */
async function settledFds(target: number): Promise<number> {
  let count = openFds();
  for (let i = 0; i < 40 && count !== target; i++) {
    await sleep(50);
    count = openFds();
  }
  return count;
}

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

interface LoadResult { fdsBefore: number; fdsAfter: number; tally: Tally; failures: string[]; seconds: number }

/**
 * Serve `requests` requests, `concurrency` at a time, checking each reply with `check` (which
 * returns a complaint or null); count descriptors before the server exists and after it is gone.
 */
async function runLoad(
  listener: (tally: Tally) => http.RequestListener,
  pathFor: (i: number) => string,
  check: (i: number, status: number, body: string) => string | null,
): Promise<LoadResult> {
  const tally: Tally = { opened: 0, closed: 0, peak: 0 };
  const fdsBefore = openFds();
  const started = performance.now();
  const server = http.createServer(listener(tally));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < REQUESTS; i = next++) {
      const { status, body } = await get(agent, port, pathFor(i));
      const complaint = check(i, status, body);
      if (complaint) failures.push(`request ${i}: ${complaint}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const seconds = (performance.now() - started) / 1000;
  const fdsAfter = await settledFds(fdsBefore);
  return { fdsBefore, fdsAfter, tally, failures, seconds };
}

/** A complaint when a reply is not the expected 200 Answer, else null. */
function checkAnswer(expected: Omit<Answer, 'cpuTime'>, status: number, body: string): string | null {
  if (status !== 200) return `status ${status}: ${body}`;
  const { cpuTime, ...rest } = JSON.parse(body) as Answer;
  if (!/^[1-9][0-9]*$/.test(cpuTime)) return `bad cpuTime ${cpuTime}`;
  try {
    assert.deepStrictEqual(rest, expected);
  } catch {
    return `unexpected answer ${body}`;
  }
  return null;
}

function checkError(expected: ErrorAnswer, status: number, body: string): string | null {
  if (status !== 401) return `status ${status} where authentication should fail: ${body}`;
  try {
    assert.deepStrictEqual(JSON.parse(body), expected);
  } catch {
    return `unexpected error ${body}`;
  }
  return null;
}

function report(t: { diagnostic(msg: string): void }, result: LoadResult): void {
  t.diagnostic(`${REQUESTS} requests, ${CONCURRENCY} concurrent, in ${result.seconds.toFixed(1)} s; ` +
    `fds before ${result.fdsBefore}, after ${result.fdsAfter}; ` +
    `connections opened ${result.tally.opened}, closed ${result.tally.closed}, at most ${result.tally.peak} open at once`);
}

function withNodeFile<T>(fn: (uri: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-concurrency-'));
  const file = join(dir, 'node.xml');
  writeFileSync(file, NODE_XML);
  return fn(`test://${file}`).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const havePython = spawnSync('/usr/bin/python3', ['-c', 'import libvirt'], { stdio: 'ignore' }).status === 0;

/** The same request, answered by libvirt-python on the real test driver. */
const PYTHON_ANSWER = String.raw`
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
uri, domname, password = sys.argv[1:4]
def err(e):
    return {'code': e.get_error_code(), 'domain': e.get_error_domain(), 'message': str(e)}
def fill(creds, _):
    for c in creds:
        c[4] = 'user' if c[0] == libvirt.VIR_CRED_AUTHNAME else password
    return 0
try:
    conn = libvirt.openAuth(uri, [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], fill, None], 0)
except libvirt.libvirtError as e:
    json.dump({'error': err(e)}, sys.stdout)
    sys.exit(0)
dom = conn.lookupByName(domname)
state, maxMem, memory, nrVirtCpu, cpuTime = dom.info()
try:
    conn.lookupByName('no-such-domain')
    missing = None
except libvirt.libvirtError as e:
    missing = err(e)
json.dump({'domains': [d.name() for d in conn.listAllDomains(0)], 'count': conn.numOfDomains(),
           'name': dom.name(), 'uuid': dom.UUIDString(), 'state': state, 'maxMem': maxMem, 'memory': memory,
           'nrVirtCpu': nrVirtCpu, 'missing': missing}, sys.stdout)
`;

function pythonAnswer(uri: string, domainName: string, password: string): unknown {
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON_ANSWER, uri, domainName, password], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`libvirt-python failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

test('the expected answers are what libvirt-python gets from the real test driver', async (t) => {
  if (!havePython) return t.skip('libvirt-python is not installed');
  assert.deepStrictEqual(pythonAnswer('test:///default', 'test', ''), DEFAULT_EXPECTED);
  await withNodeFile(async (uri) => {
    assert.deepStrictEqual(pythonAnswer(uri, 'web1', 'pass'), NODE_EXPECTED);
    assert.deepStrictEqual(pythonAnswer(uri, 'web1', 'wrong'), { error: AUTH_FAILED });
  });
});

test(`${REQUESTS} requests on test:///default, ${CONCURRENCY} at a time: all correct, no fd or connection left`, async (t) => {
  const result = await runLoad(
    (tally) => handler(() => v.open('test:///default'), 'test', tally),
    () => '/',
    (_i, status, body) => checkAnswer(DEFAULT_EXPECTED, status, body),
  );
  report(t, result);
  assert.deepStrictEqual(result.failures.slice(0, 5), []);
  assert.deepStrictEqual({ ...result.tally, peak: 0 }, { opened: REQUESTS, closed: REQUESTS, peak: 0 });
  assert.ok(result.tally.peak > 1, 'requests never overlapped');
  assert.equal(result.fdsAfter, result.fdsBefore);
});

test(`${REQUESTS} openAuth requests on a node file, some with wrong passwords, while error handlers throw`, async (t) => {
  let globalCalls = 0;
  let connCalls = 0;
  v.setErrorFunc(() => { globalCalls += 1; throw new Error('x'); });
  try {
    await withNodeFile(async (uri) => {
      // Every other connection gets a throwing handler of its own, so both handler paths run.
      const openFor: Opener = async (url) => {
        const conn = await v.openAuth(uri, credentials(url.searchParams.get('pw') ?? ''), 0);
        if (url.searchParams.has('own-handler')) conn.setErrorFunc(() => { connCalls += 1; throw new Error('x'); });
        return conn;
      };
      const wrong = (i: number): boolean => i % WRONG_EVERY === 0;
      const result = await runLoad(
        (tally) => handler(openFor, 'web1', tally),
        (i) => (wrong(i) ? '/?pw=wrong' : `/?pw=pass${i % 2 ? '&own-handler' : ''}`),
        (i, status, body) => (wrong(i) ? checkError(AUTH_FAILED, status, body) : checkAnswer(NODE_EXPECTED, status, body)),
      );
      report(t, result);
      const rejected = Math.ceil(REQUESTS / WRONG_EVERY);
      const accepted = REQUESTS - rejected;
      assert.deepStrictEqual(result.failures.slice(0, 5), []);
      assert.deepStrictEqual({ ...result.tally, peak: 0 }, { opened: accepted, closed: accepted, peak: 0 });
      assert.ok(result.tally.peak > 1, 'requests never overlapped');
      assert.equal(result.fdsAfter, result.fdsBefore);
      // Each failed open and each missing-domain lookup reached exactly one handler, once.
      const ownHandler = Array.from({ length: REQUESTS }, (_, i) => i).filter((i) => !wrong(i) && i % 2).length;
      assert.equal(connCalls, ownHandler);
      assert.equal(globalCalls, rejected + accepted - ownHandler);
    });
  } finally {
    v.setErrorFunc(null);
  }
});
