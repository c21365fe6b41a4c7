"""Words for expectations and transcript entries: what was wanted, and what came closest."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Optional, Tuple


def entry_text(entry: dict) -> Optional[str]:
    for key in ("cq", "text", "raw_message", "cq_text"):
        if isinstance(entry.get(key), str):
            return entry[key]
    segments = entry_segments(entry)
    if not segments:
        return None
    return "".join(
        str((s.get("data") or {}).get("text", "")) if s.get("type") == "text" else "[%s]" % s.get("type")
        for s in segments
    )


def entry_segments(entry: dict) -> List[dict]:
    for key in ("segments", "message"):
        if isinstance(entry.get(key), list):
            return entry[key]
    return []


def _place(group_id: Any, user_id: Any) -> str:
    if isinstance(group_id, int) and group_id > 0:
        return "group %d" % group_id
    if isinstance(user_id, int) and user_id > 0:
        return "private chat with %d" % user_id
    return ""


def describe_entry(entry: dict) -> str:
    if isinstance(entry.get("line"), str):
        return entry["line"]
    kind = entry.get("kind") or entry.get("type") or "entry"
    if kind == "message":
        sender = entry.get("from")
        where = _place(entry.get("group_id"), entry.get("user_id"))
        return "message from %s%s: %s" % (sender, " in " + where if where else "", json.dumps(entry_text(entry) or "", ensure_ascii=False))
    if kind == "call":
        return "call %s by %s %s%s" % (
            entry.get("action"),
            entry.get("self_id"),
            json.dumps(entry.get("params") or {}, ensure_ascii=False),
            " -> retcode %s" % entry["retcode"] if "retcode" in entry else "",
        )
    rest = {k: v for k, v in entry.items() if k not in ("kind", "seq", "id", "time", "time_ms")}
    return "%s %s" % (kind, json.dumps(rest, ensure_ascii=False))


def _json(value: Any) -> str:
    """JSON as the TypeScript client writes it (no spaces), so both clients fail with the same words."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _str(value: Any) -> str:
    """A value as JavaScript's String() writes it: true, not True; 1000, not 1000.0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _has(match: dict, key: str) -> bool:
    return match.get(key) is not None


def _article(word: str) -> str:
    """"a" or "an", by the sound of the word that follows (its first letter is close enough here)."""
    return ("an " if word[:1].lower() in "aeiou" and word else "a ") + word


def _typed(match: dict, type_field: str) -> str:
    """`type/sub_type`, as the transcript's own lines name notices and requests (a lone sub_type stays a field)."""
    if not _has(match, type_field):
        return ""
    return _str(match[type_field]) + ("/" + _str(match["sub_type"]) if _has(match, "sub_type") else "") + " "


def _typed_fields(match: dict, type_field: str) -> List[str]:
    return [type_field, "sub_type"] if _has(match, type_field) else []


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _message(match: dict, segments) -> Tuple[str, List[str]]:
    where = _place(match.get("group_id"), match.get("user_id"))
    return (
        _joined(
            "a message" + (" from " + _str(match["from"]) if _has(match, "from") else ""),
            "in " + where if where else "",
            "containing " + _json(match["text"]) if _has(match, "text") else "",
            "matching /%s/" % _str(match["regex"]) if _has(match, "regex") else "",
            "with segments " + ", ".join(segments) if segments else "",
        ),
        ["from", "group_id", "user_id", "text", "regex"],
    )


def _call(match: dict, segments) -> Tuple[str, List[str]]:
    params = match.get("params")
    # JavaScript's truthiness: an empty object still counts, as in the TypeScript client.
    has_params = params is not None and params is not False and params != 0 and params != ""
    return (
        "a call of %s%s%s"
        % (
            _str(match["action"]) if _has(match, "action") else "any action",
            " by " + _str(match["self_id"]) if _has(match, "self_id") else "",
            " with params including " + _json(params) if has_params else "",
        ),
        ["action", "self_id", "params"],
    )


def _recall(match: dict, segments) -> Tuple[str, List[str]]:
    where = _place(match.get("group_id"), match.get("user_id"))
    return (
        _joined(
            "a recall of " + ("message " + _str(match["message_id"]) if _has(match, "message_id") else "a message"),
            "sent by " + _str(match["from"]) if _has(match, "from") else "",
            "in " + where if where else "",
            "by " + _str(match["operator_id"]) if _has(match, "operator_id") else "",
        ),
        ["message_id", "from", "group_id", "user_id", "operator_id"],
    )


def _reaction(match: dict, segments) -> Tuple[str, List[str]]:
    is_add = match.get("is_add")
    return (
        _joined(
            "a reaction" + (" " + _str(match["emoji_id"]) if _has(match, "emoji_id") else ""),
            "added" if is_add is True else "taken back" if is_add is False else "",
            "on " + ("message " + _str(match["message_id"]) if _has(match, "message_id") else "a message"),
            "by " + _str(match["user_id"]) if _has(match, "user_id") else "",
        ),
        ["emoji_id", "is_add", "message_id", "user_id"],
    )


