/** virshDumpXML: print an object's XML whole, or the nodes an XPath selects (optionally wrapped). */
import type { Session } from './session.js';
import { fail } from './opts.js';

export async function printXML(session: Session, xml: string, expression: string | undefined, wrap: boolean): Promise<void> {
  if (expression === undefined) {
    session.out.print(xml);
    return;
  }
  const { parseXML, selectNodes, dumpNode, dumpWrapped } = await import('./xml.js');
  const result = selectNodes(parseXML(xml), expression);
  if ('invalid' in result) {
    // libxml2 reports a malformed expression on stderr by itself and virsh carries on.
    session.out.stderrRaw('XPath error : Invalid expression\n');
    return;
  }
  if ('notNodeSet' in result) fail(session, `internal error: Incorrect xpath '${expression}'`);
  if (wrap) session.out.print(`${dumpWrapped(result.nodes)}\n`);
  else for (const node of result.nodes) session.out.print(`${dumpNode(node)}\n`);
}
