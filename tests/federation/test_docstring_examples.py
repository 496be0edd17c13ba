"""The examples in the docstrings of the discovery modules are true."""

from __future__ import annotations

import doctest

import pytest

from node.federation import intents, negotiation


@pytest.mark.parametrize("module", [intents, negotiation], ids=lambda m: m.__name__)
def test_the_examples_hold(module: object) -> None:
    failed, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0 and failed == 0
