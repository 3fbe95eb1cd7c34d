"""Disclosure control: the policy, the view each recipient gets, the LP audit that tries to
recover every hidden count, and the done-when checks on the default inputs made public."""
from __future__ import annotations

import shutil
import zipfile

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from scan import set_disclosure

from conftest import DEFAULT_INPUTS, validate_ooxml
from hsp_docs.disclosure.audit import Received, Recipient, audit, audit_received
from hsp_docs.disclosure.cells import cell_id
from hsp_docs.disclosure.policy import INTERNAL_MARK, Policy
from hsp_docs.disclosure.suppression import decide
from hsp_docs.disclosure.view import apply
from hsp_docs.packs.build import pack_filename
from hsp_docs.parts import CONFIDENTIAL, Column, Derived, Report, Section, Table, TableBlock

C = CONFIDENTIAL
POLICY = Policy(5, public=True)


def people_table(rows, key="t", derived=(), row_sums=()):
    """Named counts of people in two columns with a total row."""
    cols = [Column("Name"), Column("A", "count", person_count=True), Column("B", "count", person_count=True)]
    body = [list(r) for r in rows] + [["Total", sum(r[1] for r in rows), sum(r[2] for r in rows)]]
    return Table(key, key.upper(), cols, body, total_rows=frozenset({len(rows)}), derived=list(derived),
                 row_sums=list(row_sums))


def view_of(*tables, policy=POLICY):
    report = Report(None, [Section("s", "S", [TableBlock(t) for t in tables])])
    report.number_parts()
    decision = decide(report, None, policy)
    return report, apply(report, decision.hidden, decision.primary, policy), decision


def audit_pair(built: Table, shown: Table, policy=POLICY):
    return audit_received(Received(Recipient("the public"), [(built, shown, built.caption)], [], []), policy)


# --- the rule ------------------------------------------------------------------------------

def test_a_lone_small_count_is_hidden_and_nothing_else():
    cols = [Column("Name"), Column("A", "count", person_count=True)]
    _, shown, _ = view_of(Table("t", "T", cols, [["x", 3], ["y", 20]]))
    assert shown.tables()[0].rows == [["x", C], ["y", 20]]


def test_a_count_recoverable_from_its_total_gets_the_smallest_complement():
    built, shown, _ = view_of(people_table([["x", 3, 10], ["y", 20, 30], ["z", 40, 50]]))
    col_a = [r[1] for r in shown.tables()[0].rows]
    assert col_a == [C, C, 40, 63]  # 20 is the smallest other count; 3 + 20 leaves a range of 23
    assert not audit_pair(built.tables()[0], shown.tables()[0])


def test_two_small_counts_that_sum_below_the_threshold_need_a_third():
    _, shown, _ = view_of(people_table([["x", 1, 10], ["y", 2, 30], ["z", 40, 50], ["w", 45, 9]]))
    assert [r[1] for r in shown.tables()[0].rows] == [C, C, C, 45, 88]


def test_zero_money_and_meetings_are_never_hidden():
    cols = [Column("Line"), Column("Amount", "money", unit="£"), Column("Meetings", "count"),
            Column("People", "count", person_count=True)]
    _, shown, _ = view_of(Table("m", "M", cols, [["x", 3, 2, 0]]))
    assert shown.tables()[0].rows == [["x", 3, 2, 0]]


def test_threshold_is_the_policy_s():
    cols = [Column("Name"), Column("A", "count", person_count=True)]
    t = Table("t", "T", cols, [["x", 6]])
    assert view_of(t, policy=Policy(6, True))[1].tables()[0].rows[0][1] == 6
    assert view_of(t, policy=Policy(7, True))[1].tables()[0].rows[0][1] is C


def test_public_false_hides_nothing():
    _, shown, decision = view_of(people_table([["x", 1, 2]]), policy=Policy(5, False))
    assert not decision.hidden and shown.tables()[0].rows[0] == ["x", 1, 2]


