"""A local Apache Superset: pinned virtualenv, state dir, init, gunicorn in the background.

Runs under the system python3 up to the virtualenv's creation; every step after that runs in the
virtualenv (cli.py re-executes itself there), where Superset, psycopg2 and requests are.
"""

import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request

from . import DASHBOARDS_DIR, REPO_DIR

REQUIREMENTS = os.path.join(DASHBOARDS_DIR, "superset-requirements.txt")
SUPERSET_VERSION = "6.1.0"

CONFIG_TEMPLATE = '''# Written by `buzzbeam dashboards up`; holds no secret itself.
import os

_STATE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(_STATE, "secret_key"), encoding="utf-8") as _f:
    SECRET_KEY = _f.read().strip()
SQLALCHEMY_DATABASE_URI = "sqlite:///" + os.path.join(_STATE, "superset.db") + "?check_same_thread=false"
DATA_DIR = os.path.join(_STATE, "data")
UPLOAD_FOLDER = os.path.join(DATA_DIR, "uploads")
SUPERSET_WEBSERVER_TIMEOUT = 120
SQLLAB_TIMEOUT = 120
RATELIMIT_ENABLED = False
PREVENT_UNSAFE_DB_CONNECTIONS = True
WTF_CSRF_ENABLED = True
# every chart renders at once (no lazy loading below the fold): screenshots and checks see them all
FEATURE_FLAGS = {"ALERT_REPORTS": False, "THUMBNAILS": False, "EMBEDDED_SUPERSET": False,
                 "DASHBOARD_VIRTUALIZATION": False}
# buzzbeam's marts are small: keep the Superset query results for 5 minutes.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
'''


class Env:
    def __init__(self, venv=None, state_dir=None, port=8088):
        self.venv = os.path.abspath(venv or os.environ.get("BUZZBEAM_SUPERSET_VENV")
                                    or os.path.join(REPO_DIR, ".venv", "superset"))
        self.state = os.path.abspath(state_dir or os.environ.get("BUZZBEAM_SUPERSET_HOME")
                                     or os.path.join(REPO_DIR, "data", "superset"))
        self.port = int(port)
        self.python = os.path.join(self.venv, "bin", "python")
        self.bin = os.path.join(self.venv, "bin")
        self.config = os.path.join(self.state, "superset_config.py")
        self.pidfile = os.path.join(self.state, "run", f"superset-{self.port}.pid")  # gunicorn's
        self.startfile = os.path.join(self.state, "run", f"superset-{self.port}.started")  # ours: pid, start time
        self.logfile = os.path.join(self.state, "logs", f"superset-{self.port}.log")
        self.url = f"http://127.0.0.1:{self.port}"

    def in_venv(self):
        return os.path.realpath(sys.prefix) == os.path.realpath(self.venv)

    def child_env(self):
        env = dict(os.environ)
        env.update(SUPERSET_CONFIG_PATH=self.config, FLASK_APP="superset.app:create_app()",
                   SUPERSET_HOME=self.state, PYTHONPATH=DASHBOARDS_DIR, SUPERSET_LOAD_EXAMPLES="no")
        env.pop("SUPERSET_SECRET_KEY", None)
        # Superset connects as buzzbeam_reader with its own password; the owner's stays with `up`.
        for name in ("BUZZBEAM_JDBC_PASSWORD", "PGPASSWORD"):
            env.pop(name, None)
        return env


def log(msg):
    print(f"[dashboards] {msg}", flush=True)


# ------------------------------------------------------------------ install

def requirements_digest():
    with open(REQUIREMENTS, "rb") as f:
        return hashlib.sha256(f.read() + sys.version.encode()).hexdigest()


def ensure_venv(env):
    """Creates / refreshes the virtualenv when the pinned requirements changed; else reuses it."""
    stamp = os.path.join(env.venv, ".buzzbeam-requirements")
    digest = requirements_digest()
    if os.path.exists(env.python) and os.path.exists(stamp) and open(stamp).read().strip() == digest:
        return False
    t0 = time.time()
    log(f"installing Apache Superset {SUPERSET_VERSION} into {env.venv} (pinned: {os.path.relpath(REQUIREMENTS, REPO_DIR)}) ...")
    if not os.path.exists(env.python):
        subprocess.run([sys.executable, "-m", "venv", env.venv], check=True)
    pip = [env.python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["-r", REQUIREMENTS, "-c", REQUIREMENTS], check=True)
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    log(f"installed in {time.time() - t0:.0f}s")
    return True


