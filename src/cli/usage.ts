/** `tsvirsh -h`: how to call it and every command by group, in our own words. */
import type { CommandFamily } from './command.js';

export function usage(families: readonly CommandFamily[]): string {
  let out = `
tsvirsh [options]... [<command_string>]
tsvirsh [options]... <command> [args...]

  options:
    -c | --connect=URI      connect to this URI (default: $VIRSH_DEFAULT_CONNECT_URI, $LIBVIRT_DEFAULT_URI, test:///default)
    -d | --debug=NUM        show messages from this level up (0 = everything, 4 = errors only)
    -e | --escape <char>    console escape character
    -h | --help             show this text
    -k | --keepalive-interval=NUM
                            seconds between keepalive probes, 0 turns them off
    -K | --keepalive-count=NUM
                            probes that may go unanswered before disconnecting
    -l | --log=FILE         append a log of the session to FILE
    -q | --quiet            leave out headers and informational lines
    -r | --readonly         open the connection read-only
    -t | --timing           print how long each command took
    -v                      print the libvirt version tsvirsh speaks
    -V                      print a longer version text
         --version[=TYPE]   short (default) or long version
  commands (non-interactive mode):

`;
  for (const family of families) {
    out += ` ${family.group} (help keyword '${family.keyword}')\n`;
    for (const def of family.commands) if (!def.hidden) out += `    ${def.name.padEnd(30)} ${def.summary}\n`;
    out += '\n';
  }
  out += '\n  (help <group> lists the commands of a group)\n\n  (help <command> shows how to use a command)\n\n';
  return out;
}
