"""A source gives its publisher's address (``url``), a copy's (``mirror``), or both: everything that shows
a source shows the publisher's address where there is one, and the copy's only where there is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from test_caseschema import read  # YAML as an editor reads it (dates as text)

import csgraph
from csgraph.caseschema import SCHEMA_FILE
from csgraph.cli import main
from csgraph.errors import CaseFileError
from csgraph.viz import source_documents

CASE = Path(__file__).parent / "casefiles" / "valid" / "source-addresses.yaml"  # fictional test data
PUBLISHER = "https://publisher.example.org/fenmoor-case-study"
COPY_OF_THE_CASE_STUDY = "https://mirror.example.net/copies/fenmoor-case-study"
ONLY_A_COPY = "https://mirror.example.net/copies/fenmoor-pilot-report"
COUNCIL = "https://council.example.org/fenmoor"


@pytest.fixture(scope="module")
def kg():
    return csgraph.load(CASE)


@pytest.fixture(scope="module")
def fenmoor_trace(kg):
    return csgraph.trace(kg, "Safer Places")


def test_the_case_file_conforms(kg):
    assert csgraph.validate(kg).conforms


def test_the_trace_shows_the_publishers_address_where_there_is_one_and_the_copy_where_not(fenmoor_trace):
    evidence = {e.title: e for step in fenmoor_trace.root.walk() for e in step.evidence}
    case_study, report = evidence["Fenmoor case study (fictional)"], evidence["Fenmoor pilot report (fictional)"]
    assert (case_study.url, case_study.mirror, case_study.publisher) == (PUBLISHER, False,
                                                                        "Fenmoor Publishing (fictional)")
    assert (report.url, report.mirror, report.publisher) == (ONLY_A_COPY, True, "Fenmoor Council (fictional)")
    text = fenmoor_trace.to_text()
    assert f"Fenmoor case study (fictional), Fenmoor Publishing (fictional), vision: {PUBLISHER}\n" in text
    assert f"what was put in place: {ONLY_A_COPY} (a copy; the publisher's address is not known)" in text
    assert COPY_OF_THE_CASE_STUDY not in text


def test_the_trace_as_json_says_which_address_is_a_copy(fenmoor_trace):
    data = json.loads(fenmoor_trace.to_json())
    pilot = data["root"]["children"][0]["children"][0]
    assert pilot["label"] == "Fenmoor schools pilot"
    assert [(e["url"], e["mirror"]) for e in pilot["evidence"]] == [(ONLY_A_COPY, True)]
    assert [(e["url"], e["mirror"]) for e in data["root"]["evidence"]] == [(PUBLISHER, False)]


def test_the_cli_trace_prints_the_publishers_address(tmp_path):
    r = subprocess.run([sys.executable, "-m", "csgraph", "trace", "Safer Places", str(CASE)], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert PUBLISHER in r.stdout and ONLY_A_COPY in r.stdout and COPY_OF_THE_CASE_STUDY not in r.stdout


def test_the_sources_query_shows_the_publishers_address_else_the_copys(kg):
    rows = {(str(r["source"]), str(r["url"])) for r in csgraph.query(kg, "sources")}
    assert rows == {("Fenmoor case study (fictional)", PUBLISHER),
                    ("Fenmoor pilot report (fictional)", ONLY_A_COPY),
                    ("Fenmoor council page (fictional)", COUNCIL)}


def test_the_evidence_query_and_the_network_use_the_same_address(kg):
    urls = {str(r["url"]) for r in csgraph.query(kg, "evidence")}
    assert PUBLISHER in urls and ONLY_A_COPY in urls and COPY_OF_THE_CASE_STUDY not in urls
    network = csgraph.strategy_network(kg)
    sources = {network.nodes[u]["label"]: d["source"] for u, v, d in network.edges(data=True)
               if network.nodes[v]["label"] == "Fenmoor priority on Contextual Safeguarding"}
    assert sources == {"Fenmoor Safer Places Plan": PUBLISHER, "Fenmoor schools pilot": ONLY_A_COPY}
    documents = source_documents(kg)  # the network page's facts panel names each address's document
    assert documents[ONLY_A_COPY].title == "Fenmoor pilot report (fictional)"
    assert documents[PUBLISHER].publisher == "Fenmoor Publishing (fictional)"


def test_the_bundled_copies_are_shown_as_copies(bundled_kg):
    rows = {str(r["source"]): str(r["url"]) for r in csgraph.query(bundled_kg, "sources")}
    assert rows["A legal framework for implementing Contextual Safeguarding"].startswith("https://dokumen.tips/")
    lewisham_review = csgraph.trace_back(bundled_kg, "Lewisham Restorative Approaches Partnership")
    copies = {e.url for step in lewisham_review.root.walk() for e in step.evidence if e.mirror}
    assert copies and all(u.startswith("https://docslib.org/") for u in copies)


def test_export_as_case_files_keeps_both_addresses(tmp_path, kg):
    assert main(["export", str(CASE), "--format", "case", "-o", str(tmp_path / "out")]) == 0
    written = yaml.safe_load((tmp_path / "out" / "fenmoor.yaml").read_text())
    sources = written["sources"]
    assert (sources["case-study"]["url"], sources["case-study"]["mirror"]) == (PUBLISHER, COPY_OF_THE_CASE_STUDY)
    assert "url" not in sources["pilot-report"] and sources["pilot-report"]["mirror"] == ONLY_A_COPY
    assert {str(q) for q in csgraph.load(tmp_path / "out").store} == {str(q) for q in kg.store}


def test_a_source_needs_one_of_the_two_addresses(tmp_path, capsys):
    text = CASE.read_text().replace("    url: https://council.example.org/fenmoor\n", "")
    (tmp_path / "no-address.yaml").write_text(text)
    with pytest.raises(CaseFileError) as caught:
        csgraph.load(tmp_path / "no-address.yaml")
    assert caught.value.path.endswith("no-address.yaml") and caught.value.field == "sources.council-page.url"
    assert "mirror" in str(caught.value)
    assert main(["validate", str(tmp_path / "no-address.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no-address.yaml" in err


def test_a_copys_address_is_checked_like_the_publishers(tmp_path):
    (tmp_path / "bad.yaml").write_text(CASE.read_text().replace(
        "mirror: https://mirror.example.net/copies/fenmoor-pilot-report", "mirror: mirror.example.net/report"))
    with pytest.raises(CaseFileError, match="mirror"):
        csgraph.load(tmp_path / "bad.yaml")


def test_the_json_schema_takes_either_address_and_asks_for_one(tmp_path):
    path = tmp_path / SCHEMA_FILE
    assert main(["schema", "-o", str(path)]) == 0
    validator = jsonschema.Draft7Validator(json.loads(path.read_text()))
    doc = read(CASE.read_text())
    assert not list(validator.iter_errors(doc))
    del doc["sources"]["council-page"]["url"]
    assert list(validator.iter_errors(doc))
    doc["sources"]["council-page"]["mirror"] = COUNCIL
    assert not list(validator.iter_errors(doc))


def test_the_template_offers_the_copys_address(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new-case", "fenmoor"]) == 0
    template = (tmp_path / "fenmoor.yaml").read_text()
    assert "# mirror: " in template
    (tmp_path / "with-copy.yaml").write_text(template.replace("# mirror: ", "mirror: "))
    kg = csgraph.load(tmp_path / "with-copy.yaml")
    assert csgraph.validate(kg).conforms
    assert {str(r["url"]) for r in csgraph.query(kg, "sources")} == {
        "https://example.org/replace-with-the-case-study-address"}


@pytest.mark.server
def test_a_server_chooses_the_same_addresses(pushed_server):
    """The bundled data, pushed to a real Oxigraph and Virtuoso: the queries and the trace that pick the
    publisher's address, else a copy's, give the embedded store's answers."""
    from remote_helpers import same

    remote = pushed_server.connect()
    for name in ("sources", "evidence", "sourced-figures"):
        embedded = csgraph.query(pushed_server.kg, name)
        assert len(embedded) > 0
        same(embedded, csgraph.query(remote, name))
    label = "Lewisham Restorative Approaches Partnership"
    text = csgraph.trace_back(pushed_server.kg, label).to_text()
    assert "https://docslib.org/" in text and "(a copy; the publisher's address is not known)" in text
    assert csgraph.trace_back(remote, label).to_text() == text
