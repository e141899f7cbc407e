"""Against the real Superset: every chart of the three dashboards answers rows through the chart data
API, and the bundle of `dashboards bundle` imports through Superset's own dashboard import."""

import os
import subprocess
import sys

import pytest

from .conftest import CLI, EXPECTED


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_dashboard_has_its_charts(api, slug):
    charts = api.dashboard_charts(slug)
    assert {c["slice_name"] for c in charts} == EXPECTED[slug]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_chart_answers_rows(api, slug):
    failures = []
    for c in api.dashboard_charts(slug):
        r = api.chart_data(c["id"])
        if r.status_code != 200:
            failures.append(f"{c['slice_name']}: HTTP {r.status_code} {r.text[:300]}")
            continue
        for result in r.json()["result"]:
            if result.get("error") or not result.get("rowcount"):
                failures.append(f"{c['slice_name']}: rowcount={result.get('rowcount')} error={result.get('error')}")
    assert not failures, "\n".join(failures)


def test_database_uses_the_read_only_role(api):
    dbs = [d for d in api.list_all("database") if d["database_name"] == "buzzbeam"]
    assert len(dbs) == 1
    r = api.get(f"/api/v1/database/{dbs[0]['id']}/connection")
    r.raise_for_status()
    uri = r.json()["result"]["sqlalchemy_uri"]
    assert "buzzbeam_reader:XXXXXXXXXX@" in uri
    # the role may read the marts but not write them
    r = api.s.post(f"{api.url}/api/v1/sqllab/execute/", timeout=120, json={
        "database_id": dbs[0]["id"], "sql": "DELETE FROM mart_brand_summary", "runAsync": False,
        "schema": "public", "client_id": "bbtestdel1"})
    assert r.status_code != 200 or "error" in r.text.lower()
    r = api.s.post(f"{api.url}/api/v1/sqllab/execute/", timeout=120, json={
        "database_id": dbs[0]["id"], "sql": "SELECT count(*) AS n FROM mart_brand_summary", "runAsync": False,
        "schema": "public", "client_id": "bbtestsel1"})
    assert r.status_code == 200, r.text[:500]


def test_bundle_imports_through_the_dashboard_import_api(api, tmp_path):
    out = tmp_path / "bundle.zip"
    r = subprocess.run([sys.executable, CLI, "bundle", f"--out={out}"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    resp = api.s.post(f"{api.url}/api/v1/dashboard/import/", timeout=300,
                      files={"formData": ("bundle.zip", out.read_bytes(), "application/zip")},
                      data={"overwrite": "true"})
    assert resp.status_code == 200, resp.text[:2000]
    for slug in EXPECTED:
        assert {c["slice_name"] for c in api.dashboard_charts(slug)} == EXPECTED[slug]
