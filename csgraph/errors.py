"""The library's errors: one root type, :class:`CSGraphError`, with a subclass for each kind of failure.

Every message names the file, line, row or field at fault and says what to do about it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

__all__ = [
    "cli_hints",
    "hint",
    "AmbiguousError",
    "CSGraphError",
    "CaseFileError",
    "EndpointAuthError",
    "EndpointError",
    "EndpointTimeout",
    "EndpointUnavailable",
    "LimitError",
    "LoadError",
    "NotFoundError",
    "ParseError",
    "QueryError",
    "QueryParameterError",
    "QueryTimeout",
    "UnsafeInputError",
    "UnsafeQueryError",
]


class CSGraphError(Exception):
    """Root of every error csgraph raises on purpose."""

    exit_code = 2


class LoadError(CSGraphError):
    """A file could not be loaded; nothing from the failed load was added to the store.

    ``path``, ``line`` and ``field`` say where, when known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None, field: str | None = None) -> None:
        self.path, self.line, self.column, self.field = path, line, column, field
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        if field:
            where += f" [{field}]"
        self.message = message
        super().__init__(f"{where}: {message}")


class ParseError(LoadError):
    """The file's syntax is wrong (Turtle, JSON-LD, YAML, CSV ...)."""


class CaseFileError(LoadError):
    """A case file or case table is well formed but says something csgraph cannot accept."""


class LimitError(LoadError):
    """Input is larger or deeper than the configured limit."""


class UnsafeInputError(LoadError):
    """Input asks for something csgraph refuses to do while parsing (a remote context, an external entity)."""


class QueryError(CSGraphError):
    """A query is malformed, or its header or text cannot be used."""


class QueryParameterError(QueryError):
    """A query parameter is unknown, missing or of the wrong type."""


class QueryTimeout(QueryError):
    """A query on the embedded store gave no answer within its timeout, and was stopped."""


class UnsafeQueryError(QueryError):
    """The query would write, or reach files or other services, and the caller did not allow it."""


class NotFoundError(CSGraphError):
    """Nothing matches the name or label given."""


class AmbiguousError(CSGraphError):
    """Several things match the name or label given; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[tuple[str, str]] | None = None) -> None:
        self.candidates = candidates or []
        super().__init__(message)


class EndpointError(CSGraphError):
    """A remote SPARQL endpoint failed or refused a request (the endpoint is named, secrets are not)."""

    def __init__(self, message: str, *, endpoint: str | None = None, status: int | None = None) -> None:
        self.endpoint, self.status = endpoint, status
        super().__init__(f"{endpoint}: {message}" if endpoint else message)


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the timeout."""


class EndpointAuthError(EndpointError):
    """The endpoint refused the credentials (HTTP 401 or 403)."""


class EndpointUnavailable(EndpointError):
    """The endpoint could not be reached, or kept answering 503 after the retries."""


_HINTS: contextvars.ContextVar[str] = contextvars.ContextVar("csgraph_hints", default="python")


def hint(*, python: str, cli: str) -> str:
    """The name of a setting as the user can change it: the Python keyword, or (under
    :func:`cli_hints`) the command-line flag.

    >>> hint(python="timeout=60", cli="--timeout 60")
    'timeout=60'
    """
    return cli if _HINTS.get() == "cli" else python


@contextlib.contextmanager
def cli_hints() -> Iterator[None]:
    """Within the block, error messages name command-line flags instead of Python keywords."""
    token = _HINTS.set("cli")
    try:
        yield
    finally:
        _HINTS.reset(token)
