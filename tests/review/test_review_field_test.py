"""Issue 10 in review and exports: flags as they stand now and a member's addenda (6), the
check that a member's part names nobody else wherever a note is saved or exported (7)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from iop_facilitator.review.export.exports import session_export
from iop_facilitator.review.library import Library
from iop_facilitator.review.note_privacy import note_warnings
from iop_facilitator.review.safety_flags import handle_flag, open_flags
from iop_facilitator.session.notes import note_draft
from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault
from tests.review.review_vault import PASSPHRASE, TUESDAY, Built, _run

AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
WHEN = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def _maria_names_aisha(tmp_path: Path) -> tuple[Library, str]:
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    records = Records(vault)
    records.save_group(TUESDAY)
    engine = _run(TUESDAY, WHEN, "tue-x", "absent: sam")
    text = note_draft(engine.summary(), "birp").text
    text = text.replace(
        "Progress note — James T.\n", "Sat by Aisha K.\n\nProgress note — James T.\n"
    )
    records.finish(engine, note=text)
    return Library(vault), "tue-x"


# --- 6 ------------------------------------------------------------------------------------------


def test_a_flag_handled_in_review_is_exported_as_handled_when_by_whom_and_what(
    built: Built,
) -> None:
    library = Library(built.vault)
    archive = library.archive()
    flag = open_flags(archive)[0]
    handle_flag(built.vault, archive, flag.id, by="Dr. Rivera", note="Called him", at=AT)
    text = session_export(library, flag.session_id).text
    local = AT.astimezone().strftime("%Y-%m-%d %H:%M")
    (line,) = [x for x in text.splitlines() if x.startswith("- ") and flag.note in x]
    assert line.endswith(f"— handled {local} by Dr. Rivera: Called him")


def test_a_flag_handled_in_the_session_says_by_whom(built: Built) -> None:
    library = Library(built.vault)
    text = session_export(library, "tue-s2").text
    assert "by Dr. Rivera: Called after group; staying with his sister" in text


def test_a_members_export_holds_the_addenda_about_them_and_no_other(built: Built) -> None:
    library = Library(built.vault)
    summary = library.summary("tue-s3")
    ids = {a.name: a.member_id for a in summary.attendance}
    library.finalise_note("tue-s3", at=AT, by="Dr. Rivera", leave_placeholders=True)
    library.add_addendum(
        "tue-s3",
        text="Phoned her about the missed dose.",
        at=AT,
        by="Dr. Rivera",
        about=ids["Maria L."],
    )
    library.add_addendum("tue-s3", text="Room changed next week.", at=AT, by="Dr. Rivera")
    maria = session_export(library, "tue-s3", member=ids["Maria L."]).text
    james = session_export(library, "tue-s3", member=ids["James T."]).text
    assert "Phoned her about the missed dose." in maria
    assert "Room changed next week." not in maria and "1 other addendum" in maria
    assert "missed dose" not in james


# --- 7 ------------------------------------------------------------------------------------------


def test_a_whole_session_export_warns_and_names_the_part(tmp_path: Path) -> None:
    library, session_id = _maria_names_aisha(tmp_path)
    made = session_export(library, session_id)
    assert any(
        "progress note of Maria L." in n and "names another member" in n for n in made.notices
    )


def test_saving_a_note_finds_the_part_that_names_another_member(tmp_path: Path) -> None:
    library, session_id = _maria_names_aisha(tmp_path)
    summary = library.summary(session_id)
    warnings = note_warnings(summary, library.note(session_id))
    assert len(warnings) == 1 and "Maria L." in warnings[0] and "Aisha" not in warnings[0]


# --- 10: the attendance register ----------------------------------------------------------


def test_the_register_lists_each_member_by_week_with_minutes_and_status(built: Built) -> None:
    from datetime import date

    from iop_facilitator.review.attendance_register import attendance_register

    library = Library(built.vault)
    lines = attendance_register(
        library,
        library.archive(),
        since=date(2026, 11, 1),
        until=date(2026, 11, 18),
        group="Tuesday",
    )
    daniel = [x for x in lines if x.member == "Daniel R."]
    assert [(x.week, x.status) for x in daniel] == [
        ("2026-W45", "late"),
        ("2026-W46", "absent"),
        ("2026-W47", "present"),
    ]
    late, absent, present = daniel
    assert absent.minutes_attended == 0
    assert present.minutes_attended == present.session_minutes
    assert late.minutes_attended == round(late.session_minutes - 0.5)


def test_export_attendance_writes_a_csv_register_and_logs_it(built: Built, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from iop_facilitator.cli import main
    from iop_facilitator.review.access_log import access_log

    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    out = tmp_path / "register.csv"
    args = ["export", "attendance", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out)]
    vault = ["--vault", str(built.path), "--passphrase-file", str(secret), "--yes"]
    result = CliRunner().invoke(main, [*args, *vault])
    assert result.exit_code == 0, result.output
    rows = out.read_text().splitlines()
    assert rows[0].startswith("member,member_id,group,week,date,start,status,minutes_attended")
    assert any(r.startswith("Daniel R.,") and ",late," in r for r in rows)
    assert access_log(built.vault)[0].what.startswith("attendance register of")


def test_the_printable_register_closes_each_week_with_its_total(built: Built) -> None:
    from datetime import date

    from iop_facilitator.review.export.exports import FileFormat, attendance_export

    library = Library(built.vault)
    made = attendance_export(
        library,
        library.archive(),
        since=date(2026, 11, 1),
        until=date(2026, 11, 30),
        fmt=FileFormat.MARKDOWN,
    )
    assert made.text.startswith("# Attendance register, 2026-11-01 to 2026-11-30")
    assert "week total" in made.text and "## Daniel R." in made.text


# --- 9: a chart-ready progress note ------------------------------------------------------------


def test_a_progress_note_export_is_chart_ready(built: Built) -> None:
    library = Library(built.vault)
    summary = library.summary("tue-s1")
    daniel = next(a for a in summary.attendance if a.name == "Daniel R.")
    text = session_export(library, "tue-s1", member=daniel.member_id).text
    assert "Service date" in text and "2026-11-03" in text
    start = summary.started.astimezone().strftime("%H:%M")
    assert f"{start} to " in text
    assert "arrived late, at minute 0" in text or "arrived late, at minute 1" in text
    assert "Dr. Rivera (lead)" in text
    assert "Draft — not signed" in text


def test_finalising_with_placeholders_left_needs_an_explicit_choice(built: Built) -> None:
    import pytest

    from iop_facilitator.review.clinical_notes import PlaceholdersLeft

    library = Library(built.vault)
    with pytest.raises(PlaceholdersLeft, match="placeholder"):
        library.finalise_note("tue-s1", at=AT, by="Dr. Rivera")
    note = library.finalise_note(
        "tue-s1", at=AT, by="Dr. Rivera", credentials="PsyD", leave_placeholders=True
    )
    assert note.final and note.placeholders_left


def test_placeholders_never_reach_an_export_unmarked_and_the_signature_is_there(
    built: Built,
) -> None:
    import re

    library = Library(built.vault)
    library.finalise_note(
        "tue-s1", at=AT, by="Dr. Rivera", credentials="PsyD, LCSW", leave_placeholders=True
    )
    text = session_export(library, "tue-s1").text
    assert re.search(r"(?<!NOT FILLED IN — )\[Therapist:", text) is None
    assert "[NOT FILLED IN — Therapist:" in text
    assert "Signed by" in text and "PsyD, LCSW" in text
    assert AT.astimezone().strftime("%Y-%m-%d %H:%M") in text
    assert "Signed with placeholders left" in text


# --- 11: sparklines on their real range -------------------------------------------------------


def test_sparklines_are_drawn_on_the_real_range_not_min_to_max() -> None:
    from iop_facilitator.wording import scaled_bars

    assert scaled_bars([9, 9, 9], 0, 10, 40) == "███"
    assert scaled_bars([0.50, 0.51], 0.0, 1.0, 40) == "▅▅"  # not a cliff from bottom to top
    assert scaled_bars([0.0, 1.0], 0.0, 1.0, 40) == "▁█"


def test_a_member_history_knows_its_check_in_scale(built: Built) -> None:
    from iop_facilitator.review.member_history import find_member, member_history

    archive = Library(built.vault).archive()
    history = member_history(archive, find_member(archive, "Maria L.").id)
    assert history.checkin_scale == archive.sessions[0].checkin_scale is not None


# --- 16: review's tables at 60 columns ----------------------------------------------------------


def test_a_members_sessions_at_60_columns_drop_the_bar_not_the_share(built: Built) -> None:
    from rich.console import Console

    from iop_facilitator.review.member_history import find_member, member_history
    from iop_facilitator.tui.review.screens.member_detail import sessions_table

    archive = Library(built.vault).archive()
    history = member_history(archive, find_member(archive, "Maria L.").id)
    console = Console(width=50, record=True)
    console.print(sessions_table(history, 50))
    shown = console.export_text()
    assert "…" not in shown
    assert "%" in shown


# --- 12: review's lists keep their cursor and move like the runner's ---------------------------


async def test_a_review_list_keeps_its_cursor_when_you_come_back(built: Built) -> None:
    from textual.widgets import DataTable

    from tests.review.review_app_testing import review_app, settle

    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        table = app.screen.query_one("#sessions", DataTable)
        assert table.cursor_row == 2
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_export_is_reachable_inside_review_with_the_same_question_and_log(
    built: Built, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from iop_facilitator.review.access_log import access_log
    from iop_facilitator.tui.common.confirm import ConfirmScreen
    from tests.review.review_app_testing import review_app, settle

    out = tmp_path / "note.md"
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#field-file", Input).value = str(out)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("This writes the group note")
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause(0.02)
            if out.exists():
                break
    assert out.read_text().startswith("# Group note")
    assert (out.stat().st_mode & 0o777) == 0o600
    assert access_log(built.vault)[0].destination == str(out)


async def test_view_keys_work_from_a_detail_page(built: Built) -> None:
    from tests.review.review_app_testing import review_app, settle

    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert app.current_mode == "members"


async def test_the_attendance_register_is_reachable_in_review(built: Built, tmp_path: Path) -> None:
    from textual.widgets import Input

    from iop_facilitator.tui.common.confirm import ConfirmScreen
    from tests.review.review_app_testing import review_app, settle

    out = tmp_path / "register.csv"
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        app.screen.query_one("#field-file", Input).value = str(out)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ConfirmScreen):
                break
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause(0.02)
            if out.exists():
                break
    assert out.read_text().startswith("member,member_id,group,week,date")


# --- 14: the "Mark handled" dialog shows the whole concern -------------------------------------


async def test_the_mark_handled_dialog_shows_the_whole_concern(built: Built) -> None:
    from textual.widgets import Label

    from iop_facilitator.tui.review.screens.forms import FormScreen
    from tests.review.review_app_testing import review_app, settle

    concern = (
        "Said she has been saving her medication and thinks about taking it all at once; "
        "has a plan for the weekend when her partner is away; agreed to call the crisis line."
    )
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(
            FormScreen("Mark handled", [], f"Raised 2026-11-19 in Tuesday evening IOP: {concern}")
        )
        await settle(pilot)
        label = app.screen.query_one(".form-explanation", Label)
        box = app.screen.query_one("#form")
        # Wrapped inside the box over several lines, not one line cut at the box's edge.
        assert label.size.height >= 3
        assert label.region.right <= box.region.right


async def test_a_members_history_is_exported_from_their_page(built: Built, tmp_path: Path) -> None:
    from textual.widgets import Input

    from iop_facilitator.tui.common.confirm import ConfirmScreen
    from iop_facilitator.tui.review.screens.member_detail import MemberDetailScreen
    from tests.review.review_app_testing import review_app, settle

    out = tmp_path / "history.md"
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        archive = app.archive
        from iop_facilitator.review.member_history import find_member

        app.push_screen(MemberDetailScreen(find_member(archive, "Maria L.").id))
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#field-file", Input).value = str(out)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ConfirmScreen):
                break
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause(0.02)
            if out.exists():
                break
    assert "Maria L." in out.read_text()
