/**
 * The small Linux guest the QEMU driver tests boot: Debian's cloud kernel and an initramfs built
 * here with busybox-static, both unpacked from packages fetched with `apt-get download` (nothing
 * installed). /init loads evdev and the ACPI button driver and runs busybox acpid, which turns the
 * power button into `poweroff -f`, so ACPI shutdown works; the virtio balloon driver, so the
 * balloon really moves; and the virtio console driver with a small guest agent (AGENT below) on
 * the org.qemu.guest_agent.0 port, when the domain has one. Built once, cached under the temp dir.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCpio, type CpioEntry } from './cpio.js';

export interface TestGuest {
  kernel: string;
  initrd: string;
  cmdline: string;
}

/** Printed on the serial console once /init reached user space and acpid runs. */
export const READY_MARKER = 'TSVIRT-GUEST-READY';

/** Kernel modules /init loads, in order: input events and the ACPI button, then the virtio balloon and console. */
const MODULES = ['evdev', 'button', 'virtio_ring', 'virtio', 'virtio_pci_legacy_dev', 'virtio_pci_modern_dev', 'virtio_pci', 'virtio_balloon',
  'virtio_console'];

/** Printed on the console, followed by the mode, when the agent is asked to shut the guest down. */
export const AGENT_MARKER = 'TSVIRT-AGENT-SHUTDOWN-';

/** On the kernel command line: the guest runs no agent, so its channel stays unanswered. */
export const NO_AGENT = 'tsvirt.noagent';

/** The guest's host name, as its agent reports it. */
export const GUEST_HOSTNAME = 'tsvirt-guest';

/**
 * A guest agent in busybox sh answering what qemu-ga answers to the commands the driver sends:
 * guest-sync (the id back), guest-ping, guest-get-time, guest-set-time, guest-get-host-name,
 * guest-network-get-interfaces, guest-shutdown
 * (power off, or reboot, saying so on the console first), CommandNotFound for the rest; none when
 * the kernel command line says NO_AGENT. The port reads end of file while no host
 * side is connected, so it reads again after a pause.
 */
const AGENT = `#!/bin/busybox sh
for p in /sys/class/virtio-ports/*; do
  [ "$(cat $p/name 2>/dev/null)" = org.qemu.guest_agent.0 ] && dev=/dev/\${p##*/}
done
[ -n "$dev" ] || exit 0
grep -q ${NO_AGENT} /proc/cmdline && exit 0
exec 3<>$dev
# the guest's interfaces and IPv4 addresses, as qemu-ga lists them
interfaces() {
  sep=
  for n in /sys/class/net/*; do
    name=\${n##*/}
    addrs=$(ip -o -4 addr show dev $name | sed 's/.* inet \\([0-9.]*\\)\\/\\([0-9]*\\).*/{"ip-address-type": "ipv4", "ip-address": "\\1", "prefix": \\2}/' | tr '\\n' ',' | sed 's/,$//')
    printf '%s{"name": "%s", "hardware-address": "%s", "ip-addresses": [%s]}' "$sep" $name $(cat $n/address) "$addrs"
    sep=', '
  done
}
while :; do
  while read -r line <&3; do
    case "$line" in
      *'"guest-sync"'*) echo "{\\"return\\": $(echo "$line" | sed 's/.*"id": *\\([0-9]*\\).*/\\1/')}" >&3 ;;
      *'"guest-ping"'*) echo '{"return": {}}' >&3 ;;
      *'"guest-get-time"'*) echo "{\\"return\\": $(date +%s)000000000}" >&3 ;;
      *'"guest-get-host-name"'*) echo "{\\"return\\": {\\"host-name\\": \\"$(hostname)\\"}}" >&3 ;;
      *'"guest-set-time"'*'"time"'*) date -s @$(echo "$line" | sed 's/.*"time": *\\([0-9]*\\)[0-9]\\{9\\}.*/\\1/') >/dev/null; echo '{"return": {}}' >&3 ;;
      *'"guest-set-time"'*) hwclock -s 2>/dev/null; echo '{"return": {}}' >&3 ;;
      *'"guest-network-get-interfaces"'*) echo "{\\"return\\": [$(interfaces)]}" >&3 ;;
      *'"guest-shutdown"'*'"reboot"'*) echo ${AGENT_MARKER}reboot >/dev/console; reboot -f ;;
      *'"guest-shutdown"'*) echo ${AGENT_MARKER}powerdown >/dev/console; poweroff -f ;;
      *'"execute"'*) echo '{"error": {"class": "CommandNotFound", "desc": "The command has not been found"}}' >&3 ;;
    esac
  done
  usleep 100000
done
`;

