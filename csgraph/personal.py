"""Personal data about people: the rules csgraph refuses data by, and the scan that applies them.

csgraph describes organisations, contexts and practice, never individual children. :data:`RULES` is
the one table of what is refused and why; loading applies it to every file (case files, tables and
RDF, every subject and every literal whatever its language tag or datatype), ``validate`` reports by
it, and ``docs/personal-data.md`` is generated from it (:func:`rules_markdown`).

>>> find_text("Jayden, 14, lives at 12 Acacia Road, SE13 6LH")
['postcode', 'street-address', 'age']
>>> find_text("Year 9 pupils in 14 schools; young people aged 10 to 17")
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib.namespace import FOAF, RDF, SDO, Namespace

from .namespace import ONTOLOGY_GRAPH

__all__ = ["RULES", "Finding", "Rule", "find_personal_data", "find_text", "first_in_line_file",
           "rules_markdown"]

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


@dataclass(frozen=True)
class Rule:
    """One kind of personal data: ``terms`` (class or property IRIs) or a text ``pattern``."""

    name: str
    refused: str
    why: str
    kind: str = "text"  # "class", "property" or "text"
    terms: tuple[str, ...] = ()
    pattern: re.Pattern | None = None
    # text just before a match that makes it a description of a group, not a person
    not_after: re.Pattern | None = None


@dataclass(frozen=True)
class Finding:
    """Where a rule matched: the rule, the subject, the property, the graph and the text."""

    rule: Rule
    subject: str
    predicate: str
    graph: str
    text: str = ""

    def message(self) -> str:
        what = f"'{self.text[:60]}'" if self.text else f"<{self.predicate}>"
        return f"{self.rule.name}: {what} of <{self.subject}>: {self.rule.why}"


def _both(*terms) -> tuple[str, ...]:
    """schema.org terms under https (rdflib's SDO) and under http, which data also uses."""
    out = []
    for t in terms:
        out.append(str(t))
        if str(t).startswith("https://schema.org/"):
            out.append("http://" + str(t)[len("https://"):])
    return tuple(out)


_NUM = (r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty[- ]one|twenty[- ]two|"
        r"twenty[- ]three|twenty[- ]four|twenty[- ]five)")
_AGE_NUM = r"(?:[4-9]|1\d|2[0-5])"
_RANGE_BEFORE = re.compile(r"(?:under|over|than|to|and|or|between|from|-|–)\s*$", re.IGNORECASE)
_STREET_STRONG = r"(?:road|street|avenue|lane|crescent|terrace|grove|mews|gardens|drive|close)"
_STREET_ANY = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Terrace|Grove|"
               r"Court|Ct|Place|Square|Gardens|Gdns|Mews|Hill|Row|Walk|Rise|Parade)")
_STOP = r"(?:the|to|in|of|and|a|an|at|for|on|by|with|from|its|their|our|new|more|other)"

