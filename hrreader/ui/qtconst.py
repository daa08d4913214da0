"""Qt's numbers for the code that runs before the first paint.

The first time any code names ``Qt`` (``Qt.ItemDataRole``, ``Qt.Key``...), PySide builds a
Python enum class for each of that namespace's 95 enums: 117 million instructions, a fifth
of a bare window's whole start (``benchmarks/startup_instructions.py``). The code that
builds the first page (the topic tree, the reading pane, the window's frame) uses these
numbers instead, which Qt's C++ API fixes; everything after the first paint names ``Qt``
as usual. ``tests/ui/test_startup.py`` checks each number against ``Qt`` and that a start
builds no ``Qt`` enum before its first paint.
"""

from __future__ import annotations

#: Qt.ItemDataRole
FONT_ROLE = 6
SIZE_HINT_ROLE = 13
USER_ROLE = 0x0100

#: Qt.TextFlag.TextWordWrap, for QFontMetrics.boundingRect.
TEXT_WORD_WRAP = 0x1000

# Not in ``Qt``, but the same cost in kind: naming QTextFormat sets up its 116 properties
# and three more enums (11 million instructions with QTextBlockFormat), which the first page
# does not otherwise need.

#: QTextFormat.Property.UserProperty: the first number free for a program's own properties.
TEXT_FORMAT_USER_PROPERTY = 0x100000

#: QTextDocument.ResourceType.ImageResource, as ``loadResource`` is given it.
IMAGE_RESOURCE = 2
