"""How csgraph speaks HTTP to SPARQL servers: URL checks, credentials, retries, errors and limits.

Credentials come from ``CSGRAPH_ENDPOINT_USER`` and ``CSGRAPH_ENDPOINT_PASSWORD`` and are sent only
over https or to a loopback host, never in a URL and never after a redirect. Connection failures and
HTTP 503 are retried with exponential backoff; every other failure becomes one of the library's
:class:`~csgraph.errors.EndpointError` types, naming the endpoint and never a secret. Answers are
read against a deadline and a size limit.

>>> safe_url("https://ann:secret@example.org/sparql?key=abc")
'https://example.org/sparql'
>>> hint(python="timeout=", cli="--timeout")
'timeout='
"""

from __future__ import annotations

import logging
import os
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.client import HTTPException, IncompleteRead
from ipaddress import ip_address
from typing import Any, TypeVar

# cli_hints and hint live with the errors; they are re-exported here, where they used to be
from .errors import EndpointAuthError, EndpointError, EndpointTimeout, EndpointUnavailable, cli_hints, hint

__all__ = [
    "MAX_ANSWER_BYTES",
    "MAX_ANSWER_ENV",
    "PASSWORD_ENV",
    "USER_ENV",
    "attempts",
    "check_complete",
    "check_url",
    "cli_hints",
    "credentials",
    "hint",
    "is_loopback",
    "opener",
    "read_body",
    "safe_url",
]

log = logging.getLogger("csgraph.remote")

USER_ENV = "CSGRAPH_ENDPOINT_USER"
PASSWORD_ENV = "CSGRAPH_ENDPOINT_PASSWORD"
#: The largest answer read from a server, in bytes, unless the caller raises it.
MAX_ANSWER_BYTES = 512 * 1024 * 1024
#: An environment variable that sets that limit for every connection (the command line reads it too).
MAX_ANSWER_ENV = "CSGRAPH_MAX_ANSWER_BYTES"

_RETRY_AFTER_CAP = 30.0
T = TypeVar("T")

# Virtuoso echoes every graph of a request's dataset as an X-SPARQL-default-graph or -named-graph
# response header: from about 48 graphs on, more than the 100 headers http.client accepts. A graph
# list of up to 10,000 graphs is allowed for (the answer's size is bounded on its own); this raises
# a process-wide limit of the standard library, never lowers it.
import http.client as _http_client  # noqa: E402

_http_client._MAXHEADERS = max(_http_client._MAXHEADERS, 20_100)


