/** Network filter and filter binding commands (virsh's "filter" group). */
import { VIR_NWFILTER_BINDING_CREATE_VALIDATE, VIR_NWFILTER_DEFINE_VALIDATE, type NWFilter, type NWFilterBinding } from '../../index.js';
import type { CommandFamily, OptionDef, ParsedCommand } from '../command.js';
import { optBool, optString } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { formatTable } from '../table.js';
import { UUID_STRING_LEN, compareNames, findObject, flag } from '../objects.js';
import { listWithFallback } from '../list-fallback.js';
import type { Session } from '../session.js';

const FILTER_ARG: OptionDef = { name: 'nwfilter', type: 'data', required: true, help: 'filter name or UUID' };
const BINDING_ARG: OptionDef = { name: 'binding', type: 'data', required: true, help: 'the port device the binding is on' };
const fileOptions = (what: string): OptionDef[] => [
  { name: 'file', type: 'data', required: true, help: `XML file describing the ${what}` },
  flag('validate', 'check the XML against the schema first'),
];

/** virshCommandOptNWFilterBy: by UUID when it looks like one, then by name. */
export async function filterOption(s: Session, cmd: ParsedCommand): Promise<NWFilter> {
  const name = optString(s, cmd, 'nwfilter')!;
  const attempts: (() => Promise<NWFilter>)[] = [];
  if (name.length === UUID_STRING_LEN) attempts.push(() => s.conn.nwfilterLookupByUUIDString(name));
  attempts.push(() => s.conn.nwfilterLookupByName(name));
  return findObject(s, `failed to get nwfilter '${name}'`, attempts);
}

async function bindingOption(s: Session, cmd: ParsedCommand): Promise<NWFilterBinding> {
  const portdev = optString(s, cmd, 'binding')!;
  return findObject(s, `failed to get nwfilter binding '${portdev}'`, [() => s.conn.nwfilterBindingLookupByPortDev(portdev)]);
}

async function cmdFilterList(s: Session): Promise<void> {
  const filters = await listWithFallback(s, {
    listAll: () => s.conn.listAllNWFilters(0),
    listFailed: 'Failed to list network filters',
    filtered: false,
    count: () => s.conn.numOfNWFilters(),
    countFailed: 'Failed to count network filters',
    names: (n) => s.conn.listNWFilters(n),
    namesFailed: 'Failed to list network filters',
    lookup: (name) => s.conn.nwfilterLookupByName(name),
  });
  const rows = filters.sort((a, b) => compareNames(a.name(), b.name())).map((f) => {
    f.free();
    return [f.uuidString(), f.name()];
  });
  s.out.print(formatTable(['UUID', 'Name'], rows, !s.out.quiet));
}

async function cmdBindingList(s: Session): Promise<void> {
  const bindings = await must(s, 'Failed to list network filter bindings', () => s.conn.listAllNWFilterBindings(0));
  const rows = bindings.sort((a, b) => compareNames(a.portDev(), b.portDev())).map((b) => {
    const row = [b.portDev(), b.filterName()];
    b.free();
    return row;
  });
  s.out.print(formatTable(['Port Dev', 'Filter'], rows, !s.out.quiet));
}

export const nwfilterFamily: CommandFamily = {
  group: 'Network Filter',
  keyword: 'filter',
  commands: [
    {
      name: 'nwfilter-define',
      summary: 'define (or change) a network filter from an XML file',
      options: fileOptions('filter'),
      async handler(s, cmd) {
        const file = optString(s, cmd, 'file')!;
        const xml = await readXMLFile(s, file);
        const validate = optBool(cmd, 'validate');
        using filter = await must(s, `Failed to define network filter from ${file}`,
          () => (validate ? s.conn.nwfilterDefineXMLFlags(xml, VIR_NWFILTER_DEFINE_VALIDATE) : s.conn.nwfilterDefineXML(xml)));
        s.out.printExtra(`Network filter ${filter.name()} defined from ${file}\n`);
      },
    },
    {
      name: 'nwfilter-dumpxml',
      summary: "print a network filter's XML description",
      options: [FILTER_ARG, ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using filter = await filterOption(s, cmd);
        await printXML(s, cmd, await filter.XMLDesc(0));
      },
    },
    { name: 'nwfilter-list', summary: 'list network filters', options: [], handler: cmdFilterList },
    {
      name: 'nwfilter-undefine',
      summary: 'remove a network filter',
      options: [FILTER_ARG],
      async handler(s, cmd) {
        using filter = await filterOption(s, cmd);
        const name = optString(s, cmd, 'nwfilter')!;
        await must(s, `Failed to undefine network filter ${name}`, () => filter.undefine());
        s.out.printExtra(`Network filter ${name} undefined\n`);
      },
    },
    {
      name: 'nwfilter-binding-create',
      summary: 'apply a network filter to a port, as described in an XML file',
      options: fileOptions('binding'),
      async handler(s, cmd) {
        const file = optString(s, cmd, 'file')!;
        const xml = await readXMLFile(s, file);
        const flags = optBool(cmd, 'validate') ? VIR_NWFILTER_BINDING_CREATE_VALIDATE : 0;
        using binding = await must(s, `Failed to create network filter from ${file}`, () => s.conn.nwfilterBindingCreateXML(xml, flags));
        s.out.printExtra(`Network filter binding on ${binding.portDev()} created from ${file}\n`);
      },
    },
    {
      name: 'nwfilter-binding-delete',
      summary: 'take the network filter off a port',
      options: [BINDING_ARG],
      async handler(s, cmd) {
        using binding = await bindingOption(s, cmd);
        const portdev = optString(s, cmd, 'binding')!;
        await must(s, `Failed to delete network filter binding on ${portdev}`, () => binding.delete());
        s.out.printExtra(`Network filter binding on ${portdev} deleted\n`);
      },
    },
    {
      name: 'nwfilter-binding-dumpxml',
      summary: "print a network filter binding's XML description",
      options: [BINDING_ARG, ...XPATH_OPTIONS],
      async handler(s, cmd) {
        using binding = await bindingOption(s, cmd);
        await printXML(s, cmd, await binding.XMLDesc(0));
      },
    },
    { name: 'nwfilter-binding-list', summary: 'list the ports network filters are applied to', options: [], handler: cmdBindingList },
  ],
};
