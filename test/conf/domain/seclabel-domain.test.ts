/** The domain's `<seclabel>`s. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

compareWithLibvirt('domain seclabels', [
  domainWith('sl1', '', "<seclabel model='selinux' type='dynamic' relabel='yes'><baselabel>system_u:system_r:svirt_t:s0</baselabel></seclabel>"),
  domainWith('sl2', '', "<seclabel type='static' model='selinux' relabel='yes'><label>a:b:c:s0</label><imagelabel>a:b:d:s0</imagelabel></seclabel>"
    + "<seclabel type='none' model='dac'/>"),
  domainWith('sl3', '', "<seclabel type='static' model='dac'><label>107:107</label></seclabel><seclabel model='none'/>"),
  // refusals
  domainWith('sl4', '', "<seclabel type='dynamic' model='selinux' relabel='no'/>"),
  domainWith('sl5', '', "<seclabel type='static' model='selinux'/>"),
  domainWith('sl6', '', "<seclabel type='none' model='dac' relabel='yes'/>"),
  domainWith('sl7', '', "<seclabel model='selinux'/><seclabel model='selinux'/>"),
  domainWith('sl8', '', "<seclabel model='selinux'/><seclabel type='dynamic'/>"),
  domainWith('sl9', '', "<seclabel type='default' model='selinux'/>"),
]);
