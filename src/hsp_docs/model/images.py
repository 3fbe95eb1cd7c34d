"""The pictures report.toml may name, by role."""

IMAGE_ROLES = {"logo": "the partnership's logo ([cover] logo in report.toml)",
               "cover_image": "the cover picture ([cover] image in report.toml)",
               "chair_photo": "the chair's photograph ([chair] photo in report.toml)",
               "partnership_structure": "the partnership structure diagram ([structure] image in report.toml)"}
