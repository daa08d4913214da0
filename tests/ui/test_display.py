"""Before Qt aborts with "could not load the Qt platform plugin", say what to install.

``display.py`` uses no Qt, so these tests need no window.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hrreader.ui import display


def test_other_systems_and_qts_own_platforms_are_left_alone() -> None:
    assert display.display_problem({}, platform="win32") == ""
    assert display.display_problem({}, platform="darwin") == ""
    for qpa in ("offscreen", "wayland", "vnc"):
        assert display.display_problem({"QT_QPA_PLATFORM": qpa}, platform="linux") == ""


def test_no_display_says_so_and_offers_the_screenshot_command() -> None:
    problem = display.display_problem({}, platform="linux")
    assert "DISPLAY is not set" in problem
    assert "hrreader screenshot" in problem
    assert "\n" not in problem, "one line"


def test_a_wayland_session_is_left_to_qt() -> None:
    assert display.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux") == ""


def test_missing_x11_libraries_are_named_by_their_debian_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(display, "missing_packages", lambda: ["libxcb-icccm4", "libxcb-keysyms1"])
    problem = display.display_problem({"DISPLAY": ":0"}, platform="linux")
    assert problem.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert "\n" not in problem
    # QT_QPA_PLATFORM=xcb asks for X11 even in a Wayland session: checked the same way.
    env = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert "sudo apt install" in display.display_problem(env, platform="linux")


def test_a_library_that_cannot_be_loaded_is_reported() -> None:
    libraries = (("libc.so.6", "libc6"), ("libhrreader-no-such-library.so.9", "hrreader-none"))
    assert display.missing_packages(libraries) == ["hrreader-none"]


def test_the_xcb_list_names_a_package_for_each_library() -> None:
    for soname, package in display.XCB_LIBRARIES:
        assert ".so" in soname and package and " " not in package


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_hrreader_without_a_display_prints_one_line_and_no_traceback(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "hrreader"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        "hrreader: no display found (DISPLAY is not set): start hrreader from a desktop "
        "session, or use 'hrreader screenshot OUT.png' to draw it without one"
    ]
    assert "Traceback" not in result.stderr
