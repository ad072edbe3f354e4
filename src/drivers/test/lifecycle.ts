import { VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_RUNNING, VIR_DOMAIN_SHUTOFF } from '../../api/constants.js';
import type { DomainObj } from './domain-obj.js';
import type { TestState } from './state.js';

/** testDomainStartState: running with a fresh id, config kept apart from the live definition. */
export function startDomainState(state: TestState, obj: DomainObj, reason: number): void {
  obj.setState(VIR_DOMAIN_RUNNING, reason);
  obj.domId = state.allocateDomainID();
  obj.setDefTransient();
  obj.hasManagedSave = false;
}

/** testDomainShutdownState: shut off with a reason, back to the persistent definition. */
export function shutdownDomainState(obj: DomainObj, reason: number): void {
  obj.removeTransientDef();
  obj.setState(VIR_DOMAIN_SHUTOFF, reason);
  obj.domId = -1;
}

/** Queue a lifecycle event for everyone watching this state. */
export function lifecycleEvent(state: TestState, obj: DomainObj, event: number, detail: number): void {
  state.events.emitDomain({ eventId: VIR_DOMAIN_EVENT_ID_LIFECYCLE, domain: obj.ref(), event, detail });
}

/** A stopped transient domain disappears. */
export function dropIfTransient(state: TestState, obj: DomainObj): void {
  if (!obj.persistent) state.domains.remove(obj);
}
