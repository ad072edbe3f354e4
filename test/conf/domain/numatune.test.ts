/** `<numatune>`: memory mode and placement, memnodes, and its link with `<vcpu placement>`. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const numa = "<cpu><numa><cell id='0' cpus='0' memory='32768'/><cell id='1' cpus='1' memory='32768'/></numa></cpu><vcpu>2</vcpu>";

compareWithLibvirt('numatune', [
  domainWith('nt1', '', "<vcpu placement='auto'>1</vcpu><numatune><memory mode='preferred'/></numatune>"),
  domainWith('nt2', '', "<vcpu cpuset='0-1'>2</vcpu><numatune><memory mode='interleave' placement='auto' nodeset='0-5,^4'/></numatune>"),
  domainWith('nt3', '', "<vcpu>2</vcpu><numatune><memory placement='auto'/></numatune>"),
  domainWith('nt4', '', "<vcpu>2</vcpu><numatune><memory nodeset='3,1-2'/></numatune>"),
  domainWith('nt5', '', "<vcpu placement='auto'>2</vcpu>"),
  domainWith('nt6', '', numa + "<numatune><memnode cellid='1' nodeset='2'/><memnode cellid='0' mode='preferred' nodeset='0-1'/></numatune>"),
  domainWith('nt7', '', "<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune><numatune><memory placement='auto'/></numatune>"),
  // refusals
  domainWith('nt8', '', "<vcpu>2</vcpu><numatune><memory placement='static'/></numatune>"),
  domainWith('nt9', '', numa + "<numatune><memory mode='restrictive' nodeset='0'/><memnode cellid='0' nodeset='0'/></numatune>"),
  domainWith('nt10', '', "<vcpu>2</vcpu><numatune><memnode cellid='0' nodeset='0'/></numatune>"),
  domainWith('nt11', '', numa + "<numatune><memory placement='auto'/><memnode cellid='0' nodeset='0'/></numatune>"),
  domainWith('nt12', '', "<numatune><memory nodeset='0,^0'/></numatune>"),
  domainWith('nt13', '', numa + "<numatune><memnode cellid='2' nodeset='0'/></numatune>"),
  domainWith('nt14', '', "<numatune><memory mode='loose' nodeset='0'/></numatune>"),
]);
