"""Integr8sCode sandbox bootstrap: runs one untrusted script and reports one framed result.

It is PID 1 of a fresh sandbox (OCI container or Kubernetes pod), stdlib only, Python 3.11+.
The protocol (inputs and the result frame) is documented in io.integr8scode.sandbox.BootstrapProtocol;
keep the two in step. Nothing but live output lines (the script's output, base64, while it runs) and the result frame
is written to this process's stdout.
"""
import atexit
import base64
import builtins
import io
import json
import linecache
import os
import resource
import selectors
import signal
import sys
import time
import types

MARKER = "@@INTEGR8SCODE-RESULT-V1@@ "
READY_MARKER = "@@INTEGR8SCODE-READY@@"
OUTPUT_MARKER = "@@INTEGR8SCODE-OUTPUT-V1@@ "
LIVE_INTERVAL_SECONDS = 0.1  # live output is forwarded at most this often (or when LIVE_LINE_BYTES wait)
LIVE_LINE_BYTES = 8192  # script bytes per live output line: its base64 stays under the 16 KiB at which a CRI log splits lines
LIVE_LINES_MAX = 8192  # live output lines per run; past it the output still reaches the result frame
PROTOCOL_VERSION = 1
CHUNK = 65536
DRAIN_SECONDS = 2.0  # after a kill, how long to wait for the pipes to close before giving up
DEFAULT_SCRIPT_PATH = "/sandbox/script.py"  # __file__ and traceback name of a script that came inline


PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522


def libc():
    import ctypes
    return ctypes.CDLL(None, use_errno=True)


def set_dumpable(dumpable):
    """PR_SET_DUMPABLE, best effort. 0 for the bootstrap: a second fence around /proc/1 where the runtime honours it
    (gVisor does not). 1 for the script, so that its own /proc/self is its own."""
    try:
        libc().prctl(PR_SET_DUMPABLE, 1 if dumpable else 0, 0, 0, 0)
    except Exception:
        pass


def become_script_user(uid, gid):
    """In the forked child, before exec: give up every capability and take the script's own uid and gid.

    The bootstrap runs as a different user with only CAP_SETUID, CAP_SETGID, CAP_SETPCAP and CAP_KILL, so once
    the script is another user, /proc/1 (fds, environ, mem), ptrace and signals to the bootstrap are refused by
    plain permission checks under every runtime. Raises OSError if any step fails: the script then never runs.
    """
    import ctypes
    c = libc()
    last_cap = 63
    try:
        with open("/proc/sys/kernel/cap_last_cap") as handle:
            last_cap = int(handle.read())
    except (OSError, ValueError):
        pass
    for cap in range(last_cap + 1):  # needs CAP_SETPCAP, so before the uid change clears it
        if c.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != 22:  # EINVAL: no such cap
            raise OSError(ctypes.get_errno(), "cannot drop capability %d from the bounding set" % cap)
    c.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)  # EINVAL on kernels without ambient caps
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable for caps 0-31, then 32-63: all empty
    if c.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "cannot clear the capability sets")
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid) or os.getgroups():
        raise OSError("still holds another identity")


def read_input(env, name):
    """Bytes from I8S_<name>_FILE if set, else from I8S_<name>_B64, else None."""
    path = env.get("I8S_" + name + "_FILE")
    if path:
        with open(path, "rb") as handle:
            return handle.read()
    encoded = env.get("I8S_" + name + "_B64")
    return None if encoded is None else base64.b64decode(encoded, validate=True)


def script_source(env):
    """The script's bytes and the path it runs under (its file, or where the runner would have put it)."""
    source = read_input(env, "SCRIPT")
    if source is None:
        raise ValueError("no script given (I8S_SCRIPT_FILE or I8S_SCRIPT_B64)")
    return source, env.get("I8S_SCRIPT_FILE") or DEFAULT_SCRIPT_PATH


