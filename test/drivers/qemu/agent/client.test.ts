/**
 * The guest agent client against a scripted agent on a real unix socket: the sync handshake
 * (garbage and stale replies skipped), exact 64-bit integers both ways, the agent's errors in
 * libvirt's words, a timeout that forces a new sync, and shutdown completed by the event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuestAgent, bigNumber } from '../../../../src/drivers/qemu/agent/client.js';

type Answer = (cmd: { execute: string; arguments?: Record<string, unknown> }, raw: string, sock: Socket) => void;

/** A fake agent: every line received is recorded and answered by `answer`. */
async function fakeAgent(answer: Answer) {
  const dir = mkdtempSync(join(tmpdir(), 'tsvirt-agent-'));
  const path = join(dir, 'agent.sock');
  const received: string[] = [];
  const server = createServer((sock) => {
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const raw = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        received.push(raw);
        answer(JSON.parse(raw), raw, sock);
      }
    });
  });
  await new Promise<void>((r) => server.listen(path, r));
  const agent = await GuestAgent.open(path);
  return {
    agent, received,
    async close() {
      agent.close();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const syncId = (cmd: { arguments?: Record<string, unknown> }): string => String(cmd.arguments!.id);

test('sync first (skipping garbage and a stale id), then the command; a 64-bit reply and argument stay exact', async () => {
  let syncs = 0;
  const f = await fakeAgent((cmd, raw, sock) => {
    if (cmd.execute === 'guest-sync') {
      syncs++;
      // the first sync meets what an earlier session left: garbage, which ends that attempt
      if (syncs === 1) sock.write('garbage left over\n');
      else sock.write(`{"return": 12345}\n{"return": ${syncId(cmd)}}\n`);
    } else if (cmd.execute === 'guest-get-time') {
      sock.write('{"return": 1795287074123456789}\n');
    } else if (cmd.execute === 'guest-set-time') {
      assert.match(raw, /"time":1795287074987654321}/);
      sock.write('{"return": {}}\n');
    }
  });
  try {
    assert.equal(bigNumber(await f.agent.command('guest-get-time')), 1795287074123456789n);
    await f.agent.command('guest-set-time', { time: 1795287074987654321n });
    assert.deepEqual(f.received.map((r) => JSON.parse(r).execute), ['guest-sync', 'guest-sync', 'guest-get-time', 'guest-set-time']);
  } finally {
    await f.close();
  }
});

test('agent errors and missing replies in libvirt\'s words; a timeout means a new sync next time', async () => {
  let silent = false;
  const f = await fakeAgent((cmd, _raw, sock) => {
    if (cmd.execute === 'guest-sync') sock.write(`{"return": ${syncId(cmd)}}\n`);
    else if (cmd.execute === 'guest-nope') sock.write('{"error": {"class": "CommandNotFound", "desc": "The command guest-nope has not been found"}}\n');
    else if (cmd.execute === 'guest-classless') sock.write('{"error": {"class": "InvalidParameter"}}\n');
    else if (cmd.execute === 'guest-slow' && !silent) silent = true;
    else if (cmd.execute === 'guest-ping') sock.write('{"return": {}}\n');
  });
  try {
    await assert.rejects(f.agent.command('guest-nope'),
      { code: 1, message: "internal error: unable to execute QEMU agent command 'guest-nope': The command guest-nope has not been found" });
    await assert.rejects(f.agent.command('guest-classless'),
      { message: "internal error: unable to execute QEMU agent command 'guest-classless': Invalid parameter" });
    await assert.rejects(f.agent.command('guest-slow', undefined, 0.3), { code: 86, message: 'Guest agent is not responding: Guest agent not available for now' });
    const before = f.received.length;
    assert.deepEqual(await f.agent.command('guest-ping'), {});
    assert.deepEqual(f.received.slice(before).map((r) => JSON.parse(r).execute), ['guest-sync', 'guest-ping']);
  } finally {
    await f.close();
  }
});

test('a shutdown gets no reply: the event completes it; commands queue one at a time', async () => {
  const f = await fakeAgent((cmd, _raw, sock) => {
    if (cmd.execute === 'guest-sync') sock.write(`{"return": ${syncId(cmd)}}\n`);
    else if (cmd.execute === 'guest-ping') setTimeout(() => sock.write('{"return": {}}\n'), 50);
  });
  try {
    const [a, b] = [f.agent.command('guest-ping'), f.agent.command('guest-ping')];
    assert.deepEqual(await Promise.all([a, b]), [{}, {}]);
    const shutdown = f.agent.command('guest-shutdown', { mode: 'powerdown' }, 5, 'shutdown');
    setTimeout(() => f.agent.notifyEvent('shutdown'), 100);
    assert.equal(await shutdown, null);
  } finally {
    await f.close();
  }
});
