"""The Windows installer (installer/ksd-desktop.nsi): it compiles, and it keeps the user's data.

The compile uses a stand-in payload (``make_installer.py --dry``: seconds, not a minute of
LZMA) and is skipped where makensis is not installed; the rules below are read from the
script itself and run everywhere.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))
import make_installer  # noqa: E402

from ksd_desktop import paths  # noqa: E402
from ksd_desktop.cli import OPENED_SUFFIXES  # noqa: E402

SCRIPT = (ROOT / "installer" / "ksd-desktop.nsi").read_text(encoding="utf-8")


def _code(text: str) -> list[str]:
    return [line.split(";", 1)[0].strip() for line in text.splitlines() if line.split(";", 1)[0].strip()]


def _section(name: str) -> list[str]:
    match = re.search(rf'^Section "{re.escape(name)}".*?^SectionEnd', SCRIPT, re.S | re.M)
    assert match, name
    return _code(match.group(0))


@pytest.mark.skipif(make_installer.find_makensis() is None, reason="makensis (NSIS) tidak terpasang")
def test_script_compiles(tmp_path):
    out = tmp_path / "pemasang uji.exe"
    assert make_installer.main(["--dry", "--out", str(out)]) == 0
    assert out.read_bytes()[:2] == b"MZ"


def test_installs_per_user_without_admin_and_for_all_users_only_as_admin():
    code = _code(SCRIPT)
    assert "!define MULTIUSER_EXECUTIONLEVEL Highest" in code  # a standard user gets no UAC prompt
    assert "!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER" in code
    assert "!insertmacro MULTIUSER_PAGE_INSTALLMODE" in code  # shown to administrators only
    assert not any(line.startswith("RequestExecutionLevel") for line in code)


def test_speaks_indonesian_only():
    languages = re.findall(r'!insertmacro MUI_LANGUAGE "(\w+)"', SCRIPT)
    assert languages == ["Indonesian"]
    assert not re.findall(r"LangString \w+ \$\{LANG_(?!INDONESIAN)", SCRIPT)


def test_uninstall_removes_only_what_it_installed_and_keeps_data_unless_confirmed():
    uninstall = _section("Uninstall")
    removed = [line for line in uninstall if line.startswith("RMDir /r")]
    assert removed == ['RMDir /r "$INSTDIR\\_internal"', 'RMDir /r "$DataDir"']
    at = uninstall.index('RMDir /r "$DataDir"')
    assert uninstall[at - 2] == "${If} $RemoveData == 1"
    assert 'RMDir "$INSTDIR"' in uninstall  # the folder itself only when empty
    # the box is unticked; ticking it asks again, with No as the default button
    leave = SCRIPT.split("Function un.DataPageLeave", 1)[1].split("FunctionEnd", 1)[0]
    assert "MB_DEFBUTTON2" in leave and "StrCpy $RemoveData 1" in leave
    assert "${NSD_Uncheck} $DataCheckbox" in SCRIPT.split("Function un.DataPageShow", 1)[1]
    assert "StrCpy $RemoveData 0" in SCRIPT.split("Function un.onInit", 1)[1]


def test_install_never_touches_data_or_settings():
    install = _section("${APP_NAME}")
    assert 'RMDir /r "$INSTDIR\\_internal"' in install
    assert not any("$DataDir" in line or "SETTINGS_KEY" in line or "$LOCALAPPDATA" in line for line in install)
    verify = SCRIPT.split("Function .onVerifyInstDir", 1)[1].split("FunctionEnd", 1)[0]
    assert "$DataDir" in verify and paths.DB_FILE_NAME in verify


def test_data_folder_and_settings_match_the_app():
    assert f'!define DATA_DIR_NAME "{paths.APP_DIR_NAME}"' in SCRIPT
    assert "$LOCALAPPDATA\\${DATA_DIR_NAME}" in SCRIPT
    # QSettings on Windows: HKCU\Software\<organisation>, set in gui.ensure_app
    gui = (ROOT / "ksd_desktop" / "gui" / "__init__.py").read_text(encoding="utf-8")
    organisation = re.search(r'setOrganizationName\("([^"]+)"\)', gui).group(1)
    assert f'!define SETTINGS_KEY "Software\\{organisation}"' in SCRIPT
    # the uninstall entry lives elsewhere: deleting it never deletes the settings
    assert re.search(r'!define UNINST_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\', SCRIPT)


def test_ksd_files_open_with_the_app():
    assert ".ksd" in OPENED_SUFFIXES
    association = _section("Buka berkas data .ksd dengan ${APP_NAME}")
    assert 'WriteRegStr SHCTX "Software\\Classes\\.ksd" "" "${PROGID}"' in association
    command = 'shell\\open\\command" "" \'"$INSTDIR\\${EXE}" "%1"\''
    assert any(line.endswith(command) for line in association)
    assert any("SHChangeNotify" in line for line in association)


def test_start_menu_shortcut_always_desktop_optional():
    assert any(line.startswith('CreateShortcut "$SMPROGRAMS\\') for line in _section("${APP_NAME}"))
    assert any(line.startswith('CreateShortcut "$DESKTOP\\') for line in _section("Pintasan di desktop"))
