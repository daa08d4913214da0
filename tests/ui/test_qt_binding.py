"""The Qt binding itself must not leak references to None.

PySide6-Essentials 6.12.0 dropped one reference to ``None`` on calls like
``QObject.setObjectName``; on Python 3.11 the process aborts ("none_dealloc") after a few
thousand, which a kiosk reaches in minutes. pyproject.toml excludes that release; this test
fails for any other release that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage, QPainter, QPainterPath


def test_void_calls_keep_none_alive(qapp):
    obj = QObject()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    for _ in range(200):
        obj.setObjectName("x")
        path = QPainterPath()
        path.addRect(QRectF(0, 0, 1, 1))
        painter = QPainter(image)
        painter.fillRect(QRectF(0, 0, 1, 1), 0)
        painter.end()
    # A little slack for objects the loop itself creates; a leak costs at least 200 each.
    assert sys.getrefcount(None) - before < 50
