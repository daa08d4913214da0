"""QR codes drawn from segno's matrix as vector rectangles: crisp at any size, zoom or printer.

segno makes the code offline; nothing here touches the network or a bitmap library. The
same ``paint_qr`` draws the resource card's code, the kiosk's "open it on your phone"
dialog, the handout's codes (into a PDF, as vectors) and the images the tests decode. A code
is always dark on white with a quiet zone, whatever the theme, because that is what phone
cameras read best.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPyTextObject,
    QRegion,
    QResizeEvent,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTransform,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hrreader.content.model import Resource
from hrreader.content.qr import QrKind, qr_payloads

#: Modules of white around the code; the QR standard asks for four.
QUIET_ZONE = 4
#: Smallest side, in pixels, at which a phone reliably reads a code off a screen.
MIN_SCREEN_SIDE = 120
DARK = QColor("#000000")
LIGHT = QColor("#ffffff")


@lru_cache(maxsize=128)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules (``True`` is dark), without the quiet zone.

    Error correction M at least; segno raises it when that fits in the same size. segno is
    imported here, on the first code drawn, to keep it out of the window's start-up time.
    """
    import segno

    code = segno.make_qr(payload, error="m", boost_error=True)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def _device_scale(painter: QPainter) -> float:
    """Device pixels per logical unit (screen scale factor, or a PDF writer's resolution)."""
    transform = painter.deviceTransform()
    return math.hypot(transform.m11(), transform.m12()) or 1.0


@lru_cache(maxsize=128)
def _dark_modules(payload: str) -> QPainterPath:
    """The dark modules as one path, one unit a module, the quiet zone left out.

    Built from a region of horizontal runs, so the path has no inner edges (no hairline
    seams between modules in a PDF viewer). Made with value-returning calls only: PySide6
    6.12 on Python 3.11 drops a reference to ``None`` on every call of a ``void`` method, and
    a path built with ``addRect`` per run would make hundreds of them for every code drawn.
    """
    region = QRegion()
    for r, row in enumerate(qr_matrix(payload)):
        c, width = 0, len(row)
        while c < width:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < width and row[c]:
                c += 1
            region += QRect(start, r, c - start, 1)
    path = QPainterPath()
    path.addRegion(region)
    return path


def paint_qr(
    painter: QPainter,
    rect: QRectF,
    payload: str,
    quiet: int = QUIET_ZONE,
    dark: QColor = DARK,
    light: QColor = LIGHT,
) -> QRectF:
    """Draw the code for ``payload`` as a square centred in ``rect``; return that square.

    Modules are a whole number of device pixels where that loses little (screens), so edges
    stay sharp; on a printer or PDF the device pixels are so small that this changes nothing.
    The dark modules are one path, filled once: vectors in a PDF, crisp at any zoom.
    """
    matrix = qr_matrix(payload)
    count = len(matrix) + 2 * quiet
    available = min(rect.width(), rect.height())
    if available <= 0 or not matrix:
        return QRectF()
    scale = _device_scale(painter)
    module = available / count
    whole = math.floor(module * scale)
    if whole >= 2:
        module = whole / scale
    side = module * count

    def snap(value: float) -> float:
        return round(value * scale) / scale

    x = snap(rect.x() + (rect.width() - side) / 2)
    y = snap(rect.y() + (rect.height() - side) / 2)
    square = QRectF(x, y, side, side)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(square, light)
    offset = quiet * module
    painter.setWorldTransform(QTransform(module, 0, 0, module, x + offset, y + offset), True)
    painter.fillPath(_dark_modules(payload), dark)
    painter.restore()
    return square


