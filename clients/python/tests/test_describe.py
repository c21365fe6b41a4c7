"""describe_match words each kind of wait as the TypeScript client's describeMatch does, so a bot's
tests fail with the same words from either client (test/testing/library.test.ts has the same cases)."""

import os
import re

import pytest

from catnap._describe import WORDINGS, describe_match

CONTRACT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "contract", "admin", "transcript.ts")


def contract_kinds():
    """Every kind a wait may name: the `kinds` list of the transcript contract."""
    with open(CONTRACT, encoding="utf-8") as source:
        found = re.search(r"const kinds = \[([^\]]*)\] as const", source.read())
    assert found, "no `const kinds = [...] as const` in src/contract/admin/transcript.ts"
    return re.findall(r"'([a-z_]+)'", found.group(1))


DESCRIBED = {
    "message": [
        ({"kind": "message", "from": 10001, "group_id": 30001, "text": "pong"}, 'a message from 10001 in group 30001 containing "pong"'),
        ({"kind": "message", "user_id": 20002, "regex": "^pong$"}, "a message in private chat with 20002 matching /^pong$/"),
    ],
    "call": [
        (
            {"kind": "call", "action": "set_group_ban", "self_id": 10001, "params": {"duration": 60}},
            'a call of set_group_ban by 10001 with params including {"duration":60}',
        ),
        ({"kind": "call", "retcode": 0}, "a call of any action with retcode=0"),
    ],
    "recall": [
        ({"kind": "recall", "message_id": 7, "group_id": 30001, "operator_id": 20001}, "a recall of message 7 in group 30001 by 20001"),
        ({"kind": "recall"}, "a recall of a message"),
    ],
    "reaction": [
        (
            {"kind": "reaction", "emoji_id": "76", "is_add": True, "message_id": 7, "user_id": 20001},
            "a reaction 76 added on message 7 by 20001",
        ),
        ({"kind": "reaction", "is_add": False}, "a reaction taken back on a message"),
    ],
    "notice": [
        (
            {"kind": "notice", "notice_type": "group_ban", "sub_type": "ban", "group_id": 30001, "user_id": 20003, "duration": 60},
            "a group_ban/ban notice in group 30001 about 20003 with duration=60",
        ),
        ({"kind": "notice", "notice_type": "offline_file"}, "an offline_file notice"),
        ({"kind": "notice", "sub_type": "poke"}, 'a notice with sub_type="poke"'),
    ],
    "request": [
        (
            {"kind": "request", "request_type": "group", "sub_type": "add", "user_id": 20004, "group_id": 30001},
            "a group/add request from 20004 for group 30001",
        ),
        ({"kind": "request", "request_type": "friend", "comment": "hi"}, 'a friend request with comment="hi"'),
    ],
    "fault": [
        (
            {"kind": "fault", "rule_id": 3, "effect": "fail", "action": "send_group_msg", "self_id": 10001, "retcode": 1200},
            "a fault of rule 3 firing (fail) on a call of send_group_msg for 10001 with retcode=1200",
        ),
        ({"kind": "fault", "event": "message"}, "a fault firing on a message event"),
    ],
    "clock": [
        ({"kind": "clock"}, "a clock move"),
        ({"kind": "clock", "to_ms": 1000}, "a clock move to 1000"),
        ({"kind": "clock", "from_ms": 0, "to_ms": 1000.0}, "a clock move from 0 to 1000"),
    ],
    "mark": [
        ({"kind": "mark", "name": "before"}, 'a mark named "before"'),
        ({"kind": "mark"}, "a mark"),
    ],
    "restore": [
        ({"kind": "restore", "snapshot": "clean"}, 'a restore of snapshot "clean"'),
        ({"kind": "restore"}, "a snapshot restore"),
    ],
    "extra": [
        ({"kind": "extra", "source": "load"}, "an entry from load"),
        ({"kind": "extra"}, "an extra entry"),
    ],
}


def test_every_kind_of_the_contract_has_words_and_cases():
    kinds = sorted(contract_kinds())
    assert "notice" in kinds and len(kinds) > 2
    assert sorted(WORDINGS) == kinds
    assert sorted(DESCRIBED) == kinds


@pytest.mark.parametrize(
    "match, words",
    [case for cases in DESCRIBED.values() for case in cases],
    ids=lambda value: value["kind"] if isinstance(value, dict) else None,
)
def test_each_kind_is_worded_by_what_it_is(match, words):
    assert describe_match(match) == words


@pytest.mark.parametrize("kind", [kind for kind in contract_kinds() if kind != "notice"])
def test_no_kind_but_a_notice_is_worded_as_one(kind):
    assert "notice" not in describe_match({"kind": kind})


def test_message_segments_and_fields_beyond_the_wording():
    assert describe_match({"kind": "message", "text": "x"}, ["image"]) == 'a message containing "x" with segments image'
    assert describe_match({"kind": "message", "from": 10001, "raw_message": "ü"}) == 'a message from 10001 with raw_message="ü"'
    assert describe_match({"kind": "reaction", "is_add": True, "count": 2}) == "a reaction added on a message with count=2"


def test_a_kind_from_a_newer_catnap_is_named_plainly():
    assert describe_match({"kind": "upload", "name": "a.txt"}) == 'an upload entry with name="a.txt"'