# ------------------------------------------------------------------ state, init

def write_private(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


def read_or_create_secret(path, nbytes=48):
    if os.path.exists(path):
        os.chmod(path, 0o600)
        return open(path, encoding="utf-8").read().strip()
    value = secrets.token_urlsafe(nbytes)
    write_private(path, value + "\n")
    return value


def prepare_state(env):
    for d in ("", "run", "logs", "data"):
        os.makedirs(os.path.join(env.state, d), exist_ok=True)
    os.chmod(env.state, 0o700)
    read_or_create_secret(os.path.join(env.state, "secret_key"))
    with open(env.config, "w") as f:
        f.write(CONFIG_TEMPLATE)


def superset_cli(env, *args, quiet=True):
    cmd = [os.path.join(env.bin, "superset"), *args]
    with open(env.logfile, "a") as logf:
        r = subprocess.run(cmd, env=env.child_env(), stdout=logf if quiet else None,
                           stderr=subprocess.STDOUT if quiet else None)
    if r.returncode != 0:
        raise RuntimeError(f"`superset {' '.join(args)}` failed (exit {r.returncode}); see {env.logfile}")


def init_metadata(env):
    """`superset db upgrade` + `superset init`, once per Superset version (a stamp in the state dir)."""
    stamp = os.path.join(env.state, ".initialized")
    if os.path.exists(stamp) and open(stamp).read().strip() == SUPERSET_VERSION:
        return False
    t0 = time.time()
    log("initializing Superset's metadata database (db upgrade, init) ...")
    superset_cli(env, "db", "upgrade")
    superset_cli(env, "init")
    with open(stamp, "w") as f:
        f.write(SUPERSET_VERSION + "\n")
    log(f"initialized in {time.time() - t0:.0f}s")
    return True


ENSURE_ADMIN = r'''
import os, sys
from superset.app import create_app
app = create_app()
with app.app_context():
    from superset import security_manager
    password = os.environ["BUZZBEAM_ADMIN_PASSWORD"]
    reset = os.environ.get("BUZZBEAM_ADMIN_RESET") == "1"
    user = security_manager.find_user(username="admin")
    if user is None:
        role = security_manager.find_role("Admin")
        if not security_manager.add_user("admin", "buzzbeam", "admin", "admin@localhost", role, password=password):
            sys.exit("could not create the Superset user admin")
        print("created")
    elif reset:
        security_manager.reset_password(user.id, password)
        print("reset")
    else:
        print("kept")
'''


def ensure_admin(env):
    """User admin: password from BUZZBEAM_SUPERSET_PASSWORD, else generated and printed once."""
    given = os.environ.get("BUZZBEAM_SUPERSET_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    child = env.child_env()
    child.update(BUZZBEAM_ADMIN_PASSWORD=password, BUZZBEAM_ADMIN_RESET="1" if given else "0")
    r = subprocess.run([env.python, "-c", ENSURE_ADMIN], env=child, capture_output=True, text=True)
    if r.returncode != 0:
        with open(env.logfile, "a") as f:
            f.write(r.stdout + r.stderr)
        raise RuntimeError(f"could not set up the Superset user admin; see {env.logfile}")
    outcome = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    if outcome == "created" and not given:
        log(f"created Superset user admin with the generated password: {password}")
        log("(shown once; set BUZZBEAM_SUPERSET_PASSWORD on the next `dashboards up` to choose another)")
    return password if (given or outcome == "created") else None


# ------------------------------------------------------------------ serve

def _pidfile_pid(env):
    try:
        return int(open(env.pidfile).read().strip())
    except (OSError, ValueError):
        return None


def _start_ticks(pid):
    """Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot; None if gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    # field 2, the command name, may hold spaces and parentheses: count the fields after the last ")"
    return int(stat[stat.rindex(")") + 2:].split()[19])


def _epoch_of_ticks(ticks):
    with open("/proc/stat") as f:
        boot = next(int(line.split()[1]) for line in f if line.startswith("btime "))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _in_state_dir(env, pid):
    """gunicorn runs in the directory it was started from (its --chdir default): our state dir."""
    try:
        return os.path.realpath(os.readlink(f"/proc/{pid}/cwd")) == os.path.realpath(env.state)
    except OSError:
        return False


def record_started(env, launched_at):
    """Records the gunicorn master that `start` launched at `launched_at` (epoch seconds): the pid of
    its pid file, once that process exists, started after the launch and runs in our state dir. The
    record (pid and start time) is what `read_pid` later asks for before anything is signalled."""
    pid = _pidfile_pid(env)
    ticks = _start_ticks(pid) if pid else None
    # btime is whole seconds: allow 2 s of rounding
    if ticks is None or _epoch_of_ticks(ticks) < launched_at - 2 or not _in_state_dir(env, pid):
        return None
    write_private(env.startfile, f"{pid} {ticks}\n")
    return pid


def read_pid(env):
    """The pid of the Superset that `start` launched and recorded on this port, if it still runs.

    A pid file alone proves nothing: after a crash or a reboot its pid may belong to any other program.
    The process must be the recorded one (same pid, same start time, as gunicorn's pid file says too)
    and run in our state dir; otherwise None, and nothing is ever signalled.
    """
    try:
        pid, ticks = (int(v) for v in open(env.startfile).read().split())
    except (OSError, ValueError):
        return None
    if _pidfile_pid(env) != pid or _start_ticks(pid) != ticks or not _in_state_dir(env, pid):
        return None
    return pid


def _forget(env):
    for path in (env.pidfile, env.startfile):
        if os.path.exists(path):
            os.remove(path)


def healthy(env, timeout=2.0):
    try:
        with urllib.request.urlopen(env.url + "/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def start(env, workers=2, threads=4, wait_s=180):
    if read_pid(env) and healthy(env):
        log(f"Superset already runs on {env.url} (pid {read_pid(env)})")
        return False
    if healthy(env):
        raise RuntimeError(f"port {env.port} already answers but is not this Superset (no live pid in {env.pidfile})")
    # A stale pid file naming a live process (any program, after a crash) would stop gunicorn from starting.
    _forget(env)
    cmd = [os.path.join(env.bin, "gunicorn"), "--bind", f"127.0.0.1:{env.port}",
           "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
           "--timeout", "120", "--limit-request-line", "0", "--limit-request-field_size", "0",
           "--pid", env.pidfile, "--daemon",
           "--error-logfile", env.logfile, "--access-logfile", os.path.join(env.state, "logs", f"access-{env.port}.log"),
           "superset.app:create_app()"]
    t0 = time.time()
    subprocess.run(cmd, env=env.child_env(), check=True, cwd=env.state)
    while time.time() - t0 < wait_s:
        if read_pid(env) is None:
            record_started(env, t0)
        if healthy(env):
            log(f"Superset answers on {env.url} after {time.time() - t0:.0f}s (pid {read_pid(env)}, log {env.logfile})")
            return True
        if time.time() - t0 > 15 and not read_pid(env):
            break
        time.sleep(1)
    stop(env, quiet=True)
    raise RuntimeError(f"Superset did not come up on {env.url}; see {env.logfile}")


def stop(env, quiet=False, wait_s=30):
    """Stops the Superset `read_pid` proves we started; any other pid file is stale and only removed."""
    pid = read_pid(env)
    if not pid:
        if not quiet:
            log(f"no Superset of ours runs on port {env.port}")
        _forget(env)
        return False
    ticks = _start_ticks(pid)
    os.kill(pid, signal.SIGTERM)
    t0 = time.time()
    while time.time() - t0 < wait_s:
        if _start_ticks(pid) != ticks:  # gone (or the pid already reused: then it is not ours either)
            break
        time.sleep(0.3)
    else:
        os.kill(pid, signal.SIGKILL)
    _forget(env)
    if not quiet:
        log(f"stopped Superset on port {env.port} (pid {pid})")
    return True
