"""A new case file: the commented template, filled in for one case study.

>>> text = case_template("hackney", today=dt.date(2026, 11, 26))
>>> "id: hackney" in text and "title: Hackney case study" in text and "encoded: 2026-11-26" in text
True
>>> case_template("Hackney Council")
Traceback (most recent call last):
...
csgraph.errors.CaseFileError: <input> [case.id]: case name 'Hackney Council': use lower-case letters, ...
"""

from __future__ import annotations

import datetime as dt
from string import Template

from .casefile import SLUG
from .errors import CaseFileError
from .resources import templates_dir

__all__ = ["case_template"]


def case_template(case_id: str, *, title: str | None = None, today: dt.date | None = None) -> str:
    """The case-file template for ``case_id`` (lower-case words and hyphens), ready to fill in.

    ``title`` defaults to the id in title case followed by "case study"; ``today`` to today's date.
    """
    if not SLUG.match(case_id):
        raise CaseFileError(f"case name {case_id!r}: use lower-case letters, digits and hyphens, "
                            "such as 'hackney'", field="case.id")
    text = (templates_dir() / "case-template.yaml").read_text(encoding="utf-8")
    return Template(text).substitute(
        id=case_id, title=title or case_id.replace("-", " ").title() + " case study",
        today=(today or dt.date.today()).isoformat())
