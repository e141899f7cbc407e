"""The read-only PostgreSQL role Superset connects with: SELECT on buzzbeam's SPEC §5 tables only."""

from . import superset_env

READER = "buzzbeam_reader"
# The SPEC §5 tables (marts, facts, dead letters, quality report, runs) and issue #14's: all that the dashboards read.
TABLES = ["mart_brand_daily", "mart_brand_summary", "mart_post_type", "mart_upload_heatmap",
          "mart_hashtag_daily", "mart_keyword_daily", "fact_media", "rejected", "quality_report", "pipeline_run",
          # issue #14's marts and view (docs/METRICS.md)
          "mart_ranking_snapshot", "mart_brand_movement", "mart_best_time", "mart_brand_growth", "mart_hashtag_spike"]


def ensure_reader(target, owner_user, owner_password, reader_password, reader=READER, schema="public", admin=None):
    """Creates/updates the role; returns the tables granted and missing.

    Connects as `admin` ((user, password): e.g. the embedded server's superuser) when given, else as the
    owner of the tables, which then needs CREATEROLE (or an existing role it may ALTER).
    """
    import psycopg2
    import psycopg2.extensions
    from psycopg2 import sql

    user, password = admin if admin else (owner_user, owner_password)
    try:
        conn = psycopg2.connect(**target.libpq_kwargs(user=user, password=password), connect_timeout=15)
    except psycopg2.OperationalError as e:
        if password:
            raise
        reason = (str(e).strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"connecting to {target.host}:{target.port}/{target.database} as {user} without a "
                           f"password failed ({reason}): set BUZZBEAM_JDBC_PASSWORD or PGPASSWORD, or add a line "
                           f"for it to ~/.pgpass (or PGPASSFILE)") from e
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (reader,))
            role = sql.Identifier(reader)
            if cur.fetchone() is None:
                try:
                    cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
                except psycopg2.errors.InsufficientPrivilege as e:
                    raise RuntimeError(f"{user} may not create the read-only role {reader} (it needs CREATEROLE): "
                                       f"have an administrator run CREATE ROLE {reader} LOGIN, or give --jdbcUser "
                                       f"a role with CREATEROLE") from e
            # hashed here (SCRAM, as the embedded server does): the plain password never reaches a server log
            hashed = psycopg2.extensions.encrypt_password(reader_password, reader, conn, "scram-sha-256")
            cur.execute(sql.SQL("ALTER ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                                "PASSWORD %s").format(role), (hashed,))
            cur.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(role))
            cur.execute(sql.SQL("ALTER ROLE {} SET statement_timeout = '120s'").format(role))
            cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(target.database), role))
            cur.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), role))
            cur.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(sql.Identifier(schema), role))
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))
            present = {r[0] for r in cur.fetchall()}
            granted = [t for t in TABLES if t in present]
            for t in granted:
                cur.execute(sql.SQL("GRANT SELECT ON {}.{} TO {}").format(sql.Identifier(schema), sql.Identifier(t), role))
            missing = [t for t in TABLES if t not in present]
    finally:
        conn.close()
    if missing:
        superset_env.log(f"warning: tables not there yet (run the pipeline, then `dashboards up` again): {', '.join(missing)}")
    superset_env.log(f"read-only role {reader}: SELECT on {len(granted)} tables of {target.database}")
    return granted, missing
