/** domstats on the test driver: groups, list filters, named domains (order and repeats), --enforce and failures. */
import { onDefault, type Scenario } from '../harness.js';

const IOTHREADS_NODE = `<node>
  <domain type='test'>
    <name>io</name><uuid>1e3c1d6a-0c39-4b1e-8a57-6b1f7d0b9a01</uuid><memory>65536</memory>
    <iothreads>3</iothreads><iothreadids><iothread id='5'/></iothreadids><os><type>hvm</type></os>
  </domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>idle</name><uuid>1e3c1d6a-0c39-4b1e-8a57-6b1f7d0b9a02</uuid><memory>65536</memory>
    <iothreads>1</iothreads><os><type>hvm</type></os><test:runstate>5</test:runstate>
  </domain>
</node>
`;
const TRANS = "<domain type='test'><name>trans</name><uuid>5b8c8f4e-2a6b-4c1e-9f0d-3e7a1c2b4d60</uuid><memory>131072</memory><os><type>hvm</type></os></domain>";
const onNode = (commands: string): Omit<Scenario, 'name'> => ({ args: ['-c', 'test://$DIR/node.xml', commands], files: { 'node.xml': IOTHREADS_NODE } });

export const domstatsScenarios: Scenario[] = [
  { name: 'domstats', args: onDefault('domstats') },
  { name: 'domstats groups', args: onDefault('domstats --state; domstats --iothread; domstats --cpu-total --balloon --vcpu --interface --block --perf --memory --dirtyrate --vm') },
  { name: 'domstats --raw --nowait --backing', args: onDefault('domstats --raw --nowait --backing --state') },
  { name: 'domstats --enforce', args: onDefault('domstats --enforce --state --iothread; domstats --enforce --vcpu; domstats --enforce --vm --perf') },
  {
    name: 'domstats filters',
    args: onDefault('create $DIR/trans.xml; suspend trans; domstats --list-paused; domstats --list-transient --list-running; '
      + 'domstats --list-inactive; domstats --list-active --list-persistent; domstats --list-shutoff --list-other'),
    files: { 'trans.xml': TRANS },
  },
  { name: 'domstats named domains', args: onDefault('create $DIR/trans.xml; domstats trans test 1 trans; domstats --domain test --state'), files: { 'trans.xml': TRANS } },
  { name: 'domstats named and filtered out', args: onDefault('domstats --list-shutoff test; domstats --list-running test') },
  { name: 'domstats unknown domain', args: onDefault('domstats test nope') },
  { name: 'domstats empty name', args: onDefault("domstats ''") },
  { name: 'domstats unknown option', args: onDefault('domstats --bogus') },
  { name: 'domstats quiet', args: ['-q', ...onDefault('domstats; domstats test')] },
  { name: 'domstats iothreads of a node file', ...onNode('domstats; domstats --iothread io; destroy io; domstats io; start io; domstats --iothread io') },
  // libvirt's test driver gives IOThreads only to the domains of the node file, not to ones defined later.
  {
    name: 'domstats defined domains have no iothreads',
    args: onDefault('define $DIR/io3.xml; start io3; domstats --iothread io3 test'),
    files: { 'io3.xml': "<domain type='test'><name>io3</name><memory>65536</memory><iothreads>2</iothreads><os><type>hvm</type></os></domain>" },
  },
];
