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
