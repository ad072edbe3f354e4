"""The real side of the differential scenarios: runs each scenario's steps with libvirt-python
on libvirt's own test driver and prints, per step, the result shaped as tsvirt returns it.

Input on stdin (JSON): {"ordered": [call, ...], "scenarios": [{"name", "node"?, "steps"}]}.
Output on stdout (JSON): one list of step outcomes per scenario, in order.
"""
import gc
import json
import os
import shutil
import sys
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)

# Python spells a few names differently from tsvirt's camelCase.
PY_NAMES = {'xmlDesc': 'XMLDesc', 'osType': 'OSType', 'uuidString': 'UUIDString', 'id': 'ID'}

# Calls whose C function returns only a status: Python hands back 0 where tsvirt resolves void.
VOID = {
    'create', 'createWithFlags', 'undefine', 'undefineFlags', 'shutdown', 'shutdownFlags', 'reboot',
    'reset', 'destroy', 'destroyFlags', 'suspend', 'resume', 'save', 'managedSave', 'managedSaveRemove',
    'setAutostart', 'setMaxMemory', 'setMemory', 'setMemoryFlags', 'setVcpus', 'setVcpusFlags',
    'setMetadata', 'rename', 'restore', 'build', 'delete', 'refresh', 'changeBegin', 'changeCommit',
    'changeRollback', 'setMemoryStatsPeriod', 'createWithFiles', 'setKeepAlive',
}
# Calls whose C function returns 0/1 for false/true.
BOOL = {'isActive', 'isPersistent', 'autostart', 'hasManagedSaveImage', 'isEncrypted', 'isSecure',
        'isAlive', 'isUpdated'}

TIME_DEPENDENT = '<int>'

BLOCK_STATS = ['rdReq', 'rdBytes', 'wrReq', 'wrBytes', 'errs']
IFACE_STATS = ['rxBytes', 'rxPackets', 'rxErrs', 'rxDrop', 'txBytes', 'txPackets', 'txErrs', 'txDrop']
# The Python binding names memory stats; tsvirt reports virDomainMemoryStatTags numbers.
MEMORY_STAT_TAGS = {
    'swap_in': 0, 'swap_out': 1, 'major_fault': 2, 'minor_fault': 3, 'unused': 4, 'available': 5,
    'actual': 6, 'rss': 7, 'usable': 8, 'last_update': 9, 'disk_caches': 10, 'hugetlb_pgalloc': 11,
    'hugetlb_pgfail': 12,
}


def kind_of(obj):
    if isinstance(obj, libvirt.virDomain):
        return 'domain'
    if isinstance(obj, libvirt.virNetwork):
        return 'network'
    if isinstance(obj, libvirt.virStoragePool):
        return 'pool'
    if isinstance(obj, libvirt.virStorageVol):
        return 'vol'
    if isinstance(obj, libvirt.virConnect):
        return 'conn'
    return 'other'


def handle(obj):
    """An object result as tsvirt's side reports it: its identity, not its address."""
    if isinstance(obj, libvirt.virDomain):
        return {'domain': obj.name(), 'uuid': obj.UUIDString(), 'id': obj.ID()}
    if isinstance(obj, libvirt.virNetwork):
        return {'network': obj.name(), 'uuid': obj.UUIDString()}
    if isinstance(obj, libvirt.virStoragePool):
        return {'pool': obj.name(), 'uuid': obj.UUIDString()}
    if isinstance(obj, libvirt.virStorageVol):
        return {'vol': obj.name(), 'key': obj.key()}
    if isinstance(obj, libvirt.virInterface):
        return {'iface': obj.name(), 'mac': obj.MACString()}
    if isinstance(obj, libvirt.virNodeDevice):
        return {'device': obj.name()}
    return None


