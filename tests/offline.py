"""An audit hook that keeps the test suite offline and, where asked, away from unexpected files.

Installed once by conftest.py for the whole session:

* every ``socket.connect`` to an address that is not loopback, and every DNS look-up of a name that
  is not local, is refused (PermissionError) and recorded;
* inside ``files_only(*roots)``, every Python-level ``open`` of a path outside those roots (and outside
  the interpreter's own folders) is refused and recorded.

Rust code inside pyoxigraph opens files without Python's audit events; the loader's own checks cover
what it reads, and tests assert the files it names.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import os
import site
import socket
import sys
import sysconfig

__all__ = ["BLOCKED", "files_only", "install"]

BLOCKED: list[str] = []
_ROOTS: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar("roots", default=None)
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_SYSTEM_ROOTS = tuple({os.path.realpath(p) for p in (
    sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), site.getusersitepackages(),
    sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"], "/dev/null", "/dev/urandom",
    "/proc/self") if p})
_installed = False


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _is_import_metadata(path: str) -> bool:
    """Package metadata that the import system and plugin discovery read (entry points, path hooks)."""
    return (".egg-info" + os.sep in path or ".dist-info" + os.sep in path
            or os.path.basename(path).startswith("__editable__"))


def _hook(event: str, args: tuple) -> None:
    if event == "socket.connect":
        sock, address = args
        if getattr(sock, "family", None) in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0]) if isinstance(address, tuple) else str(address)
            if not _is_loopback(host):
                BLOCKED.append(f"connect {host}")
                raise PermissionError(f"the test suite is offline: no connection to {host}")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode(errors="replace")
        if host is not None and not _is_loopback(str(host)):
            BLOCKED.append(f"lookup {host}")
            raise PermissionError(f"the test suite is offline: no look-up of {host}")
    elif event == "open":
        roots = _ROOTS.get()
        if roots is None:
            return
        path = args[0]
        if isinstance(path, int):
            return
        path = os.fsdecode(path)
        if _is_import_metadata(path):
            return
        if not _inside(path, roots + _SYSTEM_ROOTS):
            BLOCKED.append(f"open {path}")
            raise PermissionError(f"unexpected file access during a guarded call: {path}")


def install() -> None:
    """Install the hook (once per process; audit hooks cannot be removed)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextlib.contextmanager
def files_only(*roots: str | os.PathLike):
    """Refuse Python-level file opens outside ``roots`` (and the interpreter's folders) inside the block."""
    token = _ROOTS.set(tuple(os.path.realpath(os.fspath(r)) for r in roots))
    try:
        yield
    finally:
        _ROOTS.reset(token)
