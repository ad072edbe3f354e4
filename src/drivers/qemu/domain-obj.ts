import { DomainObj } from '../shared/domain-obj.js';
import type { QemuProcess } from './process/qemu-process.js';

/** A domain of the QEMU driver: the shared domain object plus its QEMU process while active. */
export class QemuDomainObj extends DomainObj {
  /** The running QEMU (null while shut off). */
  proc: QemuProcess | null = null;
  /** TCP ports this run's graphics hold (given back when it stops). */
  graphicsPorts: number[] = [];
  /** The end of the last queued job: operations on one domain run one at a time (libvirt's job). */
  #job: Promise<unknown> = Promise.resolve();

  #statusWrite: Promise<void> = Promise.resolve();

  /** Queue a status file write; writes run in order, each recording the state of its moment. */
  queueStatusWrite(write: () => Promise<void>): Promise<void> {
    const run = this.#statusWrite.then(write, write);
    this.#statusWrite = run.catch(() => undefined);
    return run;
  }

  /** Run `fn` once every earlier job of this domain has finished. */
  withJob<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#job.then(fn, fn);
    this.#job = run.catch(() => undefined);
    return run;
  }
}