def _notice(match: dict, segments) -> Tuple[str, List[str]]:
    return (
        _joined(
            _article(_typed(match, "notice_type") + "notice"),
            "in group " + _str(match["group_id"]) if _has(match, "group_id") else "",
            "about " + _str(match["user_id"]) if _has(match, "user_id") else "",
            "by " + _str(match["operator_id"]) if _has(match, "operator_id") else "",
        ),
        _typed_fields(match, "notice_type") + ["group_id", "user_id", "operator_id"],
    )


def _request(match: dict, segments) -> Tuple[str, List[str]]:
    return (
        _joined(
            _article(_typed(match, "request_type") + "request"),
            "from " + _str(match["user_id"]) if _has(match, "user_id") else "",
            "for group " + _str(match["group_id"]) if _has(match, "group_id") else "",
        ),
        _typed_fields(match, "request_type") + ["user_id", "group_id"],
    )


def _fault(match: dict, segments) -> Tuple[str, List[str]]:
    if _has(match, "action"):
        target = "on a call of " + _str(match["action"])
    elif _has(match, "event"):
        target = "on a %s event" % _str(match["event"])
    else:
        target = ""
    return (
        _joined(
            "a fault%s firing" % (" of rule " + _str(match["rule_id"]) if _has(match, "rule_id") else ""),
            "(%s)" % _str(match["effect"]) if _has(match, "effect") else "",
            target,
            "for " + _str(match["self_id"]) if _has(match, "self_id") else "",
        ),
        ["rule_id", "effect", "action", "event", "self_id"],
    )


def _clock(match: dict, segments) -> Tuple[str, List[str]]:
    return (
        "a clock move%s%s"
        % (
            " from " + _str(match["from_ms"]) if _has(match, "from_ms") else "",
            " to " + _str(match["to_ms"]) if _has(match, "to_ms") else "",
        ),
        ["from_ms", "to_ms"],
    )


def _mark(match: dict, segments) -> Tuple[str, List[str]]:
    return "a mark" + (" named " + _json(match["name"]) if _has(match, "name") else ""), ["name"]


def _restore(match: dict, segments) -> Tuple[str, List[str]]:
    words = "a restore of snapshot " + _json(match["snapshot"]) if _has(match, "snapshot") else "a snapshot restore"
    return words, ["snapshot"]


def _extra(match: dict, segments) -> Tuple[str, List[str]]:
    return ("an entry from " + _str(match["source"]) if _has(match, "source") else "an extra entry"), ["source"]


# Each kind of wait in its own words, the same as the TypeScript client's describeMatch
# (src/app/testing/describe-entries.ts); tests/test_describe.py checks every kind of the contract is here.
WORDINGS: Dict[str, Callable[[dict, Any], Tuple[str, List[str]]]] = {
    "message": _message,
    "call": _call,
    "recall": _recall,
    "reaction": _reaction,
    "notice": _notice,
    "request": _request,
    "fault": _fault,
    "clock": _clock,
    "mark": _mark,
    "restore": _restore,
    "extra": _extra,
}


def describe_match(match: dict, segments=None) -> str:
    """What an expectation asked for, in words: the kind of entry, then the fields it must carry.

    Every field a wording does not use is listed after it (``with field=value``), since a wait may
    match on any field of the entry.
    """
    kind = match.get("kind")
    fields = {key: value for key, value in match.items() if key != "kind"}
    wording = WORDINGS.get(kind) if isinstance(kind, str) else None
    if wording is None:
        # A kind from a newer Catnap than this client: say it plainly rather than guess.
        words, used = _article(_str(kind)) + " entry", []
    else:
        words, used = wording(fields, segments)
    rest = [(key, value) for key, value in fields.items() if key not in used]
    if not rest:
        return words
    return "%s with %s" % (words, " ".join("%s=%s" % (key, _json(value)) for key, value in rest))


def text_diff(expected: str, actual: str) -> str:
    at = 0
    while at < len(expected) and at < len(actual) and expected[at] == actual[at]:
        at += 1
    caret = " " * (len(json.dumps(actual[:at], ensure_ascii=False)) - 1) + "^"
    return "\n".join(
        [
            "- expected: " + json.dumps(expected, ensure_ascii=False),
            "+ actual:   " + json.dumps(actual, ensure_ascii=False),
            "            " + caret,
        ]
    )


def report(wanted: str, within: float, closest: List[dict], expected_text: Optional[str] = None) -> str:
    lines = ["expected %s within %g s" % (wanted, within)]
    if not closest:
        lines.append("  nothing like it happened")
        return "\n".join(lines)
    nearest = closest[0]
    lines.append("  nearest: " + describe_entry(nearest))
    actual = entry_text(nearest)
    if expected_text is not None and actual is not None:
        lines.extend("  " + line for line in text_diff(expected_text, actual).split("\n"))
    lines.extend("  also:    " + describe_entry(other) for other in closest[1:5])
    return "\n".join(lines)
