"""Tests against a real Superset (and real Chromium). They never mock.

The Superset under test: BUZZBEAM_SUPERSET_URL (default http://127.0.0.1:$BUZZBEAM_SUPERSET_PORT,
port 8088), user admin, password BUZZBEAM_SUPERSET_PASSWORD. If nothing answers there and
BUZZBEAM_JDBC_URL / BUZZBEAM_JDBC_USER / BUZZBEAM_JDBC_PASSWORD are set, the session brings one up
with `cli.py up` (and down at the end); otherwise the tests fail and say so.
`dashboards/tests/run_tests.sh` does all of it in one go.
"""

import os
import subprocess
import sys
import urllib.request

import pytest

DASHBOARDS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, DASHBOARDS)

from buzzbeam_dashboards.client import Superset  # noqa: E402

CLI = os.path.join(DASHBOARDS, "cli.py")
EXPECTED = {  # slug -> chart titles (the list)
    "brand-buzz": {"Brand summary", "Most frequent post types", "Most engaging post types",
                   "Reels vs video among videos", "Average engagement per day", "Upload activity per day",
                   "Upload time heatmap (weekday x hour)", "Popularity rank over days", "Followers over days",
                   # issue #14 (docs/METRICS.md)
                   "Popularity rank through the day", "Rank movers (latest day vs the day before)",
                   "Best time to post (engagement by weekday x hour)", "Top posting slots per brand",
                   "Competitors (latest day)", "Follower growth per day (%)", "Hashtag spikes"},
    "parenting-keywords": {"Keyword cloud", "Top keywords", "Keyword trend over days", "Posts per account per day",
                           "Hashtag cloud"},
    "data-quality": {"Pipeline runs", "Read / valid / rejected per run", "Rejected items by reason over runs",
                     "Defaulted fields (latest run)", "Rejected items (latest run)", "Latest dead letters"},
}


def _port():
    return int(os.environ.get("BUZZBEAM_SUPERSET_PORT", "8088"))


def _url():
    return os.environ.get("BUZZBEAM_SUPERSET_URL", f"http://127.0.0.1:{_port()}")


def _healthy(url):
    try:
        with urllib.request.urlopen(url + "/health", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def superset_url():
    url = _url()
    if not os.environ.get("BUZZBEAM_SUPERSET_PASSWORD"):
        pytest.fail("set BUZZBEAM_SUPERSET_PASSWORD (the Superset admin password), or run dashboards/tests/run_tests.sh")
    started = False
    if not _healthy(url):
        jdbc = {k: os.environ.get(k) for k in ("BUZZBEAM_JDBC_URL", "BUZZBEAM_JDBC_USER", "BUZZBEAM_JDBC_PASSWORD")}
        if not all(jdbc.values()):
            pytest.fail(f"no Superset answers on {url} and BUZZBEAM_JDBC_URL/_USER/_PASSWORD are not all set to "
                        f"start one; run dashboards/tests/run_tests.sh")
        r = subprocess.run([sys.executable, CLI, "up", f"--jdbcUrl={jdbc['BUZZBEAM_JDBC_URL']}",
                            f"--jdbcUser={jdbc['BUZZBEAM_JDBC_USER']}", f"--port={_port()}"], timeout=1500)
        if r.returncode != 0:
            pytest.fail(f"`dashboards up` failed with exit status {r.returncode}")
        started = True
    yield url
    if started:
        subprocess.run([sys.executable, CLI, "down", f"--port={_port()}"], timeout=120)


@pytest.fixture(scope="session")
def api(superset_url):
    return Superset(superset_url, "admin", os.environ["BUZZBEAM_SUPERSET_PASSWORD"])
