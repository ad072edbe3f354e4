/**
 * The floor for any Node daemon in bench/daemon: a process that relays a client's packets to a
 * real tsvirtd and answers every repeat of a call it has seen from its cache (the reply recorded
 * for the same procedure and arguments, with the new serial), so a loop of identical calls costs
 * it only framing, a lookup and a write: no decoding, no dispatch, no driver. What it reaches is
 * what the machine's wake-ups and Node's own I/O path allow, whatever a daemon's code does.
 * Replies may be stale (a domain's CPU time): it is a yardstick, never a server.
 *
 *   node dist/bench/canned-relay.js LISTEN_SOCKET UPSTREAM_SOCKET
 */
import net from 'node:net';

const [listenPath, upstreamPath] = process.argv.slice(2);
if (!listenPath || !upstreamPath) {
  console.error('usage: canned-relay LISTEN_SOCKET UPSTREAM_SOCKET');
  process.exit(2);
}

const REPLY = 1;
/** Header offsets after the length word: serial at 20..24, the rest is the call's identity. */
const SERIAL = 20;

/** Splits a byte stream into libvirt packets (each led by its total length). */
function packets(onPacket: (p: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const len = pending.readUInt32BE(0);
      if (pending.length < len) break;
      onPacket(pending.subarray(0, len));
      pending = pending.subarray(len);
    }
  };
}

const callKey = (p: Buffer): string => p.toString('latin1', 4, SERIAL) + p.toString('latin1', SERIAL + 4);

const server = net.createServer((client) => {
  const upstream = net.connect(upstreamPath);
  // Per client: a call's reply depends on the connection's state (CONNECT_OPEN first, ...).
  const cache = new Map<string, Buffer>();
  const waiting = new Map<number, string>();
  client.on('data', packets((p) => {
    const cached = cache.get(callKey(p));
    if (cached) {
      const reply = Buffer.from(cached);
      reply.writeUInt32BE(p.readUInt32BE(SERIAL), SERIAL);
      client.write(reply);
      return;
    }
    waiting.set(p.readUInt32BE(SERIAL), callKey(p));
    upstream.write(Buffer.from(p));
  }));
  upstream.on('data', packets((p) => {
    const key = p.readInt32BE(16) === REPLY ? waiting.get(p.readUInt32BE(SERIAL)) : undefined;
    if (key !== undefined) {
      waiting.delete(p.readUInt32BE(SERIAL));
      cache.set(key, Buffer.from(p));
    }
    client.write(Buffer.from(p));
  }));
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on('close', end).on('error', end);
  upstream.on('close', end).on('error', end);
});
server.listen(listenPath);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