def shape(kind, method, value):
    """Map Python's lists and ints onto tsvirt's named fields (bigints as decimal strings)."""
    if method in VOID and value == 0:
        return None
    if method in BOOL and isinstance(value, int):
        return bool(value)
    key = kind + '.' + method
    if key == 'conn.getInfo':
        out = dict(zip(['model', 'memory', 'cpus', 'mhz', 'nodes', 'sockets', 'cores', 'threads'], value))
        out['memory'] *= 1024  # the binding reports MiB; virNodeInfo (and tsvirt) KiB
        return out
    if key == 'domain.info':
        out = dict(zip(['state', 'maxMem', 'memory', 'nrVirtCpu'], value))
        out['cpuTime'] = TIME_DEPENDENT
        return out
    if key == 'domain.state':
        return {'state': value[0], 'reason': value[1]}
    if key == 'pool.info':
        return {'state': value[0], 'capacity': str(value[1]), 'allocation': str(value[2]), 'available': str(value[3])}
    if key == 'vol.info':
        return {'type': value[0], 'capacity': str(value[1]), 'allocation': str(value[2])}
    if key == 'conn.getFreeMemory':
        return str(value)
    if key == 'conn.getCellsFreeMemory':
        return [str(v) for v in value]
    if key == 'domain.blockStats':
        return {name: TIME_DEPENDENT for name in BLOCK_STATS}
    if key == 'domain.interfaceStats':
        return {name: TIME_DEPENDENT for name in IFACE_STATS}
    if key == 'conn.getCPUMap':
        return {'cpus': value[0], 'online': list(value[1])}
    if key in ('conn.getCPUStats', 'conn.getMemoryStats'):
        return [{'field': k, 'value': str(v)} for k, v in value.items()]
    if key == 'conn.getSecurityModel':
        return {'model': value[0], 'doi': value[1]}
    if key == 'domain.securityLabel':
        return {'label': value[0], 'enforcing': bool(value[1])}
    if key == 'domain.vcpuPinInfo':
        return [list(m) for m in value]
    if key == 'domain.vcpus':
        return [{'number': n, 'state': st, 'cpuTime': TIME_DEPENDENT, 'cpu': cpu, 'cpumap': list(m)}
                for (n, st, _t, cpu), m in zip(value[0], value[1])]
    if key == 'domain.memoryStats':
        return {str(MEMORY_STAT_TAGS[name]): str(v) for name, v in value.items()}
    return value


def normalise(value, tmp):
    if isinstance(value, str):
        return value.replace(tmp, '$TMP')
    if isinstance(value, list):
        return [normalise(v, tmp) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v, tmp) for k, v in value.items()}
    return value


def sort_key(value):
    # The same canonical text ours.ts sorts lists by.
    return json.dumps(value, sort_keys=True, separators=(',', ':'))


class HarnessError(Exception):
    """A step the scenario cannot run (worded as ours.ts words it)."""


class Scenario:
    def __init__(self, scenario, ordered):
        self.tmp = tempfile.mkdtemp(prefix='tsvirt-diff-')
        self.ordered = ordered
        if 'node' in scenario:
            path = os.path.join(self.tmp, 'node.xml')
            with open(path, 'w') as f:
                f.write(scenario['node'].replace('$TMP', self.tmp))
            self.uri = 'test://' + path
        else:
            self.uri = 'test:///default'
        self.conns = []
        self.vars = {}
        self.steps = scenario['steps']
        self.manual_open = scenario.get('manualOpen', False)

    def arg(self, a):
        if isinstance(a, str):
            return a.replace('$TMP', self.tmp)
        if isinstance(a, dict) and 'ref' in a:
            return self.vars[a['ref']]
        return a

    def invoke(self, call, args):
        if call in ('open', 'openReadOnly'):
            conn = libvirt.open(self.uri) if call == 'open' else libvirt.openReadOnly(self.uri)
            self.conns.append(conn)
            return 'conn', call, conn
        target, method = call.split('.', 1)
        if target not in self.vars:
            raise HarnessError('unbound variable ' + target)
        obj = self.vars[target]
        fn = getattr(obj, PY_NAMES.get(method, method), None)
        if fn is None:
            raise HarnessError('no method ' + call)
        return kind_of(obj), method, fn(*args)

    def step(self, step):
        args = [self.arg(a) for a in step.get('args', [])]
        try:
            kind, method, value = self.invoke(step['call'], args)
        except libvirt.libvirtError as e:
            return {'error': {'code': e.get_error_code(), 'domain': e.get_error_domain(),
                              'message': normalise(e.get_error_message(), self.tmp)}}
        except (HarnessError, TypeError) as e:
            return {'harnessError': str(e)}
        if 'as' in step:
            self.vars[step['as']] = value
        if isinstance(value, libvirt.virConnect):
            result = None
        elif isinstance(value, list) and value and handle(value[0]) is not None:
            result = [handle(v) for v in value]
        elif handle(value) is not None:
            result = handle(value)
        else:
            result = shape(kind, method, value)
        result = normalise(result, self.tmp)
        if isinstance(result, list) and step['call'].split('.')[-1] not in self.ordered:
            result = sorted(result, key=sort_key)
        return {'ok': result}

    def run(self):
        try:
            if not self.manual_open:
                self.vars['conn'] = libvirt.open(self.uri)
                self.conns.append(self.vars['conn'])
            return [self.step(s) for s in self.steps]
        finally:
            # Every object holds its connection: drop them all so closing really frees the
            # (shared) test driver state for the next scenario.
            self.vars.clear()
            gc.collect()
            for conn in self.conns:
                conn.close()
            self.conns.clear()
            gc.collect()
            shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    batch = json.load(sys.stdin)
    ordered = set(batch['ordered'])
    json.dump([Scenario(s, ordered).run() for s in batch['scenarios']], sys.stdout)


main()
