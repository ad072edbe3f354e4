import type { VirError } from '../../../errors/index.js';

/** When QEMU emitted an event: seconds and microseconds since the epoch, QEMU's clock. */
export interface QmpTimestamp {
  readonly seconds: number;
  readonly microseconds: number;
}

/** An asynchronous message from QEMU, as sent: `{"event": NAME, "data": {...}, "timestamp": {...}}`. */
export interface QmpEvent<D = Record<string, unknown>> {
  readonly event: string;
  readonly data: D;
  /** False when QEMU sent no `data` (`data` is then `{}`). */
  readonly hasData?: boolean;
  readonly timestamp: QmpTimestamp;
}

/** Data of the lifecycle events the driver acts on (QEMU 7.2's qapi/run-state.json). */
export interface ShutdownData { readonly guest: boolean; readonly reason: string }
export interface ResetData { readonly guest: boolean; readonly reason: string }
export interface StopData { readonly [key: string]: never }
export interface ResumeData { readonly [key: string]: never }
export interface GuestPanickedData { readonly action: string; readonly info?: Record<string, unknown> }
export interface DeviceDeletedData { readonly device?: string; readonly path: string }
export interface BlockIoErrorData { readonly device: string; readonly 'node-name'?: string; readonly operation: string; readonly action: string; readonly reason: string; readonly nospace?: boolean }
export interface RtcChangeData { readonly offset: number }
export interface WatchdogData { readonly action: string }
export interface BalloonChangeData { readonly actual: number }
export interface TrayMovedData { readonly device: string; readonly id: string; readonly 'tray-open': boolean }
export interface JobStatusChangeData { readonly id: string; readonly status: string }

type Handler<D> = [data: D, timestamp: QmpTimestamp];

/**
 * What a QmpMonitor emits. Every QEMU event arrives as `event` (whatever its name), and the
 * ones listed here also under their own name with typed data. `eof` says QEMU closed the
 * monitor (it exited or crashed) before we did; `failure` says the monitor broke otherwise (a
 * read error, a line that is not JSON): libvirt's eofNotify and errorNotify. After either, every
 * command fails with that error. `close` comes once the socket is gone, however it went.
 */
export interface QmpMonitorEvents {
  event: [event: QmpEvent];
  SHUTDOWN: Handler<ShutdownData>;
  POWERDOWN: Handler<Record<string, never>>;
  RESET: Handler<ResetData>;
  STOP: Handler<StopData>;
  RESUME: Handler<ResumeData>;
  SUSPEND: Handler<Record<string, never>>;
  SUSPEND_DISK: Handler<Record<string, never>>;
  WAKEUP: Handler<Record<string, never>>;
  GUEST_PANICKED: Handler<GuestPanickedData>;
  GUEST_CRASHLOADED: Handler<GuestPanickedData>;
  DEVICE_DELETED: Handler<DeviceDeletedData>;
  DEVICE_TRAY_MOVED: Handler<TrayMovedData>;
  BLOCK_IO_ERROR: Handler<BlockIoErrorData>;
  RTC_CHANGE: Handler<RtcChangeData>;
  WATCHDOG: Handler<WatchdogData>;
  BALLOON_CHANGE: Handler<BalloonChangeData>;
  JOB_STATUS_CHANGE: Handler<JobStatusChangeData>;
  eof: [error: VirError];
  failure: [error: VirError];
  close: [];
}

/** The names emitted under their own name besides `event`. */
export const TYPED_EVENTS: ReadonlySet<string> = new Set([
  'SHUTDOWN', 'POWERDOWN', 'RESET', 'STOP', 'RESUME', 'SUSPEND', 'SUSPEND_DISK', 'WAKEUP',
  'GUEST_PANICKED', 'GUEST_CRASHLOADED', 'DEVICE_DELETED', 'DEVICE_TRAY_MOVED', 'BLOCK_IO_ERROR',
  'RTC_CHANGE', 'WATCHDOG', 'BALLOON_CHANGE', 'JOB_STATUS_CHANGE',
] satisfies ReadonlyArray<keyof QmpMonitorEvents>);
