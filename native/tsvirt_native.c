/*
 * tsvirt's one native helper: what Node cannot do itself.
 *  - unix stream sockets that carry file descriptors (SCM_RIGHTS) beside their bytes, polled on
 *    Node's own loop: every recvmsg() hands JS its bytes and the descriptors that came with them;
 *    sends go out with at most one descriptor each (libvirt sends one per dummy byte);
 *  - socketpair(), close(), dup();
 *  - lseek() with SEEK_DATA / SEEK_HOLE for sparse files.
 * Received descriptors are always close-on-exec; the JS side owns them from then on.
 */
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>
#include <uv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_CHUNK 65536
/* Room for this many descriptors per recvmsg(); the kernel closes any beyond it (MSG_CTRUNC). */
#define MAX_FDS_PER_READ 32
/* recvmsg() calls per readiness event before giving the loop back. */
#define READS_PER_EVENT 16

enum { EV_DATA = 0, EV_EOF = 1, EV_ERROR = 2, EV_WRITABLE = 3 };

typedef struct {
  uv_poll_t poll;
  int fd;
  int events;
  int closed;   /* close() called: the fd is gone, the poll handle closing */
  int uvDone;   /* the poll handle's close callback ran */
  int jsGone;   /* the JS handle was collected */
  napi_env env;
  napi_ref callback;
  napi_async_context context;
} FdSocket;

/* One per thread: each worker thread runs its own loop and sockets. */
static _Thread_local char readBuffer[READ_CHUNK];

#define CHECK(call) do { if ((call) != napi_ok) { throwLast(env); return NULL; } } while (0)

static void throwLast(napi_env env) {
  const napi_extended_error_info *info = NULL;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  napi_get_last_error_info(env, &info);
  napi_throw_error(env, NULL, info && info->error_message ? info->error_message : "N-API call failed");
}

/* An Error like Node's system errors: message, errno (negative, as Node), code, syscall. */
static void throwErrno(napi_env env, int err, const char *syscall) {
  napi_value msg, error, num, code, sys;
  const char *name = uv_err_name(-err);
  napi_create_string_utf8(env, strerror(err), NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, NULL, msg, &error);
  napi_create_int32(env, -err, &num);
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &sys);
  napi_set_named_property(env, error, "errno", num);
  napi_set_named_property(env, error, "code", code);
  napi_set_named_property(env, error, "syscall", sys);
  napi_throw(env, error);
}

static int argInt(napi_env env, napi_value v, int64_t *out) {
  return napi_get_value_int64(env, v, out) == napi_ok;
}

static void freeIfDone(FdSocket *s) {
  if (s->uvDone && s->jsGone) free(s);
}

static void onPollClosed(uv_handle_t *h) {
  FdSocket *s = h->data;
  s->uvDone = 1;
  freeIfDone(s);
}

/* Also drops the callback's reference, which kept the JS side (and so the handle) alive. */
static void closeSocket(napi_env env, FdSocket *s) {
  if (s->closed) return;
  s->closed = 1;
  uv_poll_stop(&s->poll);
  uv_close((uv_handle_t *)&s->poll, onPollClosed);
  close(s->fd);
  s->fd = -1;
  napi_delete_reference(env, s->callback);
  napi_async_destroy(env, s->context);
}

static void finalizeSocket(napi_env env, void *data, void *hint) {
  FdSocket *s = data;
  (void)hint;
  closeSocket(env, s);
  s->jsGone = 1;
  freeIfDone(s);
}

/* Call the JS callback (kind, a, b) as an async callback, so microtasks run after it. */
static void emit(FdSocket *s, int kind, napi_value a, napi_value b) {
  napi_env env = s->env;
  napi_value cb, recv, undef, argv[3], result;
  napi_get_reference_value(env, s->callback, &cb);
  napi_get_global(env, &recv); /* napi_make_callback needs an object as `this` */
  napi_get_undefined(env, &undef);
  napi_create_int32(env, kind, &argv[0]);
  argv[1] = a ? a : undef;
  argv[2] = b ? b : undef;
  if (napi_make_callback(env, s->context, recv, cb, 3, argv, &result) == napi_pending_exception) {
    napi_value ex;
    napi_get_and_clear_last_exception(env, &ex);
    napi_fatal_exception(env, ex);
  }
}

static void emitErrno(FdSocket *s, int err) {
  napi_value n;
  napi_create_int32(s->env, err, &n);
  emit(s, EV_ERROR, n, NULL);
}

