"""The admin API over HTTP, with nothing but the standard library."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterable, Optional

from ._describe import _shown, _str, within_ms

#: How long a person's action may take, in seconds: far beyond any real one, so that a no_reply
#: fault rule without ``self_id`` (which holds people's sends too) fails the verb in seconds
#: rather than after a wait's ten minutes. As the TypeScript client's.
ACT_TIMEOUT = 30.0

#: How much longer than its own timeout a wait's request may take, in seconds: Catnap answers a
#: wait that ran out (408, with the closest entries) only after the whole timeout, so a limit equal
#: to it would cut the answer off. As the TypeScript client's.
WAIT_MARGIN = 30.0


class CatnapError(Exception):
    """Catnap refused a call or could not be reached; the message says why."""

    def __init__(self, message: str, status: Optional[int] = None, body: Any = None):
        super().__init__(message)
        self.status = status
        self.body = body


class AdminApi:
    """One admin connection: the web UI address and its token."""

    def __init__(self, url: str, token: str, act_timeout: float = ACT_TIMEOUT):
        self.url = url.rstrip("/")
        self.token = token
        self.act_timeout = act_timeout

    def call(self, method: str, path: str, body: Any = None, accept: Iterable[int] = (), timeout: float = 600.0):
        """Returns ``(status, answer)``; statuses other than 2xx raise, except those in ``accept``."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, _decode(response.read(), response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            answer = _decode(error.read(), error.headers.get("Content-Type", "") if error.headers else "")
            if error.code in tuple(accept):
                return error.code, answer
            message = answer.get("error", {}).get("message") if isinstance(answer, dict) else None
            raise CatnapError(
                "%s %s failed with HTTP %d: %s" % (method, path, error.code, message or answer), error.code, answer
            ) from None
        except urllib.error.URLError as error:
            raise CatnapError("cannot reach Catnap at %s (%s); is it running?" % (self.url, error.reason)) from None
        except socket.timeout:
            # It was reached and did not answer in time; an act held that long is almost always a fault rule's doing.
            held = " (a fault rule with effect no_reply or delay may hold the call; GET /api/faults lists them)"
            raise CatnapError(
                "%s %s: Catnap at %s did not answer within %s ms%s"
                % (method, path, self.url, _str(within_ms(timeout)), held if path.startswith("/api/world/act/") else "")
            ) from None

    def get(self, path: str):
        return self.call("GET", path)[1]

    def post(self, path: str, body: Any = None):
        return self.call("POST", path, {} if body is None else body)[1]

    def act(self, user_id: int, action: str, params: Optional[dict] = None) -> dict:
        """Runs a OneBot action as ``user_id``; answers the whole envelope."""
        # One path segment whatever the name holds, as the TypeScript client's encodeURIComponent.
        path = "/api/world/act/%d/%s" % (user_id, urllib.parse.quote(action, safe=""))
        return self.call("POST", path, params or {}, timeout=self.act_timeout)[1]

    def act_ok(self, user_id: int, action: str, params: Optional[dict] = None):
        envelope = self.act(user_id, action, params)
        if envelope.get("retcode") != 0 and envelope.get("status") != "async":
            raise CatnapError(
                "%s as %d failed: retcode %s: %s"
                % (action, user_id, _shown(envelope.get("retcode")), _shown(envelope.get("message") or envelope.get("wording")))
            )
        return envelope.get("data")


def _decode(raw: bytes, content_type: str):
    text = raw.decode("utf-8", "replace")
    if not text:
        return None
    if "json" in content_type or (not content_type and text[:1] in "[{"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
