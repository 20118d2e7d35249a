"""The frozen app's settings (installer/): what is left out, names, version resource, CLI shim.

Nothing is frozen here (python3 tasks.py freeze-check does that, outside the test suite).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
import buildinfo  # noqa: E402
import freeze_trim  # noqa: E402

import ksd_desktop  # noqa: E402


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\platforms\\qoffscreen.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6\\plugins\\imageformats\\qsvg.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6\\Qt6Core.dll",
        "cryptography/hazmat/bindings/_rust.abi3.so",
        "pypdfium2_raw/libpdfium.so",
    ],
)
def test_kept_binaries(dest):
    assert not freeze_trim.dropped_binary(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6\\opengl32sw.dll",
        "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
        "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
    ],
)
def test_dropped_binaries(dest):
    assert freeze_trim.dropped_binary(dest)


def test_qt_translations_are_dropped_and_our_catalogue_kept():
    assert freeze_trim.dropped_data("PySide6/Qt/translations/qtbase_de.qm")
    assert freeze_trim.dropped_data("PySide6\\translations\\qt_ja.qm")
    assert not freeze_trim.dropped_data("resources/i18n/qt_id.ts")
    assert not freeze_trim.dropped_data("resources/i18n/qt_id.qm")


def _imported_top_level_names() -> set[str]:
    names = set()
    for path in (ROOT / "ksd_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_nothing_the_app_imports_is_excluded():
    imported = _imported_top_level_names()
    for excluded in freeze_trim.EXCLUDES:
        assert not any(name == excluded or name.startswith(excluded + ".") for name in imported), excluded


def test_what_pyhanko_needs_offline_stays():
    # pyHanko imports aiohttp, ssl and certifi when verification lists a later PDF signature
    for needed in ("aiohttp", "ssl", "_ssl", "certifi", "cryptography", "asyncio"):
        assert needed not in freeze_trim.EXCLUDES


def test_version_tuple():
    assert buildinfo.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert buildinfo.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert buildinfo.version_tuple("2.10.3+local.7") == (2, 10, 3, 0)
    assert buildinfo.app_version() == ksd_desktop.__version__


def test_windows_version_resource_follows_the_single_version():
    text = buildinfo.windows_version_file("1.4.2")
    tree = ast.parse(text)  # PyInstaller evaluates it as Python
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    } <= calls
    assert "filevers=(1, 4, 2, 0)" in text and "StringStruct('ProductVersion', '1.4.2')" in text
    assert "StringTable('042104B0'" in text and "[0x0421, 1200]" in text  # Indonesian, UTF-16
    assert f"StringStruct('OriginalFilename', '{buildinfo.EXE_NAME}.exe')" in text
    try:
        from PyInstaller.utils.win32 import versioninfo  # Windows (needs pefile)
    except ImportError:
        return
    info = eval(text, vars(versioninfo))
    assert isinstance(info, versioninfo.VSVersionInfo)


def test_cli_shim_runs_the_windowed_program_and_passes_its_exit_code():
    shim = buildinfo.cli_shim()
    assert shim.endswith("\r\n") and "\n" not in shim.replace("\r\n", "")
    assert '"%~dp0KSD Desktop.exe" %*' in shim
    assert "exit /b %ERRORLEVEL%" in shim
    shim.encode("ascii")


def test_one_executable_per_platform():
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert spec.count("EXE(") == 1 and "freeze_trim.trim(a)" in spec
    assert buildinfo.EXE_NAME == ("KSD Desktop" if sys.platform == "win32" else "ksd-desktop")


def test_the_frozen_build_records_what_the_about_box_reads():
    """installer.spec writes build-info.json into resources/; services/diagnostics.py reads it."""
    import json

    info = json.loads(buildinfo.build_info_json())
    assert info["version"] == ksd_desktop.__version__
    assert info["built"].endswith("+00:00")
    assert set(info["libraries"]) >= {"PySide6", "reportlab", "pypdf", "pyHanko", "pypdfium2"}
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert "buildinfo.build_info_json()" in spec and '(str(build_info), "resources")' in spec


def test_reportlab_accelerator_is_frozen_too():
    """reportlab imports ``_rl_accel`` by a name in a string (reportlab/lib/rl_accel.py), which
    PyInstaller's analysis cannot see: without the hidden import the frozen app draws PDFs with
    the pure-Python fallbacks (same pages, a tenth of the time lost)."""
    import importlib.util

    assert importlib.util.find_spec("_rl_accel") is not None  # pyproject: reportlab[accel]
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert '"_rl_accel"' in spec
