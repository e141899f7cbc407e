"""Headless Chromium (Debian's chromium + chromedriver) driving a real Superset: log in, open a
dashboard, wait for every chart, collect chart-data responses and visible errors, screenshot."""

import json
import os
import shutil
import tempfile
import time

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                  "--lang=en-US"]
ERROR_SELECTORS = [".ant-alert-error", "[data-test='error-message']", ".error-message", ".alert-danger",
                   "[data-test='chart-error']"]
ERROR_TEXTS = ["Unexpected error", "No results were returned", "An error occurred", "Error:",
               "There was an error", "Data error", "DB engine Error", "is not a valid", "does not exist"]


def find_binary(*names):
    for n in names:
        p = shutil.which(n) or (n if os.path.exists(n) else None)
        if p:
            return p
    return None


class Browser:
    def __init__(self, width=1600, height=1200):
        os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download a browser
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        chromium = find_binary("chromium", "/usr/bin/chromium", "chromium-browser")
        driver = find_binary("chromedriver", "/usr/bin/chromedriver")
        if not chromium or not driver:
            raise RuntimeError("Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver")
        self.profile = tempfile.mkdtemp(prefix="buzzbeam-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for f in CHROMIUM_FLAGS + [f"--user-data-dir={self.profile}", f"--window-size={width},{height}"]:
            opts.add_argument(f)
        opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
        self.driver.set_page_load_timeout(120)
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.width = width

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def login(self, url, user, password):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        d = self.driver
        d.get(url.rstrip("/") + "/login/")
        wait = WebDriverWait(d, 60)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input#username, input[name='username']")))
        d.find_element(By.CSS_SELECTOR, "input#username, input[name='username']").send_keys(user)
        d.find_element(By.CSS_SELECTOR, "input#password, input[name='password']").send_keys(password)
        d.find_element(By.CSS_SELECTOR, "button[type='submit'], input[type='submit']").click()
        wait.until(lambda drv: "/login" not in drv.current_url)

    def _drain_chart_responses(self):
        """(status, body) of every /api/v1/chart/data response since the last call."""
        out = []
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") != "Network.responseReceived":
                continue
            resp = msg["params"]["response"]
            if "/api/v1/chart/data" not in resp["url"]:
                continue
            try:
                body = self.driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": msg["params"]["requestId"]})
                payload = json.loads(body["body"])
            except Exception as e:  # noqa: BLE001
                payload = {"_unreadable": str(e)}
            form = payload.get("result", [{}])[0] if isinstance(payload.get("result"), list) and payload["result"] else {}
            out.append({"status": resp["status"], "url": resp["url"], "payload": payload,
                        "rowcount": form.get("rowcount"), "error": form.get("error")})
        return out

    def open_dashboard(self, url, slug, expect_charts, timeout=180):
        """Opens the dashboard and waits until every chart has rendered or failed; returns a report."""
        from selenium.webdriver.common.by import By

        d = self.driver
        d.get_log("performance")  # drop earlier entries
        d.get(f"{url.rstrip('/')}/superset/dashboard/{slug}/?standalone=1")
        t0 = time.time()
        responses = []
        while time.time() - t0 < timeout:
            responses += self._drain_chart_responses()
            holders = d.find_elements(By.CSS_SELECTOR, ".dashboard-component-chart-holder")
            loading = d.find_elements(By.CSS_SELECTOR, ".dashboard-component-chart-holder .loading, "
                                                       ".dashboard-component-chart-holder [data-test='loading-indicator']")
            if len(holders) >= expect_charts and not loading and len(responses) >= expect_charts:
                break
            time.sleep(1)
        time.sleep(3)  # let ECharts finish its animations
        responses += self._drain_chart_responses()
        errors = []
        for sel in ERROR_SELECTORS:
            for el in d.find_elements(By.CSS_SELECTOR, sel):
                if el.is_displayed():
                    errors.append(f"{sel}: {el.text[:200]}")
        holders = d.find_elements(By.CSS_SELECTOR, ".dashboard-component-chart-holder")
        for h in holders:
            text = h.text
            for t in ERROR_TEXTS:
                if t in text:
                    errors.append(f"chart text {t!r}: {text[:200]!r}")
        rendered = d.execute_script(
            "return Array.from(document.querySelectorAll('.dashboard-component-chart-holder'))"
            ".filter(h => h.querySelector('canvas, svg, table, .superset-legacy-chart-word-cloud, "
            ".big_number_total, [class*=\"big-number\"], .pvtTable')).length")
        return {"charts": len(holders), "rendered": rendered, "responses": responses, "errors": errors,
                "seconds": time.time() - t0}

    def screenshot(self, path):
        d = self.driver
        # The whole dashboard: the bottom of its lowest chart, plus a margin. (Not the document's
        # scrollHeight: parts of Superset's page are 100vh high and grow with every resize.)
        # Re-measured after a resize in case the grid re-lays out to the new viewport.
        measure = ("return Math.ceil(Math.max(0, ...Array.from(document.querySelectorAll("
                   "'.dashboard-component-chart-holder, .grid-row, .dashboard-header, [data-test=\"dashboard-header\"]'))"
                   ".map(e => e.getBoundingClientRect().bottom + window.scrollY)))")
        # set_window_size sets the outer size: add what the window takes beyond the viewport
        chrome = max(0, int(d.get_window_size()["height"]) - int(d.execute_script("return window.innerHeight")))
        height = 0
        for _ in range(3):
            new = min(int(d.execute_script(measure)) + 40 + chrome, 8000)
            if abs(new - height) <= 8:
                break
            height = new
            d.set_window_size(self.width, height)
            time.sleep(2)
        time.sleep(1)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        d.save_screenshot(path)
        return path
