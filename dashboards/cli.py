#!/usr/bin/env python3
"""buzzbeam dashboards: `python3 dashboards/cli.py <up|down|bundle> [--option=value ...]`.

  bundle --out=FILE.zip [--jdbcUrl=URL --jdbcUser=USER]
      The Superset import bundle (databases, datasets, charts, dashboards). The database URI is
      built from --jdbcUrl/--jdbcUser (default jdbc:postgresql://localhost:5432/buzzbeam, user
      buzzbeam_reader); its password is masked: Superset asks for it on import.
  up [--jdbcUrl=URL --jdbcUser=USER] [--port=8088] [--dataDir=./data] [--venv=DIR] [--stateDir=DIR]
      Installs the pinned Superset into a virtualenv (.venv/superset), initializes it under
      ./data/superset (SQLite metadata, generated SECRET_KEY, user admin with the password of env
      BUZZBEAM_SUPERSET_PASSWORD or a generated one printed once), creates the read-only role
      buzzbeam_reader (owner password, as PostgreSQL clients look for one: env BUZZBEAM_JDBC_PASSWORD,
      the URL's password=, env PGPASSWORD, PGPASSFILE or ~/.pgpass; else none), imports the dashboards and
      serves Superset on 127.0.0.1:PORT in the background. Without --jdbcUrl: the embedded
      PostgreSQL of `./buzzbeam serve` (DATA_DIR/postgres.credentials; DATA_DIR is --dataDir, else
      env BUZZBEAM_DATA_DIR, else ./data).
  down [--port=8088] [--stateDir=DIR]
      Stops that Superset.
  prepare [--venv=DIR] [--stateDir=DIR]
      The steps of `up` that need no database (install, metadata init, user admin), e.g. while the
      pipeline still runs; a later `up` skips them.
Exit status: 0 ok, 1 failure (with the cause), 2 bad usage.
"""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from buzzbeam_dashboards import REPO_DIR, UsageError  # noqa: E402

OPTIONS = {
    "bundle": {"out", "jdbcUrl", "jdbcUser"},
    "up": {"jdbcUrl", "jdbcUser", "port", "dataDir", "venv", "stateDir"},
    "down": {"port", "stateDir", "venv"},
    "prepare": {"venv", "stateDir"},
}
DEFAULT_BUNDLE_URL = "jdbc:postgresql://localhost:5432/buzzbeam"


def parse(argv):
    if not argv or argv[0] in ("-h", "--help", "help"):
        raise UsageError("usage: dashboards <up|down|bundle|prepare> [--option=value ...]")
    cmd, opts = argv[0], {}
    if cmd not in OPTIONS:
        raise UsageError(f"unknown dashboards command {cmd!r} (expected up, down, bundle or prepare)")
    for arg in argv[1:]:
        if not arg.startswith("--") or "=" not in arg:
            raise UsageError(f"bad argument {arg!r}: options are --name=value")
        name, value = arg[2:].split("=", 1)
        if name not in OPTIONS[cmd]:
            raise UsageError(f"unknown option --{name} for dashboards {cmd} (known: "
                             + ", ".join("--" + o for o in sorted(OPTIONS[cmd])) + ")")
        if not value:
            raise UsageError(f"option --{name} needs a value")
        opts[name] = value
    if "port" in opts and not (opts["port"].isdigit() and 0 < int(opts["port"]) < 65536):
        raise UsageError(f"--port must be a TCP port number, got {opts['port']!r}")
    return cmd, opts


def resolve_target(opts, environ=os.environ):
    """(PgTarget, owner user, owner password or None, role admin (user, password) or None) for `up`.

    The role admin creates the read-only role: the owner itself for --jdbcUrl (it needs CREATEROLE),
    the embedded server's superuser for the embedded PostgreSQL (its owner `buzzbeam` has no CREATEROLE).
    The owner password is looked up as PostgreSQL clients do (jdbc.resolve_password); without one the
    connection is tried without a password.
    """
    from buzzbeam_dashboards.jdbc import (parse_jdbc_url, read_embedded_credentials, read_embedded_superuser,
                                          resolve_password)

    admin = None
    if "jdbcUrl" in opts:
        target = parse_jdbc_url(opts["jdbcUrl"], user=opts.get("jdbcUser"))
        if not target.user:
            raise UsageError("--jdbcUrl needs --jdbcUser (the owner of the buzzbeam tables)")
    elif "jdbcUser" in opts:
        raise UsageError("--jdbcUser needs --jdbcUrl")
    else:
        data_dir = opts.get("dataDir") or environ.get("BUZZBEAM_DATA_DIR") or os.path.join(os.getcwd(), "data")
        creds = read_embedded_credentials(data_dir)
        if creds is None:
            raise RuntimeError(f"no --jdbcUrl given and no embedded PostgreSQL credentials in "
                               f"{os.path.join(data_dir, 'postgres.credentials')}: start `./buzzbeam serve` "
                               f"or pass --jdbcUrl/--jdbcUser")
        url, user, file_password = creds
        target = parse_jdbc_url(url, user=user, password=file_password)
        admin = read_embedded_superuser(data_dir)
    target.password, _ = resolve_password(target, environ)
    return target, target.user, target.password, admin


