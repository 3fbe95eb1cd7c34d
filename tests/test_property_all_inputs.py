"""Property-based, across every kind of input: random bytes into a CSV file (encodings, quotes,
separators, stray bytes, truncation), random values for report.toml's settings, random text in
a narrative. Each run builds into a folder that already holds a good set, and asserts: the
build succeeds with valid files, or it fails with a message (exit 1, no traceback) and the
folder holds exactly what it held before. Examples are few and derandomized, so CI stays fast."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import DEFAULT_INPUTS, validate_ooxml
from docx import Document
from hsp_docs.cli import main
from tests_helpers import BUILD_OUTPUTS

# HSP_DOCS_EXAMPLES=200 HSP_DOCS_RANDOM=1 pytest tests/test_property_all_inputs.py: a longer hunt.
SETTINGS = settings(max_examples=int(os.environ.get("HSP_DOCS_EXAMPLES", "8")), deadline=None,
                    derandomize=not os.environ.get("HSP_DOCS_RANDOM"),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CSV_FILES = sorted(p.name for p in DEFAULT_INPUTS.glob("*.csv"))
ENV = {"HSP_DOCS_SOFFICE": "none"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _build_and_judge(change, good_set: Path) -> None:
    """Copy the default inputs, apply `change`, build into a folder holding a good set; judge."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "2022-23"
        shutil.copytree(DEFAULT_INPUTS, folder)
        change(folder)
        out = Path(tmp) / "out"
        shutil.copytree(good_set, out)
        before = _snapshot(out)
        res = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)], env=ENV)
        assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
        assert "Traceback" not in res.stderr
        assert res.exit_code in (0, 1), res.output
        if res.exit_code == 0:
            assert sorted(_snapshot(out)) == BUILD_OUTPUTS
            validate_ooxml(out / "report.docx", out / "datapack.xlsx")
            Document(str(out / "report.docx"))
            load_workbook(out / "datapack.xlsx", read_only=True).close()
        else:
            lines = [line for line in res.stderr.splitlines() if line.strip()]
            assert lines, "a failure without a message"
            assert _snapshot(out) == before, "a failed build changed the output folder"


_GOOD: dict[str, Path] = {}


def _good_set(tmp_path_factory) -> Path:
    if "set" not in _GOOD:
        out = tmp_path_factory.mktemp("good-set")
        res = CliRunner().invoke(main, ["build", str(DEFAULT_INPUTS), "-o", str(out)], env=ENV)
        assert res.exit_code == 0, res.output
        _GOOD["set"] = out
    return _GOOD["set"]


# --- CSV bytes ----------------------------------------------------------------------------------

SPICE = [b'"', b",", b"\n", b"\r", b"\r\n", b";", b"\t", "\u2028".encode(), "\u0085".encode(), b"\xe9", b"\x96",
         b"\x00", b"\xef\xbb\xbf", b'""', b'",', b"=cmd|' /C calc'!A0", "\u202e".encode(), b"\xff\xfe"]


@SETTINGS
@given(name=st.sampled_from(CSV_FILES), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "keep"]),
       inserts=st.lists(st.tuples(st.floats(0, 1), st.one_of(st.sampled_from(SPICE), st.binary(max_size=6))),
                        max_size=3),
       cut=st.one_of(st.none(), st.floats(0.05, 1)))
def test_random_csv_bytes(tmp_path_factory, name, encoding, inserts, cut):
    def change(folder: Path) -> None:
        path = folder / name
        data = path.read_bytes()
        if encoding != "keep":
            data = data.decode("utf-8").encode(encoding, errors="replace")
        for where, blob in inserts:
            i = int(where * len(data))
            data = data[:i] + blob + data[i:]
        if cut is not None:
            data = data[: int(cut * len(data))]
        path.write_bytes(data)

    _build_and_judge(change, _good_set(tmp_path_factory))


# --- report.toml values ---------------------------------------------------------------------

TOML_KEYS = ["partnership", "title", "period_start", "period_end", "publication_date", "status", "area",
             "name", "role", "photo", "photo_alt", "image", "alt", "key", "kind", "total_label", "subgroups",
             "current_year", "previous_year", "language", "short_name"]
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)  # a date


@SETTINGS
@given(key=st.sampled_from(TOML_KEYS), nth=st.integers(0, 3),
       value=st.one_of(_TEXT, st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False),
                       st.booleans(), st.lists(_TEXT, max_size=3), st.dates(),
                       st.dictionaries(st.sampled_from(["a", "key", "name"]), st.integers(), max_size=2),
                       st.sampled_from(["../../../etc/hostname", "/dev/zero", "images", "", ".", "draft"])))
def test_random_report_toml_values(tmp_path_factory, key, nth, value):
    def change(folder: Path) -> None:
        path = folder / "report.toml"
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [i for i, line in enumerate(lines) if line.split("=")[0].strip() == key]
        if hits:
            lines[hits[nth % len(hits)]] = f"{key} = {_toml_value(value)}"
        else:  # a [report] key the default leaves out
            lines.insert(1, f"{key} = {_toml_value(value)}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _build_and_judge(change, _good_set(tmp_path_factory))


# --- narrative text -------------------------------------------------------------------------------

FRAGMENTS = ["{{ ", " }}", "{% ", " %}", "{% for x in range(3) %}", "{% endfor %}", "{% if true %}", "{% endif %}",
             "{{ report.title|e }}", "{{ training.attended }}", "[[table: budget_outturn]]", "[[chart: nope]]",
             "## ", "# ", "#### ", "- ", "  - ", "[^1]", "[^1]: a note", "**", "[a](https://example.org)",
             "\n", "\n\n", "\u2028", "{#", "#}", "{{ 'x' * 99999999 }}", "{% include 'x' %}", "{{ x }}",
             "{{ recommendations|join(', ') }}", "\\", "|safe", "}}", "{%"]


@SETTINGS
@given(section=st.sampled_from(["introduction", "training", "lado"]),
       parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), _TEXT), max_size=8), replace=st.booleans())
def test_random_narrative_text(tmp_path_factory, section, parts, replace):
    def change(folder: Path) -> None:
        path = folder / "narrative" / f"{section}.md"
        text = "".join(parts)
        path.write_text(text if replace else path.read_text(encoding="utf-8") + "\n" + text + "\n",
                        encoding="utf-8")

    _build_and_judge(change, _good_set(tmp_path_factory))
