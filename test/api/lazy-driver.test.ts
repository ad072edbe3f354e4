import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registeredDrivers } from '../../src/api/registry.js';
import '../../src/index.js';
import { qemuDriverFactory } from '../../src/drivers/qemu/index.js';
import { remoteDriverFactory } from '../../src/drivers/remote/index.js';
import { testDriverFactory } from '../../src/drivers/test/index.js';

test('the registry knows every driver by the identity its module gives it, without loading it', () => {
  const identity = (f: { name: string; schemes: readonly string[]; remote?: boolean }) =>
    ({ name: f.name, schemes: [...f.schemes], remote: Boolean(f.remote) });
  assert.deepEqual(registeredDrivers().map(identity), [testDriverFactory, qemuDriverFactory, remoteDriverFactory].map(identity));
});