RULES: tuple[Rule, ...] = (
    Rule("person-class", "things typed as a person: schema:Person, schema:Patient, foaf:Person, "
         "vcard:Individual, vcard:VCard",
         "csgraph data describes organisations and practice, not individual people",
         kind="class", terms=(*_both(SDO.Person, SDO.Patient), str(FOAF.Person),
                              str(VCARD.Individual), str(VCARD.VCard))),
    Rule("person-property", "properties for people's personal details: schema.org names, birth and "
         "death dates and places, gender, address, contact details and relatives; the FOAF and vCard "
         "equivalents",
         "these properties record who a person is or where they live",
         kind="property", terms=(
             *_both(SDO.birthDate, SDO.birthPlace, SDO.deathDate, SDO.gender, SDO.givenName,
                    SDO.familyName, SDO.additionalName, SDO.address, SDO.streetAddress,
                    SDO.postalCode, SDO.homeLocation, SDO.email, SDO.telephone, SDO.nationality,
                    SDO.parent, SDO.children, SDO.sibling, SDO.spouse, SDO.knows),
             *(str(FOAF[n]) for n in ("name", "givenName", "familyName", "firstName", "lastName",
                                      "surname", "nick", "birthday", "age", "gender", "mbox",
                                      "phone", "based_near", "knows", "img", "depiction")),
             *(str(VCARD[n]) for n in ("fn", "given-name", "family-name", "bday", "hasAddress",
                                       "street-address", "postal-code", "hasEmail", "hasTelephone",
                                       "gender", "hasName")))),
    Rule("postcode", "UK postcodes, in any case and spacing (SE13 6LH, se136lh)",
         "a postcode can locate a young person's home",
         pattern=re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s*[0-9][ABD-HJLNP-UW-Z]{2}\b",
                            re.IGNORECASE)),
    Rule("street-address", "street addresses: a house number and a street (12 Acacia Road, "
         "4b high street)",
         "an address can locate a young person's home",
         pattern=re.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){{1,3}}{_STREET_ANY}\b"
                            rf"|(?i:\b\d{{1,4}}[a-z]?,?\s+(?:(?!{_STOP}\b)[a-z'-]+\s+){{1,2}}"
                            rf"{_STREET_STRONG}\b)")),
    Rule("date-of-birth", "dates of birth and birthdays (DOB 12/03/2010, date of birth: 3 May 2011, "
         "born on 4 June, born in 2010, birthday 1st April); the words alone, with no date, are allowed",
         "a date of birth identifies a young person",
         pattern=re.compile(r"\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s*date|birthday)[^.\d]{0,20}\d"
                            r"|\bborn\s+(?:on|in)\b[^.\d]{0,20}\d|\bborn\s+\d", re.IGNORECASE)),
    Rule("age", "a person's age: 'Jayden, 14,', 'Jayden (14)', 'aged fourteen', '14yo', "
         "'14 years old', '14-year-old' (age ranges of a group, such as 'aged 10 to 17', are "
         "allowed)",
         "a name or description with an age identifies a young person; describe groups, not people",
         pattern=re.compile(
             rf"\b{_NUM}[\s-]*(?:yo|y/o|y\.o\.?|yrs?[\s-]*old|years?[\s-]*old)\b"
             rf"|\baged\s+{_NUM}\b(?!\s*(?:-|–|to\b|and\b|or\b|\+|plus\b|upwards\b))"
             rf"|\b[A-Z][a-z]+\s*\(\s*{_AGE_NUM}\s*\)"
             rf"|\b[A-Z][a-z]+,\s*{_AGE_NUM}\s*,", re.IGNORECASE),
         not_after=_RANGE_BEFORE),
)
_TEXT_RULES = tuple(r for r in RULES if r.pattern is not None)
# a literal the text rules could match has a digit or one of these words (checked by the store,
# so that only such literals come back to Python)
_MAYBE = "[a-z].*[0-9]|[0-9].*[a-z]|birth|born|d\\\\.?o\\\\.?b|aged|year|yrs|y/o|\\\\byo\\\\b"


_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"birth|born|d\.?o\.?b|aged|year|yrs|y/o|\byo\b", re.IGNORECASE)
# a literal of N-Triples or N-Quads (IRIs there hold no quote), and the escapes inside one
_LINE_LITERAL = re.compile(rb'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"')
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}


def _maybe(text: str) -> bool:
    """Whether a text rule could match: every one needs a digit and a letter, or one of a few words."""
    return bool(_WORDS.search(text) or (_DIGIT.search(text) and _LETTER.search(text)))


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "uU" and len(e) > 1:
            try:
                return chr(int(e[1:], 16))
            except (ValueError, OverflowError):
                return ""
        return _ESCAPED.get(e, e)
    return _ESCAPE.sub(one, text)


