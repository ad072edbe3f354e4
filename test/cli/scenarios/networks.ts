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
  ...netUpdateScenarios(),
];

/** net-update: each section's add/delete/modify, the live/config choice, and its refusals. */
function netUpdateScenarios(): Scenario[] {
  const host = `"<host mac='52:54:00:00:00:01' name='a' ip='192.168.122.5'/>"`;
  const updateFiles = { ...files, 'host.xml': "<host mac='52:54:00:00:00:02' name='b' ip='192.168.122.6'/>\n", 'pg.xml': "<portgroup name='pg' default='yes'/>" };
  const run = (name: string, line: string) => ({ name: `net-update ${name}`, files: updateFiles, args: onDefault(line) });
  return [
    run('add a dhcp host live, then config', `net-update default add ip-dhcp-host ${host}; net-dumpxml default; net-update default add-first ip-dhcp-host ${host} --config; `
      + `net-update default delete ip-dhcp-host "<host name='a'/>" --live --config; net-dumpxml default`),
    run('modify a dhcp host, and a missing one', `net-update default add-last ip-dhcp-host ${host}; net-update default modify ip-dhcp-host "<host mac='52:54:00:00:00:01' name='c' ip='192.168.122.7'/>"; `
      + `net-dumpxml default; net-update default modify ip-dhcp-host "<host mac='52:54:00:00:00:09' ip='192.168.122.9'/>"`),
    run('from a file', 'net-update default add ip-dhcp-host host.xml; net-update default add ip-dhcp-host $DIR/host.xml; net-dumpxml default'),
    run('missing file', 'net-update default add ip-dhcp-host nope.xml'),
    run('ranges', `net-update default add ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.254'/>"; `
      + `net-update default delete ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.254'/>"; net-update default modify ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.9'/>"; `
      + `net-update default add ip-dhcp-range "<range start='192.168.122.2' end='192.168.123.9'/>"; net-dumpxml default`),
    run('portgroups', 'net-update default add portgroup pg.xml; net-update default add-first portgroup "<portgroup name=\'other\' default=\'yes\'/>"; '
      + 'net-update default modify portgroup "<portgroup name=\'pg\'/>"; net-update default delete portgroup "<portgroup name=\'gone\'/>"; net-dumpxml default'),
    run('dns records', `net-update default add dns-host "<host ip='192.168.122.3'><hostname>h</hostname></host>"; net-update default add dns-txt "<txt name='t' value='v'/>"; `
      + `net-update default add dns-srv "<srv service='s' protocol='tcp' target='x.example' port='80'/>"; net-dumpxml default; `
      + `net-update default modify dns-txt "<txt name='t' value='w'/>"; net-update default delete dns-host "<host><hostname>h</hostname></host>"; `
      + `net-update default delete dns-srv "<srv service='s'/>"; net-update default delete dns-txt "<txt name='t'/>"; net-dumpxml default`),
    run('forward interfaces', `net-update default add forward-interface "<interface dev='eth0'/>"; net-update default add forward-interface "<interface dev='eth0'/>"; `
      + `net-dumpxml default; net-update default delete forward-interface "<interface dev='eth0'/>"`),
    run('refused sections', 'net-update default add bridge "<bridge/>"; net-update default add ip "<ip/>"; net-update default add forward-pf "<pf/>"'),
    run('unknown command and section', 'net-update default bogus ip-dhcp-host x; net-update default none ip x; net-update default add bogus x; net-update default add none x'),
    run('wrong element and bad XML', `net-update default add ip-dhcp-host "<range/>"; net-update default add ip-dhcp-host "<host"`),
    run('parent index', `net-update default add ip-dhcp-host ${host} --parent-index 3; net-update default add ip-dhcp-host ${host} --parent-index x; net-update default add ip-dhcp-host ${host} --parent-index 0`),
    run('exclusive options', `net-update default add ip-dhcp-host ${host} --current --live; net-update default add ip-dhcp-host ${host} --current --config`),
    run('inactive and transient networks', `net-define n2.xml; net-update n2 add dns-txt "<txt name='t' value='v'/>"; net-update n2 add dns-txt "<txt name='u' value='v'/>" --live; `
      + `net-dumpxml n2; net-create n3.xml; net-update n3 add dns-txt "<txt name='t' value='v'/>" --config; net-update n3 add dns-txt "<txt name='t' value='v'/>"`),
    run('unknown network and missing arguments', 'net-update nope add dns-txt x; net-update default add; net-update default'),
    { name: 'net-update quiet', args: ['-q', ...onDefault(`net-update default add ip-dhcp-host ${host}`)] },
  ];
}
