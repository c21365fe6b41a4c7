"""Words for expectations and transcript entries: what was wanted, and what came closest."""

from __future__ import annotations

import json
from typing import Any, List, Optional


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


def describe_match(match: dict, segments=None) -> str:
    if match.get("kind") == "message":
        parts = ["a message" + (" from %s" % match["from"] if "from" in match else "")]
        where = _place(match.get("group_id"), match.get("user_id"))
        if where:
            parts.append("in " + where)
        if "text" in match:
            parts.append("containing " + json.dumps(match["text"], ensure_ascii=False))
        if "regex" in match:
            parts.append("matching /%s/" % match["regex"])
        if segments:
            parts.append("with segments " + ", ".join(segments))
        return " ".join(parts)
    if match.get("kind") == "call":
        return "a call of %s%s%s" % (
            match.get("action", "any action"),
            " by %s" % match["self_id"] if "self_id" in match else "",
            " with params including " + json.dumps(match["params"], ensure_ascii=False) if match.get("params") else "",
        )
    return "a notice " + json.dumps({k: v for k, v in match.items() if k != "kind"}, ensure_ascii=False)


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