def test_a_derived_cell_goes_with_its_count():
    cols = [Column("Type"), Column("Before", "count", person_count=True), Column("After", "count", person_count=True),
            Column("Change", "percent")]
    rows = [["a", 9, 3, -2 / 3], ["b", 20, 25, 0.25], ["c", 30, 33, 0.1]]
    rows.append(["Total", 59, 61, 2 / 59])
    t = Table("abuse", "Abuse", cols, rows, total_rows=frozenset({3}), derived=[Derived(3, "change", (1, 2))])
    built, shown, _ = view_of(t)
    row_a = shown.tables()[0].rows[0]
    assert row_a[2] is C and row_a[3] is C  # the change would give 9 x (1 - 67%) = 3 back
    assert not audit_pair(built.tables()[0], shown.tables()[0])


# --- the audit catches what a weak pattern gives away ----------------------------------------

def test_weak_secondary_suppression_is_caught():
    built = people_table([["x", 1, 10], ["y", 2, 30], ["z", 40, 50]])
    weak = people_table([["x", 1, 10], ["y", 2, 30], ["z", 40, 50]])
    weak.rows[0][1] = weak.rows[1][1] = C  # 1 and 2 hidden, but they add up to 43 - 40 = 3
    findings = audit_pair(built, weak)
    errors = [f for f in findings if f.severity == "error"]
    assert len(errors) == 2
    assert errors[0].where == "the public: Table 0: T" and errors[0].column == "A"
    assert "(x, A)" in errors[0].message and "between 1 and 2" in errors[0].message  # 1 + 2 = 3, each at least 1


def test_showing_a_derived_cell_of_a_hidden_count_is_caught():
    cols = [Column("Type"), Column("Before", "count", person_count=True), Column("After", "count", person_count=True),
            Column("Change", "percent")]
    rows = [["a", 9, 3, -2 / 3], ["b", 20, 25, 0.25], ["c", 30, 33, 0.1], ["Total", 59, 61, 2 / 59]]
    t = Table("abuse", "Abuse", cols, rows, total_rows=frozenset({3}), derived=[Derived(3, "change", (1, 2))])
    built, shown, _ = view_of(t)
    tampered = shown.tables()[0]
    tampered.rows[0][3] = rows[0][3]  # the change of the hidden 3 shown again
    errors = [f for f in audit_pair(built.tables()[0], tampered) if f.severity == "error"]
    assert errors and "(a, After)" in errors[0].message


def test_a_count_hidden_in_one_place_and_shown_in_another_is_caught():
    cols = [Column("Name"), Column("A", "count", person_count=True)]
    built = Table("t", "T", cols, [["x", 2], ["y", 30]])
    hidden = Table("t", "T", cols, [["x", C], ["y", 30]])
    findings = audit_received(Received(Recipient("the public"), [(built, hidden, "report"), (built, built, "pack")],
                                       [], []), POLICY)
    assert any("hidden in report but shown in pack" in f.message for f in findings)


def test_free_text_with_a_small_count_is_a_finding():
    who = Recipient("the public")
    findings = audit_received(Received(who, [], [], [("1 delegate for the session", "narrative")]), POLICY)
    assert [f.severity for f in findings] == ["error"] and '"1 delegate"' in findings[0].message


# --- the policy ----------------------------------------------------------------------------------

@pytest.mark.parametrize("setting, message", [
    ("threshold = \"five\"", "threshold must be a whole number"),
    ("public = \"yes\"", "public must be true or false"),
    ("prose = \"{count}\"", "prose may use only {threshold}"),
    ("shreshold = 5", "unknown setting(s) shreshold"),
    ("internal = [\"Ministry of Magic\"]", "internal names 'Ministry of Magic', which is not in the agency register"),
])
def test_bad_policy_is_an_input_error_naming_report_toml(inputs_copy, setting, message):
    from hsp_docs.errors import InputError
    from hsp_docs.inputs.loader import load_inputs

    set_disclosure(inputs_copy / "report.toml", setting)
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    assert "report.toml" in str(exc.value) and message in str(exc.value)


def test_default_inputs_stay_as_published_and_check_warns(default_data, default_report, built):
    assert default_data.meta.disclosure == Policy(5, False)
    findings = audit(default_data, default_report)
    assert not [f for f in findings if f.severity == "error"]
    public = [f for f in findings if f.check == "disclosure-public"]
    lado = [f for f in public if "Outcomes of allegations" in f.where]
    assert {f.computed for f in lado} == {"2", "3"} and all(f.column == "Cases" for f in lado)
    with zipfile.ZipFile(built / "report.docx") as z:
        assert "[c]" not in z.read("word/document.xml").decode()


# --- done when: the default inputs made public -------------------------------------------------------

