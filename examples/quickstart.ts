/**
 * The main job on the embedded default: connect, describe the host, define and run a guest,
 * watch its lifecycle events, and clean up. Usage: node dist/examples/quickstart.js [URI]
 */
import * as virt from '../src/index.js';

const GUEST_XML = `<domain type='test'>
  <name>quickstart</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>`;

const STATE_NAMES = ['no state', 'running', 'blocked', 'paused', 'in shutdown', 'shut off', 'crashed', 'pmsuspended'];
const EVENT_NAMES = ['Defined', 'Undefined', 'Started', 'Suspended', 'Resumed', 'Stopped', 'Shutdown', 'PMSuspended', 'Crashed'];

/** Events arrive from the event loop, as libvirt delivers them: let them in before going on. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const uri = process.argv[2] ?? 'test:///default';
  await using conn = await virt.open(uri);
  const node = await conn.getInfo();
  console.log(`Connected to ${await conn.getURI()} (${await conn.getType()} driver, libvirt API ${await conn.getLibVersion()})`);
  console.log(`Host: ${node.model}, ${node.cpus} CPUs at ${node.mhz} MHz, ${node.memory} KiB`);

  const events = new AbortController();
  await conn.domainEventRegisterAny(null, virt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, (ev) => {
    console.log(`  event: ${ev.dom.name()} ${EVENT_NAMES[ev.event ?? 0]} (detail ${ev.detail})`);
  }, undefined, { signal: events.signal });

  const dom = await conn.defineXML(GUEST_XML);
  for (const step of [() => dom.create(), () => dom.suspend(), () => dom.resume()]) {
    await step();
    await settle();
  }

  console.log('\n Id   Name         State');
  for (const d of await conn.listAllDomains()) {
    const { state } = await d.state();
    console.log(` ${String(d.id() > 0 ? d.id() : '-').padEnd(4)} ${d.name().padEnd(12)} ${STATE_NAMES[state]}`);
  }

  await dom.destroy();
  await dom.undefine();
  await settle();
  try {
    await conn.lookupByName('quickstart');
  } catch (err) {
    if (err instanceof virt.VirError) console.log(`\nAfter undefine: ${err.message} (code ${err.codeName})`);
  }
  events.abort();
}

main().catch((err: unknown) => {
  console.error(err instanceof virt.VirError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
