"""Who should fix a finding about a dataset: the supplier report.toml's [owners] names for it,
else the section whose words place its tables and charts, else the section whose words use its
family of figures most (a part's declared owner), else the schema's owner."""
from __future__ import annotations

import fnmatch
import re

from ..model.schema import BY_NAME
from ..sections.narrative import directives
from ..sections.registry import dataset_parts


def section_of_parts(data) -> dict[str, str]:
    """part key ("table:budget_outturn") -> the title of the section whose narrative places it."""
    titles = {s.key: s.title for s in data.meta.sections}
    out: dict[str, str] = {}
    for key, text in data.narrative.items():
        for kind, name in directives(text):
            out.setdefault(f"{kind}:{name}", titles.get(key, key))
    return out


# the dataset each narrative family (`training.…`, `lado.…`) draws its figures from
FAMILY_DATASET = {"training": "training_courses", "lado": "lado_contacts", "asc": "asc_monthly",
                  "csc": "csc_contact_sources", "budget": "budget", "recommendations": "recommendations",
                  "areas": "areas_for_development"}


def owner_of_figure(data, key: str) -> str | None:
    """Who should fix a figure ('training.attended'): the owner of its family's dataset."""
    family = key.split(".")[0].split("(")[0]
    return owner_of(data, FAMILY_DATASET[family]) if family in FAMILY_DATASET else None


def owner_of(data, dataset: str) -> str:
    for pattern, owner in data.meta.owners:
        if fnmatch.fnmatchcase(dataset, pattern):
            return owner
    placed = section_of_parts(data)
    specs = dataset_parts().get(dataset, [])
    for spec in specs:
        if spec.key in placed:
            return placed[spec.key]
    titles = {s.key: s.title for s in data.meta.sections}
    family = _FAMILIES.get(dataset) or next((spec.owner for spec in specs if spec.owner in FAMILY_DATASET), None)
    if family:  # the section whose words use the family most
        uses = {spec.title: len(re.findall(rf"\b{family}\.", data.narrative.get(spec.key, "")))
                for spec in data.meta.sections}
        if any(uses.values()):
            return max(uses, key=lambda title: uses[title])
    ds = BY_NAME.get(dataset)
    if ds is not None and ds.owner in titles:
        return titles[ds.owner]
    return "The report's editor"


# the narrative's name for the data of each dataset no declared part draws on ("{{ areas.group(...) }}"
# draws on areas_for_development); a part's datasets have its declared owner's
_FAMILIES = {"recommendations": "recommendations", "areas_for_development": "areas", "delegates_by_sector": "training",
             "course_catalogue": "training", "cancelled_courses": "training", "dsl_forum_topics": "training",
             "adult_training_sessions": "training", "vah_delivery": "training", "vah_reach": "training",
             "lado_sessions": "lado"}
