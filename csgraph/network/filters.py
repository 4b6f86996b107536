"""What the networks' filters share: dates and periods, names matched to things, node kinds checked.

>>> as_date(2020, end=True, name="until")
datetime.date(2020, 12, 31)
>>> match({"a": ("London Borough of Lewisham", ["Lewisham"])}, "lewisham", "local authority")
'a'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import AmbiguousError, NotFoundError, QueryParameterError

__all__ = ["as_date", "check_kinds", "match", "period"]


def as_date(value: Any, *, end: bool, name: str) -> dt.date | None:
    """``value`` (a year, a date or an ISO date text) as a date: a year's last day when ``end``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise QueryParameterError(f"{name} must be a year such as 2020 or a date such as "
                                  f"2020-06-01, not {value!r}") from None


def period(attrs: Mapping[str, list[Any]]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a thing's dates (start, established, end, year) cover."""
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for key, is_end in (("startDate", False), ("established", False), ("startYear", False),
                        ("endDate", True), ("endYear", True), ("year", None)):
        for v, _ in attrs.get(key, ()):
            try:
                if is_end is None:
                    starts.append(as_date(v, end=False, name=key))
                    ends.append(as_date(v, end=True, name=key))
                else:
                    (ends if is_end else starts).append(as_date(v, end=is_end, name=key))
            except QueryParameterError:
                continue
    return (min(starts) if starts else None, max(ends) if ends else None)


def match(candidates: Mapping[str, tuple[str, list[str]]], text: str, what: str) -> str:
    """The one candidate whose id, label or other name is ``text`` (or, failing that, contains it).

    ``candidates`` maps an id to its (label, other names). Raises NotFoundError or AmbiguousError.
    """
    if text in candidates:
        return text
    low = text.casefold()
    exact = [n for n, (label, alts) in candidates.items()
             if low == label.casefold() or any(low == a.casefold() for a in alts)]
    if len(exact) == 1:
        return exact[0]
    found = exact or [n for n, (label, alts) in candidates.items()
                      if low in label.casefold() or any(low in a.casefold() for a in alts)]
    if not found:
        names = sorted(label for label, _ in candidates.values())
        listing = "; ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        raise NotFoundError(f"no {what} is called {text!r}; those here: {listing or 'none'}")
    if len(found) > 1:
        listing = "; ".join(f"{candidates[n][0]} <{n}>" for n in sorted(found))
        raise AmbiguousError(f"{len(found)} match {text!r}: {listing}. Give more of the "
                             "name or the IRI.", [(n, candidates[n][0]) for n in sorted(found)])
    return found[0]


def check_kinds(kinds: Iterable[str] | str | None, allowed: tuple[str, ...], labels: Mapping[str, str],
                network: str) -> tuple[str, ...]:
    """The kinds asked for, by class short name, IRI or readable name, as short names."""
    if kinds is None:
        return allowed
    if isinstance(kinds, str):
        kinds = [kinds]
    by_name = {k.casefold(): k for k in allowed}
    by_name.update({labels[k].casefold(): k for k in allowed if k in labels})
    out = []
    for k in kinds:
        name = str(k).rsplit("#", 1)[-1].casefold()
        if name not in by_name:
            raise NotFoundError(f"the {network} network has no node kind {k!r}; its kinds are "
                                f"{', '.join(allowed)}")
        out.append(by_name[name])
    return tuple(dict.fromkeys(out))
