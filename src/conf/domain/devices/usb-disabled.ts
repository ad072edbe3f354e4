/** `<controller type='usb' model='none'/>` turns USB off: no other USB controller or USB device may exist. */
import { ErrorDomain, ErrorNumber } from '../../../errors/codes.js';
import { virError } from '../../../errors/vir-error.js';
import { unsupported } from '../parse-util.js';
import { getAttr, type XNode } from '../xnode.js';
import type { DeviceKind } from './index.js';

export function checkUsbDisabled(lists: Record<DeviceKind, XNode[]>): void {
  const usb = lists.controller.filter((c) => getAttr(c, 'type') === 'usb');
  const none = usb.filter((c) => getAttr(c, 'model') === 'none');
  if (none.length === 0) return;
  if (usb.length > 1) {
    throw virError(ErrorDomain.VIR_FROM_DOMAIN, ErrorNumber.VIR_ERR_XML_DETAIL,
      "Can't add another USB controller: USB is disabled for this domain");
  }
  if (lists.input.some((i) => getAttr(i, 'bus') === 'usb')) throw unsupported("Can't add USB input device. USB bus is disabled");
  if (lists.hostdev.some((h) => getAttr(h, 'type') === 'usb')) {
    throw unsupported("Can't add host USB device: USB is disabled in this host");
  }
  if (lists.hub.some((h) => getAttr(h, 'type') === 'usb')) throw unsupported("Can't add USB hub: USB is disabled for this domain");
  if (lists.redirdev.length > 0) throw unsupported('cannot add redirected USB device: USB is disabled for this domain');
}

/** A USB redirdev needs a USB controller (libvirt's validation, after the driver added its own). */
export function checkRedirdevUsb(lists: Record<DeviceKind, XNode[]>): void {
  const hasUsb = lists.controller.some((c) => getAttr(c, 'type') === 'usb' && getAttr(c, 'model') !== 'none');
  if (!hasUsb && lists.redirdev.some((r) => (getAttr(r, 'bus') ?? 'usb') === 'usb')) {
    throw unsupported('cannot add redirected USB device: USB is disabled for this domain');
  }
}
