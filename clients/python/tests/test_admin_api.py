"""The admin API client: a Catnap that does not answer in time is named as such, not as a crash."""

import http.server
import threading
import time

import pytest

from catnap._http import AdminApi, CatnapError


@pytest.fixture
def silent_catnap():
    """An HTTP server that takes every request and answers none in time, as a call a no_reply fault holds."""

    class Silent(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            time.sleep(2)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Silent)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_an_act_that_gets_no_answer_fails_after_the_act_timeout_naming_fault_rules(silent_catnap):
    api = AdminApi(silent_catnap, "t", act_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(CatnapError) as failure:
        api.act_ok(20001, "send_group_msg", {"group_id": 30001, "message": "held"})
    assert time.monotonic() - started < 1.5
    assert str(failure.value) == (
        "POST /api/world/act/20001/send_group_msg: Catnap at %s did not answer within 300 ms"
        " (a fault rule with effect no_reply or delay may hold the call; GET /api/faults lists them)" % silent_catnap
    )


def test_any_other_call_that_gets_no_answer_says_so_too(silent_catnap):
    with pytest.raises(CatnapError) as failure:
        AdminApi(silent_catnap, "t").call("POST", "/api/world/marks", {}, timeout=0.3)
    assert str(failure.value) == "POST /api/world/marks: Catnap at %s did not answer within 300 ms" % silent_catnap



@pytest.fixture
def recording_catnap():
    """An HTTP server that answers every POST with a OneBot envelope and keeps the paths it was asked."""
    paths = []

    class Recording(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            paths.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = b'{"status": "ok", "retcode": 0, "data": null}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recording)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1], paths
    server.shutdown()
    server.server_close()


def test_an_action_name_is_one_path_segment_as_the_typescript_client_sends_it(recording_catnap):
    # encodeURIComponent in the TypeScript client: a "/" or "?" in the name stays in the name, so
    # the act route answers "no such action" rather than another route (or the query) taking it.
    url, paths = recording_catnap
    AdminApi(url, "t").act(20001, "get_status/../x?y")
    assert paths == ["/api/world/act/20001/get_status%2F..%2Fx%3Fy"]
