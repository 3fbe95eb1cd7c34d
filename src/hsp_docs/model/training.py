"""Training and development: multi-agency courses, CSA events, adults' sessions, VAH."""
from __future__ import annotations

from .family import Family, total

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

        self.catalogue = [c.course for c in data.rows("course_catalogue")]
        run = bool(self.courses)  # no rows yet: the figures are to be completed, not 0
        self.courses_run = f("training.courses_run", len(self.courses) if run else None)
        self.distinct_courses = f("training.distinct_courses",
                                  len({c.course.casefold() for c in self.courses}) if run else None)
        self.delegates = f("training.delegates", total(c.delegates for c in self.courses))
        self.attended = f("training.attended", total(c.attended for c in self.courses))
        self.not_attended = f("training.not_attended", total(c.not_attended for c in self.courses))
        self.csa_attended = f("training.csa_attended", total(a.attended for a in self.csa_attendance))
        self.catalogue_size = f("training.catalogue_size", len(self.catalogue) if self.catalogue else None)
        self.refresher_delegates = f.stated_only("training.refresher_delegates")
        self.conference_consulted = f.stated_only("training.conference_consulted")
        self.workshop_attended = f.stated_only("training.workshop_attended")
        # the cancelled-course lists give examples ("included:"), not every event: counts are stated only
        self.cancelled = f.stated_only("training.cancelled")
        self.cancelled_trainer = f.stated_only("training.cancelled_trainer")
        self.cancelled_insufficient = f.stated_only("training.cancelled_insufficient")

    def csa_event_rows(self):
        """Each CSA event with its attendance by organisation."""
        return [(e, [a for a in self.csa_attendance if a.date == e.date]) for e in self.csa_events]
