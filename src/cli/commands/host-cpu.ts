/** CPU comparison and baselines against the host or a hypervisor (virsh's cpu-compare, cpu-baseline and hypervisor-cpu-*). */
import {
  ErrorDomain, VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES, VIR_CONNECT_BASELINE_CPU_MIGRATABLE, VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE,
  VIR_CONNECT_COMPARE_CPU_VALIDATE_XML, VIR_CPU_COMPARE_IDENTICAL, VIR_CPU_COMPARE_INCOMPATIBLE, VIR_CPU_COMPARE_SUPERSET,
} from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import { exclusive, fail, optBool, optString } from '../opts.js';
import { must } from '../lookup.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import { xmldom } from '../../conf/xml-libs.js';
import { parseXmlDocument } from '../../conf/xml.js';
import { selectElements } from '../xml.js';
import type { Session } from '../session.js';

/** Where a file may hold CPU definitions: bare, in a domain, in host capabilities, in domain capabilities. */
const CPU_PATHS = "/container/cpu|/container/domain/cpu|/container/capabilities/host/cpu|/container/domainCapabilities/cpu/mode[@name='host-model' and @supported='yes']";

/** vshExtractCPUDefXMLs: every CPU definition the file holds, as XML strings (a host-model mode becomes a bare <cpu>). */
async function cpuDefinitions(s: Session, file: string): Promise<string[]> {
  const text = await readXMLFile(s, file);
  const body = text.startsWith('<?xml') && text.includes('?>') ? text.slice(text.indexOf('?>') + 2) : text;
  const root = parseXmlDocument(`<container>${body}</container>`, { url: file, errorDomain: ErrorDomain.VIR_FROM_XML });
  const nodes = selectElements(root, CPU_PATHS);
  if (nodes.length === 0) {
    fail(s, `File '${file}' does not contain any <cpu> element or valid domain XML, host capabilities XML, or domain capabilities XML`);
  }
  const serializer = new (xmldom().XMLSerializer)();
  return nodes.map((node) => {
    if (node.nodeName !== 'mode') return serializer.serializeToString(node);
    const cpu = node.ownerDocument!.createElement('cpu');
    while (node.firstChild) cpu.appendChild(node.firstChild);
    return serializer.serializeToString(cpu);
  });
}

const FILE_ARG: OptionDef = { name: 'file', type: 'data', required: true, help: 'XML file with a CPU description' };
const HYPERVISOR_OPTIONS: OptionDef[] = [
  { name: 'virttype', type: 'string', help: 'virtualization type (domain/@type)' },
  { name: 'emulator', type: 'string', help: 'emulator binary path' },
  { name: 'arch', type: 'string', help: 'CPU architecture' },
  { name: 'machine', type: 'string', help: 'machine type' },
];

/** The hypervisor selectors, read in virsh's order (an empty one fails the command). */
function hypervisorOf(s: Session, cmd: ParsedCommand): [string | null, string | null, string | null, string | null] {
  const virttype = optString(s, cmd, 'virttype') ?? null;
  const emulator = optString(s, cmd, 'emulator') ?? null;
  const arch = optString(s, cmd, 'arch') ?? null;
  const machine = optString(s, cmd, 'machine') ?? null;
  return [emulator, arch, machine, virttype];
}

const compareFlags = (cmd: ParsedCommand): number =>
  (optBool(cmd, 'error') ? VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE : 0) | (optBool(cmd, 'validate') ? VIR_CONNECT_COMPARE_CPU_VALIDATE_XML : 0);
const baselineFlags = (cmd: ParsedCommand): number =>
  (optBool(cmd, 'features') ? VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES : 0) | (optBool(cmd, 'migratable') ? VIR_CONNECT_BASELINE_CPU_MIGRATABLE : 0);

/** How a comparison result reads, for the host's CPU or the hypervisor's. */
interface CompareWords { incompatible: string; identical: string; superset: string; failed: string }

function printComparison(s: Session, file: string, result: number, words: CompareWords): boolean {
  const line = (template: string): string => `${template.replace('%s', file)}\n`;
  if (result === VIR_CPU_COMPARE_INCOMPATIBLE) {
    s.out.print(line(words.incompatible));
    return false;
  }
  if (result === VIR_CPU_COMPARE_IDENTICAL) s.out.print(line(words.identical));
  else if (result === VIR_CPU_COMPARE_SUPERSET) s.out.print(line(words.superset));
  else fail(s, words.failed.replace('%s', file));
  return true;
}

