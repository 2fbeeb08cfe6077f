#!/usr/bin/env python3
"""Validates result files against the JSON Schemas in docs/grader-output.md.

  validate_formats.py DOC FORMAT [--ours FILE...] [--examples FILE...]

FORMAT is classroom50 or prairielearn: the schema is the ```json block after
the line `<!-- json-schema: FORMAT -->` in DOC, so the documented schema is
the one tested. Every file must satisfy it. Files given with --ours (what the
grader wrote) must also keep the rules a schema cannot express, and the
fields the grader always writes; --examples (the platforms' own files) get
the platform's cross-field rules only. Prints one line per problem; exits 1
if there is any. Needs python3-jsonschema (Debian), which tools/setup installs.
"""
import json
import math
import pathlib
import re
import sys

import jsonschema

# PrairieLearn's grader host refuses results over 1024 * 1024 bytes; the
# grader keeps below 1,000,000.
PRAIRIELEARN_LIMIT = 1000 * 1000
CHECK_NAME = re.compile(r"^[0-9]{2}_[a-z0-9_]+ · (build|tests|race|speedup)$")


def schema_from(doc, fmt):
    text = pathlib.Path(doc).read_text(encoding="utf-8")
    match = re.search(r"<!-- json-schema: %s -->\n```json\n(.*?)\n```" % re.escape(fmt), text, re.S)
    if not match:
        sys.exit(f"validate_formats: no JSON Schema marked '{fmt}' in {doc}")
    schema = json.loads(match.group(1))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def classroom50_rules(result, ours):
    """What Classroom 50's runner.py and collect_scores.py check in code."""
    tests = result["tests"]
    if result["score"] > result["max-score"]:
        yield f"score {result['score']} > max-score {result['max-score']}"
    for i, t in enumerate(tests):
        if t["score"] > t["max-score"]:
            yield f"tests[{i}]: score {t['score']} > max-score {t['max-score']}"
    if tests and result["score"] != sum(t["score"] for t in tests):
        yield "score is not the sum of the tests' scores"
    if tests and result["max-score"] != sum(t["max-score"] for t in tests):
        yield "max-score is not the sum of the tests' max-scores"
    if not ours:
        return
    if not tests:
        yield "no tests: the grader writes one per check"
    for i, t in enumerate(tests):
        if not CHECK_NAME.match(t["test-name"]):
            yield f"tests[{i}]: test-name {t['test-name']!r} is not '<exercise id> · <check>'"
        for key in ("status", "message", "unscaled-score", "unscaled-max-score"):
            if key not in t:
                yield f"tests[{i}]: no {key}"
        if "status" in t and t["passed"] != (t["status"] == "pass"):
            yield f"tests[{i}]: passed is {t['passed']} but status is {t['status']}"


def prairielearn_rules(result, ours, size):
    if size > PRAIRIELEARN_LIMIT:
        yield f"{size} bytes: PrairieLearn refuses a results file over 1 MB"
    if not ours:
        return
    for key in ("gradable", "message", "output", "tests"):
        if key not in result:
            yield f"no {key}"
    tests = result.get("tests", [])
    for i, t in enumerate(tests):
        for key in ("name", "description", "points", "max_points", "message", "output"):
            if key not in t:
                yield f"tests[{i}]: no {key}"
        if "name" in t and not CHECK_NAME.match(t["name"]):
            yield f"tests[{i}]: name {t['name']!r} is not '<exercise id> · <check>'"
        if t.get("points", 0) > t.get("max_points", 0) + 1e-9:
            yield f"tests[{i}]: points above max_points"
    if result.get("gradable") is False:
        if "score" in result:
            yield "an ungradable result has a score"
        if not result.get("format_errors"):
            yield "an ungradable result does not say why (format_errors)"
    else:
        earned = sum(t.get("points", 0) for t in tests)
        available = sum(t.get("max_points", 0) for t in tests)
        expected = earned / available if available > 0 else 0.0
        if not math.isclose(result.get("score", -1), expected, abs_tol=1e-9):
            yield f"score {result.get('score')} is not the points' fraction {expected}"


def main(argv):
    if len(argv) < 3 or argv[2] not in ("classroom50", "prairielearn"):
        sys.exit(__doc__)
    doc, fmt = argv[1], argv[2]
    validator = schema_from(doc, fmt)
    ours, files, mode = set(), [], None
    for arg in argv[3:]:
        if arg in ("--ours", "--examples"):
            mode = arg
            continue
        if mode is None:
            sys.exit(__doc__)
        files.append(arg)
        if mode == "--ours":
            ours.add(arg)
    problems = 0
    for f in files:
        raw = pathlib.Path(f).read_bytes()
        result = json.loads(raw)
        found = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(result)]
        if not found:  # the cross-field rules assume the schema's shape
            rules = classroom50_rules(result, f in ours) if fmt == "classroom50" else \
                prairielearn_rules(result, f in ours, len(raw))
            found = list(rules)
        for problem in found:
            print(f"{f}: {problem}")
        problems += len(found)
        if not found:
            print(f"{f}: valid {fmt}{' (grader output)' if f in ours else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
