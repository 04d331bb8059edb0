"""Ratification of a decision by the partner organisations, one outcome each."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from meetings.domain.errors import RuleBrokenError
from meetings.domain.ratification import Ratifications

ON = date(2026, 4, 1)


def _opened(parties: int = 3) -> tuple[Ratifications, list[UUID]]:
    organisations = [uuid4() for _ in range(parties)]
    ratifications = Ratifications(uuid4(), organisations)
    ratifications.collect_events()
    return ratifications, organisations


def test_ratifications_open_awaiting_every_party() -> None:
    decision, parties = uuid4(), [uuid4(), uuid4()]
    ratifications = Ratifications(decision, parties)
    [opened] = ratifications.collect_events()
    assert isinstance(opened, Ratifications.Opened)
    assert (opened.decision_id, opened.parties) == (decision, parties)
    assert ratifications.id == Ratifications.create_id(decision)
    assert ratifications.status == "awaiting ratification"


def test_a_party_ratifying_is_recorded() -> None:
    ratifications, (county, *_) = _opened()
    ratifications.record(county, "ratified", ON)
    [recorded] = ratifications.collect_events()
    assert isinstance(recorded, Ratifications.Recorded)
    assert (recorded.organisation_id, recorded.outcome, recorded.on) == (county, "ratified", ON)
    assert ratifications.outcomes[str(county)]["outcome"] == "ratified"


def test_an_organisation_that_is_not_a_party_may_not_ratify() -> None:
    ratifications, _ = _opened()
    with pytest.raises(RuleBrokenError, match="not a party"):
        ratifications.record(uuid4(), "ratified", ON)
    assert ratifications.collect_events() == [] and ratifications.outcomes == {}


@pytest.mark.parametrize("again", ["ratified", "declined"])
def test_an_organisation_gives_one_outcome_only(again: str) -> None:
    ratifications, (county, *_) = _opened()
    ratifications.record(county, "ratified", ON)
    ratifications.collect_events()
    with pytest.raises(RuleBrokenError, match="already ratified this decision on 2026-04-01"):
        ratifications.record(county, again, date(2026, 5, 1))
    assert ratifications.collect_events() == []


def test_ratified_only_when_every_party_has_ratified() -> None:
    ratifications, parties = _opened()
    for party in parties:
        assert ratifications.status == "awaiting ratification"
        ratifications.record(party, "ratified", ON)
    assert ratifications.status == "ratified"


def test_declined_as_soon_as_one_party_declines() -> None:
    ratifications, (county, police, fire) = _opened()
    ratifications.record(county, "ratified", ON)
    ratifications.record(police, "declined", ON)
    assert ratifications.status == "declined"
    ratifications.record(fire, "ratified", ON)
    assert ratifications.status == "declined"
