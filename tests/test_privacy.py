"""Sensitive data: pseudonyms, personal-data checks, small-count suppression."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal

import csgraph
from csgraph.errors import CSGraphError, UnsafeInputError
from csgraph.privacy import pseudonymise, suppress_count, suppress_small_counts
from csgraph.results import Results

KEY = b"k" * 32


def test_pseudonyms_are_stable_per_key_and_differ_across_keys():
    a = pseudonymise("Young person A", KEY)
    assert a == pseudonymise("young person a ", KEY)
    assert a != pseudonymise("Young person A", b"z" * 32)
    assert a.startswith("yp-") and "Young" not in a


def test_key_required_and_long_enough(monkeypatch):
    monkeypatch.delenv("CSGRAPH_PSEUDONYM_KEY", raising=False)
    with pytest.raises(CSGraphError, match="no pseudonymisation key"):
        pseudonymise("x")
    with pytest.raises(CSGraphError, match="at least 16"):
        pseudonymise("x", b"short")
    monkeypatch.setenv("CSGRAPH_PSEUDONYM_KEY", "e" * 20)
    assert pseudonymise("x") == pseudonymise("x", "e" * 20)


def test_small_counts_suppressed():
    assert [suppress_count(n) for n in (0, 1, 4, 5)] == ["0", "<5", "<5", "5"]
    res = Results(["area", "n"], [[Literal("A"), Literal(3)], [Literal("B"), Literal(40)]])
    out = suppress_small_counts(res, ["n"])
    assert [str(r["n"]) for r in out] == ["<5", "40"]


@pytest.mark.parametrize("text,kind", [
    ("Met the family at 12 Acacia Road", "street-address"),
    ("Lives near SE13 6LH", "postcode"),
    ("DOB 03/04/2009", "date-of-birth"),
    ("Jayden, 14-year-old, was referred", "age"),
])
def test_personal_data_flagged(tmp_path, text, kind):
    case = (tmp_path / "c.yaml")
    case.write_text(f"""format: csgraph-case/1
case: {{id: pd, title: PD, genre: practice}}
sources: {{page: {{url: "https://example.org/p"}}}}
things:
  pd-la: {{type: LocalAuthority, label: Unnamed authority, from: page, anonymised: true,
          description: "{text}"}}
""")
    with pytest.raises(UnsafeInputError, match=f"personal data is refused: {kind}"):
        csgraph.load(case)
    report = csgraph.validate(csgraph.load(case, allow_personal_data=True))
    assert any(p.check == "personal_data" and p.message.startswith(kind + ":") for p in report.problems)


def test_person_class_flagged(tmp_path):
    f = tmp_path / "p.trig"
    f.write_text("<https://example.org/g> { <https://w3id.org/csgraph/id/child> a "
                 "<https://schema.org/Person> ; <https://schema.org/birthDate> \"2009-01-01\" }")
    kg = csgraph.load(f, allow_personal_data=True)
    msgs = [p.message for p in csgraph.validate(kg, shacl=False).problems if p.check == "personal_data"]
    assert any("not individual people" in m for m in msgs) and any("birthDate" in m for m in msgs)


def test_bundled_data_has_no_personal_data(bundled_kg):
    from csgraph.privacy import personal_data_problems

    assert personal_data_problems(bundled_kg) == []


def test_cli_suppresses_small_counts(capsys):
    from csgraph.cli import main

    assert main(["query", "recurring-challenges", "--suppress", "cases", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "<5" in out and ",1," not in out
    assert main(["query", "recurring-challenges", "--suppress", "nope"]) == 2
    assert "no such column" in capsys.readouterr().err


# --- personal data is refused at load ----------------------------------------------------------

JAYDEN = """@prefix schema: <https://schema.org/> .
<https://example.org/people/jayden> a schema:Person ;
    schema:birthDate "2010-05-03" ;
    schema:description "Jayden, 14, lives at 12 Acacia Road, SE13 6LH" .
