"""The Python client fails with the TypeScript client's sentences, word for word: the cases and
their sentences are in test/testing/failure-wording.json, which test/testing/failure-wording.test.ts
checks against the TypeScript."""

import pytest

from catnap import world as world_module
from catnap._describe import describe_entry, describe_match, report, silence_report, text_diff, within_ms
from shared_wording import CASES



@pytest.mark.parametrize("case", CASES["describeMatch"], ids=lambda case: case["words"][:40])
def test_waits_are_worded_as_the_typescript_does(case):
    assert describe_match(case["match"], case.get("segments")) == case["words"]


@pytest.mark.parametrize("case", CASES["describeEntry"], ids=lambda case: case["words"][:40])
def test_entries_are_described_as_the_typescript_does(case):
    assert describe_entry(case["entry"]) == case["words"]


@pytest.mark.parametrize("case", CASES["textDiff"], ids=lambda case: case["actual"])
def test_text_diffs_put_the_caret_where_the_typescript_does(case):
    assert text_diff(case["expected"], case["actual"]) == case["words"]


@pytest.mark.parametrize("case", CASES["expectationReport"], ids=lambda case: str(case["within_ms"]))
def test_missed_expectations_are_reported_as_the_typescript_does(case):
    wanted = describe_match(case["match"], case.get("segments"))
    assert report(wanted, case["within_ms"], case["closest"], case.get("expected_text")) == case["words"]


@pytest.mark.parametrize("case", CASES["silenceReport"], ids=lambda case: case["words"][:40])
def test_broken_silences_are_reported_as_the_typescript_does(case):
    assert silence_report(describe_match(case["match"]), case["within_ms"], case["offending"]) == case["words"]


def test_seconds_are_named_in_milliseconds():
    assert [within_ms(s) for s in (2.0, 0.3, 0.5, 1, 0.0005)] == [2000, 300, 500, 1000, 0.5]


class _SilenceBroken:
    """An admin API whose `none` wait saw a match (HTTP 409), as a world's would."""

    def __init__(self, entries):
        self.entries = entries
        self.bodies = []

    def call(self, method, path, body=None, accept=(), timeout=600.0):
        self.bodies.append(body)
        return 409, {"matched": self.entries}


def _world(api):
    world = world_module.World.__new__(world_module.World)
    world.api, world.bot, world._since, world._bots = api, world_module.Bot(10001), None, []
    return world


def test_expect_none_takes_any_wait_match_and_fails_as_the_typescript_does():
    case = CASES["silenceReport"][0]
    api = _SilenceBroken(case["offending"])
    with pytest.raises(world_module.ExpectationError) as failure:
        _world(api).expect_none(case["match"], within=case["within_ms"] / 1000)
    assert str(failure.value) == case["words"]
    assert failure.value.closest == case["offending"]
    assert api.bodies == [{"match": case["match"], "timeout_ms": 300, "none": True}]


def test_expect_none_of_a_message_names_the_bot_and_milliseconds():
    case = CASES["silenceReport"][2]
    with pytest.raises(world_module.ExpectationError) as failure:
        _world(_SilenceBroken(case["offending"])).expect_none("pong", within=0.3)
    assert str(failure.value) == case["words"]


@pytest.mark.parametrize("case", CASES["describeExit"], ids=lambda case: case["words"])
def test_how_the_bot_ended_is_told_as_the_typescript_does(case):
    from catnap._bot_process import describe_exit, describe_returncode

    assert describe_exit(case["code"], case["signal"]) == case["words"]
    if case["signal"]:
        # What subprocess reports for it: the signal's number, negative.
        assert describe_returncode(128 - case["code"]) == case["words"]
