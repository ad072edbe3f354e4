/**
 * tsvirtd starts the QEMU driver it serves by default when that driver has work, as libvirtd
 * does: an autostart domain boots when the daemon starts, before any client connects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as v from '../../../../src/index.js';
import { Daemon } from '../../../../src/daemon/server.js';
import { defaultConfig } from '../../../../src/daemon/config.js';
import { guestXml } from './guest-xml.js';
import { cleanupRoot, makeRoot, waitForGuestReady } from './harness.js';

test('an autostart domain boots when tsvirtd starts, before any client; none without such work', async (t) => {
  const { root } = makeRoot();
  t.after(() => cleanupRoot(root));
  // the session instance of this process lives under the test's root
  for (const [name, dir] of [['XDG_CONFIG_HOME', 'config'], ['XDG_CACHE_HOME', 'cache'], ['XDG_RUNTIME_DIR', 'run']] as const) {
    mkdirSync(join(root, dir), { recursive: true, mode: 0o700 });
    process.env[name] = join(root, dir);
  }
  const config = { ...defaultConfig(false), unixSockDir: join(root, 'sock') };

  // nothing to do yet: the daemon starts without opening the driver
  const idle = new Daemon(config, { privileged: false });
  await idle.start();
  await idle.stop();

  const serial = join(root, 'serial.log');
  const setup = await v.open('qemu:///session');
  const defined = await setup.defineXML(guestXml({ name: 'auto1', serialLog: serial }));
  await defined.setAutostart(1);
  assert.equal((await defined.state()).state, v.VIR_DOMAIN_SHUTOFF);
  defined.free(); // objects hold their connection: let the instance go for real
  assert.equal(await setup.close(), 0);
  // autostart runs once per host boot (a marker in the run directory): this is a new "boot"
  rmSync(join(root, 'run', 'tsvirt', 'qemu', 'run', 'autostarted'), { force: true });

  const daemon = new Daemon(config, { privileged: false });
  await daemon.start();
  t.after(() => daemon.stop());
  await waitForGuestReady(serial);
  const conn = await v.open('qemu:///session');
  const dom = await conn.lookupByName('auto1');
  assert.deepEqual(await dom.state(), { state: v.VIR_DOMAIN_RUNNING, reason: v.VIR_DOMAIN_RUNNING_BOOTED });
  await dom.destroy();
  await dom.undefine();
  await conn.close();
});
