/** Character device sources (serial, parallel, channel, console, smartcard, redirdev, EGD RNG). */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const usb = "<controller type='usb' index='0'/>";

compareWithLibvirt('chardev source', [
  // unix: a source without a path is dropped, modes are stated, protocols only for tcp
  domainWith('cs1', "<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
    + "<channel type='unix'><target type='virtio' name='a'/></channel>"
    + "<channel type='unix'><source path='/tmp/c'/><protocol type='telnet'/><target type='virtio' name='b'/></channel>"
    + "<parallel type='unix'><source mode='bind' path='/tmp/p'/><protocol type='raw'/></parallel>"),
  // udp: bind before connect, first source of each mode
  domainWith('cs2', "<channel type='udp'><source service='5'/><source mode='bind' host='h'/><target type='virtio' name='a'/></channel>"
    + "<serial type='udp'><source mode='bind' service='7' host='b'/><source mode='connect' host='c' service='8'/></serial>"),
  // tcp: protocol always, reconnect, tls, log
  domainWith('cs3', "<serial type='tcp'><log file='/tmp/l' append='on'/><source service='3' host='x' tls='no'>"
    + "<reconnect enabled='yes' timeout='4'/></source><protocol type='telnets'/></serial>"
    + "<serial type='tcp'><source mode='bind' host='0.0.0.0' service='9'/></serial>"),
  // file/pty/pipe/dev, seclabels in the source (defaults dropped from an inactive dump)
  domainWith('cs4', "<serial type='file'><source path='/tmp/a' append='off'><seclabel model='selinux'/>"
    + "<seclabel model='dac' relabel='no'/></source></serial><serial type='pty'><source path='/dev/pts/4'/></serial>"
    + "<serial type='pipe'><source path='/tmp/pipe'><seclabel relabel='yes'><label>l</label></seclabel></source></serial>"
    + "<console type='dev'><source path='/dev/ttyS1'/><target type='virtio'/></console>"),
  // the devices that carry a character device source without being one
  domainWith('cs5', usb + "<smartcard mode='passthrough' type='unix'><source path='/tmp/s'/></smartcard>"
    + "<redirdev bus='usb' type='unix'><source path='/tmp/r'/></redirdev>"
    + "<redirdev bus='usb' type='tcp'><source host='h' service='1'/></redirdev>"
    + "<rng model='virtio'><backend model='egd' type='unix'><source path='/tmp/e' mode='bind'/><protocol type='raw'/></backend></rng>"),
  domainWith('cs6', "<channel type='qemu-vdagent'><source><mouse mode='client'/><clipboard copypaste='yes'/></source>"
    + "<target type='virtio' name='com.redhat.spice.0'/></channel><serial type='spiceport'><source channel='org.qemu.x'/></serial>"),
  // refusals
  domainWith('cs7', "<serial type='unix'><source mode='bind' path='/tmp/b'><reconnect enabled='no'/></source></serial>"),
  domainWith('cs8', "<serial type='tcp'><source host='h' service='1'><reconnect enabled='yes'/></source></serial>"),
  domainWith('cs9', "<serial type='tcp'><source host='h' service='1' mode='listen'/></serial>"),
  domainWith('cs10', "<serial type='tcp'><source host='h' service='1'/><protocol type='ssh'/></serial>"),
  domainWith('cs11', "<serial type='file'><source path='/a'><seclabel model='dac'/><seclabel model='dac'/></source></serial>"),
  domainWith('cs12', "<serial type='file'><source path='/a'><seclabel relabel='no'><label>x</label></seclabel></source></serial>"),
  domainWith('cs13', "<serial type='file'><source path='/a'/><log file='/l'/><log file='/m'/></serial>"),
]);
