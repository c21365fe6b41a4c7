"""The failure sentences both clients must write word for word, from test/testing/failure-wording.json
(test/testing/failure-wording.test.ts checks the TypeScript against the same file)."""

import json
import os

CASES_FILE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "test", "testing", "failure-wording.json")
with open(CASES_FILE, encoding="utf-8") as source:
    CASES = json.load(source)