"""


def _turtle(tmp_path, obj: str, subject: str = "https://example.org/x", pred: str = "http://purl.org/dc/terms/description"):
    f = tmp_path / "x.ttl"
    f.write_text(f"<{subject}> <{pred}> {obj} .\n")
    return f


def test_the_reported_file_is_refused_everywhere_it_could_leak(tmp_path, fresh_kg):
    from csgraph.cli import main

    f = tmp_path / "jayden.ttl"
    f.write_text(JAYDEN)
    with pytest.raises(UnsafeInputError, match="personal data is refused") as err:
        csgraph.load(f)
    assert err.value.path == str(f)
    before = sorted(map(str, fresh_kg.store))
    with pytest.raises(UnsafeInputError):
        csgraph.add(fresh_kg, f)
    assert sorted(map(str, fresh_kg.store)) == before
    for command in ("load", "validate", "export"):
        assert main([command, str(f)]) == 2


@pytest.mark.parametrize("obj", [
    '"Jayden (14) was referred"', '"a boy aged fourteen"', '"Jayden is 14yo"', '"he is 14 years old"',
    '"Jayden, 14, was referred"', '"DOB: 03/04/2010"', '"date of birth 3 May 2010"', '"born on 3 May"',
    '"lives near SE13 6LH"', '"lives near se136lh"', '"lives near Se13   6lH"', '"at 12 Acacia Road"',
    '"at 4b high street"', '"Jayden, 14,"@en', '"Jayden, 14,"@en-GB', '"Jayden, 14,"^^<http://www.w3.org/2001/XMLSchema#token>',
    '"SE13 6LH"^^<https://example.org/my-type>', '"""Jayden,\n14, was referred"""',
])
def test_text_about_a_person_is_refused_whatever_its_tag_or_type(tmp_path, obj):
    with pytest.raises(UnsafeInputError, match="personal data is refused"):
        csgraph.load(_turtle(tmp_path, obj))


@pytest.mark.parametrize("pred", [
    "https://schema.org/birthDate", "http://schema.org/birthDate", "https://schema.org/givenName",
    "https://schema.org/address", "http://xmlns.com/foaf/0.1/givenName", "http://xmlns.com/foaf/0.1/birthday",
    "http://www.w3.org/2006/vcard/ns#bday", "http://www.w3.org/2006/vcard/ns#hasAddress",
])
def test_properties_for_people_are_refused(tmp_path, pred):
    with pytest.raises(UnsafeInputError, match="person-property"):
        csgraph.load(_turtle(tmp_path, '"x"', pred=pred))


@pytest.mark.parametrize("cls", ["https://schema.org/Person", "http://schema.org/Person",
                                 "http://xmlns.com/foaf/0.1/Person", "http://www.w3.org/2006/vcard/ns#Individual"])
def test_person_classes_are_refused(tmp_path, cls):
    f = _turtle(tmp_path, f"<{cls}>", pred="http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    with pytest.raises(UnsafeInputError, match="person-class"):
        csgraph.load(f)


def test_a_case_file_with_personal_data_is_refused_naming_the_line(tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text("""format: csgraph-case/1
case: {id: pd, title: PD, genre: practice}
sources: {page: {url: "https://example.org/p"}}
things:
  pd-la:
    type: LocalAuthority
    label: Unnamed authority
    from: page
    description: Worked with a boy aged fourteen from the estate
