"""`hsp-docs check --statutory`: the profiles, what answers each item, reviews as data, and the
Distribution sheet of the workbook."""
from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_INPUTS, ROOT, validate_ooxml
from hsp_docs.cli import main
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.statutory.assess import assess
from hsp_docs.statutory.catalogue import EVIDENCE, available, load_profile

EXAMPLE = ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24"
THREE = ["working-together-2018", "working-together-2023", "care-act-2014-sab"]


def run(*args):
    return CliRunner().invoke(main, list(args), env={"HSP_DOCS_SOFFICE": "none"})


def statuses(result) -> dict[str, str]:
    return {r.item.id: r.status for _, items in result.profiles for r in items}


def add_review(folder, **values) -> None:
    path = folder / "reviews.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([values.get(c, "") for c in header])


def edit_toml(folder, old: str, new: str) -> None:
    path = folder / "report.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the profiles ------------------------------------------------------------------------

def test_the_three_profiles_ship_with_the_package():
    assert available() == tuple(sorted(THREE))
    for name in THREE:
        p = load_profile(name)
        ids = [i.id for i in p.items]
        assert p.id == name and len(ids) == len(set(ids)) >= 7
        for item in p.items:
            assert item.evidence in EVIDENCE and item.paragraph and item.how
            assert item.requirement.endswith(".") and item.requirement.count(". ") == 0  # one sentence
    adults = load_profile("care-act-2014-sab")
    assert [i.paragraph[-7:] for i in adults.items] == [f"4(1)({c})" for c in "abcdefg"]
    assert len(adults.recipients) == 5 and all("4(2)" in r.source for r in adults.recipients)
    # the 2023 profile keeps the 2018 items in substance, under the same ids
    assert [i.id for i in load_profile("working-together-2023").items] == \
        [i.id for i in load_profile("working-together-2018").items]


# --- the default inputs: Harrow 2022-23 ----------------------------------------------------

HARROW = {  # as README "Known issues in the source report" lists them
    "wt.publish": "answered", "wt.activity": "answered", "wt.effectiveness": "answered",
    "wt.impact": "claimed-only", "wt.priorities": "missing", "wt.review-actions": "answered",
    "wt.feedback": "answered", "care-act.objective": "answered", "care-act.strategy": "missing",
    "care-act.members": "missing", "care-act.sar-findings": "claimed-only", "care-act.sar-ongoing": "missing",
    "care-act.sar-actions": "claimed-only", "care-act.not-implemented": "answered"}


def test_default_inputs_text(default_data):
    r = run("check", "--statutory", str(DEFAULT_INPUTS))
    assert r.exit_code == 1  # a final report with missing items
    result = assess(default_data)
    assert statuses(result) == HARROW
    assert [p.id for p, _ in result.profiles] == ["working-together-2018", "care-act-2014-sab"]
    for item_id, status in HARROW.items():
        assert re.search(rf"^  {status.upper().replace('-', ' ')} +{re.escape(item_id)}\b", r.stdout, re.M), item_id
    assert "'Training and Development' claims it (covers in report.toml)" in r.stdout
    assert "row 3: 'SAR A', in section 'learning_from_reviews'" in r.stdout
    assert "Chair of the Health and Wellbeing Board: when published" in r.stdout
    assert "Child Safeguarding Practice Review Panel: by 23 October 2023" in r.stdout
    assert r.stdout.rstrip().endswith(f"{result.errors} error(s), {result.warnings} warning(s)")
    reviews = {(f.row, f.check) for f in result.reviews if f.severity == "error"}
    assert reviews == {(2, "review-no-findings"), (2, "review-no-actions"), (6, "review-no-findings")}


def test_default_inputs_json_all_three_profiles(default_data):
    r = run("check", "--statutory", "--json", *[a for p in THREE for a in ("--profile", p)], str(DEFAULT_INPUTS))
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["schema"] == 1 and doc["kind"] == "statutory" and doc["report"]["status"] == "final"
    assert [p["id"] for p in doc["profiles"]] == THREE
    for p in doc["profiles"]:
        assert [i["id"] for i in p["items"]] == [i.id for i in load_profile(p["id"]).items]
        for i in p["items"]:
            assert i["status"] in ("answered", "claimed-only", "missing")
            assert (i["severity"] is None) == (i["status"] == "answered")
            assert set(i["source"]) == {"document", "paragraph"}
            if i["id"] in HARROW:
                assert i["status"] == HARROW[i["id"]]
    counted = [i["severity"] for p in doc["profiles"] for i in p["items"]] + [f["severity"] for f in doc["reviews"]]
    assert (doc["errors"], doc["warnings"]) == (counted.count("error"), counted.count("warning"))
    names = [x["name"] for x in doc["distribution"]["recipients"]]
    assert len(names) == len(set(names)) == 2 + 2 + 5 - 1  # the Panel is named by both children's profiles
    assert doc["distribution"]["publication_date"] == "2023-10-16"
    assert [p["publish_by"] for p in doc["profiles"]] == ["2024-03-31", "2024-03-31", None]
    panel = next(x for x in doc["distribution"]["recipients"] if x["name"].startswith("Child Safeguarding"))
    assert panel["deadline"] == "2023-10-23" and panel["required_by"] == "working-together-2018"


