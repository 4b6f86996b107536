"""A synthetic national data set in the csgraph ontology, for scale tests and benchmarks.

:func:`synth` writes N-Quads with exactly the classes, properties, concept IRIs and provenance layout
that case files produce: one synthetic case study per authority, whose facts sit in one named graph
per source section (``graph/{case}/{source}/{section}``), each described in the case graph as a
``cs:EvidenceGraph`` with its section, source and case. Every named query and :func:`csgraph.trace`
work on it unchanged, and a small instance conforms to the shapes.

Each authority gets a GSS code with the prefix of its kind (E06 unitary, E07 district, E08
metropolitan, E09 London, E10 county, W06 Welsh, S12 Scottish) and that authority type, a DfE number
(the education authorities of England and Wales: not districts) and a register code; strategies with
periods and priorities (some on Contextual Safeguarding); a safeguarding partnership with police and
health members, sometimes joint with its neighbours; services and teams, posts, a practice
partnership with partners drawn from a shared national pool; schools with six-digit URNs; pilots
with settings, roll-outs, accredited training and reviews; changes; and challenges and mechanisms
with outcomes. About 785 quads per authority: 150 authorities give about 118,000 quads, 1,275 about
a million. The names are invented and the web addresses use the reserved ``.example`` domain.

The same arguments always give the same bytes.

>>> text = synth(2, seed=1)
>>> text == synth(2, seed=1), text == synth(2, seed=2)
(True, False)
>>> line = next(x for x in text.splitlines() if "gssCode" in x)
>>> line.split()[2][1:3], len(line.split()[2])
('E0', 11)
"""

from __future__ import annotations

import os

from ..files import atomic_write
from .facts import generate
from .writing import Writer

__all__ = ["MAX_AUTHORITIES", "synth"]

#: The most authorities :func:`synth` makes (URNs have six digits, so schools run out beyond this).
MAX_AUTHORITIES = 5000


def synth(authorities: int = 150, *, seed: int = 0, path: str | os.PathLike | None = None,
          years: tuple[int, int] = (2019, 2025)) -> int | str:
    """Generate a synthetic national data set as N-Quads.

    Parameters
    ----------
    authorities
        How many local authorities (1 to :data:`MAX_AUTHORITIES`); about 785 quads each, so 150
        give about 118,000 quads and 1,275 about a million.
    seed
        Seed of the random choices: the same arguments give byte-identical output.
    path
        Where to write the N-Quads (UTF-8, streamed to a temporary file in the same folder that
        replaces ``path`` once complete, so a failure leaves no half-written file). Without it the
        text is returned.
    years
        First and last year of the strategies, pilots and changes.

    Returns
    -------
    int or str
        The number of quads written to ``path``, or the N-Quads text when no path is given.

    Examples
    --------
    >>> from pathlib import Path
    >>> from tempfile import TemporaryDirectory
    >>> from csgraph.catalogue import query
    >>> from csgraph.loader import load
    >>> with TemporaryDirectory() as folder:
    ...     path = Path(folder) / "national.nq"
    ...     count = synth(3, path=path)
    ...     kg = load(path)
    >>> count > 2000, len(query(kg, "authorities"))
    (True, 3)
    """
    if isinstance(authorities, bool) or not isinstance(authorities, int) or not (
            1 <= authorities <= MAX_AUTHORITIES):
        raise ValueError(f"authorities must be a whole number from 1 to {MAX_AUTHORITIES}, "
                         f"not {authorities!r}")
    y0, y1 = (int(y) for y in years)
    if not 1900 <= y0 < y1 <= 2100:
        raise ValueError(f"years must be two years, first before last, such as (2019, 2025), not {years!r}")
    if path is None:
        chunks: list[str] = []
        w = Writer(chunks.append)
        generate(authorities, seed, (y0, y1), w)
        return "".join(chunks)
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as f:
        w = Writer(f.write)
        generate(authorities, seed, (y0, y1), w)
    return w.count