/* One recvmsg(): 1 = data emitted, 0 = nothing more now, -1 = stop (EOF or error emitted). */
static int readOnce(FdSocket *s) {
  napi_env env = s->env;
  char control[CMSG_SPACE(sizeof(int) * MAX_FDS_PER_READ)];
  struct iovec iov = { readBuffer, READ_CHUNK };
  struct msghdr msg;
  struct cmsghdr *c;
  napi_value data, fds = NULL;
  uint32_t nfds = 0;
  ssize_t n;

  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  do n = recvmsg(s->fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    emitErrno(s, errno);
    return -1;
  }
  for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; i++) {
      int fd;
      napi_value v;
      memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      if (!fds) napi_create_array(env, &fds);
      napi_create_int32(env, fd, &v);
      napi_set_element(env, fds, nfds++, v);
    }
  }
  if (n == 0 && nfds == 0) {
    emit(s, EV_EOF, NULL, NULL);
    return -1;
  }
  napi_create_buffer_copy(env, (size_t)n, readBuffer, NULL, &data);
  emit(s, EV_DATA, data, fds);
  return 1;
}

static void onPoll(uv_poll_t *h, int status, int events) {
  FdSocket *s = h->data;
  napi_handle_scope scope;
  napi_open_handle_scope(s->env, &scope);
  if (status < 0) {
    /* libuv reports POLLERR (a peer that reset the connection) as UV_EBADF and stops the
     * handle: what really happened is for recvmsg() to say (data, EOF or the socket's error). */
    int was = s->events, rc = 1;
    s->events = 0;
    if (was & UV_WRITABLE) emit(s, EV_WRITABLE, NULL, NULL);
    for (int i = 0; i < READS_PER_EVENT && rc > 0 && !s->closed; i++) rc = readOnce(s);
    if (rc == 0 && !s->closed && s->events == 0 && was) {
      s->events = was;
      uv_poll_start(&s->poll, was, onPoll);
    }
  } else {
    if ((events & UV_WRITABLE) && !s->closed) emit(s, EV_WRITABLE, NULL, NULL);
    for (int i = 0; i < READS_PER_EVENT && (events & UV_READABLE); i++) {
      /* The callback may have paused or closed the socket. */
      if (s->closed || !(s->events & UV_READABLE)) break;
      if (readOnce(s) <= 0) break;
    }
  }
  napi_close_handle_scope(s->env, scope);
}

static FdSocket *unwrap(napi_env env, napi_value v) {
  void *data = NULL;
  if (napi_get_value_external(env, v, &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "not an fd socket handle");
    return NULL;
  }
  return data;
}

/* attach(fd, callback) -> handle; the handle owns fd from now on. */
static napi_value Attach(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], handle, name;
  int64_t fd;
  uv_loop_t *loop;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !argInt(env, argv[0], &fd) || fd < 0) {
    napi_throw_type_error(env, NULL, "attach(fd, callback)");
    return NULL;
  }
  FdSocket *s = calloc(1, sizeof(*s));
  if (!s) { throwErrno(env, ENOMEM, "calloc"); return NULL; }
  s->fd = (int)fd;
  s->env = env;
  CHECK(napi_get_uv_event_loop(env, &loop));
  int rc = uv_poll_init(loop, &s->poll, s->fd);
  if (rc < 0) { free(s); throwErrno(env, -rc, "uv_poll_init"); return NULL; }
  s->poll.data = s;
  CHECK(napi_create_reference(env, argv[1], 1, &s->callback));
  CHECK(napi_create_string_utf8(env, "tsvirt:fdsocket", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_async_init(env, NULL, name, &s->context));
  CHECK(napi_create_external(env, s, finalizeSocket, NULL, &handle));
  return handle;
}

/* poll(handle, readable, writable): which readiness events to report. */
static napi_value Poll(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  bool r = false, w = false;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  FdSocket *s = unwrap(env, argv[0]);
  if (!s) return NULL;
  napi_get_value_bool(env, argv[1], &r);
  napi_get_value_bool(env, argv[2], &w);
  if (s->closed) return NULL;
  int events = (r ? UV_READABLE : 0) | (w ? UV_WRITABLE : 0);
  if (events == s->events) return NULL;
  s->events = events;
  int rc = events ? uv_poll_start(&s->poll, events, onPoll) : uv_poll_stop(&s->poll);
  if (rc < 0) throwErrno(env, -rc, "uv_poll_start");
  return NULL;
}