def test_usage_errors():
    assert run("check", "--statutory", "--profile", "nope", str(DEFAULT_INPUTS)).exit_code == 2
    assert run("check", "--statutory", str(DEFAULT_INPUTS / "report.toml")).exit_code == 2


# --- what answers an item ------------------------------------------------------------------

def test_removing_the_section_that_answers_an_item_reports_it_missing(inputs_copy, default_data):
    assert statuses(assess(default_data))["wt.effectiveness"] == "answered"
    edit_toml(inputs_copy, '[[sections]]\nkey = "chair_report"', '[[dropped]]\nkey = "chair_report"')
    result = assess(load_inputs(inputs_copy))
    item = next(r for _, items in result.profiles for r in items if r.item.id == "wt.effectiveness")
    assert (item.status, item.severity) == ("missing", "error")
    # its review is placed there too: now it is not in the report at all
    assert (2, "review-not-placed") in {(f.row, f.check) for f in result.reviews}


def test_removing_the_reviews_section_leaves_the_review_items_missing(inputs_copy):
    edit_toml(inputs_copy, '[[sections]]\nkey = "learning_from_reviews"', '[[dropped]]\nkey = "learning_from_reviews"')
    got = statuses(assess(load_inputs(inputs_copy)))
    assert got["care-act.sar-findings"] == got["wt.review-actions"] == "missing"


def test_a_claim_in_the_words_counts_and_draft_makes_missing_a_warning(inputs_copy):
    words = inputs_copy / "narrative" / "areas_for_development.md"
    words.write_text("{# covers: wt.priorities #}\n" + words.read_text(encoding="utf-8"), encoding="utf-8")
    edit_toml(inputs_copy, 'area = "Harrow"', 'area = "Harrow"\nstatus = "draft"')
    result = assess(load_inputs(inputs_copy))
    item = next(r for _, items in result.profiles for r in items if r.item.id == "wt.priorities")
    assert item.status == "answered" and "narrative/areas_for_development.md, line 1" in item.evidence[0].detail
    assert {r.severity for _, items in result.profiles for r in items if r.status == "missing"} == {"warning"}


def test_an_outcome_measure_turns_a_claim_into_an_answer(inputs_copy):
    edit_toml(inputs_copy, 'profiles = ["working-together-2018", "care-act-2014-sab"]',
              'profiles = ["working-together-2018", "care-act-2014-sab"]\n'
              'outcome_measures = ["table:csa_*"]')
    result = assess(load_inputs(inputs_copy))
    item = next(r for _, items in result.profiles for r in items if r.item.id == "wt.impact")
    assert item.status == "answered" and "table:csa_events" in item.message


def test_local_items_and_recipients(inputs_copy):
    edit_toml(inputs_copy, 'profiles = ["working-together-2018", "care-act-2014-sab"]',
              'profiles = ["care-act-2014-sab"]\nrecipients = ["Lead Member for Adult Social Care"]\n\n'
              '[[statutory.items]]\nid = "local.domestic-abuse"\n'
              'requirement = "The report says what the partnership did on its domestic abuse priority."\n')
    result = assess(load_inputs(inputs_copy))
    local = dict(result.profiles[-1:])
    (profile, items), = local.items()
    assert profile.id == "local" and [(r.item.id, r.status) for r in items] == [("local.domestic-abuse", "missing")]
    assert result.distribution[-1].recipient.name == "Lead Member for Adult Social Care"
    assert result.distribution[-1].required_by == "report.toml"


# --- reviews as data -----------------------------------------------------------------------

def test_a_concluded_review_without_findings_is_reported(inputs_copy):
    add_review(inputs_copy, review="SAR C", type="sar", status="concluded", concluded="2022-11-30",
               actions="A new escalation protocol.", section="learning_from_reviews")
    result = assess(load_inputs(inputs_copy))
    (f,) = [f for f in result.reviews if f.row == 7]
    assert (f.severity, f.check, f.column) == ("error", "review-no-findings", "findings")
    assert f.message.startswith("'SAR C' (safeguarding adults review, concluded): concluded, but")
    item = next(r for _, items in result.profiles for r in items if r.item.id == "care-act.sar-findings")
    assert f in item.problems


