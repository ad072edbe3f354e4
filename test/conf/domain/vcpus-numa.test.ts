/** Individual `<vcpus>`, guest NUMA cells in id order with symmetric distances, memory from the cells. */
import { compareWithLibvirt, domainWith } from './family-oracle.js';

const cell = (id: number, cpus: string, extra = '') => `<cell id='${id}' cpus='${cpus}' memory='65536'${extra}`;
const numa = (cells: string) => `<vcpu>8</vcpu><cpu><numa>${cells}</numa></cpu>`;

compareWithLibvirt('vcpus and numa', [
  domainWith('vn1', '', "<vcpu current='3'>4</vcpu><vcpus><vcpu id='2' enabled='yes' hotpluggable='yes' order='2'/>"
    + "<vcpu id='0' enabled='yes' hotpluggable='no' order='1'/><vcpu id='1' enabled='no'/></vcpus>"),
  domainWith('vn2', '', numa(cell(2, '6-7') + '/>' + cell(0, '0-3') + '/>' + cell(1, '4-5') + '/>')),
  domainWith('vn3', '', numa(cell(0, '0-3') + "><distances><sibling id='1' value='21'/></distances></cell>"
    + cell(1, '4-7') + "><distances><sibling id='1' value='10'/><sibling id='0' value='31'/></distances></cell>")),
  // no <memory>: the cells' sum
  `<domain type='qemu'><name>vn4</name><uuid>5c8e0a3a-0f4f-4a5b-9d8e-1a2b3c4d5e6f</uuid><os><type arch='x86_64' machine='pc'>hvm</type></os>`
    + `${numa(cell(0, '0-3') + '/>' + cell(1, '4-7') + '/>')}<devices/></domain>`,
  // refusals
  domainWith('vn5', '', numa(cell(0, '0-3') + '/>' + cell(2, '4-7') + '/>')),
  domainWith('vn6', '', numa(cell(0, '0-3') + '/>' + cell(0, '4-7') + '/>')),
  domainWith('vn7', '', numa(cell(0, '0-4') + '/>' + cell(1, '4-7') + '/>')),
  domainWith('vn8', '', numa(cell(0, '0-3') + "><distances><sibling id='0' value='11'/></distances></cell>" + cell(1, '4-7') + '/>')),
  domainWith('vn9', '', numa(cell(0, '0-3') + "><distances/></cell>" + cell(1, '4-7') + '/>')),
  domainWith('vn10', '', "<vcpu>2</vcpu><vcpus><vcpu id='2' enabled='yes'/></vcpus>"),
  domainWith('vn11', '', "<vcpu>2</vcpu><vcpus><vcpu id='1'/></vcpus>"),
  domainWith('vn12', '', "<vcpu>2</vcpu><vcpus><vcpu id='0' enabled='yes'/><vcpu id='1' enabled='no' hotpluggable='no'/></vcpus>"),
]);
