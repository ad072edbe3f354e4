/**
 * Every binding between remote procedures and driver-contract methods, for the daemon (by
 * procedure number) and for the remote driver (by method: the non-legacy procedure).
 */
import type { DriverMethod } from '../../drivers/types.js';
import type { Binding } from './binding.js';
import { hostBindings } from './host.js';
import { domainBindings } from './domain.js';
import { domainTunableBindings } from './domain-tunables.js';
import { domainDiagnosticBindings } from './domain-diagnostics.js';
import { domainPinningBindings } from './domain-pinning.js';
import { guestInfoBindings } from './guest-info.js';
import { domainDeviceBindings } from './domain-devices.js';
import { snapshotBindings } from './snapshot.js';
import { checkpointBindings } from './checkpoint.js';
import { networkBindings } from './network.js';
import { storageBindings } from './storage.js';
import { hostObjectBindings } from './host-objects.js';
import { hostServiceBindings } from './host-services.js';
import { streamBindings } from './streams.js';
import { fdPassingBindings } from './fd-passing.js';
import { domainJobBindings } from './domain-jobs.js';
import { qemuBindings } from './qemu.js';

export * from './binding.js';
export * as convert from './convert.js';

export const BINDINGS: readonly Binding[] = [
  ...hostBindings, ...domainBindings, ...domainTunableBindings, ...domainDiagnosticBindings, ...domainPinningBindings, ...guestInfoBindings, ...domainDeviceBindings, ...snapshotBindings, ...checkpointBindings, ...networkBindings, ...storageBindings, ...hostObjectBindings, ...hostServiceBindings,
  ...streamBindings, ...fdPassingBindings, ...domainJobBindings, ...qemuBindings,
];

/** Daemon side: the bindings of each program's procedures, by program number then procedure number. */
export const BINDING_BY_PROC: ReadonlyMap<number, ReadonlyMap<number, Binding>> = new Map(
  [...new Set(BINDINGS.map((b) => b.program))].map((prog) => [prog.number, new Map(BINDINGS.filter((b) => b.program === prog).map((b) => [b.proc.number, b]))]),
);

/** Client side: the procedure a driver method is sent as. */
export const BINDING_BY_METHOD: ReadonlyMap<DriverMethod, Binding> = new Map(
  BINDINGS.filter((b) => !b.legacy).map((b) => [b.method, b]),
);
export * from './events.js';
export * from './qemu.js';
