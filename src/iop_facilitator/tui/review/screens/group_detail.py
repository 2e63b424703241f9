"""One group over time: charts of attendance, equity and facilitator share, week by week."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Label, Static

from iop_facilitator.review.group_figures import GroupFigures, group_figures
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewScreen
from iop_facilitator.wording import count, percent, scaled_bars

CHART_WIDTH = 40  # cells; longer series are averaged into this many bars

SHOWN_WEEKS = 26


def weeks_table(figures: GroupFigures) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False)
    for column in ("Week of", "Sessions", "Attend", "Equity", "Facil."):
        table.add_column(column, no_wrap=True)
    for w in reversed(figures.weeks[-SHOWN_WEEKS:]):
        table.add_row(
            w.week.isoformat(),
            str(w.sessions),
            percent(w.attendance_rate),
            f"{w.equity_gini:.2f}",
            percent(w.facilitator_share),
        )
    return table


class GroupDetailScreen(ReviewScreen):
    """A group's figures over time."""

    BINDINGS = keys.DETAIL

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        figures = group_figures(self.review.archive, self.group_id)
        with VerticalScroll(id="detail"):
            if figures is None:
                yield Static("This group has no session.")
            else:
                yield Static(
                    f"[b]{figures.name}[/b]\n{count(figures.sessions, 'session')}, "
                    f"{figures.first} to {figures.last} · {figures.sessions_per_week:.1f} a week "
                    f"· attendance {percent(figures.attendance_rate)} · homework "
                    f"{percent(figures.homework_rate)}",
                    id="group-figures",
                )
                series = {
                    "attend": [w.attendance_rate or 0.0 for w in figures.weeks],
                    "equity": [w.equity_gini for w in figures.weeks],
                    "facil.": [w.facilitator_share for w in figures.weeks],
                }
                for name, values in series.items():
                    with Horizontal(classes="chart"):
                        yield Label(f"{name:<8}", classes="chart-label")
                        # Each on its real range (0 to 1 for rates, shares and the index).
                        line = Label(
                            scaled_bars(values, 0.0, 1.0, CHART_WIDTH), classes="chart-line"
                        )
                        line.styles.width = min(len(values), CHART_WIDTH)
                        yield line
                        yield Label(
                            f" latest {values[-1]:.2f} · mean {sum(values) / len(values):.2f}",
                            classes="chart-figures",
                        )
                yield Static(weeks_table(figures), id="group-weeks")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#detail").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        """This group's finished sessions between two days (either open) out of the vault, as
        `export --group --from --to` does."""
        from iop_facilitator.review.export.exports import FileFormat, range_export
        from iop_facilitator.tui.review.screens.exporting import DatedExporting

        library, archive, group = self.review.library, self.review.archive, self.group_id
        DatedExporting(
            self,
            lambda fmt, since, until: range_export(
                library, archive, group=group, since=since, until=until, fmt=fmt
            ),
            (FileFormat.MARKDOWN, FileFormat.HTML, FileFormat.JSON),
        ).start()
