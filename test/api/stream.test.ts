import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect as netConnect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from '../../src/index.js';
import type { ConnectionDriver } from '../../src/index.js';
import type { DomainRef } from '../../src/drivers/types.js';

/**
 * A driver whose console is a real unix socket served by an echo server that upper-cases what it
 * gets: the API layer's Stream is exercised over a real kernel socket, not an in-memory pipe.
 */
function echoDriverFactory(sockPath: string): v.DriverFactory {
  const dom: DomainRef = { name: 'echo', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 };
  return {
    name: 'ECHO',
    schemes: ['echo'],
    async open(): Promise<ConnectionDriver> {
      return {
        name: 'ECHO',
        async close() {},
        async domainLookupByName(name: string) {
          if (name !== dom.name) throw new Error('no such domain');
          return dom;
        },
        async domainOpenConsole(): Promise<Socket> {
          const sock = netConnect(sockPath);
          await new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject));
          return sock;
        },
      };
    },
  };
}

test('a console stream sends and receives over a real socket, then finishes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-stream-'));
  const sockPath = join(dir, 'console.sock');
  const server = createServer((s) => {
    s.on('data', (b) => {
      s.write(String(b).toUpperCase());
      if (String(b).endsWith('bye')) s.end();
    });
    s.on('end', () => s.end());
  });
  await new Promise<void>((resolve) => server.listen(sockPath, resolve));
  v.registerDriver(echoDriverFactory(sockPath));
  const conn = await v.open('echo:///system');
  try {
    const dom = await conn.lookupByName('echo');
    const st = conn.newStream();
    await assert.rejects(st.recv(10), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_OPERATION_INVALID);
    await dom.openConsole(null, st);
    assert.equal(await st.send(Buffer.from('hello console')), 13);
    let got = '';
    while (got.length < 13) got += String(await st.recv(4));
    assert.equal(got, 'HELLO CONSOLE');
    await st.finish();
    await assert.rejects(st.recv(10), /stream is finished/);
    await assert.rejects(st.send(Buffer.from('x')), /stream is finished/);
    // A stream binds once only.
    await assert.rejects(dom.openConsole(null, st), /already in use/);
    st.free();

    // The other side ends: recv() drains what is left, then reports the end with an empty buffer.
    const st2 = conn.newStream();
    await dom.openConsole(null, st2);
    await st2.send(Buffer.from('good bye'));
    const chunks: Buffer[] = [];
    await st2.recvAll((b) => { chunks.push(b); });
    assert.equal(Buffer.concat(chunks).toString(), 'GOOD BYE');
    assert.equal((await st2.recv(10)).length, 0);
    await st2.abort();
    dom.free();
    // Every transfer opened was closed: nothing is left on the server side.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = await new Promise<number>((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
    assert.equal(open, 0);
  } finally {
    await conn.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('streams on the test driver are unsupported, and denied on read-only connections first', async () => {
  const conn = await v.open('test:///default');
  const ro = await v.openReadOnly('test:///default');
  try {
    const dom = await conn.lookupByName('test');
    await assert.rejects(dom.openConsole(null, conn.newStream()), (e: v.VirError) =>
      e.code === v.ErrorNumber.VIR_ERR_NO_SUPPORT && e.message === 'this function is not supported by the connection driver: virDomainOpenConsole');
    const roDom = await ro.lookupByName('test');
    await assert.rejects(roDom.openConsole(null, ro.newStream()), (e: v.VirError) =>
      e.code === v.ErrorNumber.VIR_ERR_OPERATION_DENIED && /virDomainOpenConsole/.test(e.message));
    const pool = await conn.storagePoolLookupByName('default-pool');
    const vol = (await pool.listAllVolumes())[0];
    if (vol) {
      await assert.rejects(vol.download(conn.newStream(), 0, 0), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_NO_SUPPORT);
    }
  } finally {
    await conn.close();
    await ro.close();
  }
});
