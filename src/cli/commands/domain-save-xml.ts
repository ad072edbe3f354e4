/** Reading and replacing the domain XML kept in saved state files and managed save images. */
import * as lib from '../../index.js';
import type { CommandDef, OptionDef, ParsedCommand } from '../command.js';
import type { Session } from '../session.js';
import { domainOption, must } from '../lookup.js';
import { optBool, optString, optStringQuietOrFail } from '../opts.js';
import { XPATH_OPTIONS, printXML } from '../dumpxml.js';
import { readXMLFile } from '../files.js';
import { flag } from '../objects.js';
import { DOMAIN_ARG } from '../domain-options.js';
import { RESTORE_STATE_OPTIONS, restoreStateFlags } from './edit.js';

const XML_FILE: OptionDef = { name: 'xml', type: 'data', required: true, help: 'file holding the new domain XML' };
const SECURITY_INFO = flag('security-info', 'include secrets such as passwords in the XML');

const secureFlag = (cmd: ParsedCommand): number => (optBool(cmd, 'security-info') ? lib.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE : 0);

async function cmdSaveImageDefine(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = (optBool(cmd, 'running') ? lib.VIR_DOMAIN_SAVE_RUNNING : 0) | (optBool(cmd, 'paused') ? lib.VIR_DOMAIN_SAVE_PAUSED : 0);
  const file = optString(s, cmd, 'file')!;
  const xml = await readXMLFile(s, optString(s, cmd, 'xml')!);
  await must(s, `Failed to update ${file}`, () => s.conn.saveImageDefineXML(file, xml, flags));
  s.out.printExtra(`State file ${file} updated.\n`);
}

async function cmdSaveImageDumpxml(s: Session, cmd: ParsedCommand): Promise<void> {
  const file = optString(s, cmd, 'file')!;
  optStringQuietOrFail(cmd, 'xpath');
  await printXML(s, cmd, await s.conn.saveImageGetXMLDesc(file, secureFlag(cmd)));
}

async function cmdManagedSaveDefine(s: Session, cmd: ParsedCommand): Promise<void> {
  const flags = restoreStateFlags(s, cmd);
  const xml = await readXMLFile(s, optString(s, cmd, 'xml')!);
  using dom = await domainOption(s, cmd);
  await must(s, `Failed to update ${dom.name()} XML configuration`, () => dom.managedSaveDefineXML(xml, flags));
  s.out.printExtra(`Managed save state file of domain '${dom.name()}' updated.\n`);
}

async function cmdManagedSaveDumpxml(s: Session, cmd: ParsedCommand): Promise<void> {
  using dom = await domainOption(s, cmd);
  optStringQuietOrFail(cmd, 'xpath');
  await printXML(s, cmd, await dom.managedSaveGetXMLDesc(secureFlag(cmd)));
}

const SAVED_FILE = (help: string): OptionDef => ({ name: 'file', type: 'data', required: true, help });

export const saveXMLCommands: CommandDef[] = [
  {
    name: 'managedsave-define',
    summary: 'replace the domain XML kept in a managed save image',
    options: [DOMAIN_ARG, XML_FILE, ...RESTORE_STATE_OPTIONS],
    handler: cmdManagedSaveDefine,
  },
  {
    name: 'managedsave-dumpxml',
    summary: 'print the domain XML kept in a managed save image',
    options: [DOMAIN_ARG, SECURITY_INFO, ...XPATH_OPTIONS],
    handler: cmdManagedSaveDumpxml,
  },
  {
    name: 'save-image-define',
    summary: 'replace the domain XML kept in a saved state file',
    options: [SAVED_FILE('the saved state file'), XML_FILE, ...RESTORE_STATE_OPTIONS],
    handler: cmdSaveImageDefine,
  },
  {
    name: 'save-image-dumpxml',
    summary: 'print the domain XML kept in a saved state file',
    options: [SAVED_FILE('the saved state file'), SECURITY_INFO, ...XPATH_OPTIONS],
    handler: cmdSaveImageDumpxml,
  },
];
