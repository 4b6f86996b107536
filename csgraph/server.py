"""Serve a knowledge graph as a read-only SPARQL endpoint: ``oxigraph serve-read-only`` on a private
loopback port behind :class:`~csgraph.serveproxy.Proxy` on the public one.

The data is copied into a temporary store, which :meth:`Server.stop` removes with the Oxigraph
process. Queries run under a time limit; the proxy bounds connections, refuses foreign ``Host``
headers and answers CORS for one origin when asked.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Self

import pyoxigraph as ox

from .errors import CSGraphError
from .httppolicy import hint, is_loopback, safe_url
from .kg import KnowledgeGraph
from .serveproxy import Proxy
from .upload import embedded_kg

__all__ = ["Server", "oxigraph_executable", "serve", "wait_until_answering"]

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def oxigraph_executable() -> str:
    """The ``oxigraph`` command (from the ``oxigraph`` package), next to this Python or on PATH.

    >>> oxigraph_executable().endswith("oxigraph")
    True
    """
    beside = Path(sys.executable).with_name("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise CSGraphError("the oxigraph server is not installed; pip install 'oxigraph>=0.5,<0.6'")
    return found


class Server:
    """A running read-only SPARQL server holding a copy of the data; stop it with :meth:`stop`."""

    def __init__(self, process: subprocess.Popen, proxy: Proxy, base_url: str, folder: Path,
                 graphs: int, quads: int) -> None:
        self.process, self.proxy, self.base_url, self.folder = process, proxy, base_url, folder
        self.query_url = f"{base_url}/query"
        self.graphs, self.quads = graphs, quads

    def __repr__(self) -> str:
        state = "running" if self.process.poll() is None else "stopped"
        return f"<Server {self.query_url} {state}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> int:
        """Block until the Oxigraph process exits; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        """Stop the server and delete its copy of the data."""
        self.proxy.stop()
        _stop_process(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)


def _stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _listen(host: str, port: int) -> socket.socket:
    """The public listening socket, bound now so that a busy port is reported before anything else."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise CSGraphError(f"port {port} on {host} is already in use (another server is listening "
                               f"there); stop it or choose another port "
                               f"({hint(python='port=', cli='--port')}; 0 picks a free one)") from None
        raise CSGraphError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    sock.setblocking(False)
    return sock


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the Oxigraph child gets SIGTERM if csgraph dies without cleaning up (SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start_oxigraph(kg: KnowledgeGraph, folder: Path, union: bool, query_timeout: float
                    ) -> tuple[subprocess.Popen, int]:
    exe = oxigraph_executable()
    dump = folder / "data.nq"
    kg.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    loaded = subprocess.run([exe, "load", "--location", str(folder / "db"), "--file", str(dump)],
                            check=False, capture_output=True, text=True, timeout=3600)
    if loaded.returncode != 0:
        raise CSGraphError(f"oxigraph load failed: {loaded.stderr.strip()[-500:]}")
    dump.unlink()
    with socket.socket() as s:  # a private port for Oxigraph; only the proxy talks to it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [exe, "serve-read-only", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
            "--timeout-s", str(max(1, round(query_timeout)))]
    if union:
        args.append("--union-default-graph")
    with open(folder / "server.log", "wb") as logfile:
        # its own session: Ctrl-C reaches csgraph, which then stops the server and cleans up
        process = subprocess.Popen(args, stdout=logfile, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    return process, port


def serve(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike], *,
          port: int = 7878, bind: str = "127.0.0.1", allow_public: bool = False,
          union_default_graph: bool = False, ready_timeout: float = 60.0, query_timeout: float = 60.0,
          max_connections: int = 512, cors: str | None = None,
          allowed_hosts: Iterable[str] = ()) -> Server:
    """Serve the data as a read-only SPARQL endpoint; returns the running :class:`Server` (query it
    at ``server.query_url`` with :func:`csgraph.connect`).

    Only loopback addresses are bound unless ``allow_public=True``; ``port=0`` picks a free port,
    and a busy port is an error at once. Each query may run ``query_timeout`` seconds (whole
    seconds, Oxigraph's ``--timeout-s``). At most ``max_connections`` connections are open at once
    and a client has 10 s to send its request. Requests whose ``Host`` is not this server's address
    (``127.0.0.1:PORT``, ``localhost:PORT``, or a name in ``allowed_hosts``) are refused.
    ``cors="https://yasgui.example"`` lets pages from that origin (``"*"``: any) query it.
    ``union_default_graph=True`` lets clients other than csgraph see the data without naming graphs.

    Examples
    --------
    >>> import csgraph
    >>> kg = csgraph.load(bundled=True)
    >>> with serve(kg, port=0) as server:               # a real Oxigraph server on 127.0.0.1
    ...     remote = csgraph.connect(server.query_url)
    ...     [str(r["count"]) for r in csgraph.query(remote, "pilots") if r["count"] is not None]
    ['11']
    """
    host = bind.strip("[]")
    if not is_loopback(host) and not allow_public:
        option = hint(python="allow_public=True", cli="--public")
        raise CSGraphError(f"refusing to serve on {bind}, which other machines can reach; bind "
                           f"127.0.0.1, or pass {option} if you mean it")
    if query_timeout <= 0 or max_connections < 1:
        raise ValueError("query_timeout and max_connections must be positive")
    if cors is not None and cors != "*" and not _ORIGIN.fullmatch(cors):
        raise CSGraphError(f"{hint(python='cors=', cli='--cors')} takes an origin like https://yasgui.example "
                           f"or http://127.0.0.1:8080 (scheme, host and port, no path), or *; not {cors!r}")
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    try:
        kg = embedded_kg(kg_or_paths)
        folder = Path(tempfile.mkdtemp(prefix="csgraph-serve-"))
    except BaseException:
        sock.close()
        raise
    process = None
    try:
        process, private = _start_oxigraph(kg, folder, union_default_graph, query_timeout)
        wait_until_answering(f"http://127.0.0.1:{private}/query", process=process, timeout=ready_timeout)
    except BaseException as exc:
        sock.close()
        if process is not None:
            _stop_process(process)
        tail = (folder / "server.log").read_text(errors="replace")[-500:].strip() \
            if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, (TimeoutError, RuntimeError)):
            raise CSGraphError(f"the oxigraph server did not start: {tail}") from None
        raise
    url_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    netloc = f"[{url_host}]:{port}" if ":" in url_host else f"{url_host}:{port}"
    names = {netloc, f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}",
             *(f"{h}:{port}" if ":" not in h.strip("[]") else h for h in allowed_hosts)}
    proxy = Proxy(sock, private, hosts={n.lower() for n in names}, cors=cors,
                  max_connections=max_connections, head_timeout=10.0,
                  request_timeout=query_timeout + 30.0)
    proxy.start()
    return Server(process, proxy, f"http://{netloc}", folder, sum(1 for _ in kg.store.named_graphs()),
                  len(kg.store))


def wait_until_answering(query_url: str, *, process: subprocess.Popen | None = None,
                          timeout: float = 60.0) -> None:
    """Wait until a SPARQL endpoint answers ``ASK {}``; raises TimeoutError or RuntimeError."""
    deadline = time.monotonic() + timeout
    request_url = f"{query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with opener.open(urllib.request.Request(
                    request_url, headers={"Accept": "application/sparql-results+json"}),
                    timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{safe_url(query_url)} did not answer within {timeout:g} s")
        time.sleep(0.1)


def _free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]
