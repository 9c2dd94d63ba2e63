"""The body fingerprint hashed in pieces equals the SHA-256 of ``canonical`` (what earlier servers stored).

Idempotency records written before the request walk hashed ``name + "\\n" + canonical(payload)``; a replay
after an upgrade must still match them, so the piecewise hash must be byte for byte the same text.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boxoffice.central import request_body, synchronization
from boxoffice.central.envelope import dumps
from boxoffice.central.idempotency import request_hash
from boxoffice.central.validation import canonical, canonical_members, canonical_of
from boxoffice.core import decimal_json
from tests.integration.central.conftest import sale_entry

text = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
leaves = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | text
          | st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9))
documents = st.recursive(leaves, lambda children: st.lists(children, max_size=5)
                         | st.dictionaries(text, children, max_size=5), max_leaves=40)


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split strings and flush the hash every few pieces, so every seam is crossed by small documents."""
    monkeypatch.setattr(request_body, "_STRING_PIECE", 3)
    monkeypatch.setattr(request_body, "_FLUSH_PIECES", 2)
    monkeypatch.setattr(request_body, "ONE_CALL_CHARS", -1)  # every body takes the walk


@settings(max_examples=300, deadline=None)
@given(document=documents)
def test_one_call_fingerprint_is_the_walks(document: object) -> None:
    """The short cut for a clean body (one C call) hashes the very text the walk writes."""
    raw = dumps({"data": document})
    fast = request_body.parse_body(raw, "fn\n")
    original = request_body.ONE_CALL_CHARS
    try:
        request_body.ONE_CALL_CHARS = -1
        walked = request_body.parse_body(raw, "fn\n")
    finally:
        request_body.ONE_CALL_CHARS = original
    assert fast.fingerprint == walked.fingerprint
    assert fast.payload == walked.payload


@pytest.mark.parametrize("body", [
    rb'{"data": {"name": "\\u0000 is six characters, not a NUL"}}',  # an escaped backslash, then "u0000"
    rb'{"data": {"name": "\ud83c\udfab ticket"}}',  # a surrogate pair: one real character
])
def test_escapes_that_only_look_bad_are_accepted(body: bytes) -> None:
    """Such a body leaves the short cut for the walk, which finds nothing wrong."""
    parsed = request_body.parse_body(body, "fn\n")
    assert parsed.fingerprint == hashlib.sha256(("fn\n" + canonical(parsed.payload)).encode("utf-8")).hexdigest()
    assert "\x00" not in parsed.payload["data"]["name"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_piecewise_fingerprint_is_the_canonical_hash(tiny_pieces: None, document: object) -> None:
    raw = dumps({"data": document})
    payload = decimal_json.loads(raw)
    expected = hashlib.sha256(("fn\n" + canonical(payload)).encode("utf-8")).hexdigest()
    assert request_body.parse_body(raw, "fn\n").fingerprint == expected


def test_same_content_any_key_order_or_spacing_has_one_fingerprint() -> None:
    one = request_body.parse_body(b'{"data": {"b": [1, 2.50], "a": "x"}}', "f\n").fingerprint
    two = request_body.parse_body(b'{"data":{"a":"x","b":[1,2.5]}}', "f\n").fingerprint
    assert one == two
    assert request_body.parse_body(b'{"data":{"a":"y","b":[1,2.5]}}', "f\n").fingerprint != one
    assert canonical({"n": Decimal("2.50")}) == '{"n":"2.5"}'


@settings(max_examples=300, deadline=None)
@given(document=st.dictionaries(text, documents, max_size=8), subset=st.sets(text, max_size=8))
def test_texts_joined_from_members_are_canonical(document: dict[str, object], subset: set[str]) -> None:
    """An entry's stored text, content fingerprint and POS text are joined from its members' texts (one
    encoding between them): each is exactly what ``canonical`` writes, so stored fingerprints still match."""
    document = decimal_json.loads(dumps(document))
    texts = canonical_members(document)
    assert canonical_of(texts, document) == canonical(document)
    keys = [key for key in subset if key in document]
    assert canonical_of(texts, keys) == canonical({key: document[key] for key in keys})
    assert all(texts[key] == canonical(value) for key, value in document.items())


extras = st.dictionaries(text.map(lambda key: "x_" + key), documents, max_size=3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry_extras=st.lists(extras, max_size=4), data_extras=extras, top_extras=extras,
       amounts=st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=4, max_size=4),
       names=st.lists(text, min_size=4, max_size=4))
def test_a_synchronisation_s_composed_fingerprint_is_the_body_s(
        entry_extras: list[dict[str, object]], data_extras: dict[str, object], top_extras: dict[str, object],
        amounts: list[Decimal], names: list[str]) -> None:
    """The synchronisation makes its body's canonical text from its entries' texts (registry: canonical): the
    same fingerprint as the body's own, whatever else the body, its data or its entries carry."""
    entries = []
    for n, extra in enumerate(entry_extras):
        entry = sale_entry("ev-1", "office-n", [f"ev-1-t{n}"], pos_product=3, amount=amounts[n])
        entries.append({**entry, "client_name": names[n], **extra})
    raw = dumps({**top_extras, "data": {**data_extras, "ticket_sold": entries}})
    prefix = "offline_office_tickets_synchronization\n"
    whole = request_body.parse_body(raw, prefix)
    composed = request_body.parse_body(raw, prefix, composed=True)
    text_of = synchronization.canonical_text(synchronization.parse_request(composed.payload))
    assert text_of == canonical(composed.payload)
    # a clean body's hash is left to the caller; one the walk must check (a "\\u0000" in a text) comes hashed
    assert (composed.fingerprint or request_hash(prefix + text_of)) == whole.fingerprint


def test_a_clean_synchronisation_body_leaves_its_fingerprint_to_the_caller() -> None:
    raw = dumps({"data": {"ticket_sold": [sale_entry("ev-1", "office-n", ["ev-1-t1"], pos_product=3)]}})
    assert request_body.parse_body(raw, "f\n", composed=True).fingerprint is None
    assert request_body.parse_body(raw, "f\n").fingerprint is not None
