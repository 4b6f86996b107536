"""Servers the tests (and the benchmark) start on 127.0.0.1: a free port, Oxigraph and Virtuoso
processes with their URLs and write credentials. Waiting until one answers is the library's own
:func:`csgraph.server.wait_until_answering`."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from csgraph.server import wait_until_answering

__all__ = ["ServerDidNotStart", "SparqlServer", "free_port", "start_oxigraph", "start_virtuoso",
           "wait_until_answering"]


class ServerDidNotStart(RuntimeError):
    """The server process exited or did not answer in time; the message holds its log's tail."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class SparqlServer:
    """A SPARQL server the tests started: its URLs, process and write credentials (if any)."""

    name: str
    base_url: str
    query_url: str
    update_url: str
    store_url: str
    process: subprocess.Popen = field(repr=False)
    credentials: tuple[str, str] | None = field(default=None, repr=False)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Put the write credentials in CSGRAPH_ENDPOINT_USER/PASSWORD while the block runs."""
        names = ("CSGRAPH_ENDPOINT_USER", "CSGRAPH_ENDPOINT_PASSWORD")
        before = {n: os.environ.get(n) for n in names}
        if self.credentials:
            os.environ.update(zip(names, self.credentials))
        try:
            yield
        finally:
            for n, v in before.items():
                if v is None:
                    os.environ.pop(n, None)
                else:
                    os.environ[n] = v


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def start_oxigraph(exe: str, location: Path | None = None) -> Iterator[SparqlServer]:
    """`oxigraph serve` (default configuration, no union default graph) on a free 127.0.0.1 port."""
    port = free_port()
    args = [exe, "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        args += ["--location", str(location)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_answering(f"{base}/query", process=process, timeout=60)
        except (TimeoutError, RuntimeError) as exc:
            raise ServerDidNotStart(f"Oxigraph did not start: {exc}") from None
        yield SparqlServer("oxigraph", base, f"{base}/query", f"{base}/update", f"{base}/store",
                           process)
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@contextlib.contextmanager
def start_virtuoso(exe: str, folder: Path, *, buffers: int = 10000) -> Iterator[SparqlServer]:
    """`virtuoso-t +foreground` with a generated virtuoso.ini: SQL and HTTP on free 127.0.0.1 ports.

    Anonymous /sparql is read-only; writes go to /sparql-graph-crud-auth (graph store) or
    /sparql-auth (SPARQL Update) with Digest auth as dba, whose password is set to a random one
    through isql-vt as soon as the server is up. ``buffers`` is Virtuoso's page cache (8 KB pages).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port, buffers=buffers,
                                       dirty=buffers * 3 // 5))
    log = open(folder / "console.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        try:
            wait_until_answering(f"{base}/sparql", process=process, timeout=120)
        except (TimeoutError, RuntimeError) as exc:
            tail = (folder / "console.log").read_text(errors="replace")[-2000:]
            raise ServerDidNotStart(f"Virtuoso did not start: {exc}\n{tail}") from None
        password = secrets.token_urlsafe(12)
        isql = shutil.which("isql-vt") or shutil.which("isql")
        if isql:
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                   f"exec=user_set_password('dba', '{password}');"],
                                  capture_output=True, text=True, timeout=60, check=False)
            if done.returncode != 0:
                password = "dba"
        else:
            password = "dba"
        yield SparqlServer("virtuoso", base, f"{base}/sparql", f"{base}/sparql-auth",
                           f"{base}/sparql-graph-crud-auth", process, ("dba", password))
    finally:
        stop(process)
        log.close()
