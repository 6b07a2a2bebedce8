"""The report of one imported file: counts of what was created, updated or left alone,
notes for the clerk, and what the importer made of each item (recognised, guessed)."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class FileReport:
    """What happened to one file, and what the importer made of each item in it."""

    name: str
    source: str = ""
    error: str = ""
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    items: int = 0
    uncertain: int = 0
    dry_run: bool = False
    item_reports: list = field(default_factory=list)  # [(label, ItemReport)]

    @property
    def ok(self):
        return not self.error

    def lines(self, *, details=False):
        if self.error:
            return [f"{self.name}: FAILED, nothing saved. {self.error}"]
        verb = "read (dry run: nothing saved)" if self.dry_run else "imported"
        lines = [f"{self.name}: {verb} ({self.source})."]
        for verb, counter in (
            ("would create" if self.dry_run else "created", self.created),
            ("would update" if self.dry_run else "updated", self.updated),
            ("skipped, unchanged", self.unchanged),
        ):
            if counter:
                lines.append(f"  {verb}: " + ", ".join(f"{n} {k}" for k, n in counter.items()))
        lines.extend(f"  {note}" for note in self.notes)
        if self.uncertain:
            lines.append(f"  to check: {self.uncertain} record(s) with guesses (import reviews)")
        if details or self.dry_run:
            lines.extend(self.detail_lines())
        return lines

    @property
    def detail_report(self):
        """The lines with each item's recognised and guessed parts (the editor's page)."""
        return self.lines(details=True)

    def detail_lines(self):
        lines = []
        for label, report in self.item_reports:
            sure = "GUESSED" if report.uncertain else "recognised"
            lines.append(f"  {label}: {sure}")
            lines.extend(f"      recognised: {text}" for text in report.recognised)
            lines.extend(f"      guessed: {text}" for text in report.guessed)
            if report.narrative:
                lines.append(f"      narrative: {len(report.narrative)} paragraph(s)")
        return lines


def _plural(kind, n):
    return (
        kind
        if n == 1
        else {
            "person": "people",
            "old address": "old addresses",
            "further contact": "further contacts",
        }.get(kind, kind + "s")
    )