@pytest.fixture(scope="module")
def public_inputs(tmp_path_factory):
    dest = tmp_path_factory.mktemp("public") / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, dest)
    set_disclosure(dest / "report.toml", "threshold = 5\npublic = true")
    return dest


@pytest.fixture(scope="module")
def public_data(public_inputs):
    from hsp_docs.inputs.loader import load_inputs

    return load_inputs(public_inputs)


@pytest.fixture(scope="module")
def public_outputs(tmp_path_factory, public_data):
    from hsp_docs.build import build_all
    from hsp_docs.packs.build import build_packs

    out = tmp_path_factory.mktemp("public-out")
    result = build_all(public_data, out, soffice=None, html=True)
    assert not [f for f in result.findings if f.check.startswith("disclosure")]
    packs = build_packs(public_data, out / "packs", jobs=2)
    assert not packs.failed and not packs.findings
    return out


def test_audit_passes_for_the_public_and_every_agency(public_data):
    findings = audit(public_data)
    assert findings == []
    result = CliRunner().invoke(__import__("hsp_docs.cli", fromlist=["main"]).main,
                                ["check", "--disclosure", str(public_data.root)])
    assert result.exit_code == 0 and "No findings" in result.output


def _small_counts(data):
    """Every count of people from 1 to 4 in the inputs, whatever shows it: (label, value, owner)."""
    from hsp_docs.model.schema import DATASETS

    out = []
    for ds in DATASETS:
        for col in (c for c in ds.columns if c.people):
            label_col = next((c.name for c in ds.columns if c.type == "text" and not c.describes), None)
            for row in data.rows(ds.name) if label_col else ():
                v = getattr(row, col.name)
                if v is not None and 1 <= v <= 4:
                    label = getattr(row, label_col)
                    out.append((label, v, data.agencies.resolve(label)))
    return out


def test_no_output_shows_a_small_count_that_is_not_the_recipient_s_own(public_outputs, public_data):
    from scan import leaks

    small = _small_counts(public_data)
    assert len(small) >= 15  # LADO settings and outcomes, CSA attendance, contact sources and outcomes, delegates
    public_files = [public_outputs / "report.docx", public_outputs / "datapack.xlsx",
                    public_outputs / "html" / "index.html"]
    assert leaks(public_files, [(label, v) for label, v, _ in small]) == []
    from hsp_docs.packs.contents import is_board

    for entry in (e for e in public_data.agencies if not is_board(public_data, e)):  # a board's pack: when asked
        pack = public_outputs / "packs" / pack_filename(entry.name, internal=False)
        assert leaks([pack], [(label, v) for label, v, owner in small if owner is not entry]) == [], entry.name


def _rows(path, title_start):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if f": {title_start}" in str(ws["A1"].value):
            table = next(iter(ws.tables.values()))
            return [[c.value for c in r] for r in ws[table.ref]][1:]
    return None


def test_police_pack_shows_the_police_s_own_figures(public_outputs):
    police = public_outputs / "packs" / "Metropolitan-Police-Service.xlsx"
    delegates = _rows(police, "Multi-agency training delegates")
    assert delegates[0][0] == "police" and delegates[0][2] == 2 and "1 delegate for" in delegates[0][1]
    assert _rows(police, "LADO referrals") == [["Police", 3]]
    mopac = public_outputs / "packs" / "Mayor's-Office-for-Policing-and-Crime.xlsx"
    assert _rows(mopac, "Multi-agency training delegates") == [["police", "police", "[c]"]]
    assert _rows(mopac, "LADO referrals") == [["Police", "[c]"]]


def test_no_pack_shows_a_lado_outcome_from_1_to_4(public_outputs):
    packs = sorted((public_outputs / "packs").glob("*.xlsx"))
    assert len(packs) == 27  # every agency of the register but its three boards (a board's pack: when asked)
    for pack in packs:
        outcomes = _rows(pack, "Outcomes of allegations")
        values = [r[1] for r in outcomes]
        assert values.count("[c]") == 3 and not [v for v in values if isinstance(v, int) and 1 <= v <= 4], pack.name


