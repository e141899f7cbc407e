"""JDBC URLs (what the pipeline takes) to SQLAlchemy URIs (what Superset takes)."""

import os
import re
import stat
import urllib.parse
from dataclasses import dataclass, field

from . import UsageError

MASKED_PASSWORD = "XXXXXXXXXX"  # Superset's own mask: the import asks for the real one


@dataclass
class PgTarget:
    host: str
    port: int
    database: str
    user: str | None = None
    password: str | None = None
    params: dict = field(default_factory=dict)

    def sqlalchemy_uri(self, user=None, password=None):
        user = user or self.user
        if not user:
            raise UsageError("no database user: give --jdbcUser")
        auth = urllib.parse.quote(user, safe="")
        if password:
            auth += ":" + urllib.parse.quote(password, safe="")
        query = ("?" + urllib.parse.urlencode(self.params)) if self.params else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql+psycopg2://{auth}@{host}:{self.port}/{urllib.parse.quote(self.database)}{query}"

    def libpq_kwargs(self, user=None, password=None):
        kw = dict(host=self.host, port=self.port, dbname=self.database, user=user or self.user)
        if password or self.password:
            kw["password"] = password or self.password
        kw.update({k: v for k, v in self.params.items() if k in ("sslmode", "sslrootcert", "connect_timeout")})
        return kw


_JDBC = re.compile(r"^jdbc:postgresql://(?P<host>\[[^\]]+\]|[^:/?]+)(?::(?P<port>\d+))?/(?P<db>[^?]+)(?:\?(?P<q>.*))?$")
# libpq knows these; other JDBC properties (currentSchema, ApplicationName...) are not passed on
_PASS_PARAMS = {"sslmode", "sslrootcert", "connect_timeout"}


def parse_jdbc_url(url, user=None, password=None):
    m = _JDBC.match(url or "")
    if not m:
        raise UsageError(f"--jdbcUrl must look like jdbc:postgresql://HOST[:PORT]/DATABASE, got {url!r}")
    q = dict(urllib.parse.parse_qsl(m.group("q") or ""))
    return PgTarget(
        host=m.group("host").strip("[]"),
        port=int(m.group("port") or 5432),
        database=urllib.parse.unquote(m.group("db")),
        user=user or q.get("user"),
        password=password or q.get("password"),
        params={k: v for k, v in q.items() if k in _PASS_PARAMS},
    )


def _embedded_port(pid_file):
    """The port of a running PostgreSQL from its postmaster.pid (line 4), or None."""
    try:
        lines = open(pid_file, encoding="utf-8").read().splitlines()
        return int(lines[3].strip())
    except (OSError, IndexError, ValueError):
        return None


def _read_properties(path):
    text = open(path, encoding="utf-8").read()
    if text.lstrip().startswith("{"):
        import json
        return {str(k): str(v) for k, v in json.loads(text).items()}
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")):
            continue
        k, sep, v = line.partition("=") if "=" in line else line.partition(":")
        if sep:
            values[k.strip()] = v.strip().replace("\\:", ":").replace("\\=", "=")
    return values


def read_embedded_superuser(data_dir):
    """(user, password) of the embedded PostgreSQL's superuser, or None.

    The application role `buzzbeam` owns the tables but may not create roles (no CREATEROLE); the
    read-only role for Superset is created with the superuser the embedded server keeps beside it
    (`superuser` / `superuser_password` in DATA_DIR/postgres.credentials, mode 600).
    """
    path = os.path.join(data_dir, "postgres.credentials")
    if not os.path.exists(path):
        return None
    values = _read_properties(path)
    if values.get("superuser") and values.get("superuser_password"):
        return values["superuser"], values["superuser_password"]
    return None


def read_embedded_credentials(data_dir):
    """The embedded PostgreSQL of `./buzzbeam serve`: (jdbc url, user, password) or None.

    The launcher keeps them in DATA_DIR/postgres.credentials. Read as `key=value` lines
    (Java properties; `#` comments) or as JSON; accepted keys: url / jdbcUrl, user / jdbcUser /
    username, password / jdbcPassword.
    """
    path = os.path.join(data_dir, "postgres.credentials")
    if not os.path.exists(path):
        return None
    values = _read_properties(path)

    def first(*keys):
        return next((values[k] for k in keys if values.get(k)), None)

    url = first("url", "jdbcUrl", "jdbc.url")
    if not url:
        # The embedded server (pipelines' EmbeddedPostgresServer) keeps user, password and database
        # in the credentials file; its port is PostgreSQL's own: line 4 of postmaster.pid.
        port = _embedded_port(os.path.join(data_dir, "postgres", "postmaster.pid"))
        if port is None:
            return None
        url = "jdbc:postgresql://127.0.0.1:%d/%s" % (port, first("database") or "buzzbeam")
    return url, first("user", "jdbcUser", "username"), first("password", "jdbcPassword")


def _pgpass_fields(line):
    """The five fields of a .pgpass line (`\\:` and `\\\\` are escapes), or None when malformed."""
    fields, cur, chars = [], [], iter(line)
    for ch in chars:
        if ch == "\\":
            cur.append(next(chars, ""))
        elif ch == ":" and len(fields) < 4:
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    fields.append("".join(cur))
    return fields if len(fields) == 5 else None


def pgpass_password(path, host, port, database, user):
    """The password of the first line of the password file `path` matching host:port:database:user
    (`*` matches anything), as libpq reads ~/.pgpass; None when there is none.

    Like libpq, a file that the group or others may read is ignored: its passwords are not private.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        return None
    wanted = (host, str(port), database, user)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            fields = _pgpass_fields(line)
            if fields and all(f == "*" or f == w for f, w in zip(fields[:4], wanted)):
                return fields[4]
    return None


def resolve_password(target, environ):
    """(password, where it came from) for `target`'s user, looked up the way PostgreSQL clients do.

    In order: BUZZBEAM_JDBC_PASSWORD; the password `target` already carries (the JDBC URL's
    `password=`, the embedded server's credentials file); PGPASSWORD; the password file PGPASSFILE,
    else ~/.pgpass, for host:port:database:user. None when none of them has one: the connection is
    then tried without a password (the server may trust the client).
    """
    if environ.get("BUZZBEAM_JDBC_PASSWORD"):
        return environ["BUZZBEAM_JDBC_PASSWORD"], "BUZZBEAM_JDBC_PASSWORD"
    if target.password:
        return target.password, "connection settings"
    if environ.get("PGPASSWORD"):
        return environ["PGPASSWORD"], "PGPASSWORD"
    path = environ.get("PGPASSFILE") or os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".pgpass")
    password = pgpass_password(path, target.host, target.port, target.database, target.user)
    if password:
        return password, path
    return None, None
