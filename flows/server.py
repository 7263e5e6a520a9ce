"""A long-lived local Prefect server that `cqetl run` reuses.

The temporary server Prefect starts in every new process costs 10-20 s; a
server started once (`cqetl server start`) and recorded in
`.prefect/server.json` brings a small run down to a few seconds. Runs fall
back to the temporary server when none is recorded or it does not answer.
Both use the same project-local `PREFECT_HOME`, so the history is one.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

START_TIMEOUT_S = 180  # a fresh PREFECT_HOME migrates its database first


def _record(home: Path) -> Path:
    return home / "server.json"


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def recorded_url(home: Path) -> str | None:
    """The URL of the recorded server when it answers, else None."""
    try:
        info = json.loads(_record(home).read_text())
    except (OSError, ValueError):
        return None
    return info["url"] if healthy(info["url"]) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(home: Path, port: int | None = None) -> str:
    """Start a detached server bound to 127.0.0.1 and wait until it answers."""
    if url := recorded_url(home):
        return url
    home.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = open(home / "server.log", "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if healthy(url):
            _record(home).write_text(json.dumps({"pid": proc.pid, "url": url}))
            return url
        if proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode}; see {home / 'server.log'}")
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"the Prefect server did not answer within {START_TIMEOUT_S} s; see {home / 'server.log'}")


def stop(home: Path) -> bool:
    try:
        info = json.loads(_record(home).read_text())
    except (OSError, ValueError):
        return False
    try:
        os.killpg(info["pid"], signal.SIGTERM)
    except ProcessLookupError:
        pass
    _record(home).unlink(missing_ok=True)
    return True
