"""What a loaded knowledge graph holds, in counts: files, quads, named graphs, and things by case
study and by class (the named query ``things-by-class``). ``csgraph load`` prints it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .kg import KnowledgeGraph

__all__ = ["Summary", "summarise"]


@dataclass(frozen=True)
class Summary:
    """Counts of what an embedded knowledge graph holds."""

    files: int
    quads: int
    graphs: int
    #: things (by IRI, once per class) of each case study, by the case study's title
    by_case: dict[str, int] = field(default_factory=dict)
    #: things of each class, by the class's label
    by_class: dict[str, int] = field(default_factory=dict)

    def to_text(self) -> str:
        """The summary as ``csgraph load`` prints it: a line of totals, then each count, sorted."""
        lines = [f"loaded {self.files} file(s): {self.quads} quads in {self.graphs} named graphs"]
        for heading, counts in (("things by case study", self.by_case), ("things by class", self.by_class)):
            if counts:
                lines += ["", f"{heading}:", *(f"  {n:6d}  {key}" for key, n in sorted(counts.items()))]
        return "\n".join(lines)


def summarise(kg: KnowledgeGraph) -> Summary:
    """The :class:`Summary` of an embedded knowledge graph.

    >>> s = summarise(kg)
    >>> s.files > 0 and sum(s.by_case.values()) == sum(s.by_class.values()) > 0
    True
    """
    from .catalogue import query

    by_case: Counter[str] = Counter()
    by_class: Counter[str] = Counter()
    for row in query(kg, "things-by-class"):
        n = int(row["things"])
        by_class[str(row["classLabel"])] += n
        by_case[str(row["caseTitle"])] += n
    return Summary(len(kg.sources), len(kg), len(kg.graphs()), dict(by_case), dict(by_class))
