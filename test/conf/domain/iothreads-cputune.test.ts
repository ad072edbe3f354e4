/** iothreads (count, ids filled in, pools) and cputune schedulers kept per vCPU / iothread. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const vcpus = (n: number) => `<vcpu>${n}</vcpu>`;

compareWithLibvirt('iothreads and cputune', [
  domainWith('io1', '', "<iothreads>4</iothreads><iothreadids><iothread id='3'/><iothread id='1' thread_pool_max='9'/></iothreadids>"),
  domainWith('io2', '', '<iothreads>3</iothreads>'),
  domainWith('io3', '', "<iothreads>1</iothreads><iothreadids><iothread id='5'/><iothread id='2'/></iothreadids>"
    + "<defaultiothread thread_pool_min='2' thread_pool_max='8'/>"),
  domainWith('io4', '', "<iothreads>2</iothreads><defaultiothread/>"),
  domainWith('io5', '', vcpus(4) + "<iothreads>3</iothreads><iothreadids><iothread id='7'/></iothreadids><cputune>"
    + "<iothreadsched iothreads='1-2,7' scheduler='rr' priority='5'/><vcpusched vcpus='3,0' scheduler='idle'/>"
    + "<vcpusched vcpus='1' scheduler='fifo' priority='0'/><emulatorsched scheduler='batch'/><emulatorpin cpuset='1'/></cputune>"),
  // refusals
  domainWith('io6', '', vcpus(2) + "<cputune><vcpusched vcpus='0-1' scheduler='batch'/><vcpusched vcpus='1' scheduler='idle'/></cputune>"),
  domainWith('io7', '', "<iothreads>1</iothreads><cputune><iothreadsched iothreads='2' scheduler='batch'/></cputune>"),
  domainWith('io8', '', vcpus(2) + "<cputune><vcpusched vcpus='4' scheduler='batch'/></cputune>"),
  domainWith('io9', '', vcpus(2) + "<cputune><vcpusched vcpus='1' scheduler='fifo'/></cputune>"),
  domainWith('io10', '', "<iothreadids><iothread id='1'/><iothread id='1'/></iothreadids>"),
  domainWith('io11', '', "<iothreadids><iothread id='0'/></iothreadids>"),
]);
