"""Test helpers for servers the tests start: a free port (waiting until one answers is the
library's own :func:`csgraph.server.wait_until_answering`)."""

from __future__ import annotations

import socket

from csgraph.server import wait_until_answering

__all__ = ["free_port", "wait_until_answering"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]
