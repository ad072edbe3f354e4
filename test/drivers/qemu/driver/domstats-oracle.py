"""Real libvirt 9.0.0's embedded QEMU driver as the oracle for the all-domain stats call:
argv[1] is the root directory, argv[2] a domain XML file, argv[3] its serial log and argv[4]
the line the guest prints there once in user space. Starts the guest, waits for that line (the
guest's drivers then run, as in the compared guest), asks for the stats of every group, destroys it, and prints the fields as JSON pairs [name, python type name]."""
import json
import sys
import threading
import time

import libvirt

libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
# The embedded driver talks to QEMU's monitor through the event loop, which must run.
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
conn = libvirt.open('qemu:///embed?root=' + sys.argv[1])
with open(sys.argv[2]) as f:
    dom = conn.createXML(f.read(), 0)
try:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with open(sys.argv[3]) as log:
                if sys.argv[4] in log.read():
                    break
        except FileNotFoundError:
            pass
        time.sleep(0.1)
    [(_, stats)] = conn.getAllDomainStats(0, 0)
    print(json.dumps([[k, type(v).__name__] for k, v in stats.items()]))
finally:
    dom.destroy()
    conn.close()
