import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorDomain, ErrorNumber, isVirError } from '../../../src/errors/index.js';
import { Command } from '../../../src/util/command/index.js';

const printArgs = (...args: string[]) => new Command('/bin/sh', ['-c', 'printf "[%s]" "$@"', 'sh', ...args]);

async function childArgs(command: Command): Promise<string> {
  command.setOutputBuffer();
  await command.run();
  return command.capturedOutput!;
}

test('each way of adding arguments reaches the child as separate words, never through a shell', async () => {
  const command = printArgs('plain')
    .addArg('two words')
    .addArgPair('--conf-file', '/etc/dnsmasq.conf')
    .addArgFormat('%d-%s', 42, 'x')
    .addArgSet(['$HOME', "'quoted'"])
    .addArgList('a;b', '`c`');
  assert.equal(await childArgs(command), "[plain][two words][--conf-file=/etc/dnsmasq.conf][42-x][$HOME]['quoted'][a;b][`c`]");
});

test('fromArgs takes the binary from the first element', async () => {
  const command = Command.fromArgs(['/bin/sh', '-c', 'printf "[%s]" "$@"', 'sh', '--domain', 'localdomain']);
  assert.equal(await childArgs(command), '[--domain][localdomain]');
});

test('a bare name is looked up on PATH when the command runs', async () => {
  const command = new Command('printf', ['%s', 'found']).setOutputBuffer();
  await command.run();
  assert.equal(command.capturedOutput, 'found');
});

test('a name missing from PATH is a system error with libvirt wording', async () => {
  await assert.rejects(new Command('tsvirt-no-such-binary').run(), (err) => {
    assert.ok(isVirError(err));
    assert.equal(err.code, ErrorNumber.VIR_ERR_SYSTEM_ERROR);
    assert.equal(err.domain, ErrorDomain.VIR_FROM_NONE);
    assert.equal(err.message, "Cannot find 'tsvirt-no-such-binary' in path: No such file or directory");
    return true;
  });
});

test('a missing absolute binary cannot be executed', async () => {
  await assert.rejects(new Command('/nonexistent/tool').run(), {
    code: ErrorNumber.VIR_ERR_SYSTEM_ERROR,
    message: 'cannot execute binary /nonexistent/tool: No such file or directory',
  });
});

const invalidUse = { code: ErrorNumber.VIR_ERR_INTERNAL_ERROR, domain: ErrorDomain.VIR_FROM_NONE, message: 'internal error: invalid use of command API' };

test('mistakes made while building are kept and reported when the command runs', async () => {
  const mistakes: Array<(c: Command) => unknown> = [
    (c) => c.addArg(null as unknown as string),
    (c) => c.addArg('nul\0byte'),
    (c) => c.addArgPair('--x', undefined as unknown as string),
    (c) => c.addArgSet([]),
    (c) => c.addEnvPair('', 'x'),
    (c) => c.addEnvPair('A=B', 'x'),
    (c) => c.addEnvString('NOEQUALS'),
    (c) => c.preserveFd(1),
    (c) => c.transferFd(-3),
    (c) => c.setInputFd(1.5),
    (c) => c.setOutputBuffer().setOutputFd(1),
    (c) => c.setInputBuffer('a').setInputFd(0),
    (c) => c.setWorkingDirectory('/').setWorkingDirectory('/tmp'),
    (c) => c.setUmask(0o1000),
    (c) => c.setMaxFiles(-1),
    (c) => c.setCgroup('relative/path'),
    (c) => c.setUID(-1),
  ];
  for (const mistake of mistakes) {
    const command = new Command('/bin/true');
    mistake(command);
    command.addArg('later additions are ignored');
    await assert.rejects(command.run(), invalidUse, String(mistake));
    await assert.rejects(command.runAsync(), invalidUse, String(mistake));
    assert.throws(() => command.toString(), invalidUse);
  }
  await assert.rejects(Command.fromArgs([]).run(), invalidUse);
});

test('toString shows the own environment and quotes what the shell would misread', () => {
  const command = new Command('/usr/sbin/dnsmasq', ['--strict-order', '--conf-file=/tmp/a b'])
    .addEnvPair('LC_ALL', 'C')
    .addEnvPair('PATH', '/usr/bin:/bin')
    .addEnvString('X=1 2');
  assert.equal(command.toString(), "LC_ALL=C PATH=/usr/bin:/bin X='1 2' /usr/sbin/dnsmasq --strict-order '--conf-file=/tmp/a b'");
  assert.equal(new Command('/bin/true').toString(), '/bin/true');
});
