/**
 * `migrate` on test:///default: libvirt's test driver has no migration, so every run ends in an
 * error — virsh's option checks, the destination connection, the library's flag checks and
 * feature probing, or "not supported". virsh 9.0.0 can hang when the call fails before it
 * starts watching the job (runVirsh tries again), so each scenario makes few calls that get
 * that far.
 */
import { onDefault, type Scenario } from '../harness.js';

const files = { 'dest.xml': "<domain type='test'><name>moved</name><memory>1024</memory><os><type>hvm</type></os></domain>" };
const run = (name: string, line: string): Scenario => ({ name, files, args: onDefault(line) });

export const migrateScenarios: Scenario[] = [
  run('migrate: missing arguments', 'migrate'),
  run('migrate: missing desturi', 'migrate test'),
  run('migrate: option checks virsh makes first', 'migrate --live --offline test x; migrate --timeout-suspend --timeout-postcopy test x; '
    + 'migrate --postcopy-after-precopy test x; migrate --postcopy-resume test x; migrate --timeout-postcopy --timeout 1 --live test x; '
    + 'migrate --persistent-xml $DIR/dest.xml test x; migrate --tls-destination h test x; migrate nope test:///default'),
  run('migrate: timeouts', 'migrate --timeout 5 test test:///default; migrate --timeout-suspend test test:///default; '
    + 'migrate --timeout abc --live test test:///default; migrate --timeout -1 --live test test:///default'),
  run('migrate: destinations that cannot be reached', 'migrate test x; migrate --live test qemu+tcp://x/system; '
    + 'migrate test test+unix:///default?socket=$DIR/none; migrate test x; list'),
  run('migrate: to another connection', 'migrate test test:///default; migrate --verbose --live test test:///default'),
  run('migrate: flag conflicts the library refuses', 'migrate --copy-storage-all --copy-storage-inc test test:///default; '
    + 'migrate --copy-storage-synchronous-writes test test:///default; migrate --tunnelled test test:///default'),
  run('migrate: features the test driver lacks', 'migrate --offline --persistent test test:///default; migrate --change-protection test test:///default'),
  run('migrate: extended parameters', 'migrate test test:///default --dname foo --migrateuri tcp://h --bandwidth 10; '
    + 'migrate test test:///default tcp://h foo; migrate test test:///default --compressed --comp-methods xbzrle,mt --comp-mt-level 3'),
  run('migrate: peer-to-peer and direct', 'migrate --p2p test test:///default; migrate --direct test test:///default; migrate --p2p --tunneled --parallel test test:///default'),
  run('migrate: bad numbers and files', 'migrate --disks-port abc test test:///default; migrate --xml $DIR/none test test:///default; '
    + 'migrate --comp-xbzrle-cache -1 test test:///default'),
];