const INIT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in ${MODULES.join(' ')}; do insmod /lib/$m.ko; done
hostname ${GUEST_HOSTNAME}
ip link set lo up
ip addr add 127.0.0.1/8 dev lo
/bin/agent &
acpid -f -c /etc/acpi &
acpid=$!
# Ready only once acpid holds every input device open: a button press before that would be lost.
events=$(ls /dev/input | grep -c event)
while [ "$(ls -l /proc/$acpid/fd | grep -c /dev/input/event)" -lt "$events" ]; do usleep 10000; done
echo ${READY_MARKER}
while :; do sh; done </dev/console >/dev/console 2>&1
`;

const POWER_BUTTON_ACTION = '#!/bin/sh\npoweroff -f\n';

const CACHE = process.env.TSVIRT_TEST_CACHE ?? join(tmpdir(), 'tsvirt-test-cache');

function run(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The versioned kernel package the cloud meta-package points at (e.g. linux-image-6.1.0-56-cloud-amd64). */
function kernelPackage(): string {
  const deps = run('apt-cache', ['depends', 'linux-image-cloud-amd64']);
  const m = /Depends: (linux-image-[0-9][^\s]*-cloud-amd64)\s/.exec(deps);
  if (!m) throw new Error(`linux-image-cloud-amd64 has no kernel dependency:\n${deps}`);
  return m[1]!;
}

function findFile(root: string, name: string): string {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) return join(entry.parentPath ?? entry.path, entry.name);
  }
  throw new Error(`${name} not found under ${root}`);
}

function initramfs(unpacked: string): Buffer {
  const dir = (path: string): CpioEntry => ({ path, mode: 0o40755 });
  const file = (path: string, data: Buffer, perm = 0o755): CpioEntry => ({ path, mode: 0o100000 | perm, data });
  return buildCpio([
    ...['bin', 'dev', 'etc', 'etc/acpi', 'etc/acpi/PWRF', 'lib', 'proc', 'sys', 'tmp', 'var', 'var/log', 'var/run'].map(dir),
    { path: 'dev/console', mode: 0o20600, rdev: { major: 5, minor: 1 } },
    file('bin/busybox', readFileSync(join(unpacked, 'bin/busybox'))),
    ...MODULES.map((m) => file(`lib/${m}.ko`, readFileSync(findFile(join(unpacked, 'lib/modules'), `${m}.ko`)), 0o644)),
    file('etc/acpi/PWRF/00000080', Buffer.from(POWER_BUTTON_ACTION)),
    file('init', Buffer.from(INIT)),
    file('bin/agent', Buffer.from(AGENT)),
  ]);
}

function build(target: string, kernelPkg: string): void {
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, 'build-'));
  try {
    run('apt-get', ['download', '-q', kernelPkg, 'busybox-static'], work);
    const unpacked = join(work, 'root');
    for (const deb of readdirSync(work).filter((f) => f.endsWith('.deb'))) run('dpkg', ['-x', join(work, deb), unpacked]);
    const out = join(work, 'guest');
    mkdirSync(out);
    const vmlinuz = readdirSync(join(unpacked, 'boot')).find((f) => f.startsWith('vmlinuz-'));
    if (!vmlinuz) throw new Error(`${kernelPkg} holds no vmlinuz`);
    renameSync(join(unpacked, 'boot', vmlinuz), join(out, 'vmlinuz'));
    writeFileSync(join(out, 'initrd.cpio'), initramfs(unpacked));
    try {
      renameSync(out, target); // atomic: a concurrent builder either wins or finds ours
    } catch (err) {
      if (!existsSync(target)) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let cached: TestGuest | null = null;

/** The kernel and initramfs, built on first use. */
export function testGuest(): TestGuest {
  if (cached) return cached;
  const kernelPkg = kernelPackage();
  const target = join(CACHE, `guest-${kernelPkg}-v11`);
  if (!existsSync(join(target, 'initrd.cpio'))) build(target, kernelPkg);
  cached = { kernel: join(target, 'vmlinuz'), initrd: join(target, 'initrd.cpio'), cmdline: 'console=ttyS0' };
  return cached;
}
