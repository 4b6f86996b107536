"""Loading: formats, folders, atomicity, and errors that name the file and line."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

import csgraph
from csgraph.errors import CSGraphError, LimitError, LoadError, ParseError, UnsafeInputError

TTL = """@prefix cs: <https://w3id.org/csgraph/ontology#> .
@prefix ex: <https://w3id.org/csgraph/id/> .
ex:a a cs:LocalAuthority .
"""


def quads(kg):
    return sorted(map(str, kg.store))


def test_load_bundled_folder(bundled_kg):
    assert len(bundled_kg.sources) >= 5
    graphs = bundled_kg.graphs()
    cases = {g.split("/graph/")[1].split("/")[0] for g in graphs}
    assert {"lewisham", "kingston-richmond", "west-sussex", "birmingham"} <= cases
    assert "https://w3id.org/csgraph/graph/ontology" in graphs


def test_load_with_no_paths_has_only_the_ontology():
    kg = csgraph.load()
    assert kg.graphs() == ["https://w3id.org/csgraph/graph/ontology"]


@pytest.mark.parametrize("suffix,text", [
    (".ttl", TTL),
    (".nt", "<https://w3id.org/csgraph/id/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n"),
    (".nq", "<https://w3id.org/csgraph/id/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" "
            "<https://example.org/graph/x> .\n"),
    (".trig", "<https://example.org/graph/x> { <https://w3id.org/csgraph/id/a> "
              "<http://www.w3.org/2000/01/rdf-schema#label> \"A\" }\n"),
    (".jsonld", json.dumps({"@id": "https://w3id.org/csgraph/id/a",
                            "http://www.w3.org/2000/01/rdf-schema#label": "A"})),
    (".rdf", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
             'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
             'rdf:about="https://w3id.org/csgraph/id/a"><rdfs:label>A</rdfs:label>'
             '</rdf:Description></rdf:RDF>'),
])
def test_rdf_formats_load(tmp_path, suffix, text):
    f = tmp_path / f"x{suffix}"
    f.write_text(text)
    kg = csgraph.load(f)
    res = kg.select("ASK { <https://w3id.org/csgraph/id/a> ?p ?o }")
    assert res.boolean


def test_triples_go_into_a_named_graph_per_file(tmp_path):
    (tmp_path / "extra facts.ttl").write_text(TTL)
    kg = csgraph.load(tmp_path / "extra facts.ttl")
    assert "https://w3id.org/csgraph/graph/file/extra-facts" in kg.graphs()


def test_turtle_error_names_file_and_line(tmp_path):
    f = tmp_path / "broken.ttl"
    f.write_text("@prefix ex: <http://example.org/> .\n" + "ex:a ex:b ex:c .\n" * 5
                 + 'ex:a ex:b "unterminated .\n' + "ex:d ex:e ex:f .\n")
    with pytest.raises(ParseError) as err:
        csgraph.load(f)
    assert err.value.line == 7 and "broken.ttl:7" in str(err.value)


@pytest.mark.parametrize("text,line", [
    ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nundeclared:a ex:b ex:c .\n", 3),
    ('@prefix ex: <http://e/> .\nex:a ex:b "x"@not_a_tag .\n', 2),
])
def test_other_turtle_errors(tmp_path, text, line):
    f = tmp_path / "bad.ttl"
    f.write_text(text)
    with pytest.raises(ParseError) as err:
        csgraph.load(f)
    assert err.value.line == line


def test_bad_utf8_is_a_clear_error(tmp_path):
    f = tmp_path / "bad.ttl"
    f.write_bytes(b'@prefix ex: <http://e/> .\nex:a ex:b "caf\xe9" .\n')
    with pytest.raises(LoadError) as err:
        csgraph.load(f)
    assert "bad.ttl" in str(err.value)


def test_failed_load_leaves_existing_store_unchanged(tmp_path, fresh_kg):
    before = quads(fresh_kg)
    good = tmp_path / "a_good.ttl"
    good.write_text(TTL)
    bad = tmp_path / "b_bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b .\n")
    with pytest.raises(ParseError):
        csgraph.add(fresh_kg, good, bad)
    assert quads(fresh_kg) == before


def test_failed_case_file_leaves_store_unchanged(tmp_path, fresh_kg):
    before = quads(fresh_kg)
    bad = tmp_path / "bad.yaml"
    bad.write_text((csgraph.resources.data_dir() / "lewisham.yaml").read_text()
                   .replace("count: 11", "count: eleven").replace("id: lewisham\n", "id: other\n"))
    with pytest.raises(LoadError):
        csgraph.load(bad, store=fresh_kg)
    assert quads(fresh_kg) == before


def test_add_to_existing_store(tmp_path):
    kg = csgraph.load()
    n = len(kg)
    f = tmp_path / "x.ttl"
    f.write_text(TTL)
    csgraph.add(kg, f)
    assert len(kg) == n + 1


def test_on_disk_store(tmp_path):
    kg = csgraph.load(csgraph.resources.data_dir(), store=tmp_path / "db")
    n = len(kg)
    del kg
    again = csgraph.KnowledgeGraph(ox.Store(str(tmp_path / "db")))
    assert len(again) == n


def test_remote_jsonld_context_refused(tmp_path):
    f = tmp_path / "remote.jsonld"
    f.write_text(json.dumps({"@context": "https://schema.org/", "@id": "https://w3id.org/csgraph/id/a",
                             "name": "A"}))
    with pytest.raises(UnsafeInputError) as err:
        csgraph.load(f)
    assert "remote.jsonld" in str(err.value)


def test_rdfxml_entities_refused(tmp_path):
    f = tmp_path / "laughs.rdf"
    f.write_text('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                 '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<rdf:RDF '
                 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(UnsafeInputError) as err:
        csgraph.load(f)
    assert err.value.line == 2


def test_file_size_limit(tmp_path):
    f = tmp_path / "big.ttl"
    f.write_text(TTL * 100)
    with pytest.raises(LimitError) as err:
        csgraph.load(f, limits=csgraph.Limits(max_bytes=100))
    assert "100 bytes" in str(err.value)


def test_missing_and_unknown_files(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        csgraph.load(tmp_path / "nope.ttl")
    odd = tmp_path / "notes.docx"
    odd.write_text("x")
    with pytest.raises(LoadError, match="unknown file type"):
        csgraph.load(odd)


def test_errors_share_one_root():
    for name in ("LoadError", "ParseError", "CaseFileError", "LimitError", "QueryError",
                 "EndpointError", "UnsafeQueryError"):
        assert issubclass(getattr(csgraph.errors, name), CSGraphError)
