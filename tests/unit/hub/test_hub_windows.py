"""Window tokens: minted for the office, told apart from other tokens, retired."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from boxoffice.central.auth import authenticate
from boxoffice.central.envelope import BadInput, Forbidden
from boxoffice.central.models import ApiToken
from boxoffice.hub import holds
from boxoffice.hub.models import HubHold
from boxoffice.hub.windows import create_window, list_windows, require_active, retire, window_of
from tests.helpers.hub_seed import EVENT, OFFICE
from tests.unit.hub.conftest import NOW, Hub


def test_a_window_token_is_an_office_token_labelled_with_the_window(hub: Hub) -> None:
    token = hub.run(lambda s: create_window(s, OFFICE, "  taquilla-3 "))
    principal = hub.run(lambda s: authenticate(s, f"Bearer {token}"))
    assert principal.office_id == OFFICE and not principal.is_admin
    assert hub.run(lambda s: window_of(s, principal).name) == "taquilla-3"
    label = hub.run(lambda s: s.scalar(select(ApiToken.label).where(ApiToken.id == principal.token_id)))
    assert label == "window:taquilla-3"
    assert [w.name for w in hub.run(list_windows)] == ["A", "B", "taquilla-3"]


def test_another_token_of_the_office_is_not_a_window(hub: Hub) -> None:
    principal = hub.run(lambda s: authenticate(s, f"Bearer {hub.seed.plain_office_token}"))
    with pytest.raises(Forbidden, match="this token is not a window of this hub"):
        hub.run(lambda s: window_of(s, principal))


@pytest.mark.parametrize("name", ["", "   ", "-x", "a/b", "x" * 65, "ventana\n2"])
def test_bad_window_names_are_refused(hub: Hub, name: str) -> None:
    with pytest.raises(BadInput, match="use 1 to 64 letters"):
        hub.run(lambda s: create_window(s, OFFICE, name))


def test_a_name_is_taken_once(hub: Hub) -> None:
    with pytest.raises(BadInput, match="already exists"):
        hub.run(lambda s: create_window(s, OFFICE, "A"))


def test_retiring_drops_the_windows_holds_and_refuses_new_ones(hub: Hub) -> None:
    seat = hub.seed.seat("G", 1)
    hub.as_window("A", lambda s, w: holds.hold(s, w, OFFICE, EVENT, [seat], "k", NOW, 600))
    window = hub.run(lambda s: retire(s, "A"))
    assert window.retired
    assert hub.run(lambda s: s.scalars(select(HubHold)).all()) == []
    with pytest.raises(Forbidden, match="was retired"):
        require_active(window)