def wait_for_job(env):
    """A pooled sandbox: say "ready" on stdout, then block until the runner writes the one job to stdin and closes
    it. The job is a JSON object of I8S_ variables (what a pod gets in its environment); they override the
    environment's. Costs no CPU while waiting; the sandbox runs this one job and is then destroyed."""
    os.write(1, (READY_MARKER + "\n").encode("ascii"))
    chunks = []
    while True:
        chunk = os.read(0, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    job = json.loads(b"".join(chunks))
    if not isinstance(job, dict):
        raise ValueError("the job on stdin is not a JSON object")
    env.update({key: str(value) for key, value in job.items() if key.startswith("I8S_")})


def script_identity(env):
    """The script's uid and gid: never root, never the bootstrap's own (that would give it /proc/1)."""
    uid, gid = positive_int(env, "I8S_SCRIPT_UID"), positive_int(env, "I8S_SCRIPT_GID")
    if uid == os.getuid():
        raise ValueError("I8S_SCRIPT_UID must differ from the bootstrap's own uid %d" % uid)
    return uid, gid


def positive_int(env, name):
    """A limit the runner must pass: its settings are the only place limits come from."""
    if name not in env:
        raise ValueError(name + " is missing")
    value = int(env[name])
    if value <= 0:
        raise ValueError(name + " must be positive")
    return value


def lower_open_files(limit):
    """RLIMIT_NOFILE for the script: a pod spec has no rlimits, so the bootstrap sets it (only ever lowers it)."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    value = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (value, value))


class CannotStartScript(Exception):
    """The child could not become the script (identity or limits): a platform failure, not the script's."""


def spawn(source, path, env, open_files, identity):
    """Fork the script as its own user in its own session with three pipes; it runs in the child (run_script_here).

    The child reports a failure to become the script's user through a pipe that it closes once it has (an empty
    read means it did). Only these three pipes ever reach the script: never this process's stdout, the result
    channel.
    """
    stdin_r, stdin_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    failed_r, failed_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(failed_r)
            os.setsid()
            os.dup2(stdin_r, 0)
            os.dup2(stdout_w, 1)
            os.dup2(stderr_w, 2)
            # The script, not this process, is the OOM killer's first choice.
            try:
                with open("/proc/self/oom_score_adj", "w") as handle:
                    handle.write("1000")
            except OSError:
                pass
            lower_open_files(open_files)
            become_script_user(*identity)
            # A change of uid leaves the process non-dumpable (/proc/self root-owned); no exec follows to reset it.
            set_dumpable(True)
        except BaseException as error:
            try:
                os.write(failed_w, ("%s: %s" % (type(error).__name__, error)).encode()[:4096])
            finally:
                os._exit(127)
        # The script's own from here. No exec follows, so nothing of the bootstrap's (pipes, wakeup fd) may stay
        # open in it; closing the failure pipe with the rest tells the parent that the child became the script.
        os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        prepare_outputs(env)
        run_script_here(source, path, env)
    for fd in (stdin_r, stdout_w, stderr_w, failed_w):
        os.close(fd)
    failure = b""
    while True:
        chunk = os.read(failed_r, 4096)
        if not chunk:
            break
        failure += chunk
    os.close(failed_r)
    if failure:
        os.waitpid(pid, 0)
        for fd in (stdin_w, stdout_r, stderr_r):
            os.close(fd)
        raise CannotStartScript(failure.decode(errors="replace"))
    for fd in (stdin_w, stdout_r, stderr_r):
        os.set_blocking(fd, False)
    return pid, stdin_w, stdout_r, stderr_r


def run_script_here(source, path, env):
    """In the forked child: run the script the way `python3 -I -u PATH` would, without starting a second
    interpreter (one interpreter start per run instead of two). What the script finds is what a fresh interpreter
    gives it: the isolated flag (-I, set when the bootstrap started), site-packages and exit()/quit(), a new
    __main__, sys.argv [PATH], unbuffered text stdio on fds 0-2 only, the script's environment without I8S_
    variables, default SIGCHLD and no wakeup fd. Modules the bootstrap imported stay imported (stdlib only), and
    its frames hold nothing but this job's own inputs. Never returns: exits with the script's status."""
    os.environ.clear()
    os.environ.update(env)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.flags.no_site:  # started with -S (as a pod does): add site-packages and exit() as site would
        import site
        site.main()
    text = {"encoding": sys.__stdout__.encoding, "errors": sys.__stdout__.errors}
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), **text)
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True, **text)
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), write_through=True,
                                                   encoding=text["encoding"], errors="backslashreplace")
    main_module = types.ModuleType("__main__")
    main_module.__dict__.update({"__file__": path, "__builtins__": builtins, "__cached__": None})
    sys.modules["__main__"] = main_module
    sys.argv = [path]
    # Tracebacks and inspect show the script's lines although the file may not exist in this sandbox.
    linecache.cache[path] = (len(source), None, source.decode("utf-8", "replace").splitlines(True), path)
    status = 0
    try:
        exec(compile(source, path, "exec", dont_inherit=True), main_module.__dict__)
    except SystemExit as stop:
        status = exit_status(stop)
    except BaseException as error:
        # tb_next: the traceback starts at the script, as a fresh interpreter's would.
        traceback = error.__traceback__.tb_next if error.__traceback__ else None
        sys.excepthook(type(error), error.with_traceback(traceback), traceback)
        status = 1
    os._exit(finish_interpreter(status))


