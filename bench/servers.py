"""The two servers under load, started with the same gunicorn settings: the platform and the floor."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Two processes (one per core) with two threads each: four requests in flight, like the four clients.
GUNICORN_SETTINGS = ["--workers", "2", "--worker-class", "gthread", "--threads", "2", "--keep-alive", "30"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, environment: dict[str, str], *, ready_path: str = "/"):
    """Serve `app` on a free loopback port for the duration of the block; yield its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", *GUNICORN_SETTINGS,
         "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, **environment},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + ready_path, timeout=5)
                break
            except urllib.error.HTTPError:
                break  # it answers (a 302 or 404 is an answer)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app} did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
