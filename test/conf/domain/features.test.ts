/** `<features>` with a single value: defaults, canonical sizes, features dropped when off, refusals. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const features = (inner: string) => `<features>${inner}</features>`;

compareWithLibvirt('features', [
  domainWith('ft1', '', features("<acpi foo='1'/><apic eoi='off'/><pae/><pmu/><vmport state='off'/><vmcoreinfo/>"
    + "<smm><tseg unit='KiB'>49152</tseg></smm><ioapic driver='qemu'/><msrs unknown='fault'/>")),
  domainWith('ft2', '', features("<hap state='off'/><pvspinlock/><smm state='off'><tseg>48</tseg></smm><ioapic/>"
    + "<gic version='3'/>"), 'aarch64', 'virt'),
  domainWith('ft3', '', features("<hpt resizing='required'><maxpagesize unit='GiB'>1</maxpagesize></hpt><htm state='on'/>"
    + "<nested-hv state='off'/><ccf-assist state='on'/><cfpc value='workaround'/><sbbc value='fixed'/><ibs value='fixed-ccd'/>"), 'ppc64', 'pseries'),
  domainWith('ft4', '', features("<hpt><maxpagesize unit='b'>1025</maxpagesize></hpt><smm><tseg unit='B'>1536</tseg></smm>"), 'ppc64', 'pseries'),
  domainWith('ft5', '', features("<hpt/><cfpc/><gic/><smm><tseg unit='GiB'>2</tseg></smm>"), 'aarch64', 'virt'),
  // refusals
  domainWith('ft6', '', features("<gic version='none'/>"), 'aarch64', 'virt'),
  domainWith('ft7', '', features("<pmu state='yes'/>")),
  domainWith('ft8', '', features('<msrs/>')),
  domainWith('ft9', '', features('<htm/>'), 'ppc64', 'pseries'),
  domainWith('ft10', '', features("<hpt><maxpagesize>x</maxpagesize></hpt>"), 'ppc64', 'pseries'),
  domainWith('ft11', '', features("<ibs value='none'/>")),
]);
