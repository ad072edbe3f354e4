#!/usr/bin/env bash
# Install what the tests need and are not npm packages: real libvirt 9.0.0 as the oracle of the
# differential tests (virsh, libvirt-python, schemas) and xmllint. Only missing pieces are
# installed; without root (or apt) it says what is missing and the tests that need it skip.
set -euo pipefail

need=()
command -v virsh >/dev/null 2>&1 || need+=(libvirt-clients)
# libvirt's RelaxNG schemas (the *_VALIDATE flags, output checks) ship in libvirt0.
[ -d /usr/share/libvirt/schemas ] || need+=(libvirt0)
# ... and so does its x86 CPU map, which the QEMU driver decodes host CPUs against.
[ -e /usr/share/libvirt/cpu_map/index.xml ] || need+=(libvirt0)
/usr/bin/python3 -c 'import libvirt' >/dev/null 2>&1 || need+=(python3-libvirt)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
# The QEMU driver's tests boot real guests and compare with libvirt's own QEMU driver.
command -v qemu-system-x86_64 >/dev/null 2>&1 || need+=(qemu-system-x86)
command -v qemu-img >/dev/null 2>&1 || need+=(qemu-utils)
command -v libvirtd >/dev/null 2>&1 || need+=(libvirt-daemon)
[ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ] || need+=(libvirt-daemon-driver-qemu)
[ -d /usr/share/OVMF ] || need+=(ovmf)
# tsvirsh's interactive shell is tested on a real terminal (tmux: type, tab-complete, read the screen).
command -v tmux >/dev/null 2>&1 || need+=(tmux)
# ... where virsh and tsvirsh run polkit's text agent around each connection.
[ -x /usr/bin/pkttyagent ] || need+=(polkitd)
# The remote driver's tests: SASL users for libvirtd (saslpasswd2, cyrus's SCRAM/PLAIN), TLS certificates.
command -v saslpasswd2 >/dev/null 2>&1 || need+=(sasl2-bin)
[ -e /usr/lib/x86_64-linux-gnu/sasl2/libscram.so ] || need+=(libsasl2-modules)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The ssh transport's test: a real sshd on loopback, the ssh client, nc -U on the far side.
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
command -v nc >/dev/null 2>&1 || need+=(netcat-openbsd)
# The native helper (fd passing, SEEK_DATA/SEEK_HOLE) is compiled by npm's node-gyp.
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
# The test guest (test/drivers/qemu/guest) is unpacked from these packages with apt-get download.
apt_knows() { apt-cache show "$1" >/dev/null 2>&1; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! { apt_knows linux-image-cloud-amd64 && apt_knows busybox-static; }; then
  apt-get update -qq >/dev/null
fi

# libvirt's privileged QEMU driver (the oracle, even embedded) refuses to start without its user.
ensure_qemu_user() {
  [ "$(id -u)" = 0 ] || return 0
  getent group kvm >/dev/null || groupadd --system kvm
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  getent passwd libvirt-qemu >/dev/null ||
    useradd --system --no-create-home -g libvirt-qemu -G kvm -s /usr/sbin/nologin libvirt-qemu
}

# The host CPU model comes from CPUID, which Node reads through the kernel's cpuid driver.
ensure_cpuid_device() {
  [ "$(id -u)" = 0 ] && [ ! -e /dev/cpu/0/cpuid ] && command -v modprobe >/dev/null 2>&1 && modprobe cpuid 2>/dev/null
  return 0
}

# npm install builds it before this script can add a compiler: build it now if that failed (or the source changed).
ensure_native_helper() {
  [ build/Release/tsvirt_native.node -nt native/tsvirt_native.c ] || node scripts/build-native.mjs
}

if [ ${#need[@]} -eq 0 ]; then
  ensure_qemu_user
  ensure_cpuid_device
  ensure_native_helper
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing Debian packages: ${need[*]} (run as root with apt-get to install); tests needing them will skip" >&2
  exit 0
fi
echo "setup: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
ensure_qemu_user
ensure_cpuid_device
ensure_native_helper