def qr_image(payload: str, size: int = 256, quiet: int = QUIET_ZONE) -> QImage:
    """The code as a white square image of ``size`` pixels (for tests and clipboards)."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(LIGHT)
    painter = QPainter(image)
    try:
        paint_qr(painter, QRectF(0, 0, size, size), payload, quiet)
    finally:
        painter.end()
    return image


class QrCodeView(QWidget):
    """A square widget showing one code, as large as its space allows (at least ``minimum``)."""

    def __init__(
        self, payload: str = "", minimum: int = MIN_SCREEN_SIDE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self._payload = ""
        self._preferred = minimum
        self.setMinimumSize(minimum, minimum)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_payload(payload)

    def payload(self) -> str:
        return self._payload

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self.setAccessibleName(self.tr("QR code"))
        self.setAccessibleDescription(payload)
        self.setToolTip(payload)
        self.update()

    def set_preferred_side(self, side: int) -> None:
        self._preferred = max(side, self.minimumWidth())
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._preferred, self._preferred)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), min(width, self._preferred))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._payload:
            return
        painter = QPainter(self)
        try:
            paint_qr(painter, QRectF(self.rect()), self._payload)
        finally:
            painter.end()

    def image(self, size: int = 0) -> QImage:
        """The code as drawn here, as an image (``size`` 0: this widget's own size)."""
        return qr_image(self._payload, size or min(self.width(), self.height()))


def _reach_text(resource: Resource, kind: QrKind, send_word: str, to_word: str) -> str:
    """The human words under a code: the number as written, or the message and number."""
    if kind == "call":
        return resource.phone
    if kind == "text":
        if resource.sms_body:
            return f"{send_word} {resource.sms_body} {to_word} {resource.sms}"
        return resource.sms
    return resource.url


class ResourceQrPanel(QWidget):
    """A resource's QR codes, one at a time: a small button per way to reach it, the code,
    and a caption ("Scan to call") with the number it holds."""

    def __init__(self, side: int = 160, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrPanel")
        self._codes: list[tuple[QrKind, str]] = []
        self._resource: Resource | None = None
        self._captions: dict[QrKind, str] = {}

        self.heading = QLabel(self)
        self.heading.setObjectName("qrHeading")
        self.hint = QLabel(self)
        self.hint.setObjectName("qrHint")
        self.hint.setWordWrap(True)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[QrKind, QPushButton] = {}
        self.button_row = QWidget(self)
        row = QHBoxLayout(self.button_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for kind in ("call", "text", "website"):
            button = QPushButton(self.button_row)
            button.setObjectName("qrChoice")
            button.setCheckable(True)
            button.toggled.connect(
                lambda checked, k=kind: self.show_kind(k) if checked else None  # type: ignore[misc]
            )
            self.group.addButton(button)
            row.addWidget(button)
            self.buttons[kind] = button
        row.addStretch(1)

        self.view = QrCodeView("", MIN_SCREEN_SIDE, self)
        self.view.set_preferred_side(side)
        self.caption = QLabel(self)
        self.caption.setObjectName("qrCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.caption.font()
        bold.setBold(True)
        self.caption.setFont(bold)
        self.detail = QLabel(self)
        self.detail.setObjectName("qrDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        words = QWidget(self)
        words_box = QVBoxLayout(words)
        words_box.setContentsMargins(0, 0, 0, 0)
        words_box.setSpacing(2)
        words_box.addWidget(self.caption)
        words_box.addWidget(self.detail)
        words_box.addStretch(1)
        self._words_box = words_box

        # Side by side when the panel is wide enough, stacked when it is narrow.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(6)
        self.body.addWidget(self.view, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addWidget(words, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.button_row)
        layout.addLayout(self.body)
        self._side = side
        self._wide: bool | None = None
        self._arrange()
        self.retranslate_ui()
        self.set_resource(None)

    def retranslate_ui(self) -> None:
        self._captions = {
            "call": self.tr("Scan to call"),
            "text": self.tr("Scan to text"),
            "website": self.tr("Scan to open the website"),
        }
        button_texts: dict[QrKind, str] = {
            "call": self.tr("Call"),
            "text": self.tr("Text"),
            "website": self.tr("Website"),
        }
        button_tips: dict[QrKind, str] = {
            "call": self.tr("Show a QR code that calls this number"),
            "text": self.tr("Show a QR code that starts a text message"),
            "website": self.tr("Show a QR code that opens the website"),
        }
        for kind, button in self.buttons.items():
            button.setText(button_texts[kind])
            button.setToolTip(button_tips[kind])
            button.setAccessibleName(self._captions[kind])
        self.heading.setText(self.tr("Take it with you"))
        self.hint.setText(
            self.tr("Point your phone's camera at the code. Nothing is written down.")
        )
        kind = self.current_kind()
        if kind is not None and self._resource is not None:
            self._describe(kind)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        wide = room >= self._side + 120
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if wide != self._wide:
            self._wide = wide
            self.body.setDirection(direction)
            self.body.setSpacing(14 if wide else 6)
            self.body.setAlignment(
                self.view, Qt.AlignmentFlag.AlignTop if wide else Qt.AlignmentFlag.AlignHCenter
            )
            align = Qt.AlignmentFlag.AlignLeft if wide else Qt.AlignmentFlag.AlignHCenter
            self.caption.setAlignment(align)
            self.detail.setAlignment(align)
            # Wide: the hint sits beside the code, so the code needs less height to be seen.
            main = self.layout()
            assert isinstance(main, QVBoxLayout)
            main.removeWidget(self.hint)
            self._words_box.removeWidget(self.hint)
            if wide:
                self._words_box.insertWidget(2, self.hint)
                self.hint.setContentsMargins(0, 6, 0, 0)
            else:
                main.insertWidget(1, self.hint)
                self.hint.setContentsMargins(0, 0, 0, 0)

    # -- state -------------------------------------------------------------------------
    def kinds(self) -> list[QrKind]:
        return [kind for kind, _payload in self._codes]

    def current_kind(self) -> QrKind | None:
        payload = self.view.payload()
        return next((k for k, p in self._codes if p == payload), None)

    def current_payload(self) -> str:
        return self.view.payload()

    def set_resource(self, resource: Resource | None) -> None:
        """Show the codes of ``resource`` (the first way to reach it); hide when it has none."""
        self._resource = resource
        self._codes = qr_payloads(resource) if resource is not None else []
        kinds = self.kinds()
        for kind, button in self.buttons.items():
            button.setVisible(kind in kinds)
        self.button_row.setVisible(len(kinds) > 1)
        self.setVisible(bool(kinds))
        if kinds:
            self.show_kind(kinds[0])
        else:
            self.view.set_payload("")

    def show_kind(self, kind: QrKind) -> bool:
        payload = next((p for k, p in self._codes if k == kind), "")
        if not payload or self._resource is None:
            return False
        button = self.buttons[kind]
        if not button.isChecked():
            button.setChecked(True)  # re-enters through toggled; the rest happens there
            return True
        self.view.set_payload(payload)
        self._describe(kind)
        return True

    def _describe(self, kind: QrKind) -> None:
        """The caption under the code ("Scan to call") and the number or message it holds."""
        assert self._resource is not None
        caption = self._captions[kind]
        self.caption.setText(caption)
        self.detail.setText(
            _breakable(_reach_text(self._resource, kind, self.tr("send"), self.tr("to")))
        )
        self.view.setAccessibleName(caption)


#: A dialog text: words, or a function that gives them in the interface language (so the
#: dialog can say them again when the language changes while it is open).
Words = str | Callable[[], str]


def _words(text: Words) -> str:
    return text() if callable(text) else text


class QrDialog(QDialog):
    """A large code and the address as text: how the kiosk "opens" a website."""

    def __init__(
        self,
        title: Words,
        text: Words,
        payload: str,
        parent: QWidget | None = None,
        side: int = 320,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self._title, self._text = title, text
        self.setModal(True)
        heading = QLabel(self)
        heading.setObjectName("qrDialogTitle")
        heading.setWordWrap(True)
        heading_font = heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading.setFont(heading_font)
        self.heading = heading
        message = QLabel(self)
        message.setWordWrap(True)
        self.message = message
        self.view = QrCodeView(payload, max(side, MIN_SCREEN_SIDE), self)
        self.address = QLabel(payload, self)
        self.address.setObjectName("qrAddress")
        self.address.setWordWrap(True)
        self.address.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.address.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.address.setFont(font)
        buttons = QDialogButtonBox(self)
        # Our own button, not the standard Close: the box would name that one again, as
        # "Close", whenever the language changes.
        close = QPushButton(self)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        close.setDefault(True)
        self.done_button = close

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(message)
        layout.addWidget(self.view, 1, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.address)
        layout.addWidget(buttons)
        self.setMinimumWidth(max(side + 48, 420))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every word of the dialog; again when the interface language changes."""
        title = _words(self._title)
        self.setWindowTitle(title)
        self.heading.setText(f"<b>{_escape(title)}</b>")
        self.message.setText(_words(self._text))
        self.view.setAccessibleName(self.tr("QR code for {0}").format(self.view.payload()))
        self.done_button.setText(self.tr("Done"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "done_button"):
            self.retranslate_ui()
        super().changeEvent(event)

    def payload(self) -> str:
        return self.view.payload()


def _breakable(text: str) -> str:
    """Plain text that may wrap after ``/`` and ``.`` too, so a long address fits a narrow pane."""
    for mark in ("/", ".", "?", "&", "="):
        text = text.replace(mark, mark + "\u200b")
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------
# Codes inside a QTextDocument (handouts): drawn by the layout, so they stay vectors in a PDF
# --------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _qr_format_ids() -> tuple[int, int, int]:
    """(object type, payload property, side property): looked up on first use, because
    touching these enums at import costs start-up time the window does not need to spend."""
    user_property = int(QTextFormat.Property.UserProperty)
    return int(QTextFormat.ObjectTypes.UserObject) + 1, user_property + 1, user_property + 2


class QrTextObject(QPyTextObject):
    """Draws a code where a document holds an object-replacement character of this type."""

    def intrinsicSize(self, doc: QTextDocument, pos_in_document: int, fmt: QTextFormat) -> QSizeF:
        side = float(fmt.property(_qr_format_ids()[2]) or 96.0)
        return QSizeF(side, side)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        pos_in_document: int,
        fmt: QTextFormat,
    ) -> None:
        payload = str(fmt.property(_qr_format_ids()[1]) or "")
        if payload:
            paint_qr(painter, rect, payload)


def install_qr_objects(document: QTextDocument) -> QrTextObject:
    """Teach ``document`` to draw QR objects; keep the returned handler alive with it."""
    handler = QrTextObject(document)
    document.documentLayout().registerHandler(_qr_format_ids()[0], handler)
    return handler


def replace_with_qr(document: QTextDocument, marker: str, payload: str, side: float) -> bool:
    """Replace the text ``marker`` in ``document`` with a drawn code of ``side`` units."""
    cursor = document.find(marker)
    if cursor.isNull():
        return False
    fmt = QTextCharFormat()
    object_type, payload_id, side_id = _qr_format_ids()
    fmt.setObjectType(object_type)
    fmt.setProperty(payload_id, payload)
    fmt.setProperty(side_id, float(side))
    cursor.insertText("\ufffc", fmt)
    return True


__all__ = [
    "MIN_SCREEN_SIDE",
    "QUIET_ZONE",
    "QrCodeView",
    "QrDialog",
    "QrTextObject",
    "ResourceQrPanel",
    "install_qr_objects",
    "paint_qr",
    "qr_image",
    "qr_matrix",
    "replace_with_qr",
]
