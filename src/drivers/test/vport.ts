/**
 * The vHBA an fc_host scsi pool creates and removes, as libvirt's test driver mocks it: starting
 * such a pool with storagePoolCreateXML adds node device scsi_host12, a copy of scsi_host11 with
 * the pool's WWNs; destroying any fc_host pool removes scsi_host12 again.
 */
import { unknownCauseError } from '../../errors/index.js';
import type { StoragePoolDef } from '../../conf/storage/index.js';
import type { XmlElement } from '../../conf/xml.js';
import { E, testError } from './errors.js';
import type { TestState } from './state.js';

const TEMPLATE = 'scsi_host11';
const VPORT = 'scsi_host12';

function setText(el: XmlElement | undefined, value: string): void {
  if (el) el.textContent = value;
}

/** Whether the pool's source is a Fibre Channel vHBA. */
export function isFcHostPool(def: StoragePoolDef): boolean {
  return def.source.adapter?.type === 'fc_host';
}

/** testCreateVport: the mocked vHBA for `def`, replacing an earlier one of the same name. */
export function createVport(state: TestState, def: StoragePoolDef): void {
  if (def.source.adapter?.type !== 'fc_host') return;
  const template = state.devices.find((d) => d.name === TEMPLATE);
  // libvirt fails here without reporting why
  if (!template) throw unknownCauseError();
  const element = template.element().cloneNode(true) as XmlElement;
  setText(element.getElementsByTagName('name')[0], VPORT);
  const fc = Array.from(element.getElementsByTagName('capability')).find((c) => c.getAttribute('type') === 'fc_host');
  setText(fc?.getElementsByTagName('wwnn')[0], def.source.adapter.wwnn ?? '');
  setText(fc?.getElementsByTagName('wwpn')[0], def.source.adapter.wwpn ?? '');
  const device = { ...template, name: VPORT, element: () => element };
  const at = state.devices.findIndex((d) => d.name === VPORT);
  // libvirt's device hash table lists scsi_host12 before the default devices
  if (at >= 0) state.devices[at] = device;
  else state.devices.unshift(device);
}

/** testDestroyVport: remove the mocked vHBA (whichever pool created it). */
export function destroyVport(state: TestState): void {
  const at = state.devices.findIndex((d) => d.name === VPORT);
  if (at < 0) throw testError(E.VIR_ERR_NO_NODE_DEVICE, `no node device with matching name '${VPORT}'`);
  state.devices.splice(at, 1);
}
