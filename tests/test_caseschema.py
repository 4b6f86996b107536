"""The JSON Schema of case files: a valid draft-07 schema that accepts every bundled case file and the
template, and rejects the invalid examples and every wrong-typed value (checked with jsonschema)."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from test_casefile import INVALID, wrong_cases, wrong_file

from csgraph.caseschema import SCHEMA_FILE
from csgraph.cli import main
from csgraph.resources import data_dir


class EditorYaml(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2: dates stay text)."""


EditorYaml.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if not tag.endswith(":timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / SCHEMA_FILE
    assert main(["schema", "-o", str(path)]) == 0
    schema = json.loads(path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def read(text):
    return yaml.load(text, Loader=EditorYaml)


@pytest.mark.parametrize("path", sorted(data_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_case_file_is_accepted(validator, path):
    assert [e.message for e in validator.iter_errors(read(path.read_text()))] == []


def test_the_template_refers_to_the_schema_and_is_accepted(validator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new-case", "hackney", "--schema"]) == 0
    text = (tmp_path / "hackney.yaml").read_text()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert json.loads((tmp_path / SCHEMA_FILE).read_text()) == validator.schema
    assert not list(validator.iter_errors(read(text)))


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_examples_are_rejected(validator, path):
    assert list(validator.iter_errors(read(path.read_text())))


@pytest.mark.parametrize("where,tname,key,kind", list(wrong_cases()))
def test_every_wrong_type_is_rejected(validator, where, tname, key, kind):
    text, _ = wrong_file(where, tname, key, kind)
    assert list(validator.iter_errors(read(text))), text


def test_not_stated_and_value_level_sources_are_accepted(validator):
    text, _ = wrong_file("thing", "Strategy", "owner", "str")
    doc = read(text)
    doc["things"]["t"]["owner"] = "not-stated"
    doc["things"]["t"]["start"] = {"value": 2020, "from": "page#vision"}
    assert not list(validator.iter_errors(doc))
