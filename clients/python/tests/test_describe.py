"""describe_match words each kind of wait as the TypeScript client's describeMatch does, so a bot's
tests fail with the same words from either client: the cases are the describeMatch list of
test/testing/failure-wording.json (test_failure_wording.py runs them), and every kind of the
contract must have one."""

import os
import re

import pytest

from catnap._describe import WORDINGS, describe_match
from shared_wording import CASES

CONTRACT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "contract", "admin", "transcript.ts")


def contract_kinds():
    """Every kind a wait may name: the `kinds` list of the transcript contract."""
    with open(CONTRACT, encoding="utf-8") as source:
        found = re.search(r"const kinds = \[([^\]]*)\] as const", source.read())
    assert found, "no `const kinds = [...] as const` in src/contract/admin/transcript.ts"
    return re.findall(r"'([a-z_]+)'", found.group(1))


def test_every_kind_of_the_contract_has_words_and_shared_cases():
    kinds = sorted(contract_kinds())
    assert "notice" in kinds and len(kinds) > 2
    assert sorted(WORDINGS) == kinds
    assert {case["match"]["kind"] for case in CASES["describeMatch"]} >= set(kinds)


@pytest.mark.parametrize("kind", [kind for kind in contract_kinds() if kind != "notice"])
def test_no_kind_but_a_notice_is_worded_as_one(kind):
    assert "notice" not in describe_match({"kind": kind})
