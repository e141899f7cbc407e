"""Imports the bundle into the local Superset's metadata, in-process, overwriting older versions.

Run inside the Superset virtualenv (`python -m buzzbeam_dashboards.importer`) with
SUPERSET_CONFIG_PATH set; reads the bundle path from argv[1] and the database password from env
BUZZBEAM_READER_PASSWORD (never from the command line).
"""

import os
import sys
import zipfile


def main(path):
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from flask import g
        from superset import security_manager
        from superset.commands.importers.v1.assets import ImportAssetsCommand

        from .bundle import DATABASE_FILE

        g.user = security_manager.find_user(username="admin")
        with zipfile.ZipFile(path) as z:
            contents = {n.split("/", 1)[1]: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".yaml")}
        ImportAssetsCommand(contents, passwords={DATABASE_FILE: os.environ["BUZZBEAM_READER_PASSWORD"]}).run()
    print(f"imported {len(contents)} files")


if __name__ == "__main__":
    main(sys.argv[1])
