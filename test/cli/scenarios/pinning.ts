/** CPU placement of domains: vcpupin, emulatorpin pinning, iothreadinfo/add/del/pin/set, cpu-stats, with their error cases. */
import { onDefault, type Scenario } from '../harness.js';

/** A node file whose domain has IOThreads (libvirt's test driver gives them only to node-file domains). */
const IO_NODE = `<node>
  <domain type='test'>
    <name>io</name><uuid>1e3c1d6a-0c39-4b1e-8a57-6b1f7d0b9a01</uuid><memory>65536</memory><vcpu>3</vcpu>
    <iothreads>2</iothreads><iothreadids><iothread id='5'/></iothreadids><os><type>hvm</type></os>
  </domain>
</node>
`;
const onNode = (commands: string): Omit<Scenario, 'name'> => ({ args: ['-c', 'test://$DIR/node.xml', commands], files: { 'node.xml': IO_NODE } });

export const pinningScenarios: Scenario[] = [
  { name: 'vcpupin query', args: onDefault('vcpupin test; vcpupin test 1; vcpupin test --vcpu 0 --config; vcpupin test --live; vcpupin test --current 1') },
  { name: 'vcpupin pin', args: onDefault('vcpupin test 0 2-3; vcpupin test; vcpupin test 1 r --config; vcpupin test --config; vcpupin test 1 ^1,0 --live; vcpupin test') },
  { name: 'vcpupin errors', args: onDefault("vcpupin test 5; vcpupin test --live --config; vcpupin test --cpulist 1; vcpupin test 0 x; vcpupin test 0 ''; vcpupin test 0 9; vcpupin test -1; vcpupin test x; vcpupin nosuch; vcpupin test 7 1") },
  { name: 'vcpupin stopped', args: onDefault('destroy test; vcpupin test; vcpupin test --live; vcpupin test 1 --config; vcpupin test 3; vcpupin test 0 1; vcpupin test 0 1 --config; vcpupin test') },
  { name: 'emulatorpin pin', args: onDefault('emulatorpin test 1-2; emulatorpin test; emulatorpin test r --config; emulatorpin test --config; emulatorpin test 3 --live; emulatorpin test') },
  { name: 'emulatorpin pin stopped', args: onDefault('destroy test; emulatorpin test 1; emulatorpin test 2 --config; emulatorpin test') },
  { name: 'iothreadinfo', ...onNode('iothreadinfo io; iothreadinfo io --config; iothreadinfo io --live; iothreadinfo 1') },
  { name: 'iothreadinfo none', args: onDefault('iothreadinfo test; iothreadinfo test --config; iothreadinfo nosuch') },
  { name: 'iothreadadd and del', ...onNode('iothreadadd io 7; iothreadinfo io; iothreaddel io 5; iothreadinfo io; iothreadadd io 7; iothreaddel io 9; iothreadadd io 0; iothreaddel io -2; iothreadadd io x; iothreadadd io 8 --config; iothreadinfo io --config') },
  { name: 'iothreadpin', ...onNode('iothreadpin io 5 1-2; iothreadinfo io; iothreadpin io 1 r --config; iothreadinfo io --config; iothreadpin io 9 1; iothreadpin io 5 x; iothreadpin io -1 1; iothreadpin io 5') },
  { name: 'iothread commands stopped', ...onNode('destroy io; iothreadinfo io; iothreadadd io 3; iothreadadd io 3 --config; iothreadinfo io; iothreadpin io 3 0 --live') },
  { name: 'iothreadset', ...onNode('iothreadset io 5 --poll-max-ns 1000 --poll-grow 2 --poll-shrink 3; iothreadset io 1 --thread-pool-min 1 --thread-pool-max 4; iothreadset io 5; iothreadset io 0 --poll-grow 1; iothreadset io 9 --poll-grow 1; iothreadset io 5 --poll-grow -1; iothreadset io 5 --poll-max-ns x; iothreadset io 5 --thread-pool-min -1; iothreadset io 5 --poll-grow 1 --config; destroy io; iothreadset io 5 --poll-grow 1') },
  { name: 'cpu-stats', args: onDefault('cpu-stats test; cpu-stats test --total; cpu-stats test --start 1; cpu-stats test --start 1 --count 1; cpu-stats test --count 0') },
  { name: 'cpu-stats errors', args: onDefault('cpu-stats test --start 8; cpu-stats test --start -1; cpu-stats test --count -2; cpu-stats test --count 20; cpu-stats test --start x; cpu-stats nosuch; destroy test; cpu-stats test; cpu-stats test --total') },
  { name: 'pinning quiet', args: ['-q', ...onDefault('vcpupin test; iothreadinfo test; cpu-stats test --total')] },
];