def test_public_report_prints_the_policy_s_words_and_no_small_count(public_outputs):
    from docx import Document

    text = "\n".join(p.text for p in Document(str(public_outputs / "report.docx")).paragraphs)
    assert "fewer than 5 from police" in text
    assert "1 delegate" not in text
    # the narrative's total of the CSA events' delegates (81) would give back the second event's
    # total, and with Harrow Council's own rows its small counts: it is hidden with them
    assert "had a total of [c] delegates attending" in text
    with zipfile.ZipFile(public_outputs / "report.docx") as z:
        doc = z.read("word/document.xml").decode()
    assert "Malicious [c] (confidential)" in doc  # the LADO outcomes chart's alt text


def test_public_outputs_and_packs_are_valid(public_outputs):
    validate_ooxml(public_outputs / "report.docx", public_outputs / "datapack.xlsx",
                   public_outputs / "packs" / "Metropolitan-Police-Service.xlsx")


def test_an_unsuppressed_pack_is_marked_internal_everywhere(tmp_path, public_data):
    from hsp_docs.packs.build import build_packs

    result = build_packs(public_data, tmp_path, ["Police"], jobs=1, internal=True)
    (path,) = result.written
    assert path.name == "INTERNAL-NOT-FOR-CIRCULATION-Metropolitan-Police-Service.xlsx"
    wb = load_workbook(path)
    assert all(str(ws["A1"].value).startswith(INTERNAL_MARK) for ws in wb.worksheets)
    props = wb.properties
    assert all(INTERNAL_MARK in p for p in (props.title, props.subject, props.description, props.keywords))
    cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(values_only=True) if r[0]}
    assert cover["Disclosure control"].startswith(INTERNAL_MARK)
    assert _rows(path, "Outcomes of allegations")[3] == ["Employer Internal Procedure", 2]  # nothing hidden
    validate_ooxml(path)


def test_public_workbook_says_what_c_means(public_outputs):
    wb = load_workbook(public_outputs / "datapack.xlsx")
    cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(values_only=True) if r[0]}
    assert cover["Disclosure control"].startswith("Counts of people from 1 to 4 are shown as [c]")
    notes = [r[1] for r in wb["Notes"].iter_rows(values_only=True)]
    assert any(str(n).startswith("[c] means confidential: a count of people under 5") for n in notes)


def test_packs_strict_refuses_a_pack_the_audit_faults(tmp_path, public_data):
    from hsp_docs.packs.build import build_packs

    # a threshold above the published report's: the report shows what the packs would hide
    result = build_packs(public_data, tmp_path, ["CNWL"], threshold=9, jobs=1, strict=True)
    assert not result.written and not list(tmp_path.glob("*.xlsx"))
    assert "disclosure audit" in result.failed[0][1]
    assert any("a range narrower than 9" in f.message for f in result.findings)


def test_build_strict_refuses_prose_that_prints_a_small_count(inputs_copy, tmp_path, monkeypatch):
    from hsp_docs.build import StrictStop, build_all
    from hsp_docs.inputs.loader import load_inputs

    set_disclosure(inputs_copy / "report.toml", "public = true")
    lado = inputs_copy / "narrative" / "lado.md"
    lado.write_text(lado.read_text(encoding="utf-8") + "\nThere was 1 referral from a childminder.\n",
                    encoding="utf-8")
    monkeypatch.setattr("hsp_docs.build.check_data", lambda data, report=None: [])  # the published errors
    with pytest.raises(StrictStop, match="disclosure audit"):
        build_all(load_inputs(inputs_copy), tmp_path / "out", strict=True)
    assert not (tmp_path / "out").exists()
    findings = audit(load_inputs(inputs_copy), agencies=[])
    assert [f.message for f in findings if f.severity == "error"] == [
        'Free text prints a count of people below 5: "1 referral" (reword it, or give the number as a '
        "placeholder so the view can hide it)."]


def test_an_agency_the_policy_names_internal_gets_an_internal_pack(inputs_copy, tmp_path):
    from hsp_docs.inputs.loader import load_inputs
    from hsp_docs.packs.build import build_packs

    set_disclosure(inputs_copy / "report.toml", "public = true\ninternal = [\"LB Harrow\"]")
    result = build_packs(load_inputs(inputs_copy), tmp_path, ["Harrow Council", "Schools"], jobs=1)
    assert sorted(p.name for p in result.written) == ["INTERNAL-NOT-FOR-CIRCULATION-Harrow-Council.xlsx",
                                                      "Schools.xlsx"]