/* send(handle, buffer, fd) -> bytes written (maybe fewer), or -errno (-EAGAIN: try when writable). */
static napi_value Send(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], result;
  void *data;
  size_t len;
  int64_t fd = -1;
  char control[CMSG_SPACE(sizeof(int))];
  struct iovec iov;
  struct msghdr msg;
  ssize_t n;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  FdSocket *s = unwrap(env, argv[0]);
  if (!s) return NULL;
  CHECK(napi_get_buffer_info(env, argv[1], &data, &len));
  if (argc > 2) argInt(env, argv[2], &fd);
  if (s->closed) { napi_create_int32(env, -EBADF, &result); return result; }
  memset(&msg, 0, sizeof(msg));
  iov.iov_base = data;
  iov.iov_len = len;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (fd >= 0) {
    struct cmsghdr *c;
    int one = (int)fd;
    memset(control, 0, sizeof(control));
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &one, sizeof(int));
  }
  do n = sendmsg(s->fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  CHECK(napi_create_int64(env, n < 0 ? -errno : n, &result));
  return result;
}

/* The socket of a call whose only argument is a handle (NULL with an exception pending if not). */
static FdSocket *onlyHandle(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    throwLast(env);
    return NULL;
  }
  return unwrap(env, argv[0]);
}

/* close(handle): stop polling and close the socket. */
static napi_value Close(napi_env env, napi_callback_info info) {
  FdSocket *s = onlyHandle(env, info);
  if (s) closeSocket(env, s);
  return NULL;
}

/* shutdownWrite(handle): half-close, as net.Socket.end() does. */
static napi_value ShutdownWrite(napi_env env, napi_callback_info info) {
  FdSocket *s = onlyHandle(env, info);
  if (s && !s->closed) shutdown(s->fd, SHUT_WR);
  return NULL;
}

/* socketpair() -> [fd, fd]: a connected pair of unix stream sockets, close-on-exec. */
static napi_value SocketPair(napi_env env, napi_callback_info info) {
  int sv[2];
  napi_value arr, a, b;
  (void)info;
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) { throwErrno(env, errno, "socketpair"); return NULL; }
  CHECK(napi_create_array_with_length(env, 2, &arr));
  napi_create_int32(env, sv[0], &a);
  napi_create_int32(env, sv[1], &b);
  napi_set_element(env, arr, 0, a);
  napi_set_element(env, arr, 1, b);
  return arr;
}

/* dup(fd) -> a new close-on-exec descriptor for the same open file. */
static napi_value Dup(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int64_t fd;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !argInt(env, argv[0], &fd)) { napi_throw_type_error(env, NULL, "dup(fd)"); return NULL; }
  int copy = fcntl((int)fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) { throwErrno(env, errno, "dup"); return NULL; }
  CHECK(napi_create_int32(env, copy, &result));
  return result;
}

/* lseek with whence; ENXIO (no more data / past the end) gives -1, other failures throw. */
static napi_value seekTo(napi_env env, napi_callback_info info, int whence, const char *what) {
  size_t argc = 2;
  napi_value argv[2], result;
  int64_t fd, offset;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2 || !argInt(env, argv[0], &fd) || !argInt(env, argv[1], &offset) || offset < 0) {
    napi_throw_type_error(env, NULL, "expected (fd, offset >= 0)");
    return NULL;
  }
  off_t at = lseek((int)fd, (off_t)offset, whence);
  if (at < 0 && errno != ENXIO) { throwErrno(env, errno, what); return NULL; }
  CHECK(napi_create_int64(env, at < 0 ? -1 : (int64_t)at, &result));
  return result;
}

static napi_value LseekData(napi_env env, napi_callback_info info) {
  return seekTo(env, info, SEEK_DATA, "lseek(SEEK_DATA)");
}

static napi_value LseekHole(napi_env env, napi_callback_info info) {
  return seekTo(env, info, SEEK_HOLE, "lseek(SEEK_HOLE)");
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    { "attach", NULL, Attach, NULL, NULL, NULL, napi_default, NULL },
    { "poll", NULL, Poll, NULL, NULL, NULL, napi_default, NULL },
    { "send", NULL, Send, NULL, NULL, NULL, napi_default, NULL },
    { "close", NULL, Close, NULL, NULL, NULL, napi_default, NULL },
    { "shutdownWrite", NULL, ShutdownWrite, NULL, NULL, NULL, napi_default, NULL },
    { "socketpair", NULL, SocketPair, NULL, NULL, NULL, napi_default, NULL },
    { "dup", NULL, Dup, NULL, NULL, NULL, napi_default, NULL },
    { "lseekData", NULL, LseekData, NULL, NULL, NULL, napi_default, NULL },
    { "lseekHole", NULL, LseekHole, NULL, NULL, NULL, napi_default, NULL },
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
