"""Against the real Superset: every chart of the three dashboards answers rows through the chart data
API, and the bundle of `dashboards bundle` imports through Superset's own dashboard import."""

import os
import subprocess
import uuid
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


def test_reader_role_reads_and_cannot_write(superset_url):
    """Connects as buzzbeam_reader itself (its password is in the Superset state dir)."""
    import psycopg2

    from buzzbeam_dashboards import REPO_DIR
    from buzzbeam_dashboards.jdbc import parse_jdbc_url, read_embedded_credentials

    home = os.environ.get("BUZZBEAM_SUPERSET_HOME", os.path.join(REPO_DIR, "data", "superset"))
    password = open(os.path.join(home, "reader_password")).read().strip()
    data_dir = os.environ.get("BUZZBEAM_DATA_DIR") or os.path.join(REPO_DIR, "data")
    url = os.environ.get("BUZZBEAM_JDBC_URL") or (read_embedded_credentials(data_dir) or [None])[0]
    assert url, f"BUZZBEAM_JDBC_URL or {data_dir}/postgres.credentials is needed to reach the database"
    conn = psycopg2.connect(**parse_jdbc_url(url).libpq_kwargs(user="buzzbeam_reader", password=password))
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM mart_brand_summary")
            assert cur.fetchone()[0] > 0
            cur.execute("SELECT current_setting('transaction_read_only'), "
                        "has_table_privilege('mart_brand_summary', 'INSERT'), has_table_privilege('fact_media', 'DELETE')")
            assert cur.fetchone() == ("on", False, False)
        for stmt in ("DELETE FROM mart_brand_summary", "CREATE TABLE buzzbeam_reader_probe (x int)"):
            conn.rollback()
            with conn.cursor() as cur, pytest.raises(psycopg2.Error):
                cur.execute(stmt)
    finally:
        conn.close()


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
