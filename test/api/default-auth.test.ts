import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as v from '../../src/index.js';

const NODE = `<node><domain type='test'><name>guarded</name><memory>1024</memory><os><type>hvm</type></os></domain>
<auth><user password='s3cret'>fred</user></auth></node>`;

function withNodeFile(fn: (uri: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsvirt-auth-'));
    try {
      writeFileSync(join(dir, 'node.xml'), NODE);
      await fn(`test://${join(dir, 'node.xml')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A default auth reading scripted answers, writing prompts to a buffer we can inspect. */
function scripted(answers: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let prompts = '';
  output.on('data', (b) => { prompts += String(b); });
  input.end(answers);
  return { auth: v.createDefaultAuth(input, output), prompts: () => prompts };
}

test('the default auth prompts for user name and pass phrase', withNodeFile(async (uri) => {
  const { auth, prompts } = scripted('fred\ns3cret\n');
  const conn = await v.openAuth(uri, auth, 0);
  assert.equal((await conn.lookupByName('guarded')).name(), 'guarded');
  assert.equal(prompts(), "Enter username for localhost: Enter fred's password for localhost: ");
  await conn.close();
}));

test('a wrong pass phrase gives libvirt\'s authentication error', withNodeFile(async (uri) => {
  const { auth } = scripted('fred\nnope\n');
  await assert.rejects(v.openAuth(uri, auth, 0), (e: v.VirError) =>
    e.code === v.ErrorNumber.VIR_ERR_AUTH_FAILED &&
    e.message === 'authentication failed: authentication failed, see test XML for the correct username/password');
}));

test('input that has ended answers empty names and pass phrases, as virsh reads EOF', withNodeFile(async (uri) => {
  const { auth, prompts } = scripted('');
  await assert.rejects(v.openAuth(uri, auth, 0), (e: v.VirError) => e.code === v.ErrorNumber.VIR_ERR_AUTH_FAILED &&
    e.message === 'authentication failed: authentication failed, see test XML for the correct username/password');
  assert.equal(prompts(), "Enter username for localhost: Enter 's password for localhost: ");
}));

test('a plain credential list answers without prompting', withNodeFile(async (uri) => {
  const conn = await v.openAuth(uri, {
    credtype: [v.VIR_CRED_AUTHNAME, v.VIR_CRED_PASSPHRASE],
    credentials: { [v.VIR_CRED_AUTHNAME]: 'fred', [v.VIR_CRED_PASSPHRASE]: 's3cret' },
  }, 0);
  assert.equal(await conn.numOfDefinedDomains(), 0);
  await conn.close();
}));
