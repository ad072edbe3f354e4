/** Node device lifecycle and host-driver binding (the rest of virsh's "nodedev" group). */
import { VIR_NODE_DEVICE_CREATE_XML_VALIDATE, VIR_NODE_DEVICE_DEFINE_XML_VALIDATE, type NodeDevice } from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { optBool, optString, optStringQuiet } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import { findNodeDevice, nodeDeviceOption } from '../nodedev-lookup.js';
import type { Session } from '../session.js';
import { nodedevEventCommand } from './nodedev-event.js';

const DEVICE_ARG: OptionDef = { name: 'device', type: 'data', required: true, help: 'device name' };
const FILE_OPTIONS: OptionDef[] = [
  { name: 'file', type: 'data', required: true, help: 'XML file describing the device' },
  flag('validate', 'check the XML against the schema first'),
];

/** The commands that find their device by name only (no WWNN,WWPN form). */
async function deviceByName(s: Session, cmd: ParsedCommand): Promise<NodeDevice> {
  const name = optString(s, cmd, 'device')!;
  return s.conn.nodeDeviceLookupByName(name).catch((err: unknown) => {
    s.out.error(`Could not find matching device '${name}'`);
    throw err;
  });
}

/** nodedev-detach / -reattach / -reset / -start: one call on a device found by name. */
function byNameAction(name: string, summary: string, extra: OptionDef[], run: (d: NodeDevice, cmd: ParsedCommand) => Promise<void>,
  failed: string, done: string): CommandDef {
  return {
    name,
    summary,
    options: [DEVICE_ARG, ...extra],
    async handler(s, cmd) {
      const label = optString(s, cmd, 'device')!;
      using dev = await deviceByName(s, cmd);
      await must(s, `${failed} ${label}`, () => run(dev, cmd));
      s.out.printExtra(`Device ${label} ${done}\n`);
    },
  };
}

export const nodedevManageCommands: CommandDef[] = [
  {
    name: 'nodedev-create',
    summary: 'create a transient host device from an XML file',
    options: FILE_OPTIONS,
    async handler(s, cmd) {
      const file = optString(s, cmd, 'file')!;
      const xml = await readXMLFile(s, file);
      const flags = optBool(cmd, 'validate') ? VIR_NODE_DEVICE_CREATE_XML_VALIDATE : 0;
      using dev = await must(s, `Failed to create node device from ${file}`, () => s.conn.nodeDeviceCreateXML(xml, flags));
      s.out.printExtra(`Node device ${dev.name()} created from ${file}\n`);
    },
  },
  {
    name: 'nodedev-define',
    summary: 'define (but do not start) a persistent host device from an XML file',
    options: FILE_OPTIONS,
    async handler(s, cmd) {
      const file = optString(s, cmd, 'file')!;
      const xml = await readXMLFile(s, file);
      const flags = optBool(cmd, 'validate') ? VIR_NODE_DEVICE_DEFINE_XML_VALIDATE : 0;
      using dev = await must(s, `Failed to define node device from '${file}'`, () => s.conn.nodeDeviceDefineXML(xml, flags));
      s.out.printExtra(`Node device '${dev.name()}' defined from '${file}'\n`);
    },
  },
  {
    name: 'nodedev-destroy',
    summary: 'remove a host device created with nodedev-create (or stop a defined one)',
    options: [DEVICE_ARG],
    async handler(s, cmd) {
      const label = optString(s, cmd, 'device')!;
      using dev = await nodeDeviceOption(s, cmd);
      await must(s, `Failed to destroy node device '${label}'`, () => dev.destroy());
      s.out.printExtra(`Destroyed node device '${label}'\n`);
    },
  },
  {
    name: 'nodedev-undefine',
    summary: 'remove the definition of a persistent host device',
    options: [DEVICE_ARG],
    async handler(s, cmd) {
      const label = optString(s, cmd, 'device')!;
      using dev = await nodeDeviceOption(s, cmd);
      await must(s, `Failed to undefine node device '${label}'`, () => dev.undefine(0));
      s.out.printExtra(`Undefined node device '${label}'\n`);
    },
  },
  byNameAction('nodedev-start', 'start a defined host device', [], (d) => d.create(0), 'Failed to start device', 'started'),
  {
    name: 'nodedev-autostart',
    summary: 'start a defined host device with the host, or stop doing so',
    options: [DEVICE_ARG, flag('disable', 'turn autostart off')],
    async handler(s, cmd) {
      const label = optString(s, cmd, 'device')!;
      using dev = await nodeDeviceOption(s, cmd);
      const on = !optBool(cmd, 'disable');
      await must(s, `failed to ${on ? 'mark' : 'unmark'} device ${label} as autostarted`, () => dev.setAutostart(on));
      s.out.printExtra(`Device ${label} ${on ? 'marked' : 'unmarked'} as autostarted\n`);
    },
  },
  {
    name: 'nodedev-info',
    summary: "show a host device's parent and state",
    options: [DEVICE_ARG],
    async handler(s, cmd) {
      const name = optString(s, cmd, 'device')!;
      using dev = await findNodeDevice(s, name);
      const parent = await dev.parent().catch(() => null);
      // As virsh: a state the driver cannot tell reads as "yes" (libvirt's -1 is true in C).
      const yes = (probe: Promise<boolean>): Promise<string> => probe.then((v) => (v ? 'yes' : 'no'), () => 'yes');
      const line = (label: string, value: string): void => s.out.print(`${label.padEnd(15)} ${value}\n`);
      line('Name:', dev.name());
      line('Parent:', parent ?? '');
      line('Active:', await yes(dev.isActive()));
      line('Persistent:', await yes(dev.isPersistent()));
      line('Autostart:', await dev.autostart().then((on) => (on ? 'yes' : 'no'), () => 'no autostart'));
    },
  },
  {
    ...byNameAction('nodedev-detach', 'unbind a host device from its host driver so that guests may use it',
      [{ name: 'driver', type: 'string', help: 'the stub driver to bind it to (vfio, ...)' }],
      (d, cmd) => {
        const driver = optStringQuiet(cmd, 'driver');
        return driver === undefined ? d.dettach() : d.detachFlags(driver, 0);
      }, 'Failed to detach device', 'detached'),
    aliases: ['nodedev-dettach'],
  },
  byNameAction('nodedev-reattach', 'give a detached host device back to its host driver', [], (d) => d.reAttach(), 'Failed to re-attach device', 're-attached'),
  byNameAction('nodedev-reset', 'reset a host device (for a guest, before or after use)', [], (d) => d.reset(), 'Failed to reset device', 'reset'),
  nodedevEventCommand,
];
