/** Host interface definition, start/stop and the network change transaction (the rest of virsh's "interface" group). */
import { VIR_INTERFACE_DEFINE_VALIDATE, type HostInterface } from '../../index.js';
import type { CommandDef, OptionDef } from '../command.js';
import { optBool, optString } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import type { Session } from '../session.js';
import { interfaceOption } from '../interface-lookup.js';

const IFACE_ARG: OptionDef = { name: 'interface', type: 'data', required: true, help: 'interface name or MAC address' };

/** iface-undefine / iface-start / iface-destroy: one call, then virsh's confirmation. */
function ifaceAction(name: string, summary: string, run: (i: HostInterface) => Promise<void>, verb: string, done: string): CommandDef {
  return {
    name,
    summary,
    options: [IFACE_ARG],
    async handler(s, cmd) {
      using iface = await interfaceOption(s, cmd);
      const label = optString(s, cmd, 'interface')!;
      await must(s, `Failed to ${verb} interface ${label}`, () => run(iface));
      s.out.printExtra(`Interface ${label} ${done}\n`);
      // virsh's iface-destroy reports failure even when the interface stopped.
      return name !== 'iface-destroy';
    },
  };
}

/** iface-begin / iface-commit / iface-rollback. */
function transaction(name: string, summary: string, run: (s: Session) => Promise<void>, verb: string, done: string): CommandDef {
  return {
    name,
    summary,
    options: [],
    async handler(s) {
      await must(s, `Failed to ${verb} network config change transaction`, () => run(s));
      s.out.printExtra(`Network config change transaction ${done}\n`);
    },
  };
}

/** iface-mac / iface-name: one lookup, one line. */
function translate(name: string, summary: string, help: string, byMAC: boolean, print: (i: HostInterface) => string): CommandDef {
  return {
    name,
    summary,
    options: [{ name: 'interface', type: 'data', required: true, help }],
    async handler(s, cmd) {
      using iface = await interfaceOption(s, cmd, { name: !byMAC, mac: byMAC });
      s.out.print(`${print(iface)}\n`);
    },
  };
}

export const interfaceManageCommands: CommandDef[] = [
  {
    name: 'iface-define',
    summary: 'define (but do not start) a host interface from an XML file',
    options: [
      { name: 'file', type: 'data', required: true, help: 'XML file describing the interface' },
      flag('validate', 'check the XML against the schema first'),
    ],
    async handler(s, cmd) {
      const file = optString(s, cmd, 'file')!;
      const xml = await readXMLFile(s, file);
      const flags = optBool(cmd, 'validate') ? VIR_INTERFACE_DEFINE_VALIDATE : 0;
      using iface = await must(s, `Failed to define interface from ${file}`, () => s.conn.interfaceDefineXML(xml, flags));
      s.out.printExtra(`Interface ${iface.name()} defined from ${file}\n`);
    },
  },
  ifaceAction('iface-undefine', 'remove the definition of an inactive host interface', (i) => i.undefine(), 'undefine', 'undefined'),
  ifaceAction('iface-start', 'bring a defined host interface up', (i) => i.create(0), 'start', 'started'),
  ifaceAction('iface-destroy', 'bring a host interface down', (i) => i.destroy(0), 'destroy', 'destroyed'),
  transaction('iface-begin', 'snapshot the host interface configuration so that it can be rolled back',
    (s) => s.conn.changeBegin(0), 'begin', 'started'),
  transaction('iface-commit', 'keep the interface changes made since iface-begin', (s) => s.conn.changeCommit(0), 'commit', 'committed'),
  transaction('iface-rollback', 'restore the interface configuration saved by iface-begin',
    (s) => s.conn.changeRollback(0), 'rollback', 'rolled back'),
  translate('iface-mac', 'print the MAC address of a host interface', 'interface name', false, (i) => i.MACString()),
  translate('iface-name', 'print the name of the host interface with a MAC address', 'interface MAC address', true, (i) => i.name()),
];
