"""Sending csgraph's queries through a user's configured ``SPARQLWrapper``, by its public API only.

``csgraph.connect(wrapper)`` keeps what the user set on the wrapper (credentials, custom headers and
parameters, method); csgraph sets the query, the answer format and the dataset for each call and
takes them off again. What SPARQLWrapper cannot do is not pretended: its timeout is whole seconds
(a shorter one is rounded up to 1 s), its credentials are sent again after a redirect, and a
trickling answer is bounded only by csgraph's size limit, not a deadline.
"""

from __future__ import annotations

import math
import time
import urllib.error
from collections.abc import Sequence
from typing import Any

from .errors import QueryError
from .httppolicy import attempts, check_complete, read_body

__all__ = ["send_with_wrapper"]

_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
           "EndPointInternalError": 500}


def send_with_wrapper(wrapper: Any, text: str, form: str, params: Sequence[tuple[str, str]], *,
                      server: str, label: str, url: str, timeout: float | None, retries: int, backoff: float,
                      limit: int) -> tuple[bytes, str, str]:
    """(body, Content-Type, Server header) of the answer to ``text`` sent through ``wrapper``."""
    from SPARQLWrapper import JSON, TSV, XML
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    wrapper.setQuery(text)
    if wrapper.queryType != form:  # SPARQLWrapper guesses the form from the text
        raise QueryError(f"{label}: SPARQLWrapper reads this query as {wrapper.queryType}, not {form}; "
                         "connect with the endpoint URL instead of a SPARQLWrapper")
    wrapper.setReturnFormat(TSV if server.startswith("Oxigraph/") else
                            XML if server.startswith("Virtuoso/") else JSON)
    if timeout:
        wrapper.setTimeout(max(1, math.ceil(timeout)))
    names = {k for k, _ in params}
    for key, value in params:
        wrapper.addParameter(key, value)

    def once() -> tuple[bytes, str, str]:
        deadline = time.monotonic() + (timeout or math.inf)
        try:
            response = wrapper.query().response
        except SPARQLWrapperException as exc:
            status = _STATUS.get(type(exc).__name__)
            raise urllib.error.HTTPError(url, status or 500, str(type(exc).__name__), {}, None) from None
        found = response.headers.get("Server") or ""
        check_complete(response, label, url)
        body = read_body(response, max(deadline, time.monotonic() + 1), limit, label, url)
        return body, response.headers.get("Content-Type") or "", found

    try:
        return attempts(once, url=url, label=label, timeout=timeout, retries=retries, backoff=backoff)
    finally:
        for key in names:
            wrapper.clearParameter(key)
