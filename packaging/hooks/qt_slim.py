"""Which Qt plugins and files the box office bundle keeps (used by the hook-PySide6.*.py files beside this).

Filtering inside the hooks, before PyInstaller follows each binary's shared-library dependencies, also drops
what only a dropped plugin needed (the GTK theme pulls in cairo and GDK, the Wayland plugins the Wayland Qt
libraries, the virtual keyboard Qt Quick and QML). The app uses QtCore, QtGui, QtWidgets and QtPrintSupport.
"""

from __future__ import annotations

import re
from pathlib import Path

# Plugins by folder: None keeps the whole folder, a set keeps only the plugins named, a folder not listed is
# dropped. Names without the "lib"/"q" decoration, suffix and extension, so the table serves Linux and Windows.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"xcb", "offscreen", "minimal", "windows"},  # X11, headless checks, Windows
    "platforminputcontexts": {"compose", "ibus"},  # dead keys and input methods on X11 (not the QML keyboard)
    "xcbglintegrations": None,  # small; libqxcb looks for them when it opens a window
    # "imageformats": the app shows no image files; PNG (what grab() saves) and BMP are built into QtGui.
    "printsupport": None,  # CUPS: system printers
    "styles": None,  # Windows: the native widget style
}

# Qt's own translations the app loads (its languages are Spanish and English).
QT_TRANSLATIONS = {"qtbase_es.qm", "qtbase_en.qm"}

# Windows: software OpenGL and the shader compiler serve Qt Quick and OpenGL widgets, which the app does not use.
WINDOWS_GL_FILES = {"opengl32sw.dll", "d3dcompiler_47.dll"}


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` -> ``xcb``, ``qwindows.dll`` -> ``windows``, ``libcomposeplatforminputcontextplugin.so``
    -> ``compose``."""
    stem = re.sub(r"\.(so|dll|dylib)(\.\d+)*$", "", filename, flags=re.IGNORECASE)
    stem = re.sub(r"^lib", "", stem)
    stem = re.sub(r"(platforminputcontextplugin|plugin)$", "", stem)
    return re.sub(r"^q(?=[a-z])", "", stem)


def keep(source: str) -> bool:
    """True for a file the bundle needs: every non-plugin file, and the plugins listed above.

    Of Qt's own translations only qtbase in the app's languages stays (standard buttons, file dialogs: loaded
    by boxoffice.ui.application.install_translations); the other modules' and languages' files are dropped.
    """
    parts = Path(source).parts
    if parts[-1].lower() in WINDOWS_GL_FILES:
        return False
    if "PySide6" in parts and "translations" in parts:
        return parts[-1] in QT_TRANSLATIONS
    if "PySide6" not in parts or "plugins" not in parts:
        return True
    index = len(parts) - 1 - parts[::-1].index("plugins")
    if len(parts) < index + 3:
        return True
    wanted = KEEP_PLUGINS.get(parts[index + 1], set())
    return wanted is None or plugin_name(parts[-1]) in wanted


def slim(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Filter a hook's (source, destination folder) list."""
    return [entry for entry in entries if keep(entry[0])]
