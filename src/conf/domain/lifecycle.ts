/** `<on_poweroff>`, `<on_reboot>`, `<on_crash>`, `<on_lockfailure>`: lifecycle actions. */
import { childText, type XmlElement, type XmlWriter } from '../xml.js';
import { unsupported } from './parse-util.js';

const ACTIONS = ['destroy', 'restart', 'rename-restart', 'preserve'];
const CRASH_ACTIONS = [...ACTIONS, 'coredump-destroy', 'coredump-restart'];
const LOCKFAILURE_ACTIONS = ['poweroff', 'restart', 'pause', 'ignore'];

export interface DomainLifecycle {
  onPoweroff: string;
  onReboot: string;
  onCrash: string;
  onLockFailure?: string;
}

function action(root: XmlElement, name: string, allowed: string[], fallback: string): string {
  const value = childText(root, name);
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value)) throw unsupported(`unknown ${name} action: ${value}`);
  return value;
}

export function parseLifecycle(root: XmlElement): DomainLifecycle {
  const lockText = childText(root, 'on_lockfailure');
  return {
    onReboot: action(root, 'on_reboot', ACTIONS, 'restart'),
    onPoweroff: action(root, 'on_poweroff', ACTIONS, 'destroy'),
    onCrash: action(root, 'on_crash', CRASH_ACTIONS, 'destroy'),
    onLockFailure: lockText ? action(root, 'on_lockfailure', LOCKFAILURE_ACTIONS, '') : undefined,
  };
}

export function formatLifecycle(w: XmlWriter, l: DomainLifecycle): void {
  w.text('on_poweroff', l.onPoweroff);
  w.text('on_reboot', l.onReboot);
  w.text('on_crash', l.onCrash);
  w.text('on_lockfailure', l.onLockFailure);
}
