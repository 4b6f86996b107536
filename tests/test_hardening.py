"""Hostile and broken input: each protection has a test that fails without it."""

from __future__ import annotations

import json
import tracemalloc

import pytest

import csgraph
from csgraph.errors import CSGraphError, LimitError, LoadError, ParseError, UnsafeInputError

DEEP = 10_000


def snapshot(kg):
    return sorted(map(str, kg.store))


@pytest.mark.parametrize("name,text", [
    ("bnodes.ttl", "@prefix ex: <http://e/> .\nex:a ex:b " + "[ ex:p " * DEEP + "ex:c" + " ]" * DEEP + " .\n"),
    ("lists.ttl", "@prefix ex: <http://e/> .\nex:a ex:b " + "(" * DEEP + ")" * DEEP + " .\n"),
    ("deep.jsonld", '{"http://e/p": ' * DEEP + '{"@id": "http://e/x"}' + "}" * DEEP),
    ("deep.trig", "<http://e/g> { <http://e/a> <http://e/b> " + "[ <http://e/p> " * DEEP + "1" + " ]" * DEEP + " }\n"),
])
def test_deep_nesting_is_a_clean_error(tmp_path, fresh_kg, name, text):
    f = tmp_path / name
    f.write_text(text)
    before = snapshot(fresh_kg)
    with pytest.raises(LimitError, match="nest deeper than the limit"):
        csgraph.add(fresh_kg, f)
    assert snapshot(fresh_kg) == before


def test_strings_with_brackets_do_not_count_as_nesting(tmp_path):
    f = tmp_path / "ok.ttl"
    f.write_text('@prefix ex: <http://e/> .\nex:a ex:b "' + "[" * 500 + '" .\n# ' + "(" * 500 + "\n")
    assert csgraph.load(f).select('ASK { ?s ?p ?o FILTER(STRSTARTS(?o, "[[")) }').boolean


def test_billion_laughs_refused_before_parsing(tmp_path, fresh_kg):
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    f = tmp_path / "laughs.rdf"
    f.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{lol}]>\n<rdf:RDF '
                 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
                 '<rdf:Description rdf:about="http://e/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>')
    before = snapshot(fresh_kg)
    with pytest.raises(UnsafeInputError, match="DOCTYPE") as refused:
        csgraph.add(fresh_kg, f)
    assert refused.value.line == 2  # found where the declaration is, before any entity is expanded
    assert snapshot(fresh_kg) == before


def test_xxe_refused_without_touching_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    f = tmp_path / "xxe.rdf"
    f.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
                 '<rdf:Description rdf:about="http://e/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>')
    with pytest.raises(UnsafeInputError, match="DOCTYPE"):
        csgraph.load(f)


def test_megabyte_of_lt_entities_loads_in_bounded_memory(tmp_path):
    """The time this takes is a figure of bench/run.py (``pre-check, RDF/XML of &lt; entities``)."""
    f = tmp_path / "lt.rdf"
    f.write_text('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                 'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a"><ex:p>' + "&lt;" * 250_000
                 + "</ex:p></rdf:Description></rdf:RDF>")
    tracemalloc.start()
    kg = csgraph.load(f)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 2**20
    assert kg.select('ASK { <http://e/a> ?p ?o FILTER(STRLEN(?o) = 250000) }').boolean


@pytest.mark.parametrize("context", ["https://schema.org/", "file:///etc/passwd",
                                     {"@import": "https://example.org/ctx.jsonld"}])
def test_jsonld_remote_and_file_contexts_refused(tmp_path, context):
    f = tmp_path / "ctx.jsonld"
    f.write_text(json.dumps({"@context": context, "@id": "http://e/a", "name": "A"}))
    kg = csgraph.load()
    before = snapshot(kg)
    with pytest.raises((UnsafeInputError, ParseError)):
        csgraph.add(kg, f)
    assert snapshot(kg) == before


def test_inline_jsonld_context_works_offline(tmp_path):
    f = tmp_path / "ok.jsonld"
    f.write_text(json.dumps({"@context": {"name": "http://www.w3.org/2000/01/rdf-schema#label"},
                             "@id": "http://e/a", "name": "A"}))
    assert csgraph.load(f).select('ASK { <http://e/a> rdfs:label "A" }').boolean


