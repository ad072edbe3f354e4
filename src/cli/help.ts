/** Help output: the command list by group, one group, or one command's synopsis and options. */
import type { CommandDef, CommandFamily, OptionDef } from './command.js';

function listing(family: CommandFamily): string {
  let out = ` ${family.group} (help keyword '${family.keyword}'):\n`;
  for (const def of family.commands) if (!def.hidden) out += `    ${def.name.padEnd(30)} ${def.summary}\n`;
  return out;
}

export function helpAll(families: readonly CommandFamily[]): string {
  return 'Grouped commands:\n\n' + families.map((f) => `${listing(f)}\n`).join('');
}

export function helpGroup(family: CommandFamily): string {
  return listing(family);
}

/** Whether positional words may fill the command's options (changes how argv is shown). */
function takesPositional(def: CommandDef): boolean {
  return def.options.some((o) => ['string', 'number', 'data'].includes(o.type) && !o.named);
}

function synopsisOf(opt: OptionDef, positional: boolean): string | null {
  switch (opt.type) {
    case 'bool': return `[--${opt.name}]`;
    case 'number': return opt.required ? `<${opt.name}>` : `[--${opt.name} <number>]`;
    case 'string': return `[--${opt.name} <string>]`;
    case 'data': return opt.required ? `<${opt.name}>` : `[<${opt.name}>]`;
    case 'argv':
      if (positional) return opt.required ? `{[--${opt.name}] <string>}...` : `[[--${opt.name}] <string>]...`;
      return opt.required ? `<${opt.name}>...` : `[<${opt.name}>]...`;
    case 'alias': return null;
  }
}

function optionLabel(opt: OptionDef, positional: boolean): string | null {
  switch (opt.type) {
    case 'bool': return `--${opt.name}`;
    case 'number': return opt.required ? `[--${opt.name}] <number>` : `--${opt.name} <number>`;
    case 'string': return `--${opt.name} <string>`;
    case 'data': return `[--${opt.name}] <string>`;
    case 'argv': return positional ? `[--${opt.name}] <string>` : `<${opt.name}>`;
    case 'alias': return null;
  }
}

export function helpCommand(def: CommandDef): string {
  const positional = takesPositional(def);
  let out = `  NAME\n    ${def.name} - ${def.summary}\n\n  SYNOPSIS\n    ${def.name}`;
  for (const opt of def.options) {
    const s = synopsisOf(opt, positional);
    if (s) out += ` ${s}`;
  }
  out += '\n';
  if (def.description) out += `\n  DESCRIPTION\n    ${def.description}\n`;
  const shown = def.options.filter((o) => o.type !== 'alias');
  if (shown.length > 0) {
    out += '\n  OPTIONS\n';
    for (const opt of shown) out += `    ${optionLabel(opt, positional)!.padEnd(15)}  ${opt.help ?? ''}\n`;
  }
  return `${out}\n`;
}
