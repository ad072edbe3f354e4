import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCommandLine, shellQuote } from '../../../src/util/command/index.js';

test('words without shell specials stay bare', () => {
  for (const word of ['--strict-order', '/usr/sbin/dnsmasq', 'a=b,c:d', '%s@+-.']) assert.equal(shellQuote(word), word);
});

test('empty words and words with specials are single-quoted', () => {
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote('$HOME'), "'$HOME'");
  assert.equal(shellQuote('tab\there'), "'tab\there'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
});

test('environment values are quoted after the =, so the shell reads the same assignment', () => {
  assert.equal(
    formatCommandLine(['LC_ALL=C', 'A=b c'], ['/bin/echo', 'x y']),
    "LC_ALL=C A='b c' /bin/echo 'x y'",
  );
  assert.equal(formatCommandLine(null, ['/bin/true']), '/bin/true');
});
