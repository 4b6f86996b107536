"""Shared fixtures. Other engineers' fixtures (servers, browser) live below the core ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import csgraph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = ROOT / "ontology" / "examples"


@pytest.fixture(scope="session")
def bundled_kg():
    """The bundled case data, loaded once (treat as read-only)."""
    return csgraph.load(DATA)


@pytest.fixture
def fresh_kg():
    """The bundled case data in a store of the test's own."""
    return csgraph.load(DATA)


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["csgraph"] = csgraph
