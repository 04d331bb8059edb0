"""The demo's clerk: records each meeting of `demo.meetings` through the application's use
cases, in the order a clerk would: the forward plan and the draft agenda first, then on the
day the chair's agreement, the circulation, the session (attendance with the real times,
declarations, notes, decisions, actions, deferrals), the close, and afterwards any
correction; the minutes last (`demo.minutes`)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from demo.family import RECORDED_BY, Family
from demo.meetings import Fix, Item, Postponement, Sitting, sittings
from demo.minutes import take_minutes_forward
from demo.session import Drafted, Session
from meetings.application import MeetingsApplication
from meetings.application.commands import (
    AddAgendaItem,
    AddStandingItems,
    AgreeAgenda,
    CancelMeeting,
    CorrectEntry,
    NotifyForthcomingDecision,
    PostponeMeeting,
    PublishAgenda,
    ScheduleMeeting,
    TakeChair,
)
from meetings.domain.rules import in_term


def load_meetings(app: MeetingsApplication, family: Family) -> int:
    """Record the demo family's meetings; the number of meetings scheduled."""
    clerk = Clerk(app, family)
    plans = sittings()
    drafted = [clerk.draft(plan) for plan in plans]
    for plan, meeting in zip(plans, drafted, strict=True):
        clerk.hold(plan, meeting)
    take_minutes_forward(app, drafted, clerk.chair)
    return len(drafted)


class Clerk:
    """Records the meetings through the use cases, as the body's clerk would."""

    def __init__(self, app: MeetingsApplication, family: Family) -> None:
        self.app = app
        self.family = family
        self.drafted: list[Drafted] = []
        self.session = Session(app, family, self.drafted)

    def person(self, key: str | None) -> UUID | None:
        return None if key is None else self.family.people[key]

    def chair(self, body: str, day: date) -> UUID:
        """The chair whose term covers the day."""
        body_id = self.family.bodies[body]
        return next(
            term.person_id
            for term in self.app.list_chairs(body_id)
            if term.role == "chair" and in_term(day, term.starts_on, term.ends_on)
        )

    # Before the day ------------------------------------------------------------------

    def draft(self, plan: Sitting) -> Drafted:
        """Schedule the meeting and draft its agenda, with notice on the forward plan."""
        answer = self.app.schedule_meeting(
            ScheduleMeeting(
                body_id=self.family.bodies[plan.body],
                starts_at=plan.starts_at,
                venue=plan.venue,
                groups=list(plan.groups) or None,
                recorded_by=RECORDED_BY,
            )
        )
        meeting = Drafted(answer["id"], plan.body, plan.starts_at, groups=plan.groups)
        self.add_standing_items(meeting)
        for item in plan.items:
            meeting.items[item.key] = self.add_item(meeting, item)
        self.drafted.append(meeting)
        return meeting

    def add_standing_items(self, meeting: Drafted) -> None:
        """The minutes and matters arising, known by their kinds."""
        answer = self.app.add_standing_items(
            AddStandingItems(meeting_id=meeting.id, recorded_by=RECORDED_BY)
        )
        for item in answer["agenda"]:
            meeting.items[item["kind"]] = str(item["id"])

    def add_item(self, meeting: Drafted, item: Item) -> str:
        answer = self.app.add_agenda_item(
            AddAgendaItem(
                meeting_id=meeting.id,
                title=item.title,
                kind=item.kind,
                presenter_id=self.person(item.presenter),
                confidential=item.confidential_reason is not None,
                confidential_reason=item.confidential_reason,
                papers=[{"title": title} for title in item.papers],
                forward_plan_id=self.notify(meeting, item),
                recorded_by=RECORDED_BY,
            )
        )
        return str(answer["id"])

    def notify(self, meeting: Drafted, item: Item) -> UUID | None:
        if item.notice_days is None:
            return None
        answer = self.app.notify_forthcoming_decision(
            NotifyForthcomingDecision(
                body_id=self.family.bodies[meeting.body],
                subject=item.title,
                notified_on=meeting.starts_at.date() - timedelta(days=item.notice_days),
                meeting_id=meeting.id,
                recorded_by=RECORDED_BY,
            )
        )
        return UUID(str(answer["id"]))

    # On the day ----------------------------------------------------------------------

    def hold(self, plan: Sitting, meeting: Drafted) -> None:
        """Everything after the draft agenda: agreement, circulation, session, close."""
        if plan.draft_only:
            return
        if plan.cancelled:
            self.app.cancel_meeting(
                CancelMeeting(meeting_id=meeting.id, reason=plan.cancelled, recorded_by=RECORDED_BY)
            )
            return
        self.circulate(plan, meeting)
        if plan.postponed:
            self.postpone(meeting, plan.postponed)
        self.session.sit(plan, meeting)
        for fix in plan.fixes:
            self.fix(meeting, fix)

    def circulate(self, plan: Sitting, meeting: Drafted) -> None:
        """The chair on the day agrees the agenda (or the nominee recorded in the chair);
        then it goes out."""
        chair = self.chair(plan.body, plan.starts_at.date())
        if plan.in_the_chair:
            chair = self.family.people[plan.in_the_chair]
            self.app.take_chair(
                TakeChair(
                    meeting_id=meeting.id,
                    person_id=chair,
                    at=plan.starts_at,
                    recorded_by=RECORDED_BY,
                )
            )
            meeting.chaired_by = chair
        agreed, published = plan.starts_at - timedelta(days=12), plan.starts_at - timedelta(days=9)
        self.app.agree_agenda(
            AgreeAgenda(meeting_id=meeting.id, person_id=chair, at=agreed, recorded_by=RECORDED_BY)
        )
        self.app.publish_agenda(
            PublishAgenda(meeting_id=meeting.id, at=published, recorded_by=RECORDED_BY)
        )

    def postpone(self, meeting: Drafted, postponement: Postponement) -> None:
        """Moved to a new date after the agenda went out, so it goes out again."""
        self.app.postpone_meeting(
            PostponeMeeting(
                meeting_id=meeting.id,
                reason=postponement.reason,
                starts_at=postponement.to,
                recorded_by=RECORDED_BY,
            )
        )
        meeting.starts_at = postponement.to
        self.app.publish_agenda(
            PublishAgenda(
                meeting_id=meeting.id,
                at=postponement.to - timedelta(days=7),
                recorded_by=RECORDED_BY,
            )
        )

    # Afterwards ----------------------------------------------------------------------

    def fix(self, meeting: Drafted, fix: Fix) -> None:
        self.app.correct_entry(
            CorrectEntry(
                meeting_id=meeting.id,
                entry_id=meeting.entries[fix.label],
                reason=fix.reason,
                replacement=None if fix.replacement is None else dict(fix.replacement),
                recorded_by=RECORDED_BY,
            )
        )