const HOST_WORDS: CompareWords = {
  incompatible: 'CPU described in %s is incompatible with host CPU',
  identical: 'CPU described in %s is identical to host CPU',
  superset: 'Host CPU is a superset of CPU described in %s',
  failed: 'Failed to compare host CPU with %s',
};
const HYPERVISOR_WORDS: CompareWords = {
  incompatible: 'CPU described in %s is incompatible with the CPU provided by hypervisor on the host',
  identical: 'CPU described in %s is identical to the CPU provided by hypervisor on the host',
  superset: 'The CPU provided by hypervisor on the host is a superset of CPU described in %s',
  failed: 'Failed to compare hypervisor CPU with %s',
};

const BASELINE_FLAGS: OptionDef[] = [flag('features', 'list the features the model implies too'), flag('migratable', 'leave out features that block migration')];
const COMPARE_FLAGS: OptionDef[] = [flag('error', 'fail when the CPUs are incompatible'), flag('validate', 'check the XML against the schema first')];

export const hostCpuCommands: CommandDef[] = [
  {
    name: 'cpu-compare',
    summary: "compare a CPU described in an XML file with the host's CPU",
    options: [FILE_ARG, ...COMPARE_FLAGS],
    async handler(s, cmd) {
      const flags = compareFlags(cmd);
      const file = optString(s, cmd, 'file')!;
      const [cpu] = await cpuDefinitions(s, file);
      const result = await must(s, HOST_WORDS.failed.replace('%s', file), () => s.conn.compareCPU(cpu!, flags));
      return printComparison(s, file, result, HOST_WORDS);
    },
  },
  {
    name: 'cpu-baseline',
    summary: 'compute the CPU every CPU described in an XML file can provide',
    options: [{ ...FILE_ARG, help: 'XML file with CPU descriptions' }, ...BASELINE_FLAGS],
    async handler(s, cmd) {
      const flags = baselineFlags(cmd);
      const file = optString(s, cmd, 'file')!;
      const cpus = await cpuDefinitions(s, file);
      s.out.print(await s.conn.baselineCPU(cpus, flags));
    },
  },
  {
    name: 'hypervisor-cpu-compare',
    summary: 'compare a CPU described in an XML file with the CPU a hypervisor offers on the host',
    options: [FILE_ARG, ...HYPERVISOR_OPTIONS, ...COMPARE_FLAGS],
    async handler(s, cmd) {
      const flags = compareFlags(cmd);
      const file = optString(s, cmd, 'file')!;
      const [emulator, arch, machine, virttype] = hypervisorOf(s, cmd);
      const [cpu] = await cpuDefinitions(s, file);
      const result = await must(s, HYPERVISOR_WORDS.failed.replace('%s', file),
        () => s.conn.compareHypervisorCPU(emulator, arch, machine, virttype, cpu!, flags));
      return printComparison(s, file, result, HYPERVISOR_WORDS);
    },
  },
  {
    name: 'hypervisor-cpu-baseline',
    summary: 'compute a CPU a hypervisor can offer that every given CPU can run',
    options: [
      { name: 'file', type: 'string', help: 'XML file with CPU descriptions' },
      ...HYPERVISOR_OPTIONS,
      ...BASELINE_FLAGS,
      { name: 'model', type: 'string', help: 'one CPU model with no extra features instead of a file' },
    ],
    async handler(s, cmd) {
      const flags = baselineFlags(cmd);
      const file = optString(s, cmd, 'file');
      const [emulator, arch, machine, virttype] = hypervisorOf(s, cmd);
      const model = optString(s, cmd, 'model');
      exclusive(s, cmd, 'file', 'model');
      if (file === undefined && model === undefined) fail(s, 'Either --file or --model must be provided');
      const cpus = file !== undefined ? await cpuDefinitions(s, file) : [`<cpu><model>${model}</model></cpu>`];
      s.out.print(await s.conn.baselineHypervisorCPU(emulator, arch, machine, virttype, cpus, flags));
    },
  },
];
