"""The content commands as a person runs them: exit codes, output formats, no Qt, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrreader.content import default_pack_path

from .conftest import PackFactory, write_pack

ROOT = Path(__file__).resolve().parents[2]
FINDING_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?P<severity>error|warning): (?P<code>[a-z0-9-]+): .+$"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONWARNINGS"] = "error"
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


class Run:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._proc = proc
        self._done: tuple[str, str] | None = None

    def _wait(self) -> tuple[str, str]:
        if self._done is None:
            self._done = self._proc.communicate(timeout=60)
        return self._done

    @property
    def stdout(self) -> str:
        return self._wait()[0]

    @property
    def stderr(self) -> str:
        return self._wait()[1]

    @property
    def code(self) -> int:
        self._wait()
        return self._proc.returncode


def _start(*args: str) -> Run:
    proc = subprocess.Popen(
        [sys.executable, "-m", "hrreader", *args],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return Run(proc)


BROKEN_FILES = {
    # Three errors that do not cost other items, so nothing else is reported.
    "topics/en/welcome.md": PackFactory.topic("welcome") + "\n[x](javascript:alert(1))\n",
    "topics/en/naloxone.md": PackFactory.topic("naloxone") + "\n[gone](topic:nowhere)\n",
    "resources.yaml": PackFactory.RESOURCES_YAML
    + '\n- id: odd\n  name: Odd\n  description: {en: Odd.}\n  phone: "555"\n'
    + "  tags: [crisis, sparkles]\n  region: US\n  verified: 2026-11-01\n",
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Start every command at once (each is a fresh interpreter), then let tests read them."""
    broken = write_pack(tmp_path_factory.mktemp("cli") / "broken", BROKEN_FILES)
    missing = tmp_path_factory.mktemp("cli") / "no-such-pack"
    started = {
        "check-default": _start("check", str(default_pack_path())),
        "check-broken": _start("check", str(broken)),
        "check-broken-json": _start("check", str(broken), "--json"),
        "topics-json": _start("topics", "--json"),
        "resources-json": _start("resources", "--json"),
        "check-missing": _start("check", str(missing)),
    }
    yield started
    for run in started.values():
        run._wait()


def _line(text: str, needle: str) -> int:
    return next(n for n, t in enumerate(text.split("\n"), 1) if needle in t)


def _no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr + run.stdout


def test_check_default_pack(runs: dict[str, Run]) -> None:
    run = runs["check-default"]
    _no_traceback(run)
    assert run.code == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"0 errors, \d+ warnings? in \d+ topics and \d+ resources", last), last
    assert " 0 errors" in " " + last


