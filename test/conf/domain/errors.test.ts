import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDomainXML } from '../../../src/conf/domain/index.js';
import { VirError } from '../../../src/errors/vir-error.js';
import { real } from './family-oracle.js';

const body = (inner: string): string => `<domain type='test'><name>a</name>${inner}</domain>`;
const hvm = "<memory>1024</memory><os><type>hvm</type></os>";

/** Bad domain XML: each must give libvirt's code, domain and message. */
const BAD_INPUTS: string[] = [
  "<domain type='test'><name>x</name>\n<memory>1024</memory",
  'garbage',
  "<domain type='test'><name>a&b</name></domain>",
  '<domain><name>x</name>\n  <bad attr="1">\n</domain>',
  '<foo/>',
  "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>",
  "<domain type='foo'><name>a</name></domain>",
  body('<os><type>hvm</type></os>'),
  body('<memory>abc</memory><os><type>hvm</type></os>'),
  body("<memory unit='foo'>1</memory><os><type>hvm</type></os>"),
  body('<uuid>zzz</uuid>' + hvm),
  body("<memory>1024</memory><vcpu current='3'>2</vcpu><os><type>hvm</type></os>"),
  body('<memory>1024</memory><vcpu>x</vcpu><os><type>hvm</type></os>'),
  body('<memory>1024</memory><os><type>foo</type></os>'),
  body("<memory>1024</memory><os><type arch='foo'>hvm</type></os>"),
  body('<memory>1024</memory>'),
  body(hvm + '<on_reboot>foo</on_reboot>'),
  body(hvm + '<on_crash>foo</on_crash>'),
  body(hvm + "<clock offset='foo'/>"),
  body(hvm + "<features><foo/></features>"),
  body(hvm + "<cpu mode='foo'/>"),
  body(hvm + "<devices><disk type='foo'><target dev='vda'/></disk></devices>"),
  body(hvm + "<devices><disk type='file'><source file='/a'/></disk></devices>"),
  body(hvm + "<devices><disk type='file' device='foo'><target dev='vda'/></disk></devices>"),
  body(hvm + "<devices><disk type='file'><target dev='vda' bus='foo'/></disk></devices>"),
  body(hvm + "<devices><disk type='file'><target dev='vda'/></disk></devices>"),
  body(hvm + "<devices><interface type='foo'/></devices>"),
  body(hvm + "<devices><interface type='network'><mac address='zz'/><source network='d'/></interface></devices>"),
  body(hvm + "<devices><graphics type='foo'/></devices>"),
  body(hvm + "<devices><video><model type='foo'/></video></devices>"),
  body(hvm + "<devices><input type='foo'/></devices>"),
  body(hvm + "<devices><controller type='foo'/></devices>"),
  body(hvm + "<devices><memballoon model='foo'/></devices>"),
  body(hvm + "<devices><watchdog model='foo'/></devices>"),
  body(hvm + "<devices><rng model='foo'/></devices>"),
  body(hvm + "<devices><serial type='foo'/></devices>"),
  "<domain type='test'><name>a/b</name><memory>1024</memory><os><type>hvm</type></os></domain>",
  body(hvm + "<devices><hostdev mode='subsystem' type='scsi' sgio='unfiltered'><source><adapter name='scsi_host0'/>"
    + "<address bus='0' target='0' unit='0'/></source></hostdev></devices>"),
  body(hvm + "<devices><controller type='usb' model='none'/><controller type='usb' index='1'/></devices>"),
  body(hvm + "<devices><controller type='usb' model='none'/><input type='tablet' bus='usb'/></devices>"),
  body(hvm + "<devices><controller type='usb' model='none'/><hub type='usb'/></devices>"),
  body("<memory>1024</memory><os firmware='efi'><type>hvm</type><nvram template='/t.fd'/></os>"),
  body("<memory>1024</memory><os firmware='efi'><type>hvm</type><loader readonly='yes'/></os>"),
  body("<memory>1024</memory><os firmware='efi'><type>hvm</type><firmware><feature enabled='yes' name='enrolled-keys'/>"
    + "<feature enabled='no' name='secure-boot'/></firmware></os>"),
  body(hvm + "<devices><disk><source file='/a'/><target dev='vda'/><boot order='1'/></disk>"
    + "<disk><source file='/b'/><target dev='vdb'/><boot order='1'/></disk></devices>"),
  body("<memory>1024</memory><os><type>hvm</type><boot dev='hd'/></os>"
    + "<devices><disk><source file='/a'/><target dev='vda'/><boot order='1'/></disk></devices>"),
  body("<memory>1024</memory><vcpu cpuset='x'>2</vcpu><os><type>hvm</type></os>"),
  body(hvm + "<devices><graphics type='vnc' listen='1.2.3.4'><listen type='address' address='5.6.7.8'/></graphics></devices>"),
  body(hvm + "<devices><graphics type='vnc' passwd='x' connected='fail'/></devices>"),
  body(hvm + "<devices><watchdog model='itco'/></devices>"),
  body("<memory>1024</memory><os><type>hvm</type><nvram>/x.fd</nvram></os>"),
  // character device sources (serial, channel, smartcard, RNG backend, redirdev)
  body(hvm + "<devices><serial type='file'><target port='0'/></serial></devices>"),
  body(hvm + "<devices><serial type='unix'><source mode='bind'/></serial></devices>"),
  body(hvm + "<devices><serial type='tcp'><source mode='bind' service='9'/></serial></devices>"),
  body(hvm + "<devices><channel type='tcp'><source mode='connect' host='h'/><target type='virtio' name='a'/></channel></devices>"),
  body(hvm + "<devices><channel type='udp'><source mode='bind' host='h' service='1'/><target type='virtio' name='a'/></channel></devices>"),
  body(hvm + "<devices><serial type='tcp'><source mode='bind' host='h' service='1'><reconnect enabled='yes' timeout='2'/></source></serial></devices>"),
  body(hvm + "<devices><serial type='pipe'><source path='/a'/><source path='/b'/></serial></devices>"),
  body(hvm + "<devices><channel type='spiceport'><source channel='a b'/><target type='virtio' name='a'/></channel></devices>"),
  body(hvm + "<devices><serial type='nmdm'><source master='/dev/nmdm0A'/></serial></devices>"),
  body(hvm + "<devices><smartcard mode='passthrough' type='unix'><source mode='connect'/></smartcard></devices>"),
  body(hvm + "<devices><rng model='virtio'><backend model='egd' type='unix'><source mode='connect' host='1.2.3.4' service='1'/></backend></rng></devices>"),
  body(hvm + "<devices><controller type='usb' index='0'/><redirdev bus='usb' type='tcp'><source mode='connect' service='4000'/></redirdev></devices>"),
  // disk buses and address types
  body(hvm + "<devices><disk type='file'><source file='/a'/><target dev='hda' bus='ide'/><address type='pci' bus='0' slot='5'/></disk></devices>"),
  // one host device passed through twice
  body(hvm + "<devices><hostdev mode='subsystem' type='pci'><source><address domain='0' bus='6' slot='0x12' function='5'/></source></hostdev>"
    + "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='18' function='0x5'/></source></hostdev></devices>"),
  body(hvm + "<devices><hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/></source></hostdev>"
    + "<hostdev mode='subsystem' type='usb'><source><vendor id='4660'/><product id='48879'/></source></hostdev></devices>"),
  body(hvm + "<devices><hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev>"
    + "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source></hostdev></devices>"),
  body(hvm + "<devices><hostdev mode='capabilities' type='storage'><source><block>/dev/sdf1</block></source></hostdev>"
    + "<hostdev mode='capabilities' type='storage'><source><block>/dev/sdf1</block></source></hostdev></devices>"),
  // firmware loaders and NVRAM
  body("<memory>1024</memory><os firmware='bios'><type>hvm</type><nvram>/x.fd</nvram></os>"),
  body("<memory>1024</memory><os><type>hvm</type><loader type='pflash' stateless='yes'>/c.fd</loader><nvram>/x.fd</nvram></os>"),
  body("<memory>1024</memory><os><type>hvm</type><loader type='pflash' stateless='yes'>/c.fd</loader><nvram template='/t.fd'/></os>"),
  body("<memory>1024</memory><os><type>hvm</type><loader stateless='no'>/c.fd</loader></os>"),
  body("<memory>1024</memory><os firmware='bios'><type>hvm</type><loader stateless='no'/></os>"),
  body("<memory>1024</memory><os><type>hvm</type><bootmenu enable='yes' timeout='65536'/></os>"),
  // device PCI addresses, controller indexes, disk targets
  body(hvm + "<devices><interface type='user'><address type='pci' bus='0x100' slot='1'/></interface></devices>"),
  body(hvm + "<devices><interface type='user'><address type='pci' slot='0x20'/></interface></devices>"),
  body(hvm + "<devices><interface type='user'><address type='pci' slot='2' function='8'/></interface></devices>"),
  body(hvm + "<devices><controller type='pci' index='1' model='pci-bridge'/><controller type='pci' index='1' model='pci-bridge'/></devices>"),
  body(hvm + "<devices><disk><source file='/a'/><target dev='sda'/></disk><disk type='block'><source dev='/dev/b'/><target dev='sda' bus='usb'/></disk></devices>"),
  body(hvm + "<devices><tpm model='tpm-tis'/></devices>"),
  body(hvm + "<devices><video><model type='none'/></video><video><model type='vga'/></video></devices>"),
  body(hvm + "<devices><video><model type='vga' primary='yes'/></video><video><model type='qxl' primary='yes'/></video></devices>"),
  body(hvm + "<devices><shmem name='s'><model type='ivshmem-plain'/><msi vectors='2'/></shmem></devices>"),
];

// what real libvirt's test driver says of each input (define refuses it, or null: accepted)
const expected = real(BAD_INPUTS)?.map((o) => ('error' in o ? o.error : null));

for (const [i, xml] of BAD_INPUTS.entries()) {
  test(`bad domain XML #${i} gives libvirt's error: ${JSON.stringify(xml).slice(0, 90)}`, (t) => {
    if (!expected) return t.skip('python3-libvirt not available');
    const want = expected[i];
    assert.ok(want, 'real libvirt accepted this input');
    assert.throws(() => parseDomainXML(xml), (e: unknown) => {
      assert.ok(e instanceof VirError);
      assert.deepEqual([e.code, e.domain, e.message], want);
      return true;
    });
  });
}
