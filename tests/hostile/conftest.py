"""Fixtures of the hostile-input suite: a local HTTP server that records every request
(remote references in hostile files point at it, so "nothing fetched" is checked), and
running the core readers in a child process under memory and CPU limits."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]


class Watched:
    """The server's base URL and the paths requested from it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.requests: list[str] = []


@pytest.fixture(scope="session")
def watched_server() -> Iterator[Watched]:
    watched = Watched("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            watched.requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"fetched")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    watched.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield watched
    server.shutdown()


def run_child(action: str, path: Path, *more: Path | str) -> dict[str, Any]:
    """``child.py action path ...`` under limits; its JSON line (fails the test on a traceback)."""
    proc = subprocess.run([sys.executable, str(CHILD), action, str(path), *map(str, more)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, f"{path.name}: exit {proc.returncode}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture()
def child():
    return run_child


def run_cli(*args: str | Path, env: dict[str, str] | None = None, stdout: Any = subprocess.PIPE,
            cwd: Path = REPO, shell_suffix: str = "") -> subprocess.CompletedProcess[str]:
    """The ``briefing`` command under the child's memory and CPU limits; ``shell_suffix``
    (``| head -c 50``) runs it in a shell pipeline whose stderr ends with ``exit N``."""
    import os
    import shlex

    argv = [sys.executable, str(CHILD), "cli", *map(str, args)]
    full_env = {**os.environ, **(env or {})}
    if shell_suffix:
        line = " ".join(shlex.quote(a) for a in argv)
        argv = ["bash", "-c", f"set -o pipefail; {line} {shell_suffix}; echo \"exit ${{PIPESTATUS[0]}}\" >&2"]
    proc = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, timeout=300, cwd=cwd, env=full_env)
    out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else proc.stdout
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err[-3000:]
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture()
def cli():
    return run_cli
