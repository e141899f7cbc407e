"""buzzbeam's Superset tooling: the dashboard bundle, the local Superset, the read-only role."""

import os

DASHBOARDS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSETS_DIR = os.path.join(DASHBOARDS_DIR, "assets")
REPO_DIR = os.path.dirname(DASHBOARDS_DIR)


class UsageError(Exception):
    """Bad command line: reported as one line, exit status 2."""
