/**
 * Credentials from auth.conf (LIBVIRT_AUTH_FILE, the URI's authfile, ~/.config/libvirt/auth.conf)
 * for a node file whose <auth> asks for them: found there, virsh asks nothing; a group without
 * `credentials` or naming missing ones is a syntax error; a file that cannot be read or parsed
 * fails with no cause given.
 */
import type { Scenario } from '../harness.js';

const NODE = `<node>
  <cpu><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads><active>2</active><mhz>2000</mhz><model>i686</model></cpu>
  <memory>1048576</memory>
  <auth><user password='pw1'>alice</user><user>bob</user></auth>
</node>
`;

const FILES: Record<string, string> = {
  'node.xml': NODE,
  'good.conf': '# alice\n[credentials-a]\nusername = alice\npassword=pw1\n\n[auth-test-localhost]\ncredentials=a\n',
  'default.conf': '[auth-test-default]\ncredentials=b\n[credentials-b]\nusername=bob\n',
  'escaped.conf': '[credentials-a]\nusername=a\\sl\\tx\\\\y\\q\n[auth-test-localhost]\ncredentials=a\n',
  'trailing.conf': '[credentials-a]\nusername=al\\\n[auth-test-localhost]\ncredentials=a\n',
  'nocred.conf': '[auth-test-localhost]\nfoo=bar\n',
  'nogroup.conf': '[auth-test-localhost]\ncredentials=zz\n',
  'bad.conf': 'junk line\n',
  'wrongpw.conf': '[credentials-a]\nusername=alice\npassword=wrong\n[auth-test-localhost]\ncredentials=a\n',
  'unknown.conf': '[credentials-a]\nusername=carol\n[auth-test-localhost]\ncredentials=a\n',
  'pwonly.conf': '[credentials-a]\npassword=pw1\n[auth-test-localhost]\ncredentials=a\n',
  'otherhost.conf': '[credentials-a]\nusername=alice\npassword=pw1\n[auth-test-elsewhere]\ncredentials=a\n',
  '.config/libvirt/auth.conf': '[credentials-h]\nusername=alice\npassword=pw1\n[auth-test-localhost]\ncredentials=h\n',
};

const uri = 'test://$DIR/node.xml';

export const authFileScenarios: Scenario[] = [
  ...['good', 'default', 'escaped', 'trailing', 'nocred', 'nogroup', 'bad', 'wrongpw', 'unknown', 'pwonly', 'otherhost', 'missing'].map((name): Scenario => ({
    name: `auth.conf from LIBVIRT_AUTH_FILE: ${name}`, args: ['-c', uri, 'uri'], stdin: '', files: FILES,
    env: { LIBVIRT_AUTH_FILE: `$DIR/${name}.conf` },
  })),
  { name: 'auth.conf from the URI', args: ['-c', `${uri}?authfile=$DIR/good.conf`, 'uri; list --all'], stdin: '', files: FILES },
  { name: 'LIBVIRT_AUTH_FILE before the URI', args: ['-c', `${uri}?authfile=$DIR/good.conf`, 'uri'], stdin: '', files: FILES, env: { LIBVIRT_AUTH_FILE: '$DIR/nocred.conf' } },
  // The harness's HOME is the scenario's directory.
  { name: 'auth.conf in the user config directory', args: ['-c', uri, 'uri'], stdin: '', files: FILES },
  { name: 'auth.conf in XDG_CONFIG_HOME', args: ['-c', uri, 'uri'], stdin: '', files: FILES, env: { XDG_CONFIG_HOME: '$DIR/nowhere' } },
];