def exit_status(stop):
    """What the interpreter exits with for an uncaught SystemExit."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code & 0xFF
    print(stop.code, file=sys.stderr)
    return 1


def finish_interpreter(status):
    """The parts of interpreter shutdown a script can observe: non-daemon threads joined, atexit handlers run,
    stdio flushed."""
    try:
        threading = sys.modules.get("threading")
        if threading is not None:
            threading._shutdown()
        atexit._run_exitfuncs()
    except SystemExit as stop:
        status = exit_status(stop)
    except BaseException as error:
        sys.excepthook(type(error), error, error.__traceback__)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return status


def kill_everything(pid):
    """SIGKILL the script's process group and, when we are PID 1, every other process in the namespace."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    if os.getpid() == 1:  # never outside a sandbox: kill(-1) there would hit every process of the user
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass


class StopRequest:
    """SIGTERM from the runtime (`runc kill ID TERM`, the kubelet at a pod's deadline): a cancel. The script is then
    killed and the result frame still printed, with what it wrote so far. Only the runtime can send it: the script
    runs as another user without capabilities, so the kernel refuses its signals to this process."""
    requested = False

    @classmethod
    def handle(cls, *_):
        cls.requested = True


class CappedBuffer:
    """Keeps the first `limit` bytes and drops the rest (noting it), so the writer never blocks on a full pipe."""

    def __init__(self, limit):
        self.limit = limit
        self.data = bytearray()
        self.truncated = False

    def add(self, chunk):
        room = self.limit - len(self.data)
        if len(chunk) > room:
            self.truncated = True
        if room > 0:
            self.data += chunk[:room]


class LiveOutput:
    """Forwards the script's output while it runs, as lines on this process's stdout:
    OUTPUT_MARKER, the stream name, a sequence number (from 0, over both streams) and the bytes in base64. Coalesced:
    at most every LIVE_INTERVAL_SECONDS, or sooner when LIVE_LINE_BYTES wait; at most `limit` bytes per stream and
    LIVE_LINES_MAX lines per run. The script's bytes only ever travel base64-encoded, so nothing it prints can look
    like a line of this channel."""

    def __init__(self, limit):
        self.limit = limit
        self.pending = {"stdout": bytearray(), "stderr": bytearray()}
        self.forwarded = {"stdout": 0, "stderr": 0}
        self.sequence = 0
        self.last_flush = time.monotonic()

    def add(self, stream, chunk):
        room = self.limit - self.forwarded[stream] - len(self.pending[stream])
        if room > 0:
            self.pending[stream] += chunk[:room]

    def waiting(self):
        return any(self.pending.values())

    def next_flush(self):
        """When pending output must go out: at once (a time already past) if a line's worth waits, else one interval
        after the last flush. Never "now": the caller compares with a `now` read earlier, and a later clock reading
        would put the flush off forever while the loop spins."""
        if any(len(data) >= LIVE_LINE_BYTES for data in self.pending.values()):
            return self.last_flush
        return self.last_flush + LIVE_INTERVAL_SECONDS

    def flush(self):
        self.last_flush = time.monotonic()
        for stream, data in self.pending.items():
            for start in range(0, len(data), LIVE_LINE_BYTES):
                if self.sequence >= LIVE_LINES_MAX:
                    break
                part = data[start:start + LIVE_LINE_BYTES]
                write_all(("%s%s %d %s\n" % (OUTPUT_MARKER, stream, self.sequence, encode(part))).encode("ascii"))
                self.sequence += 1
            self.forwarded[stream] += len(data)
            del data[:]


