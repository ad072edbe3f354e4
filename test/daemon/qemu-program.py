# libvirt-qemu and libvirt-lxc through a daemon: each call's result or error (code, domain, message).
import sys
import libvirt
import libvirt_lxc
import libvirt_qemu

libvirt.virEventRegisterDefaultImpl()
libvirt.registerErrorHandler(lambda ctx, err: None, None)
uri = sys.argv[1]
conn = libvirt.openReadOnly(uri) if 'ro' in sys.argv[2:] else libvirt.open(uri)
dom = conn.lookupByName('test')


def run(name, call):
    try:
        print(name, 'ok', repr(call()))
    except libvirt.libvirtError as e:
        print(name, 'error', e.get_error_code(), e.get_error_domain(), e.get_error_message())


run('monitor', lambda: libvirt_qemu.qemuMonitorCommand(dom, '{"execute":"query-status"}', 0))
run('monitor-hmp', lambda: libvirt_qemu.qemuMonitorCommand(dom, 'info status', libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
run('agent', lambda: libvirt_qemu.qemuAgentCommand(dom, '{"execute":"guest-ping"}', libvirt_qemu.VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT, 0))
run('attach', lambda: libvirt_qemu.qemuAttach(conn, 1234, 0))
run('event-register', lambda: libvirt_qemu.qemuMonitorEventRegister(conn, None, None, lambda *a: None, None, 0))
run('event-register-domain', lambda: libvirt_qemu.qemuMonitorEventRegister(conn, dom, 'ST.*', lambda *a: None, None, 3))
run('event-deregister', lambda: libvirt_qemu.qemuMonitorEventDeregister(conn, 5))
run('lxc-namespace', lambda: libvirt_lxc.lxcOpenNamespace(dom, 0))
