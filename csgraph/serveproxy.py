"""The front door of ``csgraph serve``: a small HTTP proxy on the public port before the Oxigraph
server, which listens on a private loopback port.

It refuses a ``Host`` header other than the names the server is reached by (so a web page cannot
reach it through DNS rebinding), answers CORS for the one origin allowed (if any), bounds the number
of open connections and the time a client may take to send its request, and sends each request on
to Oxigraph as one request per connection. Slow clients cost an idle coroutine each, not a thread,
so a few hundred of them do not stop it answering others.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading

__all__ = ["Proxy"]

_HEAD_LIMIT = 64 * 1024
_DROP = {"connection", "keep-alive", "proxy-connection", "upgrade"}


class Proxy:
    """Forwards the connections accepted on ``sock`` to ``127.0.0.1:upstream_port`` in a thread of
    its own; :meth:`stop` closes it."""

    def __init__(self, sock: socket.socket, upstream_port: int, *, hosts: set[str], cors: str | None,
                 max_connections: int, head_timeout: float, request_timeout: float) -> None:
        self.sock, self.upstream_port, self.hosts, self.cors = sock, upstream_port, hosts, cors
        self.max_connections, self.head_timeout = max_connections, head_timeout
        self.request_timeout = request_timeout
        self.active = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stopped: asyncio.Future | None = None
        self._thread = threading.Thread(target=self._run, name="csgraph-serve-proxy", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(30)

    def stop(self) -> None:
        if self._thread.is_alive() and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set_result, None)
            self._thread.join(10)
        with contextlib.suppress(OSError):
            self.sock.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._loop.close()

    async def _main(self) -> None:
        self._stopped = self._loop.create_future()
        server = await asyncio.start_server(self._handle, sock=self.sock, limit=_HEAD_LIMIT,
                                            backlog=1024)
        self._ready.set()
        async with server:
            await self._stopped
            server.close()
        pending = asyncio.all_tasks(self._loop) - {asyncio.current_task()}
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.active >= self.max_connections:
            await _reply(writer, 503, "Too many connections; try again shortly.")
            return
        self.active += 1
        try:
            await asyncio.wait_for(self._forward(reader, writer), self.request_timeout)
        except (TimeoutError, ConnectionError, OSError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError, ValueError, asyncio.CancelledError):
            pass
        finally:
            self.active -= 1
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.head_timeout)
        lines = head.decode("latin-1").split("\r\n")
        method = lines[0].split(" ", 1)[0]
        headers = [line.split(":", 1) for line in lines[1:] if ":" in line]
        fields = {k.strip().lower(): v.strip() for k, v in headers}
        if fields.get("host", "").lower() not in self.hosts:
            await _reply(writer, 403, "This server answers only requests addressed to it by its own "
                                      "name (Host header refused).")
            return
        origin = fields.get("origin")
        allow = self.cors if self.cors and origin and self.cors in ("*", origin) else None
        if method == "OPTIONS" and allow:
            await _reply(writer, 204, "", extra=_cors_headers(allow, preflight=True))
            return
        kept = [f"{k.strip()}: {v.strip()}" for k, v in headers if k.strip().lower() not in _DROP]
        upstream_head = "\r\n".join([lines[0], *kept, "Connection: close", "", ""]).encode("latin-1")
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port,
                                                             limit=_HEAD_LIMIT)
        try:
            up_writer.write(upstream_head)
            pump = asyncio.ensure_future(_pipe(reader, up_writer))
            answer = await up_reader.readuntil(b"\r\n\r\n")
            if allow:
                answer = answer[:-2] + "".join(f"{k}: {v}\r\n" for k, v in
                                               _cors_headers(allow).items()).encode() + b"\r\n"
            writer.write(answer)
            await _pipe(up_reader, writer)
            pump.cancel()
        finally:
            up_writer.close()


def _cors_headers(origin: str, preflight: bool = False) -> dict[str, str]:
    out = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    if preflight:
        out.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Content-Type, Accept",
                    "Access-Control-Max-Age": "600"})
    return out


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while chunk := await reader.read(1 << 16):
        writer.write(chunk)
        await writer.drain()


async def _reply(writer: asyncio.StreamWriter, status: int, text: str,
                 extra: dict[str, str] | None = None) -> None:
    reason = {204: "No Content", 403: "Forbidden", 503: "Service Unavailable"}[status]
    body = text.encode()
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", f"Content-Length: {len(body)}",
            "Content-Type: text/plain; charset=utf-8",
            *(f"{k}: {v}" for k, v in (extra or {}).items())]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    with contextlib.suppress(ConnectionError):
        await writer.drain()