class Supervisor:
    def __init__(self, pid, stdin_w, stdout_r, stderr_r, stdin_data, limit, wakeup_r):
        self.pid = pid
        self.status = None
        self.ended = None
        self.selector = selectors.DefaultSelector()
        self.outputs = {stdout_r: CappedBuffer(limit), stderr_r: CappedBuffer(limit)}
        self.stdout, self.stderr = self.outputs[stdout_r], self.outputs[stderr_r]
        self.stream_names = {stdout_r: "stdout", stderr_r: "stderr"}
        self.live = LiveOutput(limit)
        self.open_outputs = {stdout_r, stderr_r}
        self.stdin_w = stdin_w
        self.pending_stdin = memoryview(stdin_data)
        self.wakeup_r = wakeup_r
        for fd in self.open_outputs:
            self.selector.register(fd, selectors.EVENT_READ)
        self.selector.register(wakeup_r, selectors.EVENT_READ)
        if self.pending_stdin:
            self.selector.register(stdin_w, selectors.EVENT_WRITE)
        else:
            self.close_stdin()

    def close_stdin(self):
        if self.stdin_w is not None:
            if self.pending_stdin:
                self.selector.unregister(self.stdin_w)
            os.close(self.stdin_w)
            self.stdin_w = None

    def reap(self):
        """Collect every exited child (orphans are ours as PID 1); remember the script's own status."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid == self.pid:
                self.status = status
                self.ended = time.monotonic()

    def handle(self, fd):
        if fd == self.wakeup_r:
            self.drain_wakeups()
        elif fd == self.stdin_w:
            self.feed_stdin()
        else:
            self.read_output(fd)

    def drain_wakeups(self):
        try:
            while os.read(self.wakeup_r, CHUNK):
                pass
        except BlockingIOError:
            pass

    def feed_stdin(self):
        try:
            written = os.write(self.stdin_w, self.pending_stdin[:CHUNK])
            self.pending_stdin = self.pending_stdin[written:]
        except BlockingIOError:
            return
        except OSError:  # the script closed its stdin: the rest is not wanted
            self.pending_stdin = memoryview(b"")
        if not self.pending_stdin:
            self.selector.unregister(self.stdin_w)
            os.close(self.stdin_w)
            self.stdin_w = None

    def read_output(self, fd):
        try:
            chunk = os.read(fd, CHUNK)
        except BlockingIOError:
            return
        if chunk:
            self.outputs[fd].add(chunk)
            self.live.add(self.stream_names[fd], chunk)
        else:
            self.selector.unregister(fd)
            os.close(fd)
            self.open_outputs.discard(fd)

    def run(self, deadline):
        """Pump pipes until the script has exited and its output is drained; True if the time limit hit."""
        timed_out = False
        give_up = None
        while True:
            self.reap()
            now = time.monotonic()
            if self.status is not None and give_up is None:
                # The script is done: whatever it left behind must not keep the run (or the pipes) alive.
                self.close_stdin()
                kill_everything(self.pid)
                give_up = now + DRAIN_SECONDS
            elif self.status is None and give_up is None and now >= deadline:
                timed_out = True
                kill_everything(self.pid)
                give_up = now + DRAIN_SECONDS
            elif self.status is None and give_up is None and StopRequest.requested:
                kill_everything(self.pid)
                give_up = now + DRAIN_SECONDS
            if self.status is not None and not self.open_outputs:
                return timed_out
            if give_up is not None and now >= give_up:
                return timed_out
            wait = (give_up if give_up is not None else deadline) - now
            if self.live.waiting():
                if self.live.next_flush() <= now:
                    self.live.flush()
                else:
                    wait = min(wait, self.live.next_flush() - now)
            for key, _ in self.selector.select(timeout=max(wait, 0)):
                self.handle(key.fd)


# Artifacts: files the script leaves in its output folder, collected by the bootstrap after every process has been
# killed. Only regular files directly in the folder are read; symbolic links, FIFOs, sockets, devices and folders
# are refused and reported, never followed nor opened for reading; and so are files over the caps, files with names
# outside ARTIFACT_NAME_CHARS and files the script made unreadable to the bootstrap (which has no CAP_DAC_OVERRIDE).
OUTPUTS_VARIABLE = "INTEGR8SCODE_OUTPUTS"
PLOTS_BACKEND = "integr8scode_plots"
ARTIFACT_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
ARTIFACT_NAME_MAX = 100
REFUSALS_REPORTED = 32
REAP_SECONDS = 1.0
IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
                    (b"GIF89a", "image/gif"), (b"%PDF-", "application/pdf"))
TYPES_BY_EXTENSION = {"csv": "text/csv", "txt": "text/plain", "json": "application/json", "md": "text/markdown",
                      "html": "text/html", "htm": "text/html", "svg": "image/svg+xml", "xml": "application/xml",
                      "pdf": "application/pdf", "zip": "application/zip"}

# The matplotlib backend the script gets (MPLBACKEND): Agg, whose show() saves every open figure as a PNG into the
# output folder and closes it, where Agg's own show() would only warn that it cannot show anything.
PLOTS_BACKEND_SOURCE = '''
import os
from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase as FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas

_saved = 0


def show(*args, **kwargs):
    global _saved
    folder = os.environ.get("%s", "/tmp/outputs")
    os.makedirs(folder, exist_ok=True)
    for manager in Gcf.get_all_fig_managers():
        _saved += 1
        path = os.path.join(folder, "figure-%%d.png" %% _saved)
        while os.path.lexists(path):
            _saved += 1
            path = os.path.join(folder, "figure-%%d.png" %% _saved)
        manager.canvas.figure.savefig(path, format="png")
    Gcf.destroy_all()
''' % OUTPUTS_VARIABLE


class ArtifactLimits:
    def __init__(self, folder, file_bytes, run_bytes, count):
        self.folder, self.file_bytes, self.run_bytes, self.count = folder, file_bytes, run_bytes, count

    @staticmethod
    def from_env(env):
        folder = env.get("I8S_OUTPUT_DIR", "")
        if not folder.startswith("/"):
            raise ValueError("I8S_OUTPUT_DIR must be an absolute path")
        return ArtifactLimits(folder, positive_int(env, "I8S_ARTIFACT_FILE_LIMIT_BYTES"),
                              positive_int(env, "I8S_ARTIFACT_RUN_LIMIT_BYTES"),
                              positive_int(env, "I8S_ARTIFACT_COUNT_LIMIT"))


def outputs_environment(folder):
    """What the script finds in its environment: where to write files, and the backend that saves figures."""
    return {OUTPUTS_VARIABLE: folder, "MPLBACKEND": "module://" + PLOTS_BACKEND}


class PlotsBackendFinder:
    """Makes `import integr8scode_plots` work in the script without a file on disk; matplotlib imports it only
    once a figure is made, so a script without plots pays nothing."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != PLOTS_BACKEND:
            return None
        import importlib.util
        return importlib.util.spec_from_loader(name, PlotsBackendFinder)

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        exec(compile(PLOTS_BACKEND_SOURCE, "<" + PLOTS_BACKEND + ">", "exec"), module.__dict__)


