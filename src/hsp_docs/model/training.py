"""Training and development: multi-agency courses, CSA events, adults' sessions, VAH."""
from __future__ import annotations

from .family import Family

TRAINER = "trainer not available"
INSUFFICIENT = "insufficient delegate numbers"


class Training(Family):
    def __init__(self, data):
        f = data.figures
        self.courses = data.rows("training_courses")
        self.csa_events = data.rows("csa_events")
        self.csa_attendance = data.rows("csa_event_attendance")
        self.adult_sessions = data.rows("adult_training_sessions")
        self.vah_delivery = data.rows("vah_delivery")
        self.vah_reach = data.rows("vah_reach")
        self.sectors = data.rows("delegates_by_sector")
        cancelled = data.rows("cancelled_courses")
        topics = data.rows("dsl_forum_topics")
        self.dsl_topics = [t.topic for t in topics if t.forum == "termly"]
        self.refresher_topics = [t.topic for t in topics if t.forum == "refresher"]
        self.cancelled_trainer_courses = [c.course for c in cancelled if c.reason == TRAINER]
        self.cancelled_insufficient_courses = [c.course for c in cancelled if c.reason == INSUFFICIENT]

        self.courses_run = f("training.courses_run", len(self.courses))
        self.distinct_courses = f("training.distinct_courses", len({c.course.casefold() for c in self.courses}))
        self.delegates = f("training.delegates", sum(c.delegates for c in self.courses))
        self.attended = f("training.attended", sum(c.attended for c in self.courses))
        self.not_attended = f("training.not_attended", sum(c.not_attended for c in self.courses))
        self.csa_attended = f("training.csa_attended", sum(a.attended for a in self.csa_attendance))
        self.refresher_delegates = f("training.refresher_delegates", None)
        self.conference_consulted = f("training.conference_consulted", None)
        self.workshop_attended = f("training.workshop_attended", None)
        # the cancelled-course lists give examples ("included:"), not every event: counts are stated only
        self.cancelled = f("training.cancelled", None)
        self.cancelled_trainer = f("training.cancelled_trainer", None)
        self.cancelled_insufficient = f("training.cancelled_insufficient", None)

    def csa_event_rows(self):
        """Each CSA event with its attendance by organisation."""
        return [(e, [a for a in self.csa_attendance if a.date == e.date]) for e in self.csa_events]
