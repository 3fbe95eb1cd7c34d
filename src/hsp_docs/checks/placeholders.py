"""Stand-in pictures: every image report.toml declares a placeholder is a finding, a warning
while the report is a draft and an error once `status = "final"` (a final report cannot be
published with a stand-in, and `build --strict` then writes nothing)."""
from __future__ import annotations

from .findings import Finding
from .owners import section_of_parts


def check_placeholders(data) -> list[Finding]:
    """One finding per stand-in image, naming the file and what should replace it."""
    severity = "warning" if data.meta.draft else "error"
    placed = section_of_parts(data)
    return [Finding(severity, "placeholder-image", "report.toml",
                    f"{img.filename} is a stand-in: replace it with {img.stands_for}, then remove its "
                    f"placeholder line" + ("." if data.meta.draft else " (the report's status is final)."),
                    owner=placed.get(f"image:{img.key}"))
            for img in data.images.values() if img.placeholder]