def first_in_line_file(path, *, chunk: int = 1 << 22) -> tuple[str, list[str]] | None:
    """The first literal of an N-Triples or N-Quads file that a text rule matches, and the rules'
    names; read a block at a time from the file itself (so it can run while a store loads it)."""
    seen: set[bytes] = set()
    with open(path, "rb") as fh:
        rest = b""
        while True:
            block = fh.read(chunk)
            data = rest + block
            if block:
                cut = data.rfind(b"\n") + 1
                data, rest = data[:cut], data[cut:]
            for raw in _LINE_LITERAL.findall(data):
                if raw in seen:
                    continue
                seen.add(raw)
                text = raw.decode("utf-8", "replace")
                if "\\" in text:
                    text = _unescape(text)
                if _maybe(text):
                    names = find_text(text)
                    if names:
                        return text, names
            if not block:
                return None


def find_text(text: str) -> list[str]:
    """The names of the text rules that ``text`` breaks."""
    found = []
    for rule in _TEXT_RULES:
        for m in rule.pattern.finditer(text):
            if rule.not_after is None or not rule.not_after.search(text[max(0, m.start() - 12):m.start()]):
                found.append(rule.name)
                break
    return found


def find_personal_data(select: Callable[[str], Iterable[tuple]], *, limit: int = 20,
                       text: bool = True) -> list[Finding]:
    """Findings in the data that ``select(sparql)`` reads (rows of text values), ontology left out.

    ``select`` runs a SELECT query over the store's own default graph and named graphs. Each
    distinct literal that the store's regular expression picks out is checked here once.
    """
    by_name = {r.name: r for r in RULES}
    quad = (f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }} UNION "
            '{ ?s ?p ?o BIND("" AS ?g) }')
    found: list[Finding] = []
    for rule in RULES:
        values = " ".join(f"<{t}>" for t in rule.terms)
        if rule.kind == "class":
            q = (f"SELECT ?s ?p ?g WHERE {{ VALUES ?o {{ {values} }} BIND(<{RDF.type}> AS ?p) "
                 f"{quad} }} LIMIT {limit}")
        elif rule.kind == "property":
            q = f"SELECT ?s ?p ?g WHERE {{ VALUES ?p {{ {values} }} {quad} }} LIMIT {limit}"
        else:
            continue
        found.extend(Finding(rule, s, p, g or "") for s, p, g in select(q))
    if not text:
        return found
    q = (f"SELECT ?o (SAMPLE(?s) AS ?s1) (SAMPLE(?p) AS ?p1) (SAMPLE(?g) AS ?g1) WHERE {{ {quad} "
         f'FILTER(ISLITERAL(?o) && REGEX(STR(?o), "{_MAYBE}", "is")) }} GROUP BY ?o')
    for o, s, p, g in select(q):
        for name in find_text(o):
            found.append(Finding(by_name[name], s, p, g or "", o))
        if len(found) >= limit:
            break
    return found


def rules_markdown() -> str:
    """The published list of what csgraph refuses as personal data (``docs/personal-data.md``)."""
    lines = ["# Personal data csgraph refuses", "",
             "Generated from `csgraph.personal.RULES` (`python -m csgraph.personal > "
             "docs/personal-data.md`).", "",
             "Loading refuses a file that holds any of the following, in any graph, about any subject, "
             "in literals with any language tag or datatype. `validate` reports the same findings. "
             "A secure research environment that must hold such data can opt out with "
             "`csgraph.load(..., allow_personal_data=True)` or `--allow-personal-data`; each such "
             "load logs a warning.", "",
             "| rule | what is refused | why |", "|---|---|---|"]
    for r in RULES:
        refused = r.refused.replace("|", "\\|")
        lines.append(f"| `{r.name}` | {refused} | {r.why} |")
    for r in RULES:
        if r.terms:
            lines += ["", f"## `{r.name}` terms", ""]
            lines += [f"- `{t}`" for t in r.terms if not t.startswith("http://schema.org/")]
            if any(t.startswith("http://schema.org/") for t in r.terms):
                lines.append("- and each schema.org term above under `http://schema.org/` as well")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown(), end="")