def prepare_outputs(env):
    """In the child, as the script's user: its output folder (its own, so it may write there) and the backend."""
    try:
        os.mkdir(env[OUTPUTS_VARIABLE], 0o755)
    except OSError:
        pass  # it exists, or /tmp is missing: the script finds out when it writes
    sys.meta_path.append(PlotsBackendFinder)


def reap_all():
    """Wait (briefly) until every killed process is gone, so that no file in the output folder changes any more."""
    give_up = time.monotonic() + REAP_SECONDS
    while time.monotonic() < give_up:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def artifact_name_refusal(name):
    if not name or len(name) > ARTIFACT_NAME_MAX or name[0] == "." or not set(name) <= ARTIFACT_NAME_CHARS:
        return ("name not allowed: letters, digits, '.', '_' and '-' only, at most %d characters, not starting "
                "with a dot" % ARTIFACT_NAME_MAX)
    return None


def shown_name(name):
    """A refused name as the report shows it: printable ASCII (anything else as '?'), at most 100 characters."""
    return "".join(c if " " <= c <= "~" else "?" for c in name[:ARTIFACT_NAME_MAX]) or "?"


def media_type(name, head):
    for signature, kind in IMAGE_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPES_BY_EXTENSION.get(extension, "application/octet-stream")


def special_file_kind(mode):
    import stat
    for test, kind in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_artifact(folder_fd, name, room):
    """(data, None) or (None, reason). Never follows a link nor opens anything but a regular file for reading."""
    try:
        before = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except OSError as error:
        return None, "cannot inspect it: " + (error.strerror or "error")
    kind = special_file_kind(before.st_mode)
    if kind:
        return None, kind + "; only regular files are collected"
    if before.st_size > room[0]:
        return None, room[1]
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, dir_fd=folder_fd)
    except OSError as error:
        return None, "unreadable: " + (error.strerror or "error")
    try:
        opened = os.fstat(fd)
        if special_file_kind(opened.st_mode) or (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            return None, "changed while being collected"
        chunks, size = [], 0
        while size <= room[0]:
            chunk = os.read(fd, min(CHUNK * 16, room[0] + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return None, "unreadable: " + (error.strerror or "error")
    finally:
        os.close(fd)
    if size > room[0]:
        return None, room[1]
    return b"".join(chunks), None


def open_output_folder(folder, refuse):
    """The folder, opened only if it is one: lstat first and compared after opening, since O_NOFOLLOW alone does
    not stop every runtime (gVisor follows a link to a folder with O_DIRECTORY). None if absent or refused."""
    def refused(why):
        refuse(os.path.basename(folder), "the output folder cannot be read (%s); nothing was collected" % why)

    try:
        before = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        return refused(error.strerror)
    if special_file_kind(before.st_mode) != "a folder":
        return refused("it is not a folder")
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        return refused(error.strerror)
    opened = os.fstat(fd)
    if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
        os.close(fd)
        return refused("it changed while being opened")
    return fd


def collect_artifacts(limits):
    """The output folder's files as ([{name, media_type, size, data_b64}], [{name, reason}]), names in order."""
    artifacts, refused = [], []

    def refuse(name, reason):
        if len(refused) < REFUSALS_REPORTED:
            refused.append({"name": shown_name(name), "reason": reason})

    folder_fd = open_output_folder(limits.folder, refuse)
    if folder_fd is None:
        return artifacts, refused
    try:
        names = sorted(os.listdir(folder_fd))
        total = 0
        for name in names:
            reason = artifact_name_refusal(name)
            if reason is None and len(artifacts) >= limits.count:
                reason = "more than %d files; the rest are not collected" % limits.count
            if reason:
                refuse(name, reason)
                continue
            run_room = limits.run_bytes - total
            room = ((limits.file_bytes, "larger than %d bytes, the limit per file" % limits.file_bytes)
                    if limits.file_bytes <= run_room else
                    (run_room, "the files before it used the run's %d bytes for files" % limits.run_bytes))
            data, reason = read_artifact(folder_fd, name, room)
            if reason:
                refuse(name, reason)
                continue
            total += len(data)
            artifacts.append({"name": name, "media_type": media_type(name, data[:16]), "size": len(data),
                              "data_b64": encode(data)})
    except OSError as error:
        refuse(os.path.basename(limits.folder), "the output folder cannot be listed (%s)" % error.strerror)
    finally:
        os.close(folder_fd)
    return artifacts, refused


def report_exit(status):
    if status is None:
        return None, None
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status)
    return os.WEXITSTATUS(status), None


def write_all(data):
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


def emit(report):
    report["v"] = PROTOCOL_VERSION
    write_all(("\n" + MARKER + json.dumps(report, separators=(",", ":")) + "\n").encode("ascii"))


def encode(data):
    return base64.b64encode(bytes(data)).decode("ascii")


def main():
    set_dumpable(False)
    signal.signal(signal.SIGTERM, StopRequest.handle)  # first: a pooled sandbox may be stopped while it waits
    env = dict(os.environ)
    try:
        if env.get("I8S_JOB_ON_STDIN") == "1":
            wait_for_job(env)
        timeout = positive_int(env, "I8S_TIMEOUT_SECONDS")
        limit = positive_int(env, "I8S_OUTPUT_LIMIT_BYTES")
        open_files = positive_int(env, "I8S_OPEN_FILES_LIMIT")
        identity = script_identity(env)
        artifact_limits = ArtifactLimits.from_env(env)
        stdin_data = read_input(env, "STDIN") or b""
        source, path = script_source(env)
    except Exception as error:
        emit({"bootstrap_error": "invalid sandbox input: %s" % error})
        return
    child_env = {key: value for key, value in env.items() if not key.startswith("I8S_")}
    child_env.update(outputs_environment(artifact_limits.folder))
    wakeup_r, wakeup_w = os.pipe()
    os.set_blocking(wakeup_r, False)
    os.set_blocking(wakeup_w, False)
    signal.set_wakeup_fd(wakeup_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so SIGCHLD reaches the wakeup fd
    started = time.monotonic()
    try:
        pid, stdin_w, stdout_r, stderr_r = spawn(source, path, child_env, open_files, identity)
    except CannotStartScript as error:
        emit({"bootstrap_error": "cannot start the script: %s" % error})
        return
    supervisor = Supervisor(pid, stdin_w, stdout_r, stderr_r, stdin_data, limit, wakeup_r)
    try:
        timed_out = supervisor.run(started + timeout)
    finally:
        kill_everything(pid)
    supervisor.live.flush()
    supervisor.reap()
    reap_all()
    artifacts, refused = collect_artifacts(artifact_limits)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    exit_code, signal_number = report_exit(supervisor.status)
    ended = supervisor.ended or time.monotonic()
    emit({
        "exit_code": exit_code,
        "signal": signal_number,
        "timed_out": timed_out,
        "stdout_b64": encode(supervisor.stdout.data),
        "stderr_b64": encode(supervisor.stderr.data),
        "stdout_truncated": supervisor.stdout.truncated,
        "stderr_truncated": supervisor.stderr.truncated,
        "cpu_ms": int((usage.ru_utime + usage.ru_stime) * 1000),
        "max_rss_kb": usage.ru_maxrss,
        "duration_ms": int((ended - started) * 1000),
        "artifacts": artifacts,
        "refused_artifacts": refused,
    })


if __name__ == "__main__":
    try:
        main()
    except BaseException as failure:  # never leave the runner without a frame
        emit({"bootstrap_error": "bootstrap crashed: %s: %s" % (type(failure).__name__, failure)})
    # All output went out through os.write: the interpreter's teardown would only delay the runtime's exit, which
    # the runner waits for before it hands the result on.
    os._exit(0)
