"""Themes as data: one palette fills both the application stylesheet and the reading CSS.

Keeping every colour in one table is what lets a test compute contrast ratios for every
text and background pair, and lets a clinic's accent colour flow everywhere at once.
"""

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QColor, QPalette

from hrreader.content.colour import contrast
from hrreader.ui import resources_rc  # noqa: F401 - registers :/icons

#: The stylesheets (app.qss, reader.css): files of the package, read as text. Through Qt's
#: resource system they would cost QResource's and QByteArray's set-up before the first
#: paint (3 million instructions, ``benchmarks/startup_instructions.py``).
STYLE_DIR = Path(__file__).parent / "style"

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QIcon


class Theme(NamedTuple):
    """One set of colours for the whole window, page and card included (see ``_tokens``).

    A named tuple, as the content model's records are (``content/model.py`` says why)."""

    name: str
    window: str
    panel: str
    page: str
    text: str
    heading: str
    muted: str
    link: str
    accent: str
    on_accent: str
    border: str
    border_strong: str
    hover: str
    selection: str
    focus: str
    disabled: str
    scroll: str
    tip_bg: str
    note_bg: str
    warn_bg: str
    crisis_bg: str
    crisis_text: str
    mark: str
    on_mark: str


LIGHT = Theme(
    name="light",
    window="#f4f3ee",
    panel="#ecebe4",
    page="#fbfaf7",
    text="#1f2421",
    heading="#20524a",
    muted="#4e5a55",
    link="#1d5a8c",
    accent="#2e6f62",
    on_accent="#ffffff",
    border="#d9d6cc",
    border_strong="#858276",
    hover="#e2e0d6",
    selection="#cfe3dc",
    focus="#2e6f62",
    disabled="#6f746f",
    scroll="#c3c0b5",
    tip_bg="#e3f0eb",
    note_bg="#e8edf3",
    warn_bg="#fbeedd",
    crisis_bg="#fbe9e6",
    crisis_text="#8c2119",
    mark="#fde58a",
    on_mark="#1f2421",
)

DARK = Theme(
    name="dark",
    window="#1a1e1d",
    panel="#212725",
    page="#151918",
    text="#e6ebe8",
    heading="#9ed5c6",
    muted="#aeb9b4",
    link="#8fc6f2",
    accent="#7cc2b0",
    on_accent="#0f1f1a",
    border="#343c39",
    border_strong="#8a9792",
    hover="#2a3330",
    selection="#2e4b44",
    focus="#7cc2b0",
    disabled="#8b9590",
    scroll="#4a5551",
    tip_bg="#1e2f2a",
    note_bg="#1e2632",
    warn_bg="#32291b",
    crisis_bg="#3a2220",
    crisis_text="#ffb9ae",
    mark="#f2d46b",
    on_mark="#151918",
)

#: Black and white with yellow links and focus: every text pair at least 7:1 (WCAG AAA).
HIGH_CONTRAST = Theme(
    name="high-contrast",
    window="#000000",
    panel="#000000",
    page="#000000",
    text="#ffffff",
    heading="#ffffff",
    muted="#e6e6e6",
    link="#ffff00",
    accent="#ffff00",
    on_accent="#000000",
    border="#ffffff",
    border_strong="#ffffff",
    hover="#1f1f1f",
    selection="#003a8c",
    focus="#ffff00",
    disabled="#c8c8c8",
    scroll="#ffffff",
    tip_bg="#001f00",
    note_bg="#00001f",
    warn_bg="#1f1400",
    crisis_bg="#2a0000",
    crisis_text="#ffffff",
    mark="#ffff00",
    on_mark="#000000",
)

THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}
THEME_NAMES = ("system", *THEMES)

#: (foreground, background, what it is): every pair a person reads, for the contrast test.
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("text", "page", "reading text"),
    ("text", "window", "window text"),
    ("text", "panel", "sidebar and resource list"),
    ("text", "hover", "item under the pointer"),
    ("text", "selection", "selected item"),
    ("heading", "page", "headings"),
    ("heading", "tip_bg", "callout title on a tip"),
    ("heading", "note_bg", "callout title on a note"),
    ("heading", "warn_bg", "callout title on a warning"),
    ("muted", "page", "reviewed date and sources"),
    ("muted", "panel", "pane titles"),
    ("link", "page", "links"),
    ("link", "tip_bg", "links in a tip"),
    ("link", "note_bg", "links in a note"),
    ("link", "warn_bg", "links in a warning"),
    ("link", "crisis_bg", "links in the crisis box"),
    ("text", "tip_bg", "tip text"),
    ("text", "note_bg", "note text"),
    ("text", "warn_bg", "warning text"),
    ("text", "crisis_bg", "crisis box text"),
    ("crisis_text", "crisis_bg", "crisis box title"),
    ("on_accent", "accent", "pressed tag buttons"),
    ("on_mark", "mark", "highlighted search words"),
)
#: Pairs that only need 3:1 (WCAG 1.4.11, non-text contrast): outlines a person must see.
UI_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("focus", "window", "keyboard focus ring"),
    ("focus", "page", "keyboard focus ring on a page"),
    ("border_strong", "page", "field and button outlines"),
)


