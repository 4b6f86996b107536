"""Sensitive data: pseudonyms, personal-data checks, small-count suppression."""

from __future__ import annotations

import pytest
from rdflib import Literal

import csgraph
from csgraph.errors import CSGraphError
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
    ("Met the family at 12 Acacia Road", "address"),
    ("Lives near SE13 6LH", "postcode"),
    ("DOB 03/04/2009", "date-of-birth"),
    ("Jayden, 14-year-old, was referred", "age-and-name"),
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
    report = csgraph.validate(csgraph.load(case))
    assert any(p.check == "personal_data" and p.message.startswith(kind) for p in report.problems)


def test_person_class_flagged(tmp_path):
    f = tmp_path / "p.trig"
    f.write_text("<https://w3id.org/csgraph/graph/x> { <https://w3id.org/csgraph/id/child> a "
                 "<https://schema.org/Person> ; <https://schema.org/birthDate> \"2009-01-01\" }")
    msgs = [p.message for p in csgraph.validate(csgraph.load(f), shacl=False).problems
            if p.check == "personal_data"]
    assert any("not individual people" in m for m in msgs) and any("personal details" in m for m in msgs)


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
