# libvirt-qemu's calls on libvirt 9.0.0's embedded QEMU driver, one line per step:
# "<step> ok <JSON>" or "<step> error <code> <domain> <message>" (passthrough.test.ts runs the
# same steps on ours). argv: URI, domain XML file.
import json
import sys
import libvirt
import libvirt_lxc
import libvirt_qemu

libvirt.virEventRegisterDefaultImpl()
libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
dom = conn.defineXML(open(sys.argv[2]).read())
nop = lambda *a: None


def run(name, call):
    try:
        print(name, 'ok', json.dumps(call(), separators=(',', ':'), ensure_ascii=False))
    except libvirt.libvirtError as e:
        # one line each: a parser's message may span several
        print(name, 'error', e.get_error_code(), e.get_error_domain(), e.get_error_message().replace('\n', '\\n'))


def mon(cmd, flags=0):
    return lambda: libvirt_qemu.qemuMonitorCommand(dom, cmd, flags)


run('inactive-monitor', mon('{"execute":"query-status"}'))
run('inactive-agent', lambda: libvirt_qemu.qemuAgentCommand(dom, '{"execute":"guest-ping"}', -1, 0))
dom.create()
run('messages-before', lambda: dom.messages(0))
run('query-status', mon('{"execute":"query-status"}'))
run('unknown-command', mon('{"execute":"no-such-command"}'))
run('no-execute', mon('{"arguments":{}}'))
run('not-an-object', mon('[1]'))
run('own-id', mon('{"execute":"query-status","id":"mine"}'))
run('bad-json', mon('{"execute":'))
run('hmp', mon('info status', libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
run('hmp-unknown', mon('no-such-command', libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
run('bad-flags', mon('info status', 2))
run('agent', lambda: libvirt_qemu.qemuAgentCommand(dom, '{"execute":"guest-ping"}', -1, 0))
run('agent-flags', lambda: libvirt_qemu.qemuAgentCommand(dom, '{"execute":"guest-ping"}', -1, 1))
run('event-flags', lambda: libvirt_qemu.qemuMonitorEventRegister(conn, None, None, nop, None, 4))
run('event-regex', lambda: libvirt_qemu.qemuMonitorEventRegister(conn, None, '(', nop, None, 1))
run('event-deregister', lambda: libvirt_qemu.qemuMonitorEventDeregister(conn, 999))
run('messages', lambda: dom.messages(0))
run('messages-deprecation', lambda: dom.messages(libvirt.VIR_DOMAIN_MESSAGE_DEPRECATION))
run('attach', lambda: libvirt_qemu.qemuAttach(conn, 1, 0))
run('lxc', lambda: libvirt_lxc.lxcOpenNamespace(dom, 0))
dom.destroy()
run('messages-after', lambda: dom.messages(0))
run('stopped-monitor', mon('info status', libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
dom.undefine()
