"""Fuzz of the reference central over HTTP, on SQLite and PostgreSQL: no generated request gets a 5xx.

Schemathesis-style, from the spec's valid bodies: every example takes a function's valid request and breaks
it (values replaced by any JSON value, hostile text and number literals, keys dropped or added, the text cut
short), or sends a random JSON document or random bytes, as a random caller. Every answer must be the envelope
(``status`` equal to the HTTP status, ``valido`` matching it), never a 5xx. The example count is bounded so
the file stays well under a minute.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.central.conftest import NORTE, SUR, Api
from tests.integration.central.test_central_bad_input import HOSTILE_NUMBERS, HOSTILE_TEXT, valid_bodies

EXAMPLES = 200


class RawNumber(str):
    """A number literal sent as is (``1E+999999999``, ``NaN``): no Python value encodes to it."""


def encode(value: Any) -> bytes:
    """JSON text of ``value`` with strings escaped to ASCII (NUL and lone surrogates as ``\\u`` escapes)."""
    if isinstance(value, RawNumber):
        return value.encode()
    if isinstance(value, dict):
        return b"{" + b",".join(encode(str(k)) + b":" + encode(v) for k, v in value.items()) + b"}"
    if isinstance(value, list):
        return b"[" + b",".join(encode(item) for item in value) + b"]"
    if isinstance(value, Decimal):
        return str(value).encode()
    return json.dumps(value, ensure_ascii=True).encode()


hostile_text = st.sampled_from(HOSTILE_TEXT) | st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()), max_size=12)
numbers = (st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.decimals(allow_nan=False, allow_infinity=False)
           | st.sampled_from(HOSTILE_NUMBERS).map(RawNumber))
leaves = st.none() | st.booleans() | numbers | hostile_text | st.sampled_from(["", "x" * 300, "25.00", "GEN5"])
json_values = st.recursive(leaves, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(hostile_text, children, max_size=4), max_leaves=12)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every dict and list inside ``value`` (the root included)."""
    found = [path] if isinstance(value, dict | list) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        found += _containers(item, (*path, key))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _mutate(data: st.DataObject, body: Any) -> Any:
    body = copy.deepcopy(body)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        paths = _containers(body)
        if not paths:
            return data.draw(json_values, label="root")
        container = _at(body, data.draw(st.sampled_from(paths), label="container"))
        if not container:
            continue
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = data.draw(st.sampled_from(keys), label="key")
        action = data.draw(st.sampled_from(["replace", "replace", "drop", "add"]), label="action")
        if action == "replace":
            container[key] = data.draw(json_values, label="value")
        elif action == "drop":
            del container[key]
        elif isinstance(container, dict):
            container[data.draw(hostile_text, label="new key")] = data.draw(json_values, label="new value")
        else:
            container.append(data.draw(json_values, label="new item"))
    return body


def _check_answer(response: httpx.Response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code, response.text[:500])
    payload = response.json()
    assert payload["status"] == response.status_code, (what, payload)
    assert payload["data"]["valido"] is (200 <= response.status_code < 300), (what, payload)
    assert isinstance(payload["message"], str) and payload["message"], (what, payload)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
@given(data=st.data())
def test_no_generated_request_gets_a_5xx(any_api: Api, data: st.DataObject) -> None:
    bodies = valid_bodies(any_api)
    function = data.draw(st.sampled_from(sorted(bodies)), label="function")
    body, who = bodies[function]
    kind = data.draw(st.sampled_from(["mutated", "mutated", "mutated", "cut", "random json", "bytes"]),
                     label="kind")
    if kind == "mutated":
        raw = encode(_mutate(data, body))
    elif kind == "cut":
        text = encode(body)
        raw = text[:data.draw(st.integers(min_value=0, max_value=len(text) - 1), label="cut at")]
    elif kind == "random json":
        raw = encode(data.draw(json_values, label="document"))
    else:
        raw = data.draw(st.binary(max_size=300), label="bytes")
    caller = data.draw(st.sampled_from([who, who, "admin", NORTE, SUR, None, "not-a-token"]), label="caller")
    key = data.draw(st.none() | st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126),
                                        min_size=1, max_size=40), label="idempotency key")
    _check_answer(any_api.post(f"/{function}", raw, who=caller, key=key), f"{function} {kind} {raw[:300]!r}")


@settings(max_examples=EXAMPLES // 4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event_id=hostile_text)
def test_no_event_id_in_the_ticket_types_path_gets_a_5xx(any_api: Api, event_id: str) -> None:
    quoted = event_id.encode("utf-8", "surrogatepass").hex()
    path = "/client/events/" + "".join(f"%{quoted[i:i + 2]}" for i in range(0, len(quoted), 2)) + "/ticket-types"
    response = any_api.http.get(path, headers=any_api.central.admin_headers)
    if response.status_code == 200:  # a list of ticket types, not the envelope
        assert isinstance(response.json(), list)
        return
    _check_answer(response, path)
