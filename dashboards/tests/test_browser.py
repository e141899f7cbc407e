"""Headless Chromium logs in, opens each dashboard, and fails on any chart error; screenshots go to
dashboards/screenshots/<slug>.png."""

import os

import pytest

from .conftest import DASHBOARDS, EXPECTED

SHOTS = os.environ.get("BUZZBEAM_SCREENSHOTS", os.path.join(DASHBOARDS, "screenshots"))


@pytest.fixture(scope="module")
def browser(superset_url):
    from buzzbeam_dashboards.browser import Browser

    b = Browser()
    b.login(superset_url, "admin", os.environ["BUZZBEAM_SUPERSET_PASSWORD"])
    yield b
    b.close()


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_dashboard_renders_without_chart_errors(browser, superset_url, slug):
    n = len(EXPECTED[slug])
    report = browser.open_dashboard(superset_url, slug, n)
    shot = browser.screenshot(os.path.join(SHOTS, f"{slug}.png"))
    assert os.path.getsize(shot) > 20_000
    assert not report["errors"], report["errors"]
    assert report["rendered"] >= n, f"{report['rendered']} of {n} charts drew something"
    bad = [r for r in report["responses"] if r["status"] != 200 or r["error"] or not r["rowcount"]]
    assert not bad, [(r["status"], r["rowcount"], r["error"], r["url"]) for r in bad]
    assert len(report["responses"]) >= n, f"only {len(report['responses'])} chart data responses for {n} charts"