def test_ongoing_reviews_must_be_listed_and_declined_findings_need_a_reason(inputs_copy):
    add_review(inputs_copy, review="SAR D", type="sar", status="ongoing", section="")
    add_review(inputs_copy, review="SAR E", type="sar", status="concluded", concluded="2023-01-10",
               findings="F.", actions="A.", not_implemented="A new panel", section="learning_from_reviews")
    result = assess(load_inputs(inputs_copy))
    found = {(f.row, f.check) for f in result.reviews if f.severity == "error"}
    assert {(7, "review-not-placed"), (8, "review-no-reason")} <= found
    got = statuses(result)
    assert got["care-act.sar-ongoing"] == "missing" and got["care-act.not-implemented"] == "missing"


def test_a_review_concluded_after_the_year_end_was_ongoing(inputs_copy):
    add_review(inputs_copy, review="SAR F", type="sar", status="concluded", concluded="2023-05-01",
               findings="F.", actions="A.", section="learning_from_reviews")
    (f,) = [f for f in assess(load_inputs(inputs_copy)).reviews if f.row == 7]
    assert f.check == "review-date" and "after the year's end" in f.message


def test_without_reviews_csv_the_review_items_are_missing(inputs_copy):
    (inputs_copy / "reviews.csv").unlink()
    result = assess(load_inputs(inputs_copy))
    assert result.reviews == [] and statuses(result)["care-act.sar-findings"] == "missing"


# --- bad statutory input ---------------------------------------------------------------------

@pytest.mark.parametrize("old, new, message", [
    ('covers = ["wt.impact"]', 'covers = ["wt.impakt"]', "section 'training': covers names 'wt.impakt', which is "
                                                           "not a statutory item"),
    ('profiles = ["working-together-2018",', 'profiles = ["working-together-2019",',
     "[statutory] profiles names 'working-together-2019', which is not a profile"),
    ('[statutory]\n', '[statutory]\nrecipients = "the Panel"\n', "[statutory] recipients should be a list of names"),
    ('[statutory]\n', '[statutory]\noutcome_measures = "training"\n',
     "[statutory] outcome_measures should be a list of names in quotes"),
])
def test_unknown_ids_are_input_errors(inputs_copy, old, new, message):
    edit_toml(inputs_copy, old, new)
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    assert any(p.file.endswith("report.toml") and message in p.message for p in exc.value.problems)


