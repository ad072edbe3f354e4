/**
 * The steps of guest-info-oracle.py through our library, printed the same way: one
 * `[name, result]` per step, errors as `['error', code, domain, message]`. The daemon tests
 * run them against tsvirtd and libvirtd too.
 */
import { fileURLToPath } from 'node:url';
import * as v from '../../../src/index.js';

export const ORACLE = fileURLToPath(new URL('../../../../test/drivers/test/guest-info-oracle.py', import.meta.url));

type Step = [string, unknown];

/** What C callers (and Python's None) can pass where a string is expected. */
const NULL = null as unknown as string;

const ifaces = async (dom: v.Domain, source: number, flags = 0) =>
  (await dom.interfaceAddresses(source, flags)).map((i) => [i.name, i.hwaddr, i.addrs.map((a) => [a.type, a.addr, a.prefix])]);
const fsinfo = async (dom: v.Domain) => (await dom.getFSInfo()).map((f) => [f.mountpoint, f.name, f.fstype, f.devAlias]);
const clock = async (dom: v.Domain) => {
  const t = await dom.getTime();
  return [Number(t.seconds), t.nseconds];
};

function recorder(out: Step[]) {
  return async (name: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      const r = await fn();
      // Python's bindings return 0 for calls that give nothing back.
      out.push([name, r === undefined ? 0 : r]);
    } catch (err) {
      const e = err as v.VirError;
      out.push([name, ['error', e.code, e.domain, e.message]]);
    }
  };
}

export async function readOnlySteps(uri: string): Promise<Step[]> {
  const out: Step[] = [];
  const step = recorder(out);
  const c = await v.openReadOnly(uri);
  try {
    using d = await c.lookupByName('test');
    await step('ro-hostname', () => d.getHostname());
    await step('ro-time', () => clock(d));
    await step('ro-settime', () => d.setTime(5));
    await step('ro-password', () => d.setUserPassword('root', 'x'));
    await step('ro-password-null', () => d.setUserPassword(NULL, 'x'));
    await step('ro-freeze', () => d.fsFreeze());
    await step('ro-thaw', () => d.fsThaw());
    await step('ro-trim', () => d.fsTrim(null, 0));
    await step('ro-fsinfo', () => fsinfo(d));
    await step('ro-ifaddr-lease', () => ifaces(d, 0));
    await step('ro-ifaddr-agent', () => ifaces(d, 1));
    await step('ro-ifaddr-arp', () => ifaces(d, 2));
  } finally {
    await c.close();
  }
  return out;
}

export async function guestSteps(uri: string): Promise<Step[]> {
  const out: Step[] = [];
  const step = recorder(out);
  const c = await v.open(uri);
  try {
    using d = await c.lookupByName('test');
    await step('hostname', () => d.getHostname());
    await step('hostname-lease', () => d.getHostname(v.VIR_DOMAIN_GET_HOSTNAME_LEASE));
    await step('time', () => clock(d));
    await step('time-flags', () => d.getTime(1));
    await step('settime', () => d.setTime(1234, 5));
    await step('time-after-set', () => clock(d));
    await step('settime-sync', () => d.setTime(0, 0, v.VIR_DOMAIN_TIME_SYNC));
    await step('time-after-sync', () => clock(d));
    await step('settime-badflags', () => d.setTime(7, 0, 2));
    await step('fsinfo', () => fsinfo(d));
    await step('fsinfo-flags', () => d.getFSInfo(1));
    await step('freeze-all', () => d.fsFreeze());
    await step('freeze-all-again', () => d.fsFreeze());
    await step('thaw-root', () => d.fsThaw(['/']));
    await step('thaw-unknown', () => d.fsThaw(['/boot', '/nope']));
    await step('thaw-all', () => d.fsThaw());
    await step('freeze-repeated', () => d.fsFreeze(['/', '/', '/boot']));
    await step('thaw-twice', () => d.fsThaw(['/boot', '/boot']));
    await step('freeze-flags', () => d.fsFreeze([], 1));
    await step('trim-boot', () => d.fsTrim('/boot', 1024));
    await step('trim-all', () => d.fsTrim(null, 0));
    await step('trim-unknown', () => d.fsTrim('/home', 0));
    await step('password', () => d.setUserPassword('root', 'secret'));
    await step('password-encrypted', () => d.setUserPassword('root', '$6$x$y', v.VIR_DOMAIN_PASSWORD_ENCRYPTED));
    await step('password-badflags', () => d.setUserPassword('root', 'secret', 2));
    await step('password-null-user', () => d.setUserPassword(NULL, 'secret'));
    await step('password-null-password', () => d.setUserPassword('root', NULL));
    for (let source = 0; source < 4; source++) await step(`ifaddr-${source}`, () => ifaces(d, source));
    await step('ifaddr-flags', () => ifaces(d, 0, 1));

    using _v6 = await c.networkCreateXML("<network><name>v6</name><ip family='ipv6' address='2001:db8::1' prefix='64'>"
      + "<dhcp><range start='2001:db8::1f0' end='2001:db8::1ff'/></dhcp></ip></network>");
    using _plain = await c.networkCreateXML("<network><name>plain</name><ip address='10.1.255.250' netmask='255.255.0.0'/></network>");
    using g = await c.createXML(`<domain type='test'><name>g2</name><memory>65536</memory><os><type>hvm</type></os><devices>
<disk type='file' device='cdrom'><target dev='hdc'/></disk>
<interface type='network'><mac address='52:54:00:AA:00:01'/><source network='v6'/></interface>
<interface type='bridge'><mac address='52:54:00:aa:00:02'/><source bridge='br0'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:03'/><source network='plain'/><target dev='mytap'/></interface>
<interface type='network'><mac address='52:54:00:aa:00:04'/><source network='default'/></interface>
</devices></domain>`);
    await step('g2-ifaddr', () => ifaces(g, 0));
    await step('g2-fsinfo', () => fsinfo(g));
    await step('g2-hostname', () => g.getHostname());
    using b = await c.createXML("<domain type='test'><name>g3</name><memory>65536</memory><os><type>hvm</type></os><devices>"
      + "<interface type='network'><mac address='52:54:00:aa:00:05'/><source network='nosuch'/></interface></devices></domain>");
    await step('g3-ifaddr', () => ifaces(b, 0));

    await d.suspend();
    await step('paused-hostname', () => d.getHostname());
    await step('paused-time', () => clock(d));
    await step('paused-freeze', () => d.fsFreeze());
    await d.destroy();
    await step('off-hostname', () => d.getHostname());
    await step('off-time', () => clock(d));
    await step('off-settime', () => d.setTime(1));
    await step('off-password', () => d.setUserPassword('root', 'x'));
    await step('off-freeze', () => d.fsFreeze());
    await step('off-thaw', () => d.fsThaw());
    await step('off-trim', () => d.fsTrim(null, 0));
    await step('off-fsinfo', () => fsinfo(d));
    await step('off-ifaddr', () => ifaces(d, 0));
    await step('off-ifaddr-badsource', () => ifaces(d, 3));
    await d.create();
    await step('restarted-time', () => clock(d));
    await step('restarted-thaw', () => d.fsThaw());
  } finally {
    await c.close();
  }
  return out;
}

/** The oracle's lines as steps. */
export const parseSteps = (stdout: string): Step[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as Step);