def test_check_json_in_process(pack_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hrreader.cli import main

    assert main(["check", str(pack_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "path": str(pack_path),
        "errors": 0,
        "warnings": 0,
        "topics": 3,
        "resources": 3,
        "findings": [],
    }


EXPECTED_BROKEN = [
    (
        "resources.yaml",
        _line(BROKEN_FILES["resources.yaml"], "sparkles"),
        "error",
        "unknown-tag",
    ),
    (
        "topics/en/naloxone.md",
        _line(BROKEN_FILES["topics/en/naloxone.md"], "topic:nowhere"),
        "error",
        "broken-link",
    ),
    (
        "topics/en/welcome.md",
        _line(BROKEN_FILES["topics/en/welcome.md"], "javascript:"),
        "error",
        "unsafe-link",
    ),
]


def test_check_broken_pack(runs: dict[str, Run]) -> None:
    run = runs["check-broken"]
    _no_traceback(run)
    assert run.code == 1
    lines = run.stdout.strip().splitlines()
    assert lines[-1] == "3 errors, 0 warnings in 3 topics and 3 resources", lines[-1]
    findings = [FINDING_LINE.match(line) for line in lines[:-1]]
    assert all(findings), lines
    got = [(m["path"], int(m["line"]), m["severity"], m["code"]) for m in findings]
    # Sorted by file, then line.
    assert got == EXPECTED_BROKEN
    assert run.stderr == ""


def test_check_broken_pack_json(runs: dict[str, Run]) -> None:
    run = runs["check-broken-json"]
    assert run.code == 1
    data = json.loads(run.stdout)
    assert (data["errors"], data["warnings"], data["topics"], data["resources"]) == (3, 0, 3, 3)
    got = [(f["path"], f["line"], f["severity"], f["code"]) for f in data["findings"]]
    assert got == EXPECTED_BROKEN
    for finding in data["findings"]:
        assert set(finding) == {"path", "line", "severity", "code", "message"}
        assert finding["message"]


def test_topics_json(runs: dict[str, Run]) -> None:
    run = runs["topics-json"]
    assert run.code == 0, run.stderr
    topics = json.loads(run.stdout)
    ids = [t["id"] for t in topics]
    assert "welcome" in ids and "self-harm" in ids
    assert len(ids) == len(set(ids)) >= 24
    naloxone = next(t for t in topics if t["id"] == "naloxone")
    assert naloxone["address"] == "topic:naloxone"
    assert naloxone["category"] == "substances"
    assert naloxone["lang"] == "en" and naloxone["fallback"] is False
    assert all({"anchor", "title"} == set(s) for s in naloxone["sections"])
    assert len(naloxone["sections"]) >= 2


def test_topics_text(capsys: pytest.CaptureFixture[str]) -> None:
    from hrreader.cli import main

    assert main(["topics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Understanding harm reduction"
    assert any(re.match(r"^  welcome\s+Welcome", line) for line in lines)
    assert "Support, treatment and privacy" in lines


def test_resources_json(runs: dict[str, Run]) -> None:
    run = runs["resources-json"]
    assert run.code == 0, run.stderr
    resources = json.loads(run.stdout)
    by_id = {r["id"]: r for r in resources}
    assert len(by_id) >= 18
    lifeline = by_id["lifeline-988"]
    assert lifeline["address"] == "resource:lifeline-988"
    assert lifeline["phone"] == "988"
    assert lifeline["hours"] == "24 hours, every day"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", lifeline["verified"])
    assert by_id["crisis-text-line"]["sms_body"] == "HOME"


def test_resources_text(capsys: pytest.CaptureFixture[str]) -> None:
    from hrreader.cli import main

    assert main(["resources"]) == 0
    out = capsys.readouterr().out
    assert "crisis-text-line: Crisis Text Line" in out
    assert "text HOME to 741741" in out


def test_missing_path_is_one_line_on_stderr(runs: dict[str, Run]) -> None:
    run = runs["check-missing"]
    _no_traceback(run)
    assert run.code != 0
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("hrreader: ") and "no-such-pack" in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["topics", "--pack", "MISSING"],
        ["resources", "--pack", "MISSING", "--json"],
        ["check", "MISSING", "--json"],
        ["compile", "MISSING", "OUT"],
        ["topics", "--lang", "xx"],
    ],
)
def test_errors_are_one_line_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    from hrreader.cli import main

    argv = [a.replace("MISSING", str(tmp_path / "no-such-pack")) for a in argv]
    argv = [a.replace("OUT", str(tmp_path / "out.hrpack")) for a in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hrreader: "), captured.err
    assert not (tmp_path / "out.hrpack").exists()


def test_content_commands_never_import_qt(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    script = textwrap.dedent(
        f"""
        import contextlib, io, sys
        import hrreader.content
        import hrreader.cli
        from hrreader.content import load_pack, render_topic
        from hrreader.content.lint import check_pack
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            codes = [
                hrreader.cli.main(["check", {str(pack)!r}]),
                hrreader.cli.main(["check", {str(default_pack_path())!r}, "--json"]),
                hrreader.cli.main(["topics"]),
                hrreader.cli.main(["topics", "--pack", {str(pack)!r}, "--json"]),
                hrreader.cli.main(["resources"]),
                hrreader.cli.main(["resources", "--pack", {str(pack)!r}, "--json"]),
            ]
        library = load_pack({str(pack)!r})
        render_topic(library.topic("naloxone"), library, "en")
        check_pack(library.source.root)
        assert codes == [0, 0, 0, 0, 0, 0], codes
        qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
        print("QT:" + ",".join(qt))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "QT:", result.stdout[-500:]


def test_version(tmp_path: Path) -> None:
    from hrreader import __version__

    result = subprocess.run(
        [sys.executable, "-m", "hrreader", "--version"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"hrreader {__version__}"


def test_main_in_process_check(pack_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hrreader.cli import main

    assert main(["check", str(pack_path)]) == 0
    out = capsys.readouterr().out
    assert out == "0 errors, 0 warnings in 3 topics and 3 resources\n"


def test_the_quick_start_parser_knows_every_command() -> None:
    """A plain start skips building every command's parser; it must still step aside for
    every command the full parser has, or ``hrreader check`` would open the window."""
    import argparse

    from hrreader import cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == cli.COMMAND_NAMES


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--pack", "x.hrpack", "--open", "topic:naloxone", "--private", "--debug"], True),
        (["--theme", "dark", "--lang", "es", "--size", "1024x700"], True),
        (["check", "."], False),
        (["--pack", "p", "topics"], False),
        (["--help"], False),
        (["--version"], False),
        (["--size", "huge"], False),  # the full parser explains the mistake
        (["--bogus"], False),
        (["chek"], False),
    ],
)
def test_a_plain_start_is_parsed_without_the_command_parsers(argv: list[str], window: bool) -> None:
    from hrreader import cli

    args = cli._window_only(argv)
    assert (args is not None) == window
    if args is not None:
        full = cli.build_parser().parse_args(argv)
        assert vars(args) == {**vars(full), "version": False}