#: "dark" or "light": the desktop's own palette when hrreader made the QApplication, before
#: it set a palette of its own (``started_in_fusion``); None in a QApplication made elsewhere.
_desktop_palette: str | None = None


def system_theme_name() -> str:
    """ "dark" or "light", as the desktop's colour scheme says; where it says neither
    (a desktop without one, a custom Qt palette), as the desktop's own palette looks."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        scheme = app.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return "dark"
        if scheme == Qt.ColorScheme.Light:
            return "light"
    return _desktop_palette or "light"


def first_paint_theme_name() -> str:
    """The desktop's colour scheme as its palette shows it, for the first paint.

    ``system_theme_name`` asks Qt for the scheme, and the answer is a ``Qt`` enum: PySide
    builds its whole ``Qt`` namespace (95 enum types) for it, a fifth of a bare window's
    start. A desktop theme that knows the scheme gives Qt a palette to match (Qt's GNOME
    theme turns a request for dark into a dark palette: checked with
    ``QT_QPA_PLATFORMTHEME=gnome``), so the palette answers the same question for free.
    Where a desktop's palette and its scheme disagree, the window asks
    ``system_theme_name`` once it is built and takes its answer (``MainWindow.finish_start``);
    a desktop that names no scheme keeps the palette's answer, with no change of colours.
    """
    return _desktop_palette or system_theme_name()


def readable_accent(theme: Theme, accent: str) -> str:
    """A pack's accent colour, if it keeps focus rings and pressed buttons readable here."""
    if not accent:
        return ""
    if contrast(accent, theme.window) >= 3 and contrast(theme.on_accent, accent) >= 4.5:
        return accent
    return ""


def theme_for(name: str | None, accent: str = "", first_paint: bool = False) -> Theme:
    """The named theme ("system" follows the desktop), with a pack's accent where readable.

    The high-contrast theme keeps its own colours: an accent would only lower contrast.
    ``first_paint``: the desktop's scheme is read from its palette (first_paint_theme_name).
    """
    if not name or name == "system":
        name = first_paint_theme_name() if first_paint else system_theme_name()
    theme = THEMES.get(name, LIGHT)
    usable = readable_accent(theme, accent) if theme is not HIGH_CONTRAST else ""
    if usable:
        theme = theme._replace(accent=usable, focus=usable)
    return theme


def _tokens(theme: Theme) -> dict[str, str]:
    return {name.replace("_", "-"): value for name, value in theme._asdict().items()}


def _read_style(name: str) -> str:
    return (STYLE_DIR / name).read_text(encoding="utf-8")


def _read_resource(path: str) -> str:
    """A text file of resources.qrc (the icons)."""
    from PySide6.QtCore import QResource

    resource = QResource(path)
    if not resource.isValid():
        raise OSError(f"missing resource {path}; run tools/build_resources.py (see README)")
    return bytes(resource.uncompressedData().data()).decode("utf-8")


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return template


#: Pixels above and below the words of a row of the topic tree (app.qss's padding).
TREE_ROW_PADDING = 8


def tree_row_height(touch_target: int) -> int:
    """The least height of a row of the topic tree: a little under a button's target, as
    its rows are many and close together (a kiosk's larger target makes them taller)."""
    return touch_target - 4