def safe_url(url: str | None) -> str:
    """The URL without user name, password, query string or fragment, for messages and logs.

    >>> safe_url("http://[::1]:7878/query#x")
    'http://[::1]:7878/query'
    """
    if not url:
        return ""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable URL>"
    return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def check_url(url: str, what: str = "endpoint URL") -> str:
    """The URL without its fragment, after checking it is http(s) with a host and no credentials."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except (ValueError, TypeError, AttributeError):
        raise EndpointError(f"the {what} is not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c in url for c in "\r\n\t "):
        raise EndpointError(f"the {what} must be an http:// or https:// URL with a host and no spaces, "
                            "like http://127.0.0.1:7878/query", endpoint=safe_url(url))
    if parts.username is not None or parts.password is not None:
        raise EndpointAuthError(f"credentials in the {what} are refused; set {USER_ENV} and "
                                f"{PASSWORD_ENV} instead", endpoint=safe_url(url))
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (localhost, 127.0.0.0/8, ::1).

    >>> is_loopback("127.0.0.2"), is_loopback("[::1]"), is_loopback("example.org")
    (True, True, False)
    """
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def credentials(*urls: str | None) -> tuple[str, str] | None:
    """The credentials from the environment, if the URLs may carry them; raises before any request."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user and not password:
        return None
    for url in filter(None, urls):
        if not user or not password:
            raise EndpointAuthError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither",
                                    endpoint=safe_url(url))
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme != "https" and not is_loopback(host):
            raise EndpointAuthError(
                "refusing to send credentials over plain http to a host that is not this machine; "
                f"use an https URL, or unset {USER_ENV} and {PASSWORD_ENV}", endpoint=safe_url(url))
        if (parts.scheme == "http" and urllib.request.getproxies().get("http")
                and not urllib.request.proxy_bypass(host)):
            raise EndpointAuthError(
                "refusing to send credentials over plain http through the configured HTTP proxy; "
                f"add {host} to no_proxy or use https", endpoint=safe_url(url))
    return (user, password) if user and password else None


def opener(creds: tuple[str, str] | None, *urls: str) -> urllib.request.OpenerDirector:
    """A private opener (never installed globally) that answers Basic and Digest challenges for
    ``urls`` only."""
    handlers: list[urllib.request.BaseHandler] = []
    if creds:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in urls:
            parts = urllib.parse.urlsplit(url)
            manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", *creds)
        handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                     urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


# --- failures -----------------------------------------------------------------------------------

class _Retry(Exception):
    """A failure worth another attempt (connection failed, or HTTP 503)."""

    def __init__(self, final: EndpointError, delay: float | None = None) -> None:
        self.final, self.delay = final, delay
        super().__init__(str(final))


def _status_message(status: int, label: str, writing: bool) -> str:
    if status == 400:
        return (f"{label}: the endpoint rejected the request (HTTP 400); it may not support a SPARQL "
                "1.1 feature the query uses - try the query on the embedded store")
    if status == 404:
        return (f"{label}: nothing answers at this URL (HTTP 404); Oxigraph answers queries at "
                "/query, Virtuoso at /sparql")
    if status == 414:
        return f"{label}: the request is too long for the endpoint (HTTP 414)"
    if writing and status == 403 and not os.environ.get(USER_ENV):
        return (f"{label}: the server refused writing (HTTP 403); it is read-only or does not let this "
                "client write (csgraph serve and oxigraph serve-read-only are read-only)")
    if status in (401, 403):
        who = "the server refused writing" if writing else "the endpoint refused access"
        if os.environ.get(USER_ENV):
            return (f"{label}: {who} (HTTP {status}) with the credentials in {USER_ENV} and "
                    f"{PASSWORD_ENV}; check them, and that the account may do this")
        return (f"{label}: {who} (HTTP {status}) and asks for an account; set {USER_ENV} and "
                f"{PASSWORD_ENV} to one allowed to do this")
    if status in (405, 501) and writing:
        return (f"{label}: the server refused writing (HTTP {status}); it may be read-only (csgraph serve "
                "and oxigraph serve-read-only are)")
    if status >= 500:
        return f"{label}: the endpoint failed (HTTP {status}); its log says why"
    return f"{label}: the endpoint answered HTTP {status}"


def _failure(exc: BaseException, url: str, label: str, timeout: float | None, *, retry_resets: bool,
             writing: bool) -> EndpointError | _Retry | None:
    """The library error for a failed request (wrapped in _Retry when worth another attempt)."""
    where = safe_url(url)
    if isinstance(exc, urllib.error.HTTPError):
        status = exc.code
        exc.close()
        if status in (401, 403):
            return EndpointAuthError(_status_message(status, label, writing), endpoint=where,
                                     status=status)
        if status == 503:
            final = EndpointUnavailable(f"{label}: the endpoint is unavailable (HTTP 503)",
                                        endpoint=where, status=503)
            return _Retry(final, _retry_after(exc.headers.get("Retry-After")))
        return EndpointError(_status_message(status, label, writing), endpoint=where, status=status)
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return EndpointTimeout(f"{label}: no answer within {timeout or 0:g} s; raise the timeout "
                               f"({hint(python='timeout=', cli='--timeout')}) or narrow the query",
                               endpoint=where)
    if isinstance(reason, socket.gaierror):
        return EndpointUnavailable(f"{label}: cannot find the host", endpoint=where)
    if isinstance(reason, ssl.SSLError):
        return EndpointError(f"{label}: the TLS connection failed ({type(reason).__name__})",
                             endpoint=where)
    if isinstance(reason, ConnectionRefusedError):
        return _Retry(EndpointUnavailable(f"{label}: connection refused; is the server running?",
                                          endpoint=where))
    if isinstance(reason, (ConnectionError, IncompleteRead)):
        final = EndpointUnavailable(f"{label}: the connection failed ({type(reason).__name__})",
                                    endpoint=where)
        return _Retry(final) if retry_resets else final
    if isinstance(reason, OSError):
        return _Retry(EndpointUnavailable(f"{label}: cannot reach the endpoint "
                                          f"({reason.strerror or type(reason).__name__})",
                                          endpoint=where))
    if isinstance(reason, HTTPException):
        extra = ""
        if "headers" in str(reason):  # Virtuoso echoes each dataset graph back as a header
            extra = "; the server sent more than 100 headers (Virtuoso does so for a long graph list: " \
                    "leave the dataset to the server)"
        return EndpointError(f"{label}: the answer is not well-formed HTTP ({type(reason).__name__})"
                             + extra, endpoint=where)
    if isinstance(exc, ValueError) and "scheme" in str(exc):  # urllib's Digest handler
        return EndpointAuthError(f"{label}: the endpoint asks for an authentication scheme csgraph "
                                 "does not speak (only Basic and Digest)", endpoint=where)
    return None


def _retry_after(value: str | None) -> float | None:
    try:
        return min(max(float(value), 0.0), _RETRY_AFTER_CAP) if value else None
    except ValueError:
        return None


def attempts(do: Callable[[], T], *, url: str, label: str, timeout: float | None, retries: int,
             backoff: float, retry_resets: bool = True, writing: bool = False) -> T:
    """Run ``do()``; retry with exponential backoff on connection failures and HTTP 503 only.

    ``retry_resets=False`` for writes: a reset connection may have written, so it is not repeated.
    """
    attempt = 0
    while True:
        try:
            return do()
        except (OSError, HTTPException, ValueError) as exc:
            failure = _failure(exc, url, label, timeout, retry_resets=retry_resets, writing=writing)
            if failure is None:
                raise
        if isinstance(failure, _Retry):
            if attempt < retries:
                delay = backoff * 2 ** attempt
                if failure.delay is not None:
                    delay = max(delay, failure.delay)
                attempt += 1
                log.info("%s: %s; attempt %d of %d in %.2f s", safe_url(url), failure.final,
                         attempt + 1, retries + 1, delay)
                time.sleep(delay)
                continue
            final = failure.final
            tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
            text = str(final).removeprefix(f"{safe_url(url)}: ")
            raise type(final)(f"{text} (after {tries})", endpoint=final.endpoint,
                              status=final.status) from None
        raise failure from None


def check_complete(response: Any, label: str, url: str) -> None:
    """Raise if the server says the answer is partial (Virtuoso says so only in headers)."""
    cut = response.headers.get("X-SPARQL-MaxRows")
    state = (response.headers.get("X-SQL-State") or "").strip()
    if not cut and state != "S1TAT":
        return
    response.close()
    if cut:
        raise EndpointError(f"{label}: the server cut the answer at {cut} rows (Virtuoso's "
                            "ResultSetMaxRows); raise that limit in virtuoso.ini, or page with "
                            "LIMIT and OFFSET", endpoint=safe_url(url))
    raise EndpointTimeout(f"{label}: the server stopped the query at its time limit and sent part "
                          "of the answer (Virtuoso's anytime query); raise MaxQueryExecutionTime "
                          "or narrow the query", endpoint=safe_url(url))


def read_body(response: Any, deadline: float, limit: int, label: str, url: str) -> bytes:
    """The whole body; TimeoutError once the deadline passes (a server may trickle bytes), and an
    EndpointError, before more is read, once it is longer than ``limit`` bytes."""
    chunks, size = [], 0
    try:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            _too_large(label, url, limit)
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("read deadline")
            chunk = response.read1(1 << 16)  # read1: whatever has arrived, so the deadline is seen
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                _too_large(label, url, limit)
            chunks.append(chunk)
    finally:
        response.close()


def _too_large(label: str, url: str, limit: int) -> None:
    raise EndpointError(
        f"{label}: the answer is larger than the limit of {limit} bytes; narrow the query (LIMIT, "
        f"fewer variables) or raise the limit ({hint(python='max_answer_bytes=', cli=MAX_ANSWER_ENV)})",
        endpoint=safe_url(url))
