"""Names the docstring examples of csgraph/ share: ``csgraph`` and ``kg``, the bundled case data
loaded once for the whole run (treat it as read-only; an example that changes a graph loads its own)."""

from __future__ import annotations

import pytest

import csgraph


@pytest.fixture(scope="session")
def _bundled_for_examples():
    return csgraph.load(bundled=True)


@pytest.fixture(autouse=True)
def _doctest_names(request):
    if isinstance(request.node, pytest.DoctestItem):
        namespace = request.getfixturevalue("doctest_namespace")
        namespace["csgraph"] = csgraph
        namespace["kg"] = request.getfixturevalue("_bundled_for_examples")
