import { createReadStream, createWriteStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QmpMonitor } from '../qmp/index.js';
import { E, qemuError } from '../errors.js';

interface MigrateInfo { status?: string; 'error-desc'?: string }

/** No bandwidth limit for save and restore (QEMU's default would cap it at 32 MiB/s). */
const UNLIMITED_BYTES_PER_SECOND = 2 ** 50;

/** Poll query-migrate until the stream is done; libvirt's job wait, without the MIGRATION event. */
async function waitForMigration(monitor: QmpMonitor, job: string): Promise<void> {
  let pause = 2;
  for (;;) {
    const info = await monitor.execute<MigrateInfo>('query-migrate');
    if (info.status === 'completed') return;
    if (info.status === 'failed' || info.status === 'cancelled') {
      throw qemuError(E.VIR_ERR_OPERATION_FAILED, `job '${job}' failed: ${info['error-desc'] ?? info.status}`);
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 50);
  }
}

/**
 * Copy what QEMU sends into the file. QEMU may drop the connection without a clean end once it
 * has sent everything; whether the stream is complete is judged by QEMU's migration status.
 */
function writeStreamToFile(sock: Socket, filePath: string, offset: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(filePath, { flags: 'r+', start: offset });
    sock.pipe(file);
    sock.on('error', () => undefined);
    sock.on('close', () => {
      if (!file.writableEnded) file.end();
    });
    file.on('finish', resolve);
    file.on('error', reject);
  });
}

/**
 * Save the (paused) guest's state into `filePath` from `offset` on: QEMU migrates to a unix
 * socket we listen on and we write what arrives, so no shell or fd passing is needed.
 */
export async function migrateToFile(monitor: QmpMonitor, socketPath: string, filePath: string, offset: number): Promise<void> {
  await unlink(socketPath).catch(() => undefined);
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  try {
    const written = accepted.then((sock) => writeStreamToFile(sock, filePath, offset));
    await monitor.execute('migrate-set-parameters', { 'max-bandwidth': UNLIMITED_BYTES_PER_SECOND });
    await monitor.execute('migrate', { uri: `unix:${socketPath}` });
    await waitForMigration(monitor, 'migration out');
    await written;
    const file = await open(filePath, 'r+');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
  } finally {
    server.close();
    await unlink(socketPath).catch(() => undefined);
  }
}

async function connectWithRetry(path: string): Promise<Socket> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const sock = connect(path, () => resolve(sock));
        sock.once('error', reject);
      });
    } catch (err) {
      if (attempt >= 250) throw err;
      await sleep(4);
    }
  }
}

/** Feed a save image's stream (from `offset`) to a QEMU started with `-incoming defer`. */
export async function migrateFromFile(monitor: QmpMonitor, socketPath: string, filePath: string, offset: number): Promise<void> {
  await unlink(socketPath).catch(() => undefined);
  try {
    await monitor.execute('migrate-incoming', { uri: `unix:${socketPath}` });
    const sock = await connectWithRetry(socketPath);
    // QEMU may hang up as soon as it has read the whole stream: its status is what counts.
    const sent = pipeline(createReadStream(filePath, { start: offset }), sock).catch(() => undefined);
    await waitForMigration(monitor, 'migration in');
    await sent;
  } finally {
    await unlink(socketPath).catch(() => undefined);
  }
}
