# libvirt-python 9.0.0 as the oracle client of sparse volume streams: the same steps against
# libvirtd and tsvirtd, printing one JSON line per step so the test can compare the two daemons.
#   sparse-client.py URI POOL download VOL [OFFSET LENGTH]  data/hole segments of a sparse download
#   sparse-client.py URI POOL upload VOL FILE               sparseSendAll of FILE's data and holes
#   sparse-client.py URI POOL errors VOL                    hole calls that libvirt refuses
#   sparse-client.py - - layout PATH                        a file's size, blocks and data/hole map
import hashlib, json, os, sys

cmd = sys.argv[3]


def layout(path):
    """The file's sections by SEEK_DATA/SEEK_HOLE, as the kernel reports them."""
    fd = os.open(path, os.O_RDONLY)
    try:
        st = os.fstat(fd)
        sections, pos = [], 0
        while pos < st.st_size:
            try:
                data = os.lseek(fd, pos, os.SEEK_DATA)
            except OSError:
                data = st.st_size
            if data > pos:
                sections.append(['hole', data - pos])
                pos = data
                continue
            hole = os.lseek(fd, pos, os.SEEK_HOLE)
            sections.append(['data', hole - pos])
            pos = hole
        return {'size': st.st_size, 'blocks': st.st_blocks, 'sections': sections}
    finally:
        os.close(fd)


if cmd == 'layout':
    print(json.dumps(layout(sys.argv[4])))
    sys.exit(0)

import libvirt  # noqa: E402

libvirt.registerErrorHandler(lambda *_: None, None)
conn = libvirt.open(sys.argv[1])
pool = conn.storagePoolLookupByName(sys.argv[2])
vol = pool.storageVolLookupByName(sys.argv[4])


def outcome(step, call):
    """What a call gave: its result, or libvirt's error (code, domain, message)."""
    try:
        r = call()
        res = r if isinstance(r, int) or r is None else repr(r)
        print(json.dumps({'step': step, 'ok': res}))
    except libvirt.libvirtError as e:
        print(json.dumps({'step': step, 'error': [e.get_error_code(), e.get_error_domain(), str(e)]}))


if cmd == 'download':
    offset = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    length = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    st = conn.newStream(0)
    vol.download(st, offset, length, libvirt.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
    segments = []  # consecutive data merged: packet sizes are the transport's business
    while True:
        got = st.recvFlags(256 * 1024, libvirt.VIR_STREAM_RECV_STOP_AT_HOLE)
        if got == -3:
            segments.append(['hole', st.recvHole()])
            continue
        if len(got) == 0:
            break
        if segments and segments[-1][0] == 'data':
            segments[-1][1] += len(got)
            segments[-1][2].update(got)
        else:
            segments.append(['data', len(got), hashlib.sha256(got)])
    st.finish()
    print(json.dumps([s[:2] + [s[2].hexdigest()] if s[0] == 'data' else s for s in segments]))
elif cmd == 'upload':
    fd = os.open(sys.argv[5], os.O_RDONLY)

    def in_data(stream, fd):
        cur = os.lseek(fd, 0, os.SEEK_CUR)
        end = os.fstat(fd).st_size
        try:
            data = os.lseek(fd, cur, os.SEEK_DATA)
        except OSError:
            data = end
        if data > cur:
            result = [False, data - cur]
        elif cur >= end:
            result = [False, 0]
        else:
            result = [True, os.lseek(fd, cur, os.SEEK_HOLE) - cur]
        os.lseek(fd, cur, os.SEEK_SET)
        return result

    st = conn.newStream(0)
    vol.upload(st, 0, 0, libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
    st.sparseSendAll(lambda s, n, fd: os.read(fd, n), in_data, lambda s, n, fd: os.lseek(fd, n, os.SEEK_CUR), fd)
    st.finish()
    print(json.dumps('uploaded'))
elif cmd == 'errors':
    # hole calls on streams that are not sparse
    st = conn.newStream(0)
    vol.download(st, 0, 4096, 0)
    outcome('recvHole on a plain download', lambda: st.recvHole())
    outcome('recvFlags with an unknown flag', lambda: st.recvFlags(16, 2))
    outcome('recvHole with a flag', lambda: st.recvHole(1))
    outcome('recvFlags STOP_AT_HOLE on a plain download', lambda: len(st.recvFlags(4096, libvirt.VIR_STREAM_RECV_STOP_AT_HOLE)))
    st.abort()
    st = conn.newStream(0)
    vol.upload(st, 0, 0, 0)
    outcome('sendHole on a plain upload', lambda: st.sendHole(4096))
    st.abort()
    # holes the daemon's side refuses: the error comes back with a later call on the stream
    for step, length, flags in [('negative', -4096, 0), ('zero', 0, 0), ('flagged', 4096, 1)]:
        st = conn.newStream(0)
        vol.upload(st, 0, 0, libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
        outcome(f'sendHole {step}', lambda: st.sendHole(length, flags))
        outcome(f'finish after the {step} hole', lambda: st.finish())
    # a sparse download: recvHole with no hole pending
    st = conn.newStream(0)
    vol.download(st, 0, 0, libvirt.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
    outcome('recvHole before any hole', lambda: st.recvHole())
    st.abort()
    outcome('vol info after the refused holes', lambda: vol.info())
