"""The command line and the bundle (no Superset needed for these)."""

import io
import os
import subprocess
import sys
import zipfile

import yaml

from .conftest import CLI, EXPECTED


def run(*args, env=None):
    return subprocess.run([sys.executable, CLI, *args], capture_output=True, text=True, env=env, timeout=120)


def test_bad_usage_is_one_line_and_exit_2():
    for args in ([], ["frobnicate"], ["up", "--nope=1"], ["bundle"], ["up", "--port=http"], ["down", "oops"],
                 ["up", "--jdbcUser=x"]):
        r = run(*args)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
        assert r.stderr.startswith("dashboards: ")


def test_bundle_has_every_asset_and_no_secret(tmp_path):
    out = tmp_path / "bundle.zip"
    env = dict(os.environ, BUZZBEAM_JDBC_PASSWORD="not-in-the-bundle-4711", BUZZBEAM_SUPERSET_PASSWORD="nor-this-0815")
    r = run("bundle", f"--out={out}", "--jdbcUrl=jdbc:postgresql://db.example:6543/marts?sslmode=require",
            "--jdbcUser=reader", env=env)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        texts = {n: z.read(n).decode() for n in names}
    assert all(n.startswith("buzzbeam_dashboards/") for n in names)
    blob = "\n".join(texts.values())
    assert "not-in-the-bundle-4711" not in blob and "nor-this-0815" not in blob
    assert "SECRET_KEY" not in blob
    db = yaml.safe_load(texts["buzzbeam_dashboards/databases/buzzbeam.yaml"])
    assert db["sqlalchemy_uri"] == "postgresql+psycopg2://reader:XXXXXXXXXX@db.example:6543/marts?sslmode=require"
    meta = yaml.safe_load(texts["buzzbeam_dashboards/metadata.yaml"])
    assert meta["type"] == "Dashboard"
    dashboards = {yaml.safe_load(t)["slug"]: yaml.safe_load(t) for n, t in texts.items() if "/dashboards/" in n}
    charts = {yaml.safe_load(t)["uuid"]: yaml.safe_load(t) for n, t in texts.items() if "/charts/" in n}
    assert set(dashboards) == set(EXPECTED)
    for slug, d in dashboards.items():
        in_layout = {v["meta"]["uuid"] for v in d["position"].values() if isinstance(v, dict) and v.get("type") == "CHART"}
        assert {charts[u]["slice_name"] for u in in_layout} == EXPECTED[slug]
        for u in in_layout:
            assert charts[u]["query_context"], charts[u]["slice_name"]
    names_of_filters = {slug: {f["name"] for f in d["metadata"]["native_filter_configuration"]}
                        for slug, d in dashboards.items()}
    assert {"Date range", "Brand", "Weekday", "Hour"} <= names_of_filters["brand-buzz"]
    assert {"Date range", "Account", "Part of speech"} <= names_of_filters["parenting-keywords"]


