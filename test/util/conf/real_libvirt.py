"""Oracle for tests: libvirt 9.0.0's own URI and config parsers, called through ctypes.

libvirt.so exports its internal helpers (virURIParse, virConfReadString, ...) under the
LIBVIRT_PRIVATE version. Reads a JSON request on stdin, prints a JSON list of results.
"""
import ctypes
import json
import sys

import libvirt  # initialises libvirt (error reporting) before we call into it

lib = ctypes.CDLL("libvirt.so.0")


class URIParam(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p), ("ignore", ctypes.c_bool)]


class URI(ctypes.Structure):
    _fields_ = [
        ("scheme", ctypes.c_char_p), ("server", ctypes.c_char_p), ("user", ctypes.c_char_p),
        ("port", ctypes.c_uint), ("path", ctypes.c_char_p), ("query", ctypes.c_char_p),
        ("fragment", ctypes.c_char_p), ("paramsCount", ctypes.c_size_t),
        ("paramsAlloc", ctypes.c_size_t), ("params", ctypes.POINTER(URIParam)),
    ]


lib.virURIParse.restype = ctypes.POINTER(URI)
lib.virURIParse.argtypes = [ctypes.c_char_p]
lib.virURIFormat.restype = ctypes.c_char_p
lib.virURIFormat.argtypes = [ctypes.POINTER(URI)]
lib.virURIFormatParams.restype = ctypes.c_char_p
lib.virURIFormatParams.argtypes = [ctypes.POINTER(URI)]
lib.virConfReadString.restype = ctypes.c_void_p
lib.virConfReadString.argtypes = [ctypes.c_char_p, ctypes.c_uint]
lib.virURIResolveAlias.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]
lib.virConfGetValueString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]
lib.virConfGetValueInt.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
lib.virConfGetValueBool.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_bool)]
lib.virConfGetValueStringList.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_bool,
                                          ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))]


def text(value):
    return None if value is None else value.decode("utf-8", "replace")


def last_error():
    err = libvirt.virGetLastError()
    libvirt.virResetLastError()
    return None if err is None else {"code": err[0], "domain": err[1], "message": err[2]}


def parse_uri(uri):
    ptr = lib.virURIParse(uri.encode())
    if not ptr:
        return {"error": last_error()}
    u = ptr.contents
    params = [[text(u.params[i].name), text(u.params[i].value)] for i in range(u.paramsCount)]
    return {
        "scheme": text(u.scheme), "server": text(u.server), "user": text(u.user), "port": u.port,
        "path": text(u.path), "query": text(u.query), "fragment": text(u.fragment), "params": params,
        "formatted": text(lib.virURIFormat(ptr)), "formattedParams": text(lib.virURIFormatParams(ptr)),
    }


def get_value(conf, kind, name):
    if kind == "string":
        out = ctypes.c_char_p()
        rc = lib.virConfGetValueString(conf, name.encode(), ctypes.byref(out))
        value = text(out.value)
    elif kind == "int":
        out = ctypes.c_int()
        rc = lib.virConfGetValueInt(conf, name.encode(), ctypes.byref(out))
        value = out.value
    elif kind == "bool":
        out = ctypes.c_bool()
        rc = lib.virConfGetValueBool(conf, name.encode(), ctypes.byref(out))
        value = out.value
    else:
        out = ctypes.POINTER(ctypes.c_char_p)()
        rc = lib.virConfGetValueStringList(conf, name.encode(), kind == "list+string", ctypes.byref(out))
        value = None
        if out:
            value = []
            while out[len(value)] is not None:
                value.append(text(out[len(value)]))
    if rc < 0:
        return {"error": last_error()}
    return {"found": rc == 1, "value": value}


def read_conf(request):
    conf = lib.virConfReadString(request["content"].encode(), 0)
    if not conf:
        return {"error": last_error()}
    return {"values": [get_value(conf, kind, name) for kind, name in request.get("get", [])]}


def resolve_alias(request):
    conf = lib.virConfReadString(request["content"].encode(), 0)
    if not conf:
        return {"error": last_error()}
    out = ctypes.c_char_p()
    if lib.virURIResolveAlias(conf, request["alias"].encode(), ctypes.byref(out)) < 0:
        return {"error": last_error()}
    return {"uri": text(out.value)}


def open_uri(uri):
    try:
        libvirt.open(uri).close()
        return {"opened": True}
    except libvirt.libvirtError as err:
        return {"error": {"code": err.get_error_code(), "domain": err.get_error_domain(),
                          "message": err.get_error_message()}}


libvirt.registerErrorHandler(lambda *args: None, None)
request = json.load(sys.stdin)
handler = {"uri": parse_uri, "conf": read_conf, "alias": resolve_alias, "open": open_uri}[request["command"]]
print(json.dumps([handler(item) for item in request["items"]]))
