/** cachetune / memorytune groups in `<cputune>`. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const tune = (n: number, inner: string) => domainWith(`rc${n}`, '', `<vcpu>4</vcpu><cputune>${inner}</cputune>`);

compareWithLibvirt('resctrl', [
  tune(1, "<cachetune vcpus='0-1' id='x'><cache id='1' level='3' type='data' size='3' unit='MiB'/><cache id='0' level='3' type='code' size='3072'/>"
    + "<cache id='0' level='2' type='both' size='1048576' unit='B'/><monitor level='3' vcpus='1'/></cachetune>"
    + "<cachetune vcpus='3,7'><cache id='0' level='3' type='both' size='1' unit='GiB'/></cachetune><cachetune vcpus='8'><cache id='0' level='3' type='both' size='1'/></cachetune>"),
  tune(2, "<memorytune vcpus='2-3'><node id='1' bandwidth='50'/><node id='0' bandwidth='20'/><monitor vcpus='2'/></memorytune>"
    + "<cachetune vcpus='0'><cache id='0' level='3' type='code' size='1' unit='MiB'/></cachetune>"
    + "<memorytune vcpus='0'><node id='0' bandwidth='60'/></memorytune><memorytune vcpus='1'><monitor vcpus='1'/></memorytune>"),
  tune(3, "<cachetune vcpus='0-1'/><memorytune vcpus='2'/>"),
  // refusals
  tune(4, "<cachetune vcpus='0'><cache id='0' level='3' type='both' size='1'/><cache id='0' level='3' type='code' size='1'/></cachetune>"),
  tune(5, "<cachetune vcpus='0-1'><cache id='0' level='3' type='code' size='1'/><monitor level='3' vcpus='2'/></cachetune>"),
  tune(6, "<cachetune vcpus='0'><cache id='0' level='3' type='code' size='1'/></cachetune><cachetune vcpus='0'><cache id='1' level='3' type='code' size='1'/></cachetune>"),
  tune(7, "<memorytune vcpus='0'><node id='0' bandwidth='10'/><node id='0' bandwidth='20'/></memorytune>"),
  tune(8, "<cachetune vcpus='0-1'><cache id='0' level='3' type='code' size='1'/></cachetune><memorytune vcpus='1-2'><node id='0' bandwidth='20'/></memorytune>"),
  tune(9, "<memorytune vcpus='0'><node id='0' bandwidth='120'/></memorytune>"),
  tune(10, "<cachetune vcpus='0'><monitor level='2' vcpus='0'/></cachetune>"),
  tune(11, "<cachetune vcpus='x'/>"),
]);
