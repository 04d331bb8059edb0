"""The typed vocabulary (meetings/domain/values.py) names exactly the strings the record
stores, so a member compares, encodes and stores as the string always did."""

from __future__ import annotations

import json

from meetings.domain import meeting, minutes_stage
from meetings.domain.values import (
    AttendanceCapacity,
    AttendanceStatus,
    HowDecided,
    MeetingStatus,
    MinutesStatus,
)
from web.api.schemas import record as schemas


def test_statuses_are_the_strings_the_meeting_records() -> None:
    assert [s.value for s in MeetingStatus] == [
        meeting.SCHEDULED,
        meeting.IN_SESSION,
        meeting.CLOSED,
        meeting.CANCELLED,
    ]
    assert tuple(s.value for s in MinutesStatus) == minutes_stage.MINUTES_STAGES


def test_the_api_accepts_the_same_words_as_before() -> None:
    assert schemas.ATTENDANCE == ("present", "apologies", "absent")
    assert schemas.CAPACITIES == ("member", "adviser", "observer", "officer", "guest")
    assert schemas.METHODS == ("consensus", "vote", "noted")
    assert [type(v) for v in schemas.ATTENDANCE + schemas.CAPACITIES + schemas.METHODS] == [
        str
    ] * 11
    assert {AttendanceStatus.PRESENT, AttendanceCapacity.MEMBER, HowDecided.NOTED} == {
        "present",
        "member",
        "noted",
    }


def test_a_member_encodes_as_its_string() -> None:
    assert json.dumps({"status": MinutesStatus.PUBLISHED}) == json.dumps({"status": "published"})
    assert f"{MeetingStatus.IN_SESSION}" == "in_session"