def test_an_unknown_marker_in_the_words_names_file_and_line(inputs_copy):
    words = inputs_copy / "narrative" / "lado.md"
    words.write_text("\n{# covers: wt.nothing #}\n" + words.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    assert [str(p) for p in exc.value.problems if "covers" in p.message] == [
        "2022-23/narrative/lado.md, row 2: {# covers: wt.nothing #} names an item the check does not know "
        "(see docs/statutory.md for the ids, or add it as a [[statutory.items]] in report.toml)"]


def test_a_bad_review_value_names_the_cell(inputs_copy):
    add_review(inputs_copy, review="X", type="serious case review", status="concluded")
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    assert [str(p) for p in exc.value.problems] == [
        "2022-23/reviews.csv, row 7, column 'type': expected one of sar, cspr, rapid review, learning review, "
        "national review, other, got 'serious case review'"]


# --- the example partnership ----------------------------------------------------------------

def test_the_example_declares_working_together_2023_and_fails_honestly():
    data = load_inputs(EXAMPLE)
    result = assess(data)
    assert [p.id for p, _ in result.profiles] == ["working-together-2023"]
    got = statuses(result)
    assert {k for k, v in got.items() if v == "answered"} == {"wt.publish", "wt.activity", "wt.effectiveness",
                                                              "wt.review-actions"}
    assert {k for k, v in got.items() if v == "missing"} == {"wt.impact", "wt.priorities", "wt.feedback"}
    assert result.errors == 3 and result.reviews == [] and run("check", "--statutory", str(EXAMPLE)).exit_code == 1


# --- the Distribution sheet -------------------------------------------------------------------

def test_distribution_sheet_read_back_and_validated(built, default_data):
    from openpyxl import load_workbook

    from hsp_docs.statutory.config import chosen_profiles
    from hsp_docs.statutory.distribution import distribution
    from hsp_docs.xlsx.standard import check_workbook

    path = built / "datapack.xlsx"
    validate_ooxml(path)
    assert check_workbook(path) == []
    wb = load_workbook(path)
    ws = wb["Distribution"]
    assert wb.sheetnames[-1] == "Distribution"
    assert ws["A1"].value.startswith("Distribution: who must receive the published report")
    (table,) = ws.tables.values()
    rows = [[c.value for c in row] for row in ws[table.ref]]
    assert rows[0] == ["Recipient", "Required by", "Source", "When", "Deadline"]
    expected = distribution(default_data, chosen_profiles(default_data))
    assert [r[0] for r in rows[1:]] == [d.recipient.name for d in expected]
    assert [r[4].date() if d.deadline else r[4] for r, d in zip(rows[1:], expected)] == \
        [d.deadline or "[z]" for d in expected]
    contents = wb["Contents"]
    assert "Distribution" in [c.value for c in contents["A"]]
    assert ws[table.ref][0][0].row == 4  # the header row of every sheet
    above = " ".join(str(ws.cell(r, 1).value) for r in range(1, 4))  # title, description, source
    assert "16 October 2023" in above
    from hsp_docs.statutory.distribution import publish_by

    due = publish_by(load_profile("working-together-2018"), default_data.meta)
    assert f"Working Together to Safeguard Children 2018: At least once in every 12-month period. For this " \
           f"period, by {due:%-d %B %Y}." in above
    assert "Care Act 2014: As soon as is feasible" in above


def test_every_profile_item_is_explained_in_the_docs():
    text = (ROOT / "docs" / "statutory.md").read_text(encoding="utf-8")
    for name in available():
        assert f"`{name}`" in text
        for item in load_profile(name).items:
            assert f"`{item.id}`" in text, item.id


# --- priorities as data -------------------------------------------------------------------------

def write_priorities(folder, *rows) -> None:
    with (folder / "priorities.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("priority", "progress", "analysis", "section"), *rows])


def test_priorities_with_progress_answer_the_priorities_item(inputs_copy):
    write_priorities(inputs_copy, ("Domestic abuse", "good progress", "", "areas_for_development"),
                     ("Mental health", "little or no progress", "Two posts were vacant all year; they are filled "
                      "from April.", "areas_for_development"))
    item = next(r for _, items in assess(load_inputs(inputs_copy)).profiles for r in items
                if r.item.id == "wt.priorities")
    assert item.status == "answered" and "row 3: 'Mental health'" in item.evidence[1].detail


def test_a_priority_with_little_progress_needs_its_analysis(inputs_copy):
    write_priorities(inputs_copy, ("Domestic abuse", "good progress", "", "areas_for_development"),
                     ("Mental health", "little or no progress", "", "areas_for_development"),
                     ("Exploitation", "some progress", "", ""))
    result = assess(load_inputs(inputs_copy))
    assert {(f.row, f.check) for f in result.priorities} == {(3, "priority-no-analysis"), (4, "priority-not-placed")}
    item = next(r for _, items in result.profiles for r in items if r.item.id == "wt.priorities")
    assert item.status == "claimed-only" and "'Mental health', 'Exploitation'" in item.message
    assert "== Priorities (priorities.csv)" in run("check", "--statutory", str(inputs_copy)).stdout


def test_the_reviews_table_prints_them_from_the_data_and_places_them(inputs_copy):
    from hsp_docs.parts import TableBlock
    from hsp_docs.sections import build_report_model

    add_review(inputs_copy, review="SAR G", type="sar", status="ongoing")
    words = inputs_copy / "narrative" / "learning_from_reviews.md"
    words.write_text(words.read_text(encoding="utf-8") + "\n[[table: reviews]]\n", encoding="utf-8")
    data = load_inputs(inputs_copy)
    table = next(b.table for s in build_report_model(data).sections for b in s.blocks
                 if isinstance(b, TableBlock) and b.table.key == "reviews")
    assert [r[0] for r in table.rows] == [r.review for r in data.rows("reviews")]
    assert table.rows[-1][:4] == ["SAR G", "Safeguarding adults review", "Ongoing", table.rows[-1][3]]
    assert table.cell_texts()[-1][3] == "[z]"
    result = assess(data)
    assert not [f for f in result.reviews if f.row == 7]  # placed by the table
    item = next(r for _, items in result.profiles for r in items if r.item.id == "care-act.sar-ongoing")
    assert item.status == "answered" and "in the reviews table ('learning_from_reviews')" in item.evidence[0].detail


def test_a_new_year_claims_nothing_until_the_words_and_reviews_are_filled(tmp_path):
    import shutil

    from hsp_docs.newyear import new_year
    shutil.copytree(DEFAULT_INPUTS, tmp_path / "2022-23")
    result = assess(load_inputs(new_year("2023-24", tmp_path / "2022-23")))
    got = statuses(result)
    assert got.pop("wt.publish") == "answered" and set(got.values()) == {"missing"}
    assert result.errors == 0  # a draft: warnings only
    item = next(r for _, items in result.profiles for r in items if r.item.id == "wt.effectiveness")
    assert item.message.startswith("Claimed by 'Report of the Chair") and "[to be completed]" in item.message
