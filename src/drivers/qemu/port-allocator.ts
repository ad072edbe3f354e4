import { createServer } from 'node:net';
import { E, qemuError } from './errors.js';

/** Ports handed out by this process, whatever the range or driver instance (libvirt's is process-wide too). */
const reserved = new Set<number>();

export interface PortRange {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Whether something on the host holds `port` on every address of `host`'s family (a listen test, as libvirt's bind test). */
function portInUse(port: number, host: '0.0.0.0' | '::'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(true);
      else if (err.code === 'EAFNOSUPPORT' || err.code === 'EADDRNOTAVAIL') resolve(false); // no IPv6 here
      else reject(qemuError(E.VIR_ERR_SYSTEM_ERROR, `Unable to bind to port ${port}: ${err.message}`));
    });
    server.listen({ port, host, ipv6Only: host === '::', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** virPortAllocatorAcquire: the first port of `range` neither reserved here nor bound by anyone. */
export async function acquirePort(range: PortRange): Promise<number> {
  for (let port = range.start; port <= range.end; port++) {
    if (reserved.has(port)) continue;
    reserved.add(port); // held while testing, so concurrent starts do not pick it too
    if (!(await portInUse(port, '::')) && !(await portInUse(port, '0.0.0.0'))) return port;
    reserved.delete(port);
  }
  throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `Unable to find an unused port in range '${range.name}' (${range.start}-${range.end})`);
}

/** virPortAllocatorSetUsed: claim a port given in the XML; one claimed already is refused. */
export function claimPort(port: number): void {
  if (reserved.has(port)) throw qemuError(E.VIR_ERR_INTERNAL_ERROR, `Failed to reserve port ${port}`);
  reserved.add(port);
}

export function releasePort(port: number): void {
  reserved.delete(port);
}
