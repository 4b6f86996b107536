"""Results: rows read from the store's own answer, made into rdflib terms only when read."""

from __future__ import annotations

import io
import pickle

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef

import csgraph
from csgraph.catalogue import get_query
from csgraph.kg import PREFIX_HEADER, OxigraphCells, to_rdflib
from csgraph.results import Results, Row

EX = "https://example.org/"


class CountingCells(OxigraphCells):
    """Oxigraph rows, counting how many rows are turned into terms and into text."""

    def __init__(self) -> None:
        super().__init__()
        self.term_rows = 0
        self.text_reads = 0

    def terms(self, raw):
        self.term_rows += 1
        return super().terms(raw)

    def text_rows(self, rows):
        self.text_reads += 1
        return super().text_rows(rows)


def oxigraph_rows(n: int) -> list[tuple]:
    return [(ox.NamedNode(f"{EX}s{i}"), ox.Literal(f"label {i}"), None) for i in range(n)]


def lazy(n: int = 5) -> tuple[Results, CountingCells]:
    cells = CountingCells()
    return Results.from_raw(["s", "label", "missing"], oxigraph_rows(n), cells, query_name="t"), cells


def test_length_truth_and_repr_read_no_row():
    res, cells = lazy(5)
    assert len(res) == 5 and res and repr(res) == "<Results t: 5 rows x s, label, missing>"
    assert cells.term_rows == 0 and cells.text_reads == 0
    empty, _ = lazy(0)
    assert not empty and len(empty) == 0 and list(empty) == []


def test_a_loop_that_stops_early_reads_only_its_rows():
    res, cells = lazy(100)
    for i, _row in enumerate(res):
        if i == 2:
            break
    assert cells.term_rows == 3
    assert res[7].label == Literal("label 7") and cells.term_rows == 4
    assert [r.s for r in res[10:12]] == [URIRef(f"{EX}s10"), URIRef(f"{EX}s11")]


def test_rows_are_made_once_when_all_are_read():
    res, cells = lazy(50)
    first = list(res)
    assert cells.term_rows == 50
    second = list(res)
    assert cells.term_rows == 50 and first == second and first[0] is second[0]
    assert res.column("s")[49] == URIRef(f"{EX}s49") and cells.term_rows == 50


def test_text_outputs_never_make_terms():
    res, cells = lazy(3)
    assert res.text_rows() == [(f"{EX}s{i}", f"label {i}", None) for i in range(3)]
    assert res.to_csv().splitlines() == ["s,label,missing"] + [f"{EX}s{i},label {i}," for i in range(3)]
    assert res.to_records()[0] == {"s": f"{EX}s0", "label": "label 0"}
    assert "label 2" in res.to_text() and "label 2" in res._repr_html_()
    assert cells.term_rows == 0


def test_terms_and_text_agree_for_every_kind_of_term():
    store = ox.Store()
    g = ox.NamedNode(f"{EX}g")
    s = ox.NamedNode(f"{EX}s")
    objects = [ox.NamedNode(f"{EX}o"), ox.BlankNode("b1"), ox.Literal("plain"),
               ox.Literal("école", language="fr"), ox.Literal("school", language="en-GB"),
               ox.Literal("7", datatype=ox.NamedNode(str(XSD.integer))),
               ox.Literal("2019", datatype=ox.NamedNode(str(XSD.gYear))),
               ox.Literal("2020-01-31", datatype=ox.NamedNode(str(XSD.date))),
               ox.Literal("x", datatype=ox.NamedNode(f"{EX}custom"))]
    for i, o in enumerate(objects):
        store.add(ox.Quad(s, ox.NamedNode(f"{EX}p{i}"), o, g))
    kg = csgraph.KnowledgeGraph(store)
    res = kg.select("SELECT ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x> ?none } } ORDER BY ?p")
    texts = res.text_rows()
    rows = list(res)
    assert len(rows) == len(objects)
    for (p, o, none), (tp, to, tnone), want in zip(rows, texts, objects):
        assert none is None and tnone is None
        assert tp == str(p) and to == str(o)
        made = to_rdflib(want)
        assert o == made and type(o) is type(made)
        if isinstance(o, Literal):
            assert (o.language, o.datatype, o.value) == (made.language, made.datatype, made.value)
    assert isinstance(rows[1][1], BNode)


@pytest.mark.parametrize("tag", ["en", "en-GB", "fr", "zh-Hant-TW", "EN"])
def test_language_literals_are_what_rdflib_makes(tag):
    made = to_rdflib(ox.Literal("word", language=tag))
    want = Literal("word", lang=ox.Literal("word", language=tag).language)
    assert made == want and made.language == want.language and made.value == want.value
    assert made.datatype is None and made.n3() == want.n3() and hash(made) == hash(want)


def test_rows_and_results_pickle():
    res, _ = lazy(4)
    back = pickle.loads(pickle.dumps(res))
    assert list(back) == list(res) and back.variables == res.variables
    row = back[1]
    again = pickle.loads(pickle.dumps(row))
    assert isinstance(again, Row) and again.label == Literal("label 1") and again == row


def test_results_made_from_terms_behave_the_same():
    res = Results(["s", "label", "missing"], [[to_rdflib(t) for t in r] for r in oxigraph_rows(3)])
    lazy_res, _ = lazy(3)
    assert list(res) == list(lazy_res) and res.text_rows() == lazy_res.text_rows()
    assert res.to_csv() == lazy_res.to_csv() and res.to_json() == lazy_res.to_json()
    assert res[1:] == lazy_res[1:]


