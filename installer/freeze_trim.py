"""What the frozen app leaves out, shared by installer.spec and the bare-window benchmark.

Both builds use these settings, so the size and start-up benchmark
(benchmarks/bench_frozen.py) compares like with like. Every exclusion says why; each one is
checked by ``python3 tasks.py freeze-check`` (export, verify with a later PDF signature,
recap, import, the window).

Imported by the .spec files (PyInstaller runs them as Python with ``SPECPATH`` set); uses
PyInstaller only inside ``trim()``, so the tests can read the lists without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import PurePosixPath

WINDOWS = sys.platform == "win32"

#: Symbols are of no use to the office laptop; stripping libpython alone saves ~18 MB on Linux.
#: (Windows DLLs carry no symbols: their debug data lives in separate .pdb files.)
STRIP = not WINDOWS

#: Python modules never imported at run time (the reason is beside each group).
EXCLUDES = [
    # build and test tools: setuptools' and pkg_resources' runtime hooks otherwise run at
    # every launch (~40 ms), pulled in only by cffi's compile-time helpers
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pip",
    "wheel",
    "tkinter",
    "_tkinter",
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "ensurepip",
    "venv",
    "test",
    "pytest",
    "_pytest",
    "pytestqt",
    # optional accelerators or back-ends nobody here uses: numpy only feeds optional array
    # helpers of Pillow, openpyxl and pypdfium2; requests is not a dependency at all. (lxml stays:
    # python-docx, which writes the follow-up's DOCX drafts, cannot work without it.)
    "numpy",
    "requests",
    "tabulate",
    # lxml: python-docx and openpyxl use lxml.etree (and its _elementpath) only; PyInstaller's hook
    # collects every submodule: objectify, html (with its diff), schematron, sax, builder (4.3 MB)
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.sax",
    "lxml.builder",
    "lxml.ElementInclude",
    "lxml.cssselect",
    "lxml.html5parser",
    "lxml.doctestcompare",
    "lxml.usedoctest",
    "lxml.pyclasslookup",
    # cffi's parser: cryptography's bindings are compiled ahead of time (only _cffi_backend
    # is needed at run time)
    "pycparser",
    "cffi",
    # reportlab's XML parser guesses encodings with it; our PDFs never go through that parser
    "charset_normalizer",
    # nothing starts processes (the GUI's long jobs run in threads); drops a runtime hook too
    "multiprocessing",
    # pyHanko imports aiohttp (and through it multidict, yarl, frozenlist, propcache) for
    # online certificate checks the offline app never makes: aiohttp stays, without its
    # optional C speed-ups (each package falls back to its pure-Python twin): 1.4 MB
    "aiohttp._http_parser",
    "aiohttp._http_writer",
    "aiohttp._websocket.mask",
    "aiohttp._websocket.reader_c",
    "multidict._multidict",
    "yarl._quoting_c",
    "frozenlist._frozenlist",
    "propcache._helpers_c",
    # Pillow formats and features we never read or write (pypdfium2 renders to plain RGB
    # images, reportlab embeds PNG/JPEG): their native libraries are 7 MB on Linux
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # Qt modules the widgets app does not use
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtSql",
    "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent",
    "PySide6.QtHelp",
]

#: Qt plugins kept, by plugin folder; a folder not listed is dropped whole.
#: platforms: the real screens (xcb on Linux, windows, cocoa) and offscreen for freeze-check
#: and CI (no Wayland/EGLFS/VNC/linuxfb: Linux desktops under Wayland run the xcb plugin
#: through XWayland). No platform themes: Qt's own file dialog speaks our Indonesian.
QT_PLUGINS_KEPT = {
    "platforms": {"qxcb", "qoffscreen", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qico", "qjpeg", "qgif"},
    "iconengines": {"qsvgicon"},
    "styles": None,  # all: the Windows 11 style lives here (qmodernwindowsstyle)
    "platforminputcontexts": None,  # dead keys and input methods
    "xcbglintegrations": None,  # the xcb plugin probes them at start-up
}

#: Windows: the software OpenGL renderer (20 MB) and ANGLE, for OpenGL/Quick apps only.
QT_WINDOWS_DLLS_DROPPED = {"opengl32sw.dll", "d3dcompiler_47.dll", "libegl.dll", "libglesv2.dll"}


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def _plugin_name(filename: str) -> str:
    stem = filename.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def dropped_data(dest: str) -> bool:
    """Qt's own .qm translations: the app serves Qt's strings from resources/i18n/qt_id.ts."""
    parts = _parts(dest)
    return bool(parts) and parts[0] == "PySide6" and "translations" in parts and dest.endswith(".qm")


def dropped_binary(dest: str) -> bool:
    """A Qt plugin outside QT_PLUGINS_KEPT, or a Windows OpenGL fallback DLL."""
    parts = _parts(dest)
    if not parts:
        return False
    if parts[-1].lower() in QT_WINDOWS_DLLS_DROPPED:
        return True
    if parts[0] != "PySide6" or "plugins" not in parts:
        return False
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return False
    folder, name = parts[at + 1], _plugin_name(parts[-1])
    if folder not in QT_PLUGINS_KEPT:
        return True
    kept = QT_PLUGINS_KEPT[folder]
    return kept is not None and name not in kept


def _needed_closure(binaries: list, dropped: set[str]) -> set[str]:
    """Destinations still needed once ``dropped`` are gone.

    The roots are the binaries nothing else links to (extensions, plugins, libraries loaded
    with ctypes, libpython); a library that only dropped plugins linked to (Wayland client,
    EGLFS support, GTK's cairo/pango for the GTK theme, QtNetwork for VNC) goes too.
    """
    from PyInstaller.depend.bindepend import get_imports

    by_name: dict[str, str] = {}
    by_path: dict[str, str] = {}
    for dest, src, typecode in binaries:
        if typecode == "SYMLINK":
            continue
        by_name.setdefault(os.path.basename(dest).lower(), dest)
        by_path[os.path.realpath(src)] = dest
    deps: dict[str, set[str]] = {}
    for dest, src, typecode in binaries:
        if typecode == "SYMLINK":
            continue
        found = set()
        try:
            imports = get_imports(src)
        except Exception:  # noqa: BLE001 - not a binary PyInstaller can read: keep it, as a root
            imports = ()
        for name, path in imports:
            target = by_path.get(os.path.realpath(path)) if path else None
            target = target or by_name.get(os.path.basename(name).lower())
            if target and target != dest:
                found.add(target)
        deps[dest] = found
    linked = set().union(*deps.values()) if deps else set()
    roots = [d for d in deps if d not in linked and d not in dropped]
    needed: set[str] = set()
    stack = list(roots)
    while stack:
        dest = stack.pop()
        if dest in needed or dest in dropped:
            continue
        needed.add(dest)
        stack.extend(deps.get(dest, ()))
    return needed


def trim(analysis, log=print) -> None:
    """Drop unneeded Qt plugins, translations and the libraries only they needed (in place)."""
    dropped = {dest for dest, _src, typecode in analysis.binaries if typecode != "SYMLINK" and dropped_binary(dest)}
    needed = _needed_closure(list(analysis.binaries), dropped)
    needed_norm = {os.path.normpath(n) for n in needed}
    kept_binaries = []
    removed: list[str] = []
    for entry in analysis.binaries:
        dest, src, typecode = entry
        if typecode == "SYMLINK":  # (link, target) - both relative to the app folder
            keep = (
                os.path.normpath(src) in needed_norm
                or os.path.normpath(os.path.join(os.path.dirname(dest), src)) in needed_norm
            )
        else:
            keep = dest in needed
        if keep:
            kept_binaries.append(entry)
        else:
            removed.append(dest)
    kept_datas = [entry for entry in analysis.datas if not dropped_data(entry[0])]
    log(f"freeze_trim: {len(removed)} binaries and {len(analysis.datas) - len(kept_datas)} data files left out")
    for dest in sorted(removed):
        log(f"  - {dest}")
    analysis.binaries[:] = kept_binaries
    analysis.datas[:] = kept_datas