""")
    with pytest.raises(UnsafeInputError, match="age") as err:
        csgraph.load(case)
    assert err.value.path == str(case) and err.value.line == 9


def test_groups_and_organisations_are_not_personal_data(tmp_path):
    for obj in ('"Year 9 pupils in 14 schools"', '"young people aged 10 to 17"', '"under 18 years old"',
                '"aged 16 and over"', '"Priority (1) of 3"', '"it took 2 weeks to close"', '"E06000001"',
                '"2019-2025"', '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'):
        assert len(csgraph.load(_turtle(tmp_path, obj))) > 0, obj


def test_the_opt_out_loads_and_logs_a_warning_each_time(tmp_path, caplog):
    from csgraph.cli import main

    f = tmp_path / "jayden.ttl"
    f.write_text(JAYDEN)
    with caplog.at_level("WARNING", logger="csgraph"):
        kg = csgraph.load(f, allow_personal_data=True)
        csgraph.add(kg, f, allow_personal_data=True)
    warnings = [r for r in caplog.records if "personal data is allowed" in r.getMessage()]
    assert len(warnings) == 2 and str(f) in warnings[0].getMessage()
    assert kg.select("ASK { ?s a schema:Person }").boolean
    assert main(["load", str(f), "--allow-personal-data"]) == 0


def test_the_published_list_is_generated_from_the_rules():
    from csgraph.personal import rules_markdown

    doc = (csgraph.resources.data_dir().parent.parent / "docs" / "personal-data.md")
    assert doc.read_text() == rules_markdown()


# --- small counts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value,shown", [
    (Literal("3.0E0", datatype=XSD.double), "<5"), (Literal("2.0", datatype=XSD.decimal), "<5"),
    (Literal("4", datatype=XSD.nonNegativeInteger), "<5"), (Literal("3"), "<5"), (Literal(" 03 "), "<5"),
    (Literal("4.5", datatype=XSD.float), "<5"), (Literal("3", lang="en"), "<5"),
    (Literal(0), None), (Literal("5.0E0", datatype=XSD.double), None), (Literal("Lewisham"), None),
])
def test_small_counts_are_suppressed_whatever_their_datatype(value, shown):
    out = suppress_small_counts(Results(["n"], [[value], [Literal(100)]]), ["n"])
    assert str(out[0]["n"]) == (shown or str(value))


def test_a_total_row_cannot_give_a_suppressed_cell_away():
    rows = [[Literal(a), Literal(n)] for a, n in (("A", 3), ("B", 40), ("C", 12), ("total", 55))]
    out = [str(r["n"]) for r in suppress_small_counts(Results(["area", "n"], rows), ["n"])]
    assert out == ["<5", "40", "[c]", "55"]


def test_a_total_column_cannot_give_a_suppressed_cell_away():
    rows = [[Literal(3), Literal(9), Literal(12)], [Literal(20), Literal(30), Literal(50)]]
    out = suppress_small_counts(Results(["girls", "boys", "all"], rows), ["girls", "boys"])
    assert [str(t) for t in out[0]] == ["<5", "[c]", "12"] and [str(t) for t in out[1]] == ["20", "30", "50"]


def test_a_total_of_one_part_is_suppressed_with_it():
    out = suppress_small_counts(Results(["girls", "all"], [[Literal(3), Literal(3)]]), ["girls"])
    assert [str(t) for t in out[0]] == ["<5", "[c]"]


def test_cli_suppression_of_doubles_and_totals():
    import subprocess
    import sys

    query = ('SELECT ?area ?n WHERE { VALUES (?area ?n) { ("A" 3.0e0) ("B" 40.0e0) ("C" 12.0e0) '
             '("total" 55.0e0) } }')
    r = subprocess.run([sys.executable, "-m", "csgraph", "sparql", "-", "--suppress", "n", "--format", "csv"],
                       input=query, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1:] == ["A,<5", "B,40.0", "C,[c]", "total,55.0"]


@pytest.mark.parametrize("suffix,graph", [(".nq", " <https://example.org/g>"), (".nt", "")])
def test_line_files_are_read_for_personal_data_as_they_load(tmp_path, fresh_kg, suffix, graph):
    f = tmp_path / f"bulk{suffix}"
    lines = [f'<https://example.org/x{i}> <http://purl.org/dc/terms/title> "Pilot {i} in 2021"{graph} .'
             for i in range(50)]
    lines.insert(30, '<https://example.org/y> <http://purl.org/dc/terms/title> '
                     f'"Jayden\\u002C 14, was referred"{graph} .')
    f.write_text("\n".join(lines) + "\n")
    before = sorted(map(str, fresh_kg.store))
    with pytest.raises(UnsafeInputError, match="personal data is refused: age") as err:
        csgraph.add(fresh_kg, f)
    assert err.value.path == str(f) and sorted(map(str, fresh_kg.store)) == before
    person = tmp_path / f"person{suffix}"
    person.write_text(f"<https://example.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                      f"<http://xmlns.com/foaf/0.1/Person>{graph} .\n")
    with pytest.raises(UnsafeInputError, match="person-class"):
        csgraph.load(person)


def test_the_words_date_of_birth_without_a_date_are_not_refused(tmp_path):
    """A definition may say that no field holds a date of birth; a date of birth itself is refused."""
    ok = tmp_path / "ok.ttl"
    ok.write_text('<https://w3id.org/csgraph/id/g> <http://www.w3.org/2000/01/rdf-schema#comment> '
                  '"Described in aggregate, never by a name, date of birth or address." .\n')
    assert len(csgraph.load(ok)) > 0
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://w3id.org/csgraph/id/g> <http://www.w3.org/2000/01/rdf-schema#comment> '
                   '"Her date of birth: 3 May 2011." .\n')
    with pytest.raises(csgraph.errors.UnsafeInputError, match="date-of-birth"):
        csgraph.load(bad)
