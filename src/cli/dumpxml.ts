/**
 * virshDumpXML: what every *-dumpxml command that has --xpath/--wrap shares. It prints the
 * object's XML whole, or only the nodes an XPath expression selects (optionally wrapped).
 */
import type { OptionDef, ParsedCommand } from './command.js';
import type { Session } from './session.js';
import { fail, optBool, optStringQuietOrFail } from './opts.js';
import { checkXPath } from './xpath-errors.js';

/** --xpath and --wrap, last in the command's options as virsh lists them. */
export const XPATH_OPTIONS: OptionDef[] = [
  { name: 'xpath', type: 'string', named: true, help: 'print only the nodes this XPath selects' },
  { name: 'wrap', type: 'bool', help: 'put the selected nodes under one <nodes> element' },
];

export async function printXML(session: Session, cmd: ParsedCommand, xml: string): Promise<void> {
  const expression = optStringQuietOrFail(cmd, 'xpath');
  if (expression === undefined) {
    session.out.print(xml);
    return;
  }
  const { parseXML, dropBlanks, selectNodes, dumpNode, dumpWrapped } = await import('./xml.js');
  // libxml2 reports what it refuses on stderr by itself; virsh goes on with no nodes.
  const check = checkXPath(expression);
  if (check.stderr) session.out.stderrRaw(check.stderr);
  const result = check.usable === null ? { nodes: [] } : selectNodes(dropBlanks(parseXML(xml)), check.usable);
  if ('notNodeSet' in result) fail(session, `internal error: Incorrect xpath '${expression}'`);
  if ('invalid' in result) session.out.stderrRaw(check.predicateError);
  const nodes = 'invalid' in result ? [] : result.nodes;
  if (optBool(cmd, 'wrap')) session.out.print(`${dumpWrapped(nodes)}\n`);
  else for (const node of nodes) session.out.print(`${dumpNode(node)}\n`);
}
