"""The command line: the window by default, and content commands that never import Qt.

``check``, ``search``, ``topics``, ``resources`` and ``compile`` work on machines without a
display (and are what authors and CI use), so this module imports Qt only inside the
commands that open or draw a window. Errors are one line and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrreader import __version__

if TYPE_CHECKING:
    from hrreader.content.library import Library

log = logging.getLogger(__name__)

MODES = ("personal", "private", "kiosk", "present")
THEMES = ("system", "light", "dark", "high-contrast")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A problem the person can fix; printed as one line."""


def add_window_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the window and ``screenshot`` (and ``build_window(argv)``)."""
    parser.add_argument(
        "--pack",
        metavar="PATH",
        action="append",
        help="content pack folder, .zip or .hrpack; give it again to add a pack on top",
    )
    parser.add_argument("--lang", metavar="CODE", help="language of the interface and content")
    parser.add_argument(
        "--open", metavar="ADDRESS", help="start at topic:ID[#SECTION] or resource:ID"
    )
    parser.add_argument("--theme", choices=THEMES, default=None, help="colour theme")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--private",
        dest="mode",
        action="store_const",
        const="private",
        help="write nothing to disk and use a neutral window title",
    )
    group.add_argument(
        "--kiosk",
        dest="mode",
        action="store_const",
        const="kiosk",
        help="fullscreen waiting-room kiosk that resets itself",
    )
    group.add_argument(
        "--present",
        dest="mode",
        action="store_const",
        const="present",
        help="presentation mode: one section at a time, large type",
    )
    group.add_argument("--mode", dest="mode", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument(
        "--idle-timeout",
        type=int,
        metavar="SECONDS",
        default=None,
        help="kiosk: seconds without input before the reset countdown",
    )
    parser.add_argument(
        "--allow-print",
        action="store_true",
        default=False,
        help="kiosk: allow printing and exporting handouts (off by default)",
    )
    parser.add_argument("--size", metavar="WxH", type=_size, default=None, help="window size")
    parser.add_argument(
        "--min-font-size",
        metavar="PT",
        type=_points,
        default=None,
        help="never show text smaller than PT points (0: no minimum)",
    )


def _points(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size in points, like 16") from None
    if not 0 <= value <= 32:
        raise argparse.ArgumentTypeError(f"'{text}': a minimum text size is 0 to 32 points")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x800") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"'{text}': width and height must be 200 to 8000")
    return (w, h)


def window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hrreader", add_help=False)
    add_window_options(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrreader",
        description="An offline reader for harm-reduction information.",
        epilog="Run 'hrreader COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"hrreader {__version__}")
    parser.add_argument("--debug", action="store_true", help="log details to standard error")
    add_window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="check a content pack and list its problems")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print findings as JSON")

    p = sub.add_parser("search", help="search a pack as the window does")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--pack", metavar="PATH", action="append")
    p.add_argument("--lang", metavar="CODE")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")

    for name, what in (("topics", "list the topics"), ("resources", "list the resources")):
        p = sub.add_parser(name, help=what)
        p.add_argument("--pack", metavar="PATH", action="append")
        p.add_argument("--lang", metavar="CODE")
        p.add_argument("--json", action="store_true")

    p = sub.add_parser("compile", help="compile a pack into one fast .hrpack file")
    p.add_argument("path", metavar="PATH", help="pack folder or .zip")
    p.add_argument("out", metavar="OUT.hrpack")

    p = sub.add_parser("new-pack", help="write a small starter pack to edit (and learn from)")
    p.add_argument("path", metavar="DIR", help="a new or empty folder")

    p = sub.add_parser("export", help="write a printable PDF handout of a topic or section")
    p.add_argument("address", metavar="ADDRESS", help="topic:ID or topic:ID#SECTION")
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--pack", metavar="PATH", action="append")
    p.add_argument("--lang", metavar="CODE")
    p.add_argument(
        "--page-size", choices=("letter", "a4"), default="letter", help="paper size (letter)"
    )
    p.add_argument(
        "--min-font-size",
        metavar="PT",
        type=_points,
        default=0.0,
        help="no text smaller than PT points, for a reader with low vision",
    )

    p = sub.add_parser("kiosk-pin", help="set the staff PIN that leaves kiosk mode")
    p.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from standard input (scripts)"
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--system", action="store_true", help="set it for every user (needs administrator)"
    )
    where.add_argument("--file", metavar="PATH", help="write the PIN record to this file")
    p.add_argument("--clear", action="store_true", help="remove the PIN (no staff exit)")

    p = sub.add_parser("screenshot", help="draw the window offscreen into a PNG")
    p.add_argument("out", metavar="OUT.png")
    add_window_options(p)
    return parser


# --------------------------------------------------------------------------------------
# Content commands (no Qt)
# --------------------------------------------------------------------------------------
def _library(pack: str | list[str] | None) -> Library:
    """The library of ``--pack`` (given once, several times, or not at all)."""
    from hrreader.content.compiled import open_library

    packs = [pack] if isinstance(pack, str) else list(pack or [])
    return open_library([Path(p) for p in packs] or None)


def _lang(library: Library, lang: str | None) -> str:
    if lang and lang not in library.languages:
        raise CliError(
            f"the pack has no language '{lang}' (it has: {', '.join(library.languages)})"
        )
    return library.resolve_lang(lang)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_check(args: argparse.Namespace) -> int:
    from hrreader.content.lint import check_pack, summary_line

    if not Path(args.path).exists():
        # Nothing to check is a usage problem (one line on stderr), not a finding in a pack.
        raise CliError(f"{args.path}: no such file or folder")
    report = check_pack(Path(args.path))
    if args.json:
        _print_json(
            {
                "path": args.path,
                "errors": report.error_count,
                "warnings": report.warning_count,
                "topics": report.topic_count,
                "resources": report.resource_count,
                "findings": [f.as_dict() for f in report.findings],
            }
        )
    else:
        for finding in report.findings:
            print(finding.format())
        print(summary_line(report))
    return EXIT_FINDINGS if report.error_count else EXIT_OK


def cmd_topics(args: argparse.Namespace) -> int:
    library = _library(args.pack)
    lang = _lang(library, args.lang)
    topics = library.topics(lang)
    if args.json:
        _print_json(
            [
                {
                    "id": t.id,
                    "address": t.address,
                    "title": t.title,
                    "category": t.category,
                    "summary": t.summary,
                    "lang": t.lang,
                    "fallback": t.is_fallback,
                    "sections": [{"anchor": s.anchor, "title": s.title} for s in t.sections],
                }
                for t in topics
            ]
        )
        return EXIT_OK
    width = max((len(t.id) for t in topics), default=0)
    for category in library.categories:
        members = [t for t in topics if t.category == category.id]
        if not members:
            continue
        print(f"{category.titles.get(lang) or next(iter(category.titles.values()))}")
        for t in members:
            note = "  (shown in the default language)" if t.is_fallback else ""
            print(f"  {t.id:<{width}}  {t.title}{note}")
    return EXIT_OK


def cmd_resources(args: argparse.Namespace) -> int:
    library = _library(args.pack)
    lang = _lang(library, args.lang)
    d = library.default_lang
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "address": r.address_uri,
                    "name": r.name(lang, d),
                    "description": r.description(lang, d),
                    "phone": r.phone,
                    "sms": r.sms,
                    "sms_body": r.sms_body,
                    "url": r.url,
                    "address_text": r.address,
                    "hours": r.hours_text(lang, d),
                    "languages": list(r.languages),
                    "tags": list(r.tags),
                    "region": r.region,
                    "verified": r.verified.isoformat(),
                }
                for r in library.resources
            ]
        )
        return EXIT_OK
    for r in library.resources:
        ways = [w for w in (r.phone and f"call {r.phone}", r.sms and _text_way(r), r.url) if w]
        print(f"{r.id}: {r.name(lang, d)}")
        print(f"    {' | '.join(ways)}")
    return EXIT_OK


def _text_way(r: Any) -> str:
    return f"text {r.sms_body} to {r.sms}" if r.sms_body else f"text {r.sms}"


def cmd_search(args: argparse.Namespace) -> int:
    from hrreader.content.search import SearchIndex

    library = _library(args.pack)
    lang = _lang(library, args.lang)
    index = (
        SearchIndex.attach(library.compiled)
        if library.compiled is not None
        else SearchIndex.build(library)
    )
    hits = index.search(args.query, lang=lang, limit=max(1, args.limit))
    if args.json:
        _print_json(
            {
                "query": args.query,
                "corrected": hits.corrected,
                "hits": [
                    {
                        "kind": h.kind,
                        "target": h.target,
                        "title": h.title,
                        "snippet": h.snippet,
                        "score": round(h.score, 4),
                    }
                    for h in hits
                ],
            }
        )
        return EXIT_OK
    if hits.corrected:
        print(f"Showing results for: {hits.corrected}")
    if not hits:
        print(
            "No results. Try fewer or other words, or see the crisis resources: hrreader resources"
        )
        return EXIT_OK
    import html
    import re

    for n, h in enumerate(hits, 1):
        snippet = html.unescape(re.sub(r"</?b>", "", h.snippet))
        print(f"{n:>2}. {h.title}  [{h.target}]")
        if snippet:
            print(f"    {snippet}")
    return EXIT_OK


def cmd_compile(args: argparse.Namespace) -> int:
    from hrreader.content.compiled import compile_pack
    from hrreader.content.loader import load_pack

    library = load_pack(Path(args.path))
    errors = library.errors()
    for finding in errors:
        print(finding.format(), file=sys.stderr)
    compile_pack(library, Path(args.out)).close()
    print(
        f"wrote {args.out} ({len(library.topic_ids())} topics, {len(library.resources)} resources)"
    )
    return EXIT_FINDINGS if errors else EXIT_OK


# --------------------------------------------------------------------------------------
# Window commands (Qt)
# --------------------------------------------------------------------------------------
def cmd_window(
    argv: Sequence[str], resume_gc: bool = False, options: argparse.Namespace | None = None
) -> int:
    from hrreader.ui.app import run_window

    return run_window(list(argv), resume_gc=resume_gc, options=options)


def cmd_export(args: argparse.Namespace) -> int:
    """A PDF handout; needs Qt for layout and PDF, but no display (it draws offscreen)."""
    from hrreader.content.model import parse_address

    library = _library(args.pack)
    lang = _lang(library, args.lang)
    scheme, _target, _fragment = parse_address(args.address)
    if scheme != "topic" or not library.exists(args.address):
        raise CliError(f"there is no topic or section '{args.address}' in this pack")
    from hrreader.ui.export import ensure_gui_app, export_pdf

    ensure_gui_app()
    out = Path(args.out)
    pages = export_pdf(
        library, args.address, out, lang, page_size=args.page_size, min_pt=args.min_font_size
    )
    print(f"wrote {out} ({pages} page{'s' if pages != 1 else ''})")
    return EXIT_OK


def cmd_kiosk_pin(args: argparse.Namespace) -> int:
    """Store the staff PIN as a salted scrypt hash (never the PIN) where the kiosk reads it."""
    from hrreader.ui.kiosk_pin import (
        PinError,
        check_new_pin,
        hash_pin,
        save_pin_record,
        system_pin_path,
        user_pin_path,
    )

    path = Path(args.file) if args.file else system_pin_path() if args.system else user_pin_path()
    if args.clear:
        path.unlink(missing_ok=True)
        print(f"removed the staff PIN ({path})")
        return EXIT_OK
    if args.pin_stdin:
        pin = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        pin = getpass.getpass("New staff PIN: ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise CliError("the two PINs are not the same; nothing was changed")
    try:
        check_new_pin(pin)
    except PinError as exc:
        raise CliError(f"{exc}; nothing was changed") from None
    save_pin_record(hash_pin(pin), path)
    print(f"staff PIN set ({path}); in the kiosk, press Ctrl+Alt+Shift+X to leave")
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from hrreader.ui.app import take_screenshot

    return take_screenshot(Path(args.out), list(argv))


def cmd_new_pack(args: argparse.Namespace) -> int:
    from hrreader.content.starter import write_starter_pack

    folder = Path(args.path)
    try:
        written = write_starter_pack(folder)
    except FileExistsError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote a starter pack to {folder} ({len(written)} files). Next:")
    print(f"  edit the files (the comments explain each part), then: hrreader check {folder}")
    print(f"  see it in the reader:                                 hrreader --pack {folder}")
    return EXIT_OK


#: Every command, as the full parser knows them (a test keeps the two lists the same).
COMMAND_NAMES = frozenset(
    {
        "check",
        "topics",
        "resources",
        "search",
        "compile",
        "new-pack",
        "export",
        "kiosk-pin",
        "screenshot",
    }
)

CONTENT_COMMANDS = {
    "new-pack": cmd_new_pack,
    "check": cmd_check,
    "topics": cmd_topics,
    "resources": cmd_resources,
    "search": cmd_search,
    "compile": cmd_compile,
}


#: What ``_window_only`` gives a start with no arguments: each option's default, and no
#: command.
WINDOW_DEFAULTS: dict[str, object] = {
    "pack": None,
    "lang": None,
    "open": None,
    "theme": None,
    "mode": None,
    "idle_timeout": None,
    "allow_print": False,
    "size": None,
    "min_font_size": None,
    "debug": False,
    "version": False,
    "command": None,
}


def _window_only(argv: list[str]) -> argparse.Namespace | None:
    """The options of a plain ``hrreader`` start, parsed without building every command's
    parser (most starts open the window, and start-up is budgeted); None when ``argv``
    may name a command or asks for help, which the full parser handles."""
    if not argv:
        # The usual start (a menu or a double click): every option at its default, without
        # a parser. Building one looks for argparse's translations on disk (gettext, and
        # ``locale``'s import): 7 million instructions. A test keeps the two the same.
        return argparse.Namespace(**WINDOW_DEFAULTS)
    if any(arg in COMMAND_NAMES or arg in ("-h", "--help") for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog="hrreader", add_help=False, exit_on_error=False)
    add_window_options(parser)
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--version", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:  # a bad value: the full parser says what is wrong
        return None
    if rest or args.version:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    window_options = _window_only(argv)
    args = window_options or build_parser().parse_args(argv)
    # A window start makes some 26,000 objects the cycle collector tracks and keeps all but
    # about 140 of them: the collector would walk them again and again for next to nothing
    # (2.2 % of a bare window's start, benchmarks/startup_instructions.py). It is off from
    # here, before Qt is imported, until the window has finished starting (run_window).
    paused_gc = args.command is None and gc.isenabled()
    if paused_gc:
        gc.disable()
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="hrreader: %(levelname)s: %(name)s: %(message)s",
    )
    from hrreader.content.model import PackError

    try:
        if args.command in CONTENT_COMMANDS:
            return CONTENT_COMMANDS[args.command](args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "kiosk-pin":
            return cmd_kiosk_pin(args)
        window_argv = [a for a in argv if a != "--debug"]
        if args.command == "screenshot":
            rest = window_argv[window_argv.index("screenshot") + 1 :]
            rest.remove(args.out)
            return cmd_screenshot(args, rest)
        # A plain start's options are parsed once: a second parser cost about 1 ms.
        return cmd_window(window_argv, resume_gc=paused_gc, options=window_options)
    except (PackError, CliError, OSError) as exc:
        print(f"hrreader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    finally:
        if paused_gc:
            gc.enable()  # a start that failed, or a window closed before it finished
