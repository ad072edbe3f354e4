/** The shell's own commands (virsh's "virsh" group): they need no connection. */
import { homedir } from 'node:os';
import type { CommandFamily } from '../command.js';
import { fail, optArgv, optBool, optString, optStringQuiet } from '../opts.js';
import { helpAll, helpCommand, helpGroup } from '../help.js';
import { describeErrno } from '../errno.js';

/** virsh's echo --shell quoting: words without shell metacharacters as they are, others in single quotes. */
function shellQuote(word: string): string {
  if (word === '') return "''";
  if (!/[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function xmlEscape(word: string): string {
  return word.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** vshStringToArray: split on ',' where ',,' stands for a literal comma. */
export function splitCommas(text: string): string[] {
  // g_strsplit gives no pieces at all for an empty string.
  if (text === '') return [];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        cur += ',';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
    } else {
      cur += text[i];
    }
  }
  out.push(cur);
  return out;
}

export const virshFamily: CommandFamily = {
  group: 'Virsh itself',
  keyword: 'virsh',
  commands: [
    {
      name: 'cd',
      summary: 'change the working directory',
      description: 'Changes the working directory of the shell (interactive mode only).',
      noConnect: true,
      options: [{ name: 'dir', type: 'string', help: 'where to go (default: your home directory, else /)' }],
      async handler(s, cmd) {
        if (!s.imode) fail(s, 'cd: command valid only in interactive mode');
        const dir = optStringQuiet(cmd, 'dir') ?? (homedir() || '/');
        try {
          process.chdir(dir);
        } catch (err) {
          fail(s, `cd: ${describeErrno(err)}: ${dir}`);
        }
      },
    },
    {
      name: 'echo',
      summary: 'print the arguments',
      description: 'Prints its arguments separated by spaces, optionally quoted for a shell or XML.',
      noConnect: true,
      options: [
        { name: 'shell', type: 'bool', help: 'quote for a POSIX shell' },
        { name: 'xml', type: 'bool', help: 'escape for XML' },
        { name: 'split', type: 'bool', help: "print each comma-separated piece on its own line (',,' is a comma)" },
        { name: 'err', type: 'bool', help: 'print to standard error' },
        { name: 'str', type: 'alias', alias: 'string' },
        { name: 'hi', type: 'alias', alias: 'string=hello' },
        { name: 'string', type: 'argv', help: 'words to print' },
      ],
      async handler(s, cmd) {
        const shell = optBool(cmd, 'shell');
        const xml = optBool(cmd, 'xml');
        const split = optBool(cmd, 'split');
        if (shell && xml) fail(s, 'Options --shell and --xml are mutually exclusive');
        if (shell && split) fail(s, 'Options --shell and --split are mutually exclusive');
        if (xml && split) fail(s, 'Options --xml and --split are mutually exclusive');
        const words = optArgv(cmd, 'string').map((w) => {
          if (xml) return xmlEscape(w);
          if (shell) return shellQuote(w);
          if (split) return splitCommas(w).map((p) => `${p}\n`).join('');
          return w;
        });
        if (words.length === 0) return;
        const text = words.join(' ');
        if (optBool(cmd, 'err')) s.out.error(text);
        else s.out.print(text);
      },
    },
    {
      name: 'exit',
      summary: 'leave the interactive shell',
      noConnect: true,
      options: [],
      async handler(s) {
        s.imode = false;
      },
    },
    {
      name: 'quit',
      summary: 'leave the interactive shell',
      noConnect: true,
      options: [],
      async handler(s) {
        s.imode = false;
      },
    },
    {
      name: 'help',
      summary: 'show the commands, a group of them, or how to use one',
      description: 'Without an argument lists every command by group; with a group keyword lists that group; with a command shows its options.',
      noConnect: true,
      options: [{ name: 'command', type: 'data', help: 'a command name or group keyword' }],
      async handler(s, cmd) {
        const name = optStringQuiet(cmd, 'command');
        if (name === undefined) {
          s.out.print(helpAll(s.table.families));
          return;
        }
        const def = s.table.find(name);
        if (def) {
          s.out.print(helpCommand(def));
          return;
        }
        // A group by its name or its keyword, exactly as written (vshCmdGrpSearch).
        const family = s.table.families.find((f) => f.group === name || f.keyword === name);
        if (!family) fail(s, `command or command group '${name}' doesn't exist`);
        s.out.print(helpGroup(family));
      },
    },
    {
      name: 'pwd',
      summary: 'print the working directory',
      noConnect: true,
      options: [],
      async handler(s) {
        s.out.print(`${process.cwd()}\n`);
      },
    },
    {
      name: 'connect',
      summary: 'open a new connection, closing the current one',
      description: 'Connects to the hypervisor at the given URI (or the default one) and makes it the current connection.',
      noConnect: true,
      options: [
        { name: 'name', type: 'string', emptyOk: true, help: 'the connection URI' },
        { name: 'readonly', type: 'bool', help: 'open the connection read-only' },
      ],
      async handler(s, cmd) {
        const name = optString(s, cmd, 'name');
        return s.reconnect(name ?? null, optBool(cmd, 'readonly'), true);
      },
    },
  ],
};
