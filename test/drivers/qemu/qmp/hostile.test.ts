import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ErrorDomain, ErrorNumber, VirError } from '../../../../src/errors/index.js';
import { QmpMonitor } from '../../../../src/drivers/qemu/qmp/index.js';

// Peers that are not QEMU: a unix socket server we control plays them.
let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsvirt-qmp-hostile-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function serve(name: string, onClient: (client: Socket) => void): Promise<{ path: string; server: Server }> {
  const path = join(dir, name);
  const server = createServer(onClient);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { path, server };
}

function isQemuError(code: number, message: string | RegExp) {
  return (err: unknown): true => {
    assert.ok(err instanceof VirError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.domain, ErrorDomain.VIR_FROM_QEMU);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  };
}

const GREETING = '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": []}}\r\n';

test('a socket that never appears: system error after the time limit', async () => {
  await assert.rejects(QmpMonitor.connect(join(dir, 'missing.sock'), { timeoutMs: 100 }), isQemuError(ErrorNumber.VIR_ERR_SYSTEM_ERROR,
    'failed to connect to monitor socket: No such file or directory'));
});

test('a path longer than sockaddr_un holds is refused before connecting', async () => {
  const path = join(dir, 'x'.repeat(120));
  await assert.rejects(QmpMonitor.connect(path), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, `internal error: Monitor path ${path} too big for destination`));
});

test('a peer that never greets: timeout; an abort: aborted', async () => {
  const { path, server } = await serve('silent.sock', () => undefined);
  try {
    await assert.rejects(QmpMonitor.connect(path, { timeoutMs: 150 }), isQemuError(ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
      'Timed out during operation: connecting to the QEMU monitor did not complete within 150 ms'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(QmpMonitor.connect(path, { signal: controller.signal }), isQemuError(ErrorNumber.VIR_ERR_OPERATION_ABORTED,
      'operation aborted: connecting to the QEMU monitor was cancelled'));
  } finally {
    server.close();
  }
});

test('a peer that speaks garbage or closes at once gets a clear error', async () => {
  const garbage = await serve('garbage.sock', (client) => client.write('SSH-2.0-OpenSSH_9.2\r\n'));
  const array = await serve('array.sock', (client) => client.write('[1, 2]\n'));
  const hangup = await serve('hangup.sock', (client) => client.end());
  try {
    await assert.rejects(QmpMonitor.connect(garbage.path), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, /^internal error: cannot parse json SSH-2\.0-OpenSSH_9\.2: /));
    await assert.rejects(QmpMonitor.connect(array.path), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, "internal error: Parsed JSON reply '[1, 2]' isn't an object"));
    await assert.rejects(QmpMonitor.connect(hangup.path, { vmName: 'x' }), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR, "internal error: End of file from qemu monitor (vm='x')"));
  } finally {
    for (const s of [garbage, array, hangup]) s.server.close();
  }
});

test('an endless line is cut at 10 MiB instead of filling memory', async () => {
  const { path, server } = await serve('flood.sock', (client) => {
    client.write(GREETING);
    client.once('data', () => {
      const chunk = 'x'.repeat(1024 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 12 && client.write(chunk)) sent++;
        if (sent < 12) client.once('drain', () => { sent++; pump(); });
      };
      pump();
    });
    client.on('error', () => undefined);
  });
  try {
    await assert.rejects(QmpMonitor.connect(path), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      'internal error: QEMU monitor reply exceeds buffer size (10485760 bytes)'));
  } finally {
    server.close();
  }
});

test('replies to unknown ids are dropped; a reply without id answers the oldest command', async () => {
  const { path, server } = await serve('odd.sock', (client) => {
    client.write(GREETING);
    let buffered = '';
    client.on('data', (data) => {
      buffered += data.toString();
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const { execute, id } = JSON.parse(buffered.slice(0, end)) as { execute: string; id: string };
        buffered = buffered.slice(end + 1);
        if (execute === 'qmp_capabilities') client.write(`{"return": {}, "id": "${id}"}\r\n`);
        else {
          client.write('{"return": "stale", "id": "someone-else"}\r\n');
          client.write('{"error": {"class": "GenericError", "desc": "JSON parse error"}}\r\n');
        }
      }
    });
  });
  try {
    const monitor = await QmpMonitor.connect(path);
    await assert.rejects(monitor.execute('query-status'), isQemuError(ErrorNumber.VIR_ERR_INTERNAL_ERROR,
      "internal error: unable to execute QEMU command 'query-status': JSON parse error"));
    monitor.destroy();
  } finally {
    server.close();
  }
});
