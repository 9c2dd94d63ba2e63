"""``json_text.one_shot`` writes exactly what the encoder it stands for writes, for every JSON value a request
or a row can hold (Decimals through the canonical encoder's ``default`` included)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.central.json_text import dumps, one_shot
from boxoffice.central.validation import canonical, canonical_default

CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=canonical_default)

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text() | st.decimals(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
plain = st.recursive(scalars.filter(lambda v: not isinstance(v, Decimal)),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=4), max_leaves=20)


@given(values)
def test_the_canonical_text_is_the_encoders_text(value: object) -> None:
    assert canonical(value) == CANONICAL.encode(value)


@given(plain)
def test_dumps_is_json_dumps(value: object) -> None:
    assert dumps(value) == json.dumps(value)


def test_what_json_cannot_write_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"when": object()})
    assert dumps({"a": [1, "ñ", None]}) == '{"a": [1, "\\u00f1", null]}'


def test_an_indented_encoder_is_used_as_it_is() -> None:
    indented = json.JSONEncoder(indent=2)
    assert one_shot(indented) == indented.encode
    assert one_shot(indented)({"a": 1}) == '{\n  "a": 1\n}'


def test_psycopg_keys_its_json_dumper_by_the_serializer_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    from psycopg.adapt import AdaptersMap, PyFormat
    from psycopg.types.json import Json, set_json_dumps

    adapters = AdaptersMap()
    with caplog.at_level("WARNING", logger="psycopg"):
        set_json_dumps(dumps, adapters)
        set_json_dumps(dumps, adapters)
    assert not caplog.records  # a closure is refused a key ("may cause a resource leak")
    dumper = adapters.get_dumper(Json, PyFormat.TEXT)(Json)
    assert bytes(dumper.dump(Json({"a": ["ñ", 1]}))) == b'{"a": ["\\u00f1", 1]}'  # written by dumps
