"""Qt widgets; imports the content layer, never the other way round.

Importing this package imports PySide6 and takes back one thing PySide6 does on import:
see ``_skip_feature_hook``.
"""

from __future__ import annotations

import builtins

import PySide6  # noqa: F401 - installs the hook that _skip_feature_hook takes out


def _skip_feature_hook() -> None:
    """Give imports back to PySide's lazy loader, without its ``__feature__`` check.

    PySide6 replaces ``__import__`` with a hook for its opt-in ``from __feature__ import
    snake_case`` switches, which hrreader does not use. For every module imported after
    PySide6, that hook reads the module's whole source (``inspect.getsource``, PYSIDE-2029)
    to look for the word "PySide6", and ``linecache`` keeps every line read. At start-up
    that is 67 files and 1.3 MiB of source: about 4 MiB of memory and 29 million
    instructions (``benchmarks/startup_instructions.py``), 5 % of a bare window's start.
    The hook's next step, ``__orig_import__``, is PySide's loader of classes on first use,
    and stays. Nothing changes when a later PySide6 names these differently.
    """
    hook = getattr(builtins, "__feature_import__", None)
    lazy = getattr(builtins, "__orig_import__", None)
    if hook is not None and lazy is not None and builtins.__import__ is hook:
        builtins.__import__ = lazy


_skip_feature_hook()
