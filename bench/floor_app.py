"""The floor of an API list: a bare WSGI app that runs the one SQL query an endpoint needs through
psycopg and encodes the rows with orjson — no framework, no authentication, no serializer. What the
platform's endpoint does beyond this is the overhead the benchmark's ratio measures.

The queries come from the file named by BENCH_FLOOR_QUERIES (JSON: {name: sql}); `GET /<name>` runs
one. Served by the same gunicorn settings as the platform (bench.servers).
"""

from __future__ import annotations

import json
import os
import threading

import orjson
import psycopg
from psycopg.rows import dict_row

QUERIES: dict[str, str] = json.loads(open(os.environ["BENCH_FLOOR_QUERIES"]).read())  # noqa: SIM115
DSN = os.environ["BENCH_DATABASE_URL"].replace("postgres://", "postgresql://", 1)
_local = threading.local()


def _connection() -> psycopg.Connection:
    # One persistent connection per thread, as Django's CONN_MAX_AGE gives the platform.
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = _local.connection = psycopg.connect(DSN, autocommit=True, row_factory=dict_row)
    return connection


def application(environ, start_response):
    name = environ.get("PATH_INFO", "/").strip("/")
    sql = QUERIES.get(name)
    if sql is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"unknown floor query"]
    rows = _connection().execute(sql).fetchall()
    body = orjson.dumps({"next": None, "previous": None, "results": rows}, default=str)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
