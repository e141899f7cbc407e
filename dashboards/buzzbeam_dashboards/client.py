"""A small Superset REST client (login, CSRF, asset import, chart data), used by `up` and the tests."""

import json

import requests


class SupersetError(RuntimeError):
    pass


class Superset:
    def __init__(self, url, user="admin", password=None, timeout=120):
        self.url = url.rstrip("/")
        self.s = requests.Session()
        self.s.headers["Referer"] = self.url
        self.timeout = timeout
        if password is not None:
            self.login(user, password)

    def login(self, user, password):
        r = self.s.post(f"{self.url}/api/v1/security/login", timeout=self.timeout,
                        json={"username": user, "password": password, "provider": "db", "refresh": True})
        if r.status_code != 200:
            raise SupersetError(f"login as {user} failed: HTTP {r.status_code} {r.text[:200]}")
        self.s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        r = self.s.get(f"{self.url}/api/v1/security/csrf_token/", timeout=self.timeout)
        r.raise_for_status()
        self.s.headers["X-CSRFToken"] = r.json()["result"]

    def get(self, path, **kw):
        r = self.s.get(self.url + path, timeout=self.timeout, **kw)
        return r

    def import_assets(self, zip_bytes, passwords):
        r = self.s.post(f"{self.url}/api/v1/assets/import/", timeout=self.timeout,
                        files={"bundle": ("buzzbeam_dashboards.zip", zip_bytes, "application/zip")},
                        data={"passwords": json.dumps(passwords)})
        if r.status_code != 200:
            raise SupersetError(f"import failed: HTTP {r.status_code} {r.text[:2000]}")
        return r.json()

    def list_all(self, kind, q="(page_size:100)"):
        r = self.get(f"/api/v1/{kind}/?q={q}")
        r.raise_for_status()
        return r.json()["result"]

    def dashboard(self, slug):
        r = self.get(f"/api/v1/dashboard/{slug}")
        r.raise_for_status()
        return r.json()["result"]

    def dashboard_charts(self, slug):
        r = self.get(f"/api/v1/dashboard/{slug}/charts")
        r.raise_for_status()
        return r.json()["result"]

    def chart_data(self, chart_id):
        return self.get(f"/api/v1/chart/{chart_id}/data/")
