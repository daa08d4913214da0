"""The checks behind ``hrreader check``: the loader's findings plus checks that need rendering.

Everything an author can get wrong is reported here as a ``Finding`` with a file, a line
and a plain sentence; ``check`` never stops at the first problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hrreader.content.library import Library, iter_all_topics
from hrreader.content.model import Finding, PackError


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    topic_count: int = 0
    resource_count: int = 0

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: CheckReport) -> str:
    return (
        f"{_plural(report.error_count, 'error')}, {_plural(report.warning_count, 'warning')} "
        f"in {_plural(report.topic_count, 'topic')} and "
        f"{_plural(report.resource_count, 'resource')}"
    )


def check_html(library: Library) -> list[Finding]:
    """Warn about raw HTML the sanitiser will remove, pointing at the line that has it."""
    from hrreader.content.render import markdown_to_html, removed_html

    findings: list[Finding] = []
    for topic in iter_all_topics(library):
        removed = removed_html(markdown_to_html(topic.body))
        if not removed:
            continue
        line = topic.body_line
        first = removed[0].split("=", 1)[0].strip("<> ").split()[0]
        for n, text in enumerate(topic.body.split("\n")):
            if first and first in text:
                line = topic.body_line + n
                break
        findings.append(
            Finding(
                topic.path,
                line,
                "warning",
                "html-removed",
                f"this HTML is not shown, for safety: {', '.join(removed[:5])}",
            )
        )
    return findings


def check_library(library: Library) -> CheckReport:
    findings = list(library.findings)
    findings.extend(check_html(library))
    findings.sort(key=lambda f: (f.path, f.line, f.severity != "error", f.code))
    return CheckReport(
        findings=findings,
        topic_count=sum(1 for _ in iter_all_topics(library)),
        resource_count=len(library.resources),
    )


def check_pack(path: Path) -> CheckReport:
    """Load and check a pack; a pack that cannot be read at all is one error, not a crash."""
    from hrreader.content.loader import load_pack

    try:
        library = load_pack(path)
    except PackError as exc:
        text = str(exc)
        where, _, message = text.partition(": ")
        file, _, line = where.rpartition(":")
        if file and line.isdigit():
            return CheckReport([Finding(file, int(line), "error", "unreadable-pack", message)])
        return CheckReport([Finding(str(path), 1, "error", "unreadable-pack", text)])
    return check_library(library)