def test_a_query_answer_is_the_stores_answer(bundled_kg):
    res = csgraph.query(bundled_kg, "authorities")
    raw = list(bundled_kg.store.query(PREFIX_HEADER + get_query("authorities").text,
                                      use_default_graph_as_union=True))
    assert len(res) == len(raw)
    assert [tuple(r) for r in res] == [tuple(to_rdflib(t) for t in sol) for sol in raw]


def test_select_text_is_the_rows_as_text(bundled_kg):
    for name in ("authorities", "pilots", "partners-of-services", "evidence"):
        text = get_query(name).text
        want = [tuple(None if t is None else str(t) for t in row) for row in bundled_kg.select(text)]
        assert bundled_kg.select_text(text) == want and want


def test_select_text_binds_values_and_refuses_what_select_refuses(bundled_kg):
    from csgraph.errors import QueryError, UnsafeQueryError
    from csgraph.namespace import CS

    rows = bundled_kg.select_text("SELECT ?thing ?type WHERE { ?thing a ?type }", {"type": CS.Pilot})
    assert rows and {t for _, t in rows} == {str(CS.Pilot)}
    with pytest.raises(QueryError, match="SELECT"):
        bundled_kg.select_text("ASK { ?s ?p ?o }")
    with pytest.raises(UnsafeQueryError):
        bundled_kg.select_text("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="syntax"):
        bundled_kg.select_text("SELECT ?x WHERE {")
    wide = bundled_kg.select_text("SELECT ?a ?b ?c ?d ?e WHERE { VALUES (?a ?c) { (<urn:x:1> 2) } }")
    assert wide == [("urn:x:1", None, "2", None, None)]


LITERAL_CASES = [
    ("7", "integer"), ("-12", "integer"), ("0", "integer"), ("007", "integer"), ("+5", "integer"),
    ("-0", "integer"), (" 7", "integer"), ("1_000", "integer"), ("٣", "integer"), ("x", "integer"),
    ("99999999999999999999999", "integer"),
    ("2020-01-21", "date"), ("2020-02-30", "date"), ("2020-W01-1", "date"), ("20200121", "date"),
    ("2020-01-21Z", "date"), ("-0044-03-15", "date"), ("2020-1-2", "date"),
    ("2019", "gYear"), ("2019-05", "gYearMonth"), ("P1Y", "duration"),
    ("https://example.org/a", "anyURI"), ("true", "boolean"), ("1", "boolean"), ("1.50", "decimal"),
    ("1e3", "double"), ("2019-01-01T10:00:00Z", "dateTime"), ("  a  b ", "token"),
    (" a\tb ", "normalizedString"), ("x", "https://example.org/custom#type"),
]


@pytest.mark.parametrize(("text", "datatype"), LITERAL_CASES)
def test_typed_literals_are_what_rdflib_makes(text, datatype):
    from csgraph.terms import typed_literal

    iri = datatype if ":" in datatype else str(XSD) + datatype
    made, want = typed_literal(text, iri), Literal(text, datatype=iri)
    assert str(made) == str(want) and type(made) is type(want)
    for what in ("language", "datatype", "value", "ill_typed"):
        assert getattr(made, what) == getattr(want, what), what
        assert type(getattr(made, what)) is type(getattr(want, what)), what
    assert made == want and hash(made) == hash(want) and made.n3() == want.n3()


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "through-rdflib"])
def test_every_kind_of_oxigraph_term_converts_as_rdflib_makes_it(monkeypatch, direct):
    """The direct path, and the constructor path used when rdflib's internals differ, agree."""
    import csgraph.terms

    monkeypatch.setattr(csgraph.terms, "_DIRECT", direct)
    cases = [(ox.Literal(text, datatype=ox.NamedNode(iri if ":" in iri else str(XSD) + iri)),
              Literal(text, datatype=iri if ":" in iri else str(XSD) + iri))
             for text, iri in LITERAL_CASES if ox_accepts(text, iri)]
    cases += [(ox.Literal("plain"), Literal("plain")), (ox.Literal("mot", language="fr"), Literal("mot", lang="fr")),
              (ox.NamedNode(EX + "a"), URIRef(EX + "a"))]
    for ox_term, want in cases:
        made = to_rdflib(ox_term)
        assert made == want and type(made) is type(want) and str(made) == str(want), ox_term
        if isinstance(want, Literal):
            assert (made.language, made.datatype, made.value, made.ill_typed) == \
                (want.language, want.datatype, want.value, want.ill_typed), ox_term


def ox_accepts(text, iri):
    """Whether Oxigraph keeps the lexical form as given (it refuses or rewrites some)."""
    try:
        lit = ox.Literal(text, datatype=ox.NamedNode(iri if ":" in iri else str(XSD) + iri))
    except ValueError:
        return False
    return lit.value == text


class _Recorder(io.StringIO):
    """A text stream that remembers the size of the largest single write."""

    largest = 0

    def write(self, text: str) -> int:
        self.largest = max(self.largest, len(text))
        return super().write(text)


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_outputs_are_written_a_batch_at_a_time(fmt):
    store = ox.Store()
    for i in range(20_000):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(f"label {i}"),
                          ox.NamedNode(f"{EX}g")))
    res = csgraph.KnowledgeGraph(store).select("SELECT ?s ?o WHERE { ?s ?p ?o }")
    out = _Recorder()
    getattr(res, f"write_{fmt}")(out)
    whole = getattr(res, f"to_{fmt}")()
    assert out.getvalue() == whole
    assert out.largest < len(whole) / 3  # never the whole answer in one piece