def test_the_scan_finds_small_counts_where_they_are_shown(built, default_data):
    """The read-back is not vacuous: on the report as Harrow published it (public = false) it
    finds the LADO outcomes, settings and the police delegates in tables, chart caches, the
    embedded workbooks, alt text and prose."""
    from scan import leaks

    found = leaks([built / "report.docx"], [(label, v) for label, v, _ in _small_counts(default_data)])
    assert any("Malicious = 3" in f and "row ['Malicious', '3']" in f for f in found)  # chart cache / workbook
    assert any("text 'Bar chart of LADO referrals" in f and "Police = 3" in f for f in found)  # alt text
    assert any("police = 2" in f and "text '2 from police" in f for f in found)  # prose


def test_free_text_naming_a_hidden_count_beside_its_value_is_caught():
    cols = [Column("Setting"), Column("Referrals", "count", person_count=True)]
    built = Table("lado", "LADO", cols, [["Fostering", 1], ["School", 27]])
    shown = Table("lado", "LADO", cols, [["Fostering", C], ["School", 27]])
    texts = [("Bar chart of referrals: Fostering 1, School 27.", "alt text")]
    findings = audit_received(Received(Recipient("the public"), [(built, shown, "Figure 2")], [], texts), POLICY)
    assert [f.message for f in findings] == [
        'A count of people (Fostering, Referrals) is hidden but free text in alt text prints it: "Fostering 1".']


def test_the_example_partnership_publishes_under_the_policy(tmp_path):
    from conftest import ROOT
    from hsp_docs.build import build_all
    from hsp_docs.inputs.loader import load_inputs

    data = load_inputs(ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24")
    assert data.meta.disclosure == Policy(5, public=True)
    assert audit(data) == []
    result = build_all(data, tmp_path, soffice=None)
    wb = load_workbook(tmp_path / "datapack.xlsx")
    outcomes = next(ws for ws in wb.worksheets if "How allegations concluded" in str(ws["A1"].value))  # its words
    values = [r[1] for r in outcomes.iter_rows(values_only=True)]
    assert "[c]" in values and not [v for v in values if isinstance(v, int) and 1 <= v <= 4]
    assert not [f for f in result.findings if f.check.startswith("disclosure")]


def test_a_formatted_placeholder_is_still_hidden(inputs_copy):
    from hsp_docs.build import public_report
    from hsp_docs.inputs.loader import load_inputs
    from hsp_docs.parts import Paragraph

    set_disclosure(inputs_copy / "report.toml", "public = true\nprose = \"under {threshold}\"")
    training = inputs_copy / "narrative" / "training.md"
    text = training.read_text(encoding="utf-8")
    training.write_text(text.replace("{{ s.delegates }} from", "{{ s.delegates|thousands }} from"), encoding="utf-8")
    view, findings = public_report(load_inputs(inputs_copy))
    lines = ["".join(r.text for r in b.runs) for s in view.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert "under 5 from police" in lines and "272 from education (including colleges, schools and nurseries)" in lines
    assert not [f for f in findings if f.severity == "error"]


def test_the_pattern_holds_against_an_agency_that_knows_its_own_row():
    """X's own 10 was hidden to protect 2 and 3 from the public; X knows it, so 2 + 3 = 5 would be
    plain to X: a fourth cell (not X's) is hidden too."""
    from types import SimpleNamespace

    x = type("Agency", (), {"name": "X"})()  # a register entry: hashable, compared by identity
    data = SimpleNamespace(agencies=SimpleNamespace(resolve=lambda n: x if n == "A" else None),
                           rows=lambda name: ())
    cols = [Column("Org"), Column("People", "count", person_count=True)]
    rows = [["A", 10], ["B", 2], ["C", 3], ["D", 60], ["Total", 75]]
    t = Table("t", "T", cols, rows, total_rows=frozenset({4}), agency_column="Org")
    report = Report(None, [Section("s", "S", [TableBlock(t)])])
    report.number_parts()
    public_only = decide(report, data, POLICY, packs=False)
    shown = {r[0]: r[1] for r in apply(report, public_only.hidden, public_only.primary, POLICY).tables()[0].rows}
    assert shown == {"A": C, "B": C, "C": C, "D": C, "Total": 75}
    assert public_only.hidden_from(x) == public_only.hidden - {cell_id(t, 0, 1)}
    assert not public_only.unprotected
