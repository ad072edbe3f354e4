/** Network commands: listing, lookup, lifecycle from XML files, and their failures. */
import { onDefault, type Scenario } from '../harness.js';

const N2 = "<network><name>n2</name><uuid>3c297e0d-d027-4b61-abf3-e4c7791aa5d1</uuid><bridge name='virbr9'/></network>";
const N3 = "<network><name>n3</name><uuid>0b7a4a8e-52a1-4d42-9d1e-1c1d0b1a9c33</uuid><forward mode='nat'/><ip address='10.9.9.1' netmask='255.255.255.0'/></network>";
const DEFAULT_UUID = 'dd8fe884-6c02-601e-7551-cca97df1c5df';
const files = { 'n2.xml': N2, 'n3.xml': N3, 'bad.xml': '<network><name>\n', 'notxml.xml': 'hello' };

export const networkScenarios: Scenario[] = [
  { name: 'net-list', args: onDefault('net-list') },
  { name: 'net-list --all --table', args: onDefault('net-list --all --table') },
  { name: 'net-list --uuid / --name', args: onDefault('net-list --uuid; net-list --name --all') },
  { name: 'net-list exclusive outputs', args: onDefault('net-list --name --uuid') },
  { name: 'net-list filters', args: onDefault('net-list --inactive; net-list --persistent; net-list --transient; net-list --autostart; net-list --no-autostart --all') },
  { name: 'net-list quiet', args: ['-q', ...onDefault('net-list --all')] },
  { name: 'net-info', args: onDefault('net-info default') },
  { name: 'net-info by uuid', args: onDefault(`net-info ${DEFAULT_UUID}`) },
  { name: 'net-info unknown', args: onDefault('net-info nope') },
  { name: 'net-info unknown uuid', args: onDefault('net-info 00000000-0000-0000-0000-000000000001') },
  { name: 'net-info missing argument', args: onDefault('net-info') },
  { name: 'net-info --network=', args: onDefault('net-info --network=default') },
  { name: 'net-uuid / net-name', args: onDefault(`net-uuid default; net-name ${DEFAULT_UUID}`) },
  { name: 'net-uuid by uuid fails', args: onDefault(`net-uuid ${DEFAULT_UUID}`) },
  { name: 'net-name by name fails', args: onDefault('net-name default') },
  { name: 'net-uuid unknown', args: onDefault('net-uuid nope') },
  { name: 'net-dumpxml', args: onDefault('net-dumpxml default') },
  { name: 'net-dumpxml --inactive', args: onDefault('net-dumpxml default --inactive') },
  {
    name: 'net-define, start, autostart, destroy, undefine',
    files,
    args: onDefault('net-define n2.xml; net-list --all; net-info n2; net-start n2; net-list; net-autostart n2; net-list --autostart; '
      + 'net-info n2; net-autostart --disable n2; net-destroy n2; net-info n2; net-undefine n2; net-list --all'),
  },
  { name: 'net-define relative and absolute paths', files, args: onDefault('net-define $DIR/n3.xml; net-dumpxml n3') },
  { name: 'net-define twice redefines', files, args: onDefault('net-define n2.xml; net-define n2.xml; net-list --all --name') },
  { name: 'net-define --validate', files, args: onDefault('net-define --validate n2.xml') },
  { name: 'net-define missing file', args: onDefault('net-define nope.xml') },
  { name: 'net-define a directory', args: onDefault('net-define .') },
  { name: 'net-define bad XML', files, args: onDefault('net-define bad.xml; net-list --all') },
  { name: 'net-define not XML', files, args: onDefault('net-define notxml.xml') },
  { name: 'net-define empty file', args: onDefault('net-define /dev/null') },
  { name: 'net-define missing argument', args: onDefault('net-define') },
  { name: 'net-create transient', files, args: onDefault('net-create n2.xml; net-list --transient; net-info n2; net-dumpxml n2; net-destroy n2; net-list --all') },
  { name: 'net-create clashes with a running network', files, args: onDefault('net-create n2.xml; net-create n2.xml') },
  { name: 'net-create bad XML', files, args: onDefault('net-create bad.xml') },
  { name: 'net-start already running', args: onDefault('net-start default') },
  { name: 'net-start unknown', args: onDefault('net-start nope') },
  { name: 'net-destroy then start', args: onDefault('net-destroy default; net-list --all; net-start default; net-list') },
  { name: 'net-undefine running network', args: onDefault('net-undefine default; net-list --all') },
  { name: 'net-undefine unknown', args: onDefault('net-undefine nope') },
  { name: 'net-autostart unknown', args: onDefault('net-autostart nope --disable') },
  { name: 'net-dumpxml --inactive of a transient network', files, args: onDefault('net-create n2.xml; net-dumpxml --inactive n2') },
  { name: 'net commands quiet', files, args: ['-q', ...onDefault('net-define n2.xml; net-start n2; net-destroy n2')] },
];