def app_stylesheet(theme: Theme, touch_target: int = 32, min_pt: float = 0.0) -> str:
    """The application QSS for ``theme``; ``touch_target`` sets the minimum button size and
    ``min_pt`` the smallest text (0: the sizes as designed; see text_size.py)."""
    values = _tokens(theme)
    values.update(
        target=str(touch_target),
        # Line edits get their height from padding: a QSS min-height misplaces the clear button.
        **{"field-pad": str(max((touch_target - 20) // 2, 3))},
        button=str(max(touch_target - 8, 24)),
        # The row's height less its padding: QSS's min-height is the words' box.
        **{"tree-row": str(tree_row_height(touch_target) - TREE_ROW_PADDING)},
    )
    sheet = fill(_read_style("app.qss"), values)
    if min_pt > 0:
        from hrreader.ui.text_size import min_font_qss

        sheet += min_font_qss(min_pt)
    return sheet


#: The resource card's text size in points: a little smaller than the page's, for a pane.
CARD_POINT_SIZE = 11.5


def reader_css(theme: Theme, base_pt: float, min_pt: float = 0.0) -> str:
    """The reading-pane CSS at ``base_pt`` points; headings and gaps scale with it.

    ``min_pt`` is the smallest text allowed (0: none): the body is at least that, headings
    stay larger than the body, and small print (sources, captions, ``<small>``, sub- and
    superscripts) is raised to it.
    """
    values = _tokens(theme)
    body = max(base_pt, min_pt)

    def pt(factor: float) -> str:
        return f"{max(body * factor, min_pt):.1f}"

    def px(factor: float) -> str:
        # QTextDocument takes margins in pixels only; 1 pt = 4/3 px at 96 dpi.
        return str(round(body * factor * 4 / 3))

    values.update(
        {
            "base": pt(1.0),
            "h1": pt(1.75),
            "h2": pt(1.35),
            "h3": pt(1.12),
            "small": pt(0.88),
            # QTextDocument takes only keywords for <small> and <h5>, which it draws at 0.8
            # of the body; "medium" is the body size, for when 0.8 would be under the minimum.
            "small-keyword": "medium" if body * 0.8 < min_pt else "small",
            # It draws sub- and superscripts at 2/3 of their size: 1.5 times the minimum
            # leaves them at the minimum.
            "script": pt(max(1.0, 1.5 * min_pt / body if body else 1.0)),
            "gap": px(1.1),
            "small-gap": px(0.5),
            "tiny-gap": px(0.25),
            "h2gap": px(2.0),
        }
    )
    return fill(_read_style("reader.css"), values)


def card_css(theme: Theme, min_pt: float = 0.0) -> str:
    """The resource card's CSS: the page's, at the card's size (and the minimum)."""
    return reader_css(theme, CARD_POINT_SIZE, min_pt)


def qpalette(theme: Theme) -> QPalette:
    """A ``QPalette`` so that native widgets (dialogs, menus) match the stylesheet."""
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, QColor(theme.window))
    pal.setColor(role.WindowText, QColor(theme.text))
    pal.setColor(role.Base, QColor(theme.page))
    pal.setColor(role.AlternateBase, QColor(theme.panel))
    pal.setColor(role.Text, QColor(theme.text))
    pal.setColor(role.Button, QColor(theme.panel))
    pal.setColor(role.ButtonText, QColor(theme.text))
    pal.setColor(role.Highlight, QColor(theme.selection))
    pal.setColor(role.HighlightedText, QColor(theme.text))
    pal.setColor(role.Link, QColor(theme.link))
    pal.setColor(role.ToolTipBase, QColor(theme.page))
    pal.setColor(role.ToolTipText, QColor(theme.text))
    pal.setColor(role.PlaceholderText, QColor(theme.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(theme.disabled))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(theme.disabled))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(theme.disabled))
    return pal


#: The command-line arguments that make a new QApplication start in the Fusion style.
FUSION_ARGUMENTS = ["-style", "Fusion"]
_fusion_set = False


def started_in_fusion(app: "QGuiApplication") -> None:
    """Say that ``app`` was just made with ``FUSION_ARGUMENTS`` (``app.ensure_app``), and
    note whether the desktop's palette is dark (``first_paint_theme_name``).

    ``setStyle`` from Python hands back a ``QStyle``, and wrapping one makes PySide build
    QStyle's enums (about 600 values): 13-16 ms of a start-up that is budgeted.
    """
    global _fusion_set, _desktop_palette
    _fusion_set = True
    window = app.palette().color(QPalette.ColorRole.Window)
    _desktop_palette = "dark" if window.lightness() < 128 else "light"


def apply_app_theme(
    theme: Theme, touch_target: int, min_pt: float = 0.0, calm: bool = True
) -> None:
    """Give the whole application this theme: Fusion style, palette and stylesheet (with
    the smallest text size ``min_pt``), and no interface effects (see motion.py).

    ``calm=False`` leaves the effects to the caller: naming one builds PySide's whole ``Qt``
    namespace, which a staged start does after its first paint (``MainWindow.finish_start``).
    """
    from PySide6.QtWidgets import QApplication

    global _fusion_set
    app = QApplication.instance()
    if isinstance(app, QApplication):
        if not _fusion_set:  # once: a theme changes the palette and sheet, not the style
            app.setStyle("Fusion")
            _fusion_set = True
        app.setPalette(qpalette(theme))
        app.setStyleSheet(app_stylesheet(theme, touch_target, min_pt))
        if calm:
            from hrreader.ui.motion import calm_application

            calm_application()


def apply_min_font(theme: Theme, touch_target: int, min_pt: float) -> None:
    """Only the stylesheet again, for a new smallest text size (style and palette stay)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    sheet = app_stylesheet(theme, touch_target, min_pt)
    # Unchanged (the window was built with it): setting it again would restyle every widget.
    if isinstance(app, QApplication) and app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


#: The stroke colour the SVG icons are drawn with in resources.qrc; replaced per theme.
ICON_INK = "#2b3a35"


def themed_icon(path: str, colour: str) -> "QIcon":
    """An icon from resources.qrc drawn in ``colour``, so it reads on light and dark themes."""
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    svg = _read_resource(path).replace(ICON_INK, colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    # The toolbar's size, and twice it for a high-density screen when there is one: each
    # drawing costs start-up time, and smaller sizes (menus) scale down cleanly.
    app = QGuiApplication.instance()
    dense = isinstance(app, QGuiApplication) and app.devicePixelRatio() > 1
    sizes = (24, 48) if dense else (24,)
    for size in sizes:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
