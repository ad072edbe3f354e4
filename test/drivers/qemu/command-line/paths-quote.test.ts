import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainShortName, qemuDomainPathsUnder, shellQuote } from '../../../../src/drivers/qemu/command-line/index.js';
import { escapeComma } from '../../../../src/drivers/qemu/command-line/shell-quote.js';

test('words are quoted only with shell metacharacters, quotes escaped as libvirt does', () => {
  assert.equal(shellQuote('-nodefaults'), '-nodefaults');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('{"a":1}'), `'{"a":1}'`);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(escapeComma('/x,y/z'), '/x,,y/z');
});

test('short names cut the domain name to 20 characters', () => {
  assert.equal(domainShortName(-1, 'min'), '-1-min');
  assert.equal(domainShortName(7, 'a-very-long-domain-name-indeed'), '7-a-very-long-domain-n');
  const p = qemuDomainPathsUnder('/r/lib/qemu', 3, 'vm');
  assert.equal(p.libDir, '/r/lib/qemu/domain-3-vm');
  assert.equal(p.channelDir, '/r/lib/qemu/channel/target/domain-3-vm');
});
