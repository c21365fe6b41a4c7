"""Words for expectations and transcript entries: what was wanted, and what came closest."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, List, Optional, Tuple


def entry_text(entry: dict) -> Optional[str]:
    """The text a message entry shows: its CQ text, else its text segments."""
    text = _field(entry, "cq", "text", "raw_message", "cq_text")
    if isinstance(text, str):
        return text
    segments = entry_segments(entry)
    if not segments:
        return None
    return "".join(
        str((s.get("data") or {}).get("text", "")) if s.get("type") == "text" else "[%s]" % s.get("type")
        for s in segments
    )


def entry_segments(entry: dict) -> List[dict]:
    segments = _field(entry, "segments", "message")
    return segments if isinstance(segments, list) else []


def _field(entry: dict, *names: str) -> Any:
    """The first of ``names`` the entry carries (not null), as the TypeScript client's field()."""
    for name in names:
        if entry.get(name) is not None:
            return entry[name]
    return None


def _place(group_id: Any, user_id: Any) -> str:
    if isinstance(group_id, int) and not isinstance(group_id, bool) and group_id > 0:
        return "group %d" % group_id
    if isinstance(user_id, int) and not isinstance(user_id, bool) and user_id > 0:
        return "private chat with %d" % user_id
    return ""


def _js_number(value: float) -> str:
    """A number as JavaScript writes it (Number::toString): 60, not 60.0; 1e-7, not 1e-07;
    1e+21 from 10**21 on, and every digit below it."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that read back as the same double, as JavaScript picks them;
    # only where the point goes and how the exponent is written differ.
    mantissa, _, exponent = repr(abs(float(value))).partition("e")
    whole, _, fraction = mantissa.partition(".")
    raw = whole + fraction
    significant = raw.lstrip("0")
    # The value is 0.<raw> times 10 to the power `point`, less the zeros it starts with.
    point = len(whole) + int(exponent or 0) - (len(raw) - len(significant))
    digits = significant.rstrip("0")
    count = len(digits)
    if count <= point <= 21:
        text = digits + "0" * (point - count)
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        power = point - 1
        text = digits[0] + ("." + digits[1:] if count > 1 else "") + "e" + ("+" if power >= 0 else "-") + str(abs(power))
    return sign + text


def _is_index(key: str) -> bool:
    """Whether JavaScript orders `key` as an array index: before the other keys, by value."""
    return key.isdigit() and key.isascii() and (key == "0" or not key.startswith("0")) and int(key) < 2**32 - 1


def _json(value: Any) -> str:
    """JSON as the TypeScript client's JSON.stringify writes it, so both clients fail with the same
    words: no spaces, numbers as JavaScript writes them, and integer-like keys first, ascending."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return _js_number(value) if value == value and value not in (float("inf"), float("-inf")) else "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        keys = [str(key) for key in value]
        ordered = sorted((key for key in keys if _is_index(key)), key=int) + [key for key in keys if not _is_index(key)]
        items = {str(key): item for key, item in value.items()}
        return "{" + ",".join(json.dumps(key, ensure_ascii=False) + ":" + _json(items[key]) for key in ordered) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _str(value: Any) -> str:
    """A value as JavaScript's String() writes it: true, not True; 1000, not 1000.0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return _js_number(value)
    return str(value)


def _shown(value: Any) -> str:
    """A field that may be missing, as String() writes a missing one: undefined."""
    return "undefined" if value is None else _str(value)


def describe_entry(entry: dict) -> str:
    """One line for a transcript entry: who, where, what (the TypeScript client's describeEntry)."""
    # The transcript's own compact line says it best; the rest is for entries without one.
    if isinstance(entry.get("line"), str):
        return entry["line"]
    kind = _str(entry["kind"] if entry.get("kind") is not None else entry["type"] if entry.get("type") is not None else "entry")
    if kind == "message":
        where = _place(_field(entry, "group_id"), _field(entry, "user_id", "peer_id"))
        text = entry_text(entry)
        return "message from %s%s: %s" % (
            _shown(_field(entry, "from", "sender_id")),
            " in " + where if where else "",
            _json(text if text is not None else ""),
        )
    if kind == "call":
        retcode = _field(entry, "retcode")
        params = _field(entry, "params")
        return "call %s by %s %s%s" % (
            _shown(_field(entry, "action")),
            _shown(_field(entry, "self_id")),
            _json(params if params is not None else {}),
            " → retcode " + _str(retcode) if retcode is not None else "",
        )
    rest = {k: v for k, v in entry.items() if k not in ("kind", "seq", "id", "time", "time_ms")}
    return "%s %s" % (kind, _json(rest))


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
        words, used = _article(_shown(kind)) + " entry", []
    else:
        words, used = wording(fields, segments)
    rest = [(key, value) for key, value in fields.items() if key not in used]
    if not rest:
        return words
    return "%s with %s" % (words, " ".join("%s=%s" % (key, _json(value)) for key, value in rest))


def _utf16(text: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units), so the caret stands where the TypeScript puts it."""
    return len(text.encode("utf-16-le")) // 2


def text_diff(expected: str, actual: str) -> str:
    """Expected against actual text: ``-`` what was expected, ``+`` what came, a caret where they part."""
    at = 0
    while at < len(expected) and at < len(actual) and expected[at] == actual[at]:
        at += 1
    caret = " " * (_utf16(_json(actual[:at])) - 1) + "^"
    return "\n".join(["- expected: " + _json(expected), "+ actual:   " + _json(actual), "            " + caret])


def report(wanted: str, within_ms: float, closest: List[dict], expected_text: Optional[str] = None) -> str:
    """The failure message of an expectation (the TypeScript client's expectationReport)."""
    lines = ["expected %s within %s ms" % (wanted, _str(within_ms))]
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


def silence_report(wanted: str, within_ms: float, offending: List[dict]) -> str:
    """The failure message of a silence, expect_none (the TypeScript client's silenceReport)."""
    happened = "; ".join(describe_entry(entry) for entry in offending) or "something matched"
    return "expected no %s for %s ms, but: %s" % (re.sub(r"^an? ", "", wanted), _str(within_ms), happened)


def within_ms(seconds: float) -> float:
    """The Python client's seconds as the milliseconds the wait and the failure message name."""
    ms = seconds * 1000
    return round(ms) if abs(ms - round(ms)) < 1e-6 else ms