def cmd_bundle(opts):
    from buzzbeam_dashboards import bundle
    from buzzbeam_dashboards.jdbc import parse_jdbc_url

    if "out" not in opts:
        raise UsageError("dashboards bundle needs --out=FILE.zip")
    target = parse_jdbc_url(opts.get("jdbcUrl", DEFAULT_BUNDLE_URL), user=opts.get("jdbcUser", "buzzbeam_reader"))
    files = bundle.build_files(bundle.masked_uri(target, target.user))
    bundle.write_zip(files, opts["out"])
    print(f"wrote {opts['out']}: {sum(1 for p in files if p.startswith('dashboards/'))} dashboards, "
          f"{sum(1 for p in files if p.startswith('charts/'))} charts, "
          f"{sum(1 for p in files if p.startswith('datasets/'))} datasets; database "
          f"{bundle.masked_uri(target, target.user)} (password asked on import)")
    return 0


def run_in_venv(env, command, t0):
    """Unless already in Superset's venv: installs it if needed and re-runs `command` with its
    Python (this process is replaced). Returns the command's start time, kept across the re-run."""
    from buzzbeam_dashboards import superset_env as se

    if not env.in_venv():
        se.ensure_venv(env)
        os.environ["BUZZBEAM_UP_T0"] = str(t0)
        os.execve(env.python, [env.python, os.path.abspath(__file__), command, *sys.argv[2:]], os.environ)
    return float(os.environ.pop("BUZZBEAM_UP_T0", t0))


def cmd_up(opts):
    from buzzbeam_dashboards import superset_env as se

    t0 = time.time()
    env = se.Env(venv=opts.get("venv"), state_dir=opts.get("stateDir"), port=opts.get("port", 8088))
    target, owner, owner_password, admin = resolve_target(opts)
    t0 = run_in_venv(env, "up", t0)

    from buzzbeam_dashboards import bundle, pgrole

    se.prepare_state(env)
    se.init_metadata(env)
    admin_password = se.ensure_admin(env)
    reader_password = se.read_or_create_secret(os.path.join(env.state, "reader_password"), 24)
    pgrole.ensure_reader(target, owner, owner_password, reader_password, admin=admin)

    bundle_path = os.path.join(env.state, "buzzbeam_dashboards.zip")
    files = bundle.build_files(bundle.masked_uri(target, pgrole.READER), bundle_type="assets")
    bundle.write_zip(files, bundle_path)
    child = env.child_env()
    child["BUZZBEAM_READER_PASSWORD"] = reader_password
    r = subprocess.run([env.python, "-m", "buzzbeam_dashboards.importer", bundle_path], env=child,
                       capture_output=True, text=True)
    if r.returncode != 0:
        with open(env.logfile, "a") as f:
            f.write(r.stdout + r.stderr)
        tail = (r.stderr or r.stdout).strip().splitlines()[-1:] or ["?"]
        raise RuntimeError(f"importing the dashboards failed: {tail[0]} (see {env.logfile})")
    se.log(f"imported the dashboards ({target.host}:{target.port}/{target.database} as {pgrole.READER})")

    se.start(env)
    se.log(f"up in {time.time() - t0:.0f}s. Open {env.url}/ (user admin"
           + ("" if admin_password else ", password as set before") + "):")
    for slug in ("brand-buzz", "parenting-keywords", "data-quality"):
        se.log(f"  {env.url}/superset/dashboard/{slug}/")
    se.log(f"stop it with: ./buzzbeam dashboards down" + (f" --port={env.port}" if env.port != 8088 else ""))
    return 0


def cmd_prepare(opts):
    from buzzbeam_dashboards import superset_env as se

    t0 = time.time()
    env = se.Env(venv=opts.get("venv"), state_dir=opts.get("stateDir"))
    t0 = run_in_venv(env, "prepare", t0)
    se.prepare_state(env)
    se.init_metadata(env)
    se.ensure_admin(env)
    se.log(f"prepared in {time.time() - t0:.0f}s ({env.venv}, {env.state})")
    return 0


def cmd_down(opts):
    from buzzbeam_dashboards import superset_env as se

    env = se.Env(venv=opts.get("venv"), state_dir=opts.get("stateDir"), port=opts.get("port", 8088))
    se.stop(env)
    return 0


def main(argv):
    try:
        cmd, opts = parse(argv)
        return {"bundle": cmd_bundle, "up": cmd_up, "down": cmd_down, "prepare": cmd_prepare}[cmd](opts)
    except UsageError as e:
        print(f"dashboards: {e}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as e:
        print(f"dashboards: missing Python module {e.name} (pip install pyyaml, or run `dashboards up` once)",
              file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - one line with the cause, exit 1
        print(f"dashboards: failed: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
