"""QR codes: read back by a real decoder (zxing-cpp) from what the window actually draws."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from hrreader.ui.qr import MIN_SCREEN_SIDE, QrDialog, qr_image

zxingcpp = pytest.importorskip("zxingcpp")

LIFELINE_CALL = "tel:988"
CRISIS_TEXT = "SMSTO:741741:HOME"
SAMHSA_CALL = "tel:+18006624357"
SAMHSA_WEB = "https://www.samhsa.gov/find-help/helplines/national-helpline"


def decode(image: QImage) -> list[str]:
    """Every QR code zxing-cpp finds in ``image`` (converted to 8-bit grey first)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [b.text for b in zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("payload", [LIFELINE_CALL, CRISIS_TEXT, SAMHSA_CALL, SAMHSA_WEB])
@pytest.mark.parametrize("size", [MIN_SCREEN_SIDE, 173, 400, 1000])
def test_codes_read_back_exactly_at_any_size(qapp, payload, size):
    assert decode(qr_image(payload, size)) == [payload]


def test_codes_are_crisp_black_on_white(qapp):
    image = qr_image(SAMHSA_WEB, 301)
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert colours == {QColor("#000000").rgb(), QColor("#ffffff").rgb()}, "no grey edges"
    # The quiet zone: a white border at least four modules wide all round.
    for x in range(12):
        assert image.pixelColor(x, image.height() // 2) == QColor("#ffffff")


def grab_code(view) -> QImage:
    return view.grab().toImage()


def test_card_shows_a_code_for_each_way_to_reach_the_lifeline(window, qtbot):
    assert window.open("resource:lifeline-988")
    panel = window.resources.qr_panel
    assert panel.isVisible()
    assert panel.kinds() == ["call", "text", "website"]
    assert panel.view.width() >= MIN_SCREEN_SIDE and panel.view.height() >= MIN_SCREEN_SIDE
    assert decode(grab_code(panel.view)) == [LIFELINE_CALL]
    assert panel.caption.text() == "Scan to call"

    qtbot.mouseClick(panel.buttons["text"], Qt.MouseButton.LeftButton)
    assert panel.current_kind() == "text"
    assert decode(grab_code(panel.view)) == ["SMSTO:988"]
    assert panel.caption.text() == "Scan to text"

    qtbot.mouseClick(panel.buttons["website"], Qt.MouseButton.LeftButton)
    assert decode(grab_code(panel.view)) == ["https://988lifeline.org"]
    assert panel.caption.text() == "Scan to open the website"


def test_crisis_text_line_card_prefills_home(window):
    assert window.open("resource:crisis-text-line")
    panel = window.resources.qr_panel
    assert panel.kinds() == ["text", "website"]
    assert decode(grab_code(panel.view)) == [CRISIS_TEXT]
    assert "HOME" in panel.detail.text() and "741741" in panel.detail.text()


def test_samhsa_card_codes(window):
    assert window.open("resource:samhsa-helpline")
    panel = window.resources.qr_panel
    assert decode(grab_code(panel.view)) == [SAMHSA_CALL]
    assert panel.show_kind("website")
    assert decode(grab_code(panel.view)) == [SAMHSA_WEB]
    assert not panel.show_kind("text"), "SAMHSA has no text line"


def test_a_single_code_needs_no_choice_buttons(window):
    assert window.open("resource:findtreatment-gov")
    panel = window.resources.qr_panel
    assert panel.kinds() == ["website"]
    assert panel.button_row.isHidden()
    assert decode(grab_code(panel.view)) == ["https://findtreatment.gov"]


def test_code_can_be_scanned_off_the_window_at_1024x700(make_window, qtbot):
    window = make_window("--size", "1024x700", show=False)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window.open("resource:crisis-text-line")
    qtbot.wait(50)  # the card lays out its new text
    area = window.resources.card_area
    area.ensureWidgetVisible(window.resources.qr_panel.view, 0, 0)
    qtbot.wait(20)
    shot = window.grab().toImage()
    assert CRISIS_TEXT in decode(shot)


def test_no_resource_no_codes(window):
    window.resources.set_library(window.library, window.lang)
    assert window.resources.qr_panel.isHidden()


def test_kiosk_shows_a_qr_code_instead_of_the_browser(make_window, desktop):
    window = make_window("--kiosk")
    assert not window.open("https://988lifeline.org")
    assert desktop.opened == [] and desktop.questions == []
    title, text, payload = desktop.qr_codes[-1]
    assert payload == "https://988lifeline.org"
    assert "phone" in title.lower() or "phone" in text.lower()


def test_personal_mode_still_asks_and_opens_the_browser(window, desktop):
    assert window.open("https://988lifeline.org")
    assert desktop.opened == ["https://988lifeline.org"] and desktop.qr_codes == []


def test_qr_dialog_shows_a_large_code_and_the_address(qtbot):
    dialog = QrDialog("Open this on your phone", "Scan it.", SAMHSA_WEB)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.view.width() >= 300
    assert dialog.address.text() == SAMHSA_WEB
    assert decode(dialog.view.grab().toImage()) == [SAMHSA_WEB]


def test_real_desktop_dialog_in_kiosk(qtbot, make_window):
    """The real Desktop.show_qr: a modal dialog whose code scans; closed by "Done"."""
    from hrreader.ui.main_window import Desktop

    window = make_window("--kiosk")
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QrDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(decode(dialog.view.grab().toImage()))
        dialog.reject()

    QTimer.singleShot(0, answer)
    Desktop(window).show_qr("Open on your phone", "Scan it.", "https://988lifeline.org")
    assert seen == [["https://988lifeline.org"]]


def test_view_keeps_its_code_square_and_centred(qtbot):
    from hrreader.ui.qr import QrCodeView

    view = QrCodeView(LIFELINE_CALL)
    qtbot.addWidget(view)
    view.resize(300, 160)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    code = decode(image)
    assert code == [LIFELINE_CALL]
    # Nothing drawn outside the centred square.
    assert image.pixelColor(QPoint(5, 80)) != QColor("#000000")
    assert view.heightForWidth(200) >= MIN_SCREEN_SIDE
    assert QRect(0, 0, 300, 160).contains(view.rect())