def test_bundle_is_reproducible(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    assert run("bundle", f"--out={a}", env=env).returncode == 0
    assert run("bundle", f"--out={b}", env=env).returncode == 0
    assert a.read_bytes() == b.read_bytes()


# ---------------------------------------------------------------- the owner password, as libpq finds it

def _target(password=None):
    from buzzbeam_dashboards.jdbc import parse_jdbc_url
    return parse_jdbc_url("jdbc:postgresql://db.example:6543/marts", user="owner", password=password)


def _pgpass(path, text, mode=0o600):
    path.write_text(text)
    path.chmod(mode)
    return str(path)


def test_password_resolution_order(tmp_path):
    from buzzbeam_dashboards.jdbc import resolve_password

    pgpass = _pgpass(tmp_path / "pgpass", "db.example:6543:marts:owner:from-pgpass\n")
    env = {"BUZZBEAM_JDBC_PASSWORD": "from-buzzbeam", "PGPASSWORD": "from-pgpassword", "PGPASSFILE": pgpass}
    assert resolve_password(_target("from-url"), env) == ("from-buzzbeam", "BUZZBEAM_JDBC_PASSWORD")
    del env["BUZZBEAM_JDBC_PASSWORD"]
    assert resolve_password(_target("from-url"), env) == ("from-url", "connection settings")
    assert resolve_password(_target(), env) == ("from-pgpassword", "PGPASSWORD")
    del env["PGPASSWORD"]
    assert resolve_password(_target(), env) == ("from-pgpass", pgpass)
    del env["PGPASSFILE"]
    env["HOME"] = str(tmp_path)  # ~/.pgpass
    assert resolve_password(_target(), env) == (None, None)
    _pgpass(tmp_path / ".pgpass", "*:*:*:owner:from-home-pgpass\n")
    assert resolve_password(_target(), env) == ("from-home-pgpass", str(tmp_path / ".pgpass"))


def test_pgpass_matching_like_libpq(tmp_path):
    from buzzbeam_dashboards.jdbc import pgpass_password

    path = _pgpass(tmp_path / "pgpass", "\n".join([
        "# comment",
        "db.example:5432:marts:owner:wrong-port",
        "db.example:6543:other:owner:wrong-db",
        "db.example:6543:marts:reader:wrong-user",
        r"db.example:6543:marts:owner:se\:cr\\et:with-colon",
        "*:*:*:*:too-late",
    ]) + "\n")
    assert pgpass_password(path, "db.example", 6543, "marts", "owner") == r"se:cr\et:with-colon"
    assert pgpass_password(path, "elsewhere", 1, "x", "y") == "too-late"
    assert pgpass_password(str(tmp_path / "missing"), "db.example", 6543, "marts", "owner") is None
    # readable by the group or others: ignored, as libpq does
    loose = _pgpass(tmp_path / "loose", "*:*:*:*:public\n", mode=0o644)
    assert pgpass_password(loose, "db.example", 6543, "marts", "owner") is None


def test_up_target_without_any_password_connects_without_one(tmp_path):
    sys.path.insert(0, os.path.dirname(CLI))
    import cli

    env = {"HOME": str(tmp_path)}
    target, owner, password, admin = cli.resolve_target(
        {"jdbcUrl": "jdbc:postgresql://db.example:6543/marts", "jdbcUser": "owner"}, environ=env)
    assert (owner, password, admin) == ("owner", None, None)
    assert "password" not in target.libpq_kwargs()
    env["PGPASSWORD"] = "pg-secret"
    assert cli.resolve_target({"jdbcUrl": "jdbc:postgresql://db.example:6543/marts", "jdbcUser": "owner"},
                              environ=env)[2] == "pg-secret"


def test_superset_gets_no_owner_password():
    from buzzbeam_dashboards import superset_env as se

    saved = {k: os.environ.get(k) for k in ("BUZZBEAM_JDBC_PASSWORD", "PGPASSWORD")}
    os.environ.update(BUZZBEAM_JDBC_PASSWORD="owner-secret", PGPASSWORD="pg-secret")
    try:
        child = se.Env().child_env()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert "owner-secret" not in child.values() and "pg-secret" not in child.values()


# ---------------------------------------------------------------- `down` signals only a Superset it started

def _sleeper(cwd):
    return subprocess.Popen(["sleep", "300"], cwd=cwd)


def test_down_leaves_a_process_named_by_a_stale_pid_file_alone(tmp_path):
    from buzzbeam_dashboards import superset_env as se

    state = tmp_path / "state"
    env = se.Env(state_dir=str(state), port=18088)
    os.makedirs(os.path.dirname(env.pidfile))
    unrelated = _sleeper(tmp_path)            # another program, now holding the pid a crash left behind
    in_state_dir = _sleeper(state)           # even one in our state dir, if it is not the one recorded
    try:
        cases = [
            (unrelated, None),                                          # pid file only, nothing recorded
            (unrelated, f"{unrelated.pid} {se._start_ticks(unrelated.pid)}\n"),  # recorded, wrong directory
            (in_state_dir, f"{in_state_dir.pid} 1\n"),                 # our directory, another start time
        ]
        for proc, record in cases:
            with open(env.pidfile, "w") as f:
                f.write(f"{proc.pid}\n")
            if record:
                with open(env.startfile, "w") as f:
                    f.write(record)
            r = run("down", f"--stateDir={state}", "--port=18088")
            assert r.returncode == 0, r.stderr
            assert "no Superset of ours" in r.stdout, r.stdout
            assert proc.poll() is None, f"signalled {proc.args} for {record!r}"
            assert not os.path.exists(env.pidfile) and not os.path.exists(env.startfile)
    finally:
        for proc in (unrelated, in_state_dir):
            proc.kill()
            proc.wait()


def test_down_stops_the_process_start_recorded(tmp_path):
    import time

    from buzzbeam_dashboards import superset_env as se

    state = tmp_path / "state"
    env = se.Env(state_dir=str(state), port=18089)
    os.makedirs(os.path.dirname(env.pidfile))
    launched_at = time.time()
    ours = _sleeper(state)                   # stands in for gunicorn: started by us, in the state dir
    try:
        with open(env.pidfile, "w") as f:
            f.write(f"{ours.pid}\n")
        assert se.record_started(env, launched_at) == ours.pid
        assert se.record_started(env, time.time() + 60) is None, "a process older than the launch is not ours"
        r = run("down", f"--stateDir={state}", "--port=18089")
        assert r.returncode == 0, r.stderr
        assert f"stopped Superset on port 18089 (pid {ours.pid})" in r.stdout, r.stdout
        assert ours.wait(timeout=30) == -15  # SIGTERM
    finally:
        ours.kill()
        ours.wait()