@pytest.mark.parametrize("iri", ["http://e/a b", "http://e/a>b", 'http://e/a"b'])
def test_bad_iris_rejected_at_load(tmp_path, iri):
    f = tmp_path / "iri.nt"
    f.write_text(f"<{iri}> <http://e/p> <http://e/o> .\n")
    with pytest.raises(ParseError):
        csgraph.load(f)


def test_ill_typed_literal_reported_by_validation(tmp_path):
    f = tmp_path / "typed.trig"
    f.write_text('<http://e/g> { <http://e/a> <http://e/n> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> }')
    report = csgraph.validate(csgraph.load(f), shacl=False)
    assert "ill_typed_literal_violation" in {p.check for p in report.problems}


def test_nul_reported_and_never_written(tmp_path):
    f = tmp_path / "nul.nq"
    f.write_text('<http://e/a> <http://e/p> "x\\u0000y" <http://e/g> .\n')
    kg = csgraph.load(f)
    assert "nul_character_violation" in {p.check for p in csgraph.validate(kg, shacl=False).problems}
    out = tmp_path / "out.nq"
    with pytest.raises(CSGraphError, match="NUL"):
        csgraph.export(kg, out, format="nq")
    assert not out.exists()


def test_case_file_size_limit_named(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text("# " + "x" * 5000 + "\n")
    with pytest.raises(LimitError, match="1000 bytes"):
        csgraph.load(f, limits=csgraph.Limits(max_case_bytes=1000))


def test_load_error_is_never_a_raw_parser_exception(tmp_path):
    for name, text in [("a.ttl", "@prefix"), ("b.jsonld", "{"), ("c.rdf", "<rdf:RDF"), ("d.nq", "<a> <b>"),
                       ("e.yaml", "case: [unclosed"), ("f.csv", 'case,id\n"x')]:
        f = tmp_path / name
        f.write_text(text)
        with pytest.raises(LoadError) as err:
            csgraph.load(f)
        assert name in str(err.value)


@pytest.mark.parametrize("name,text", [
    ("long.ttl", '@prefix ex: <http://e/> .\nex:a ex:b "' + "x" * 5000 + '" .\n'),
    ("long.jsonld", json.dumps({"@id": "http://e/a", "http://e/p": "x" * 5000})),
])
def test_long_literal_refused_before_parsing(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(LimitError, match="longer than the limit of 1000"):
        csgraph.load(f, limits=csgraph.Limits(max_literal=1000))
    assert csgraph.load(f)  # the default limit (1 MiB) lets it through


@pytest.mark.parametrize("value", [
    __import__("rdflib").Literal("x", datatype="http://example.org/a>b"),
    __import__("rdflib").URIRef("http://example.org/a b"),
    __import__("rdflib").URIRef('http://example.org/a"b'),
])
def test_bad_bound_terms_rejected_before_running(fresh_kg, value):
    from csgraph.errors import QueryParameterError

    before = len(fresh_kg)
    with pytest.raises(QueryParameterError, match="not a valid RDF term"):
        csgraph.sparql(fresh_kg, "SELECT ?l WHERE { ?x rdfs:label ?l }", l=value)
    assert len(fresh_kg) == before


@pytest.mark.parametrize("name,text", [
    ("open.ttl", '<urn:x:a> <urn:x:b> "' + '\\"' * 80_000),
    ("open-long.ttl", '<urn:x:a> <urn:x:b> """' + 'a"' * 40_000),
    ("open.jsonld", '{"urn:x:b": "' + '\\"' * 80_000),
])
def test_an_unclosed_string_is_named_by_the_pre_check(tmp_path, fresh_kg, name, text):
    f = tmp_path / name
    f.write_text("\n" + text)
    before = snapshot(fresh_kg)
    with pytest.raises(ParseError, match=r":2: a string opened on this line is never closed"):
        csgraph.add(fresh_kg, f)
    assert snapshot(fresh_kg) == before


def test_an_escaped_quote_in_a_prefixed_name_is_not_a_string(tmp_path):
    f = tmp_path / "escaped.ttl"
    f.write_text("@prefix ex: <https://w3id.org/csgraph/id/> .\nex:it\\'s ex:p ex:q .\n")
    kg = csgraph.load(f)
    assert kg.select("ASK { <https://w3id.org/csgraph/id/it's> ?p ?o }").boolean
