"""Packaging files (issue #8): the PyInstaller spec, the Qt plugin table, the Linux .desktop entries and installer,
the Windows Inno Setup script. The build itself is slow: it runs only with BOXOFFICE_BUILD=1 (scripts/build)."""

from __future__ import annotations

import ast
import configparser
import glob
import os
import re
import subprocess
import sys
import tarfile
import types
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest

from boxoffice.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "boxoffice.spec"
ISS = PACKAGING / "windows" / "boxoffice.iss"
LINUX = PACKAGING / "linux"


# --- the spec -----------------------------------------------------------------------------------------------------

class _Recorded:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT: keeps the arguments the spec passes."""

    calls: list[tuple[str, tuple, dict]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries: list = []
        self.datas: list = []
        self.pure: list = []
        self.scripts: list = []
        _Recorded.calls.append((type(self).__name__, args, kwargs))


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str = "linux") -> dict[str, list[tuple[tuple, dict]]]:
    """Execute the spec as PyInstaller would, with the build classes recorded instead of run."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: [(str(ROOT / "resources" / "style.qss"), package)]
    hooks.collect_submodules = lambda package, filter=None: [
        name for name in ("boxoffice.app", "boxoffice.central.app", "boxoffice.ui.application")
        if filter is None or filter(name)
    ]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    _Recorded.calls = []
    names = {name: type(name, (_Recorded,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), {"SPECPATH": str(PACKAGING), **names})
    recorded: dict[str, list[tuple[tuple, dict]]] = {}
    for kind, args, kwargs in _Recorded.calls:
        recorded.setdefault(kind, []).append((args, kwargs))
    return recorded


def test_spec_is_python_and_names_files_that_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"))
    recorded = run_spec(monkeypatch)
    (args, analysis), = recorded["Analysis"]
    scripts = args[0]
    assert all(Path(script).is_file() for script in scripts)
    for source, _dest in analysis["datas"]:
        assert glob.glob(source), f"the spec ships {source}, which matches no file"
    assert all(Path(folder).is_dir() for folder in analysis["hookspath"])
    assert all(Path(folder).is_dir() for folder in analysis["pathex"])


def test_spec_ships_every_translation_and_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    (_args, analysis), = run_spec(monkeypatch)["Analysis"]
    shipped = {Path(match).resolve() for source, _dest in analysis["datas"] for match in glob.glob(source)}
    wanted = {ROOT / "resources" / "style.qss", *(ROOT / "resources" / "translations").glob("*.qm")}
    migrations = ROOT / "boxoffice" / "store" / "migrations"
    wanted |= {migrations / "env.py", migrations / "script.py.mako", *(migrations / "versions").glob("*.py")}
    assert wanted <= shipped
    destinations = {dest for _source, dest in analysis["datas"]}
    assert {"resources", "resources/translations", "boxoffice/store/migrations",
            "boxoffice/store/migrations/versions"} <= destinations


def test_spec_keeps_the_central_server_out(monkeypatch: pytest.MonkeyPatch) -> None:
    (_args, analysis), = run_spec(monkeypatch)["Analysis"]
    assert {"boxoffice.central", "fastapi", "uvicorn"} <= set(analysis["excludes"])
    assert "boxoffice.app" in analysis["hiddenimports"]
    assert not [name for name in analysis["hiddenimports"] if name.startswith("boxoffice.central")]


def test_spec_makes_a_console_program_and_on_windows_a_windowed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    linux = run_spec(monkeypatch, "linux")
    assert [(kw["name"], kw["console"]) for _a, kw in linux["EXE"]] == [("boxoffice", True)]
    windows = run_spec(monkeypatch, "win32")
    assert [(kw["name"], kw["console"]) for _a, kw in windows["EXE"]] == [("boxoffice", True),
                                                                           ("boxoffice-gui", False)]
    (_args, collect), = windows["COLLECT"]
    assert collect["name"] == "boxoffice"


def exe_names(platform: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    return {kw["name"] for _a, kw in run_spec(monkeypatch, platform)["EXE"]}


# --- which Qt plugins stay ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def keep():
    import runpy

    return runpy.run_path(str(PACKAGING / "hooks" / "qt_slim.py"))["keep"]


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqminimal.so", True),
        ("C:/v/site-packages/PySide6/plugins/platforms/qwindows.dll", True),
        ("/v/site-packages/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("/v/site-packages/PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("/v/site-packages/PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("/v/site-packages/PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("/v/site-packages/PySide6/Qt/translations/qtbase_es.qm", True),
        ("C:/v/site-packages/PySide6/translations/qtbase_en.qm", True),
        ("/v/site-packages/PySide6/Qt/translations/qtbase_de.qm", False),
        ("/v/site-packages/PySide6/Qt/translations/qtdeclarative_es.qm", False),
        ("/v/site-packages/PySide6/Qt/translations/qt_es.qm", False),
        ("C:/v/site-packages/PySide6/opengl32sw.dll", False),
        ("/v/site-packages/PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("/work/main/resources/translations/boxoffice_es.qm", True),
        ("resources/translations/boxoffice_es.qm", True),
        ("/v/site-packages/someone/plugins/thing.so", True),
    ],
)
def test_qt_plugin_table(keep, path: str, kept: bool) -> None:
    assert keep(path) is kept


# --- Linux desktop entries and installer --------------------------------------------------------------------------

# Keys of the Desktop Entry Specification 1.5 (plus X- extensions).
DESKTOP_KEYS = {"Type", "Version", "Name", "GenericName", "NoDisplay", "Comment", "Icon", "Hidden", "OnlyShowIn",
                "NotShowIn", "DBusActivatable", "TryExec", "Exec", "Path", "Terminal", "Actions", "MimeType",
                "Categories", "Implements", "Keywords", "StartupNotify", "StartupWMClass", "URL",
                "PrefersNonDefaultGPU", "SingleMainWindow"}
LOCALIZABLE = {"Name", "GenericName", "Comment", "Icon", "Keywords"}
BOOLEAN = {"NoDisplay", "Hidden", "DBusActivatable", "Terminal", "StartupNotify", "PrefersNonDefaultGPU",
           "SingleMainWindow"}
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def read_desktop(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n"), "the first group must be [Desktop Entry]"
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


@pytest.mark.parametrize("name", ["boxoffice.desktop", "boxoffice-kiosk.desktop"])
def test_desktop_entry_is_valid(name: str) -> None:
    entry = read_desktop(LINUX / name)
    for key, value in entry.items():
        match = re.fullmatch(r"([A-Za-z0-9-]+)(\[[A-Za-z_@.]+\])?", key)
        assert match, f"{name}: malformed key {key!r}"
        base, locale = match.groups()
        assert base in DESKTOP_KEYS or base.startswith("X-"), f"{name}: unknown key {key}"
        assert locale is None or base in LOCALIZABLE, f"{name}: {base} cannot be localised"
        if base in BOOLEAN:
            assert value in ("true", "false"), f"{name}: {key} must be true or false"
    assert entry["Type"] == "Application"
    assert entry["Version"] in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")
    assert entry["Name"] and entry["Exec"]
    assert (LINUX / f"{entry['Icon']}.svg").is_file()
    ElementTree.parse(LINUX / f"{entry['Icon']}.svg")
    program, *arguments = entry["Exec"].split()
    assert program == "/opt/boxoffice/boxoffice" == entry["TryExec"]  # install.sh rewrites this exact path
    build_parser().parse_args(arguments)  # the real command line accepts the arguments (exits 2 if not)
    if "Categories" in entry:
        categories = entry["Categories"].split(";")
        assert categories[-1] == "", "Categories must end with ;"
        assert MAIN_CATEGORIES & set(categories)


def test_kiosk_autostart_starts_full_screen_and_stays_out_of_menus() -> None:
    entry = read_desktop(LINUX / "boxoffice-kiosk.desktop")
    assert build_parser().parse_args(entry["Exec"].split()[1:]).kiosk is True
    assert entry["NoDisplay"] == "true"
    assert entry.get("X-GNOME-Autostart-enabled", "true") == "true"


def test_install_script_is_valid_bash_and_installs_what_the_tarball_holds() -> None:
    script = LINUX / "install.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    for name in ("boxoffice.desktop", "boxoffice-kiosk.desktop", "boxoffice.svg"):
        assert f'"$HERE/{name}"' in text and (LINUX / name).is_file()
    build = (ROOT / "scripts" / "build").read_text(encoding="utf-8")
    for name in ("install.sh", "boxoffice.desktop", "boxoffice-kiosk.desktop", "boxoffice.svg"):
        assert f"packaging/linux/{name}" in build  # scripts/build puts it in the tarball
    packages = re.search(r"OS_PACKAGES=\(([^)]*)\)", text)
    assert packages and {"libcups2", "libfontconfig1", "libxcb-cursor0", "libssl3"} <= set(packages[1].split())


# --- Windows installer --------------------------------------------------------------------------------------------

def read_iss() -> tuple[dict[str, str], dict[str, list[str]]]:
    defines: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current = None
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if define := re.fullmatch(r'#define\s+(\w+)\s+"([^"]*)"', line):
            defines[define[1]] = define[2]
        elif line.startswith("#"):
            continue
        elif section := re.fullmatch(r"\[(\w+)\]", line):
            current = section[1]
            sections.setdefault(current, [])
        else:
            assert current is not None, f"line outside any section: {raw}"
            sections[current].append(line)
    return defines, sections


def iss_entries(lines: list[str], defines: dict[str, str]) -> list[dict[str, str]]:
    """Parse ``Name: "x"; Filename: "y"; Tasks: z`` lines, expanding ``{#Define}``."""
    entries = []
    for line in lines:
        for name, value in defines.items():
            line = line.replace("{#" + name + "}", value)
        parts = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)
        entries.append({key: value.strip().strip('"') for key, value in parts})
    return entries


def test_inno_setup_script_has_the_sections_and_autostart_task(monkeypatch: pytest.MonkeyPatch) -> None:
    defines, sections = read_iss()
    assert {"Setup", "Files", "Icons", "Tasks"} <= set(sections)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["AppId"].startswith("{{") and "DefaultDirName" in setup and "OutputBaseFilename" in setup
    tasks = {entry["Name"]: entry for entry in iss_entries(sections["Tasks"], defines)}
    assert "autostart" in tasks and "unchecked" in tasks["autostart"].get("Flags", "")  # optional, off by default
    icons = iss_entries(sections["Icons"], defines)
    autostart = [icon for icon in icons if icon.get("Tasks") == "autostart"]
    assert len(autostart) == 1 and autostart[0]["Name"].startswith(("{commonstartup}", "{userstartup}"))
    assert build_parser().parse_args(autostart[0]["Parameters"].split()).kiosk is True
    assert any(icon["Name"].startswith("{group}") and icon["Filename"].endswith("-gui.exe") for icon in icons)


def test_inno_setup_script_takes_what_the_build_produces(monkeypatch: pytest.MonkeyPatch) -> None:
    defines, sections = read_iss()
    (source,) = [entry["Source"] for entry in iss_entries(sections["Files"], defines)]
    bundle = (ISS.parent / source.replace("\\", "/")).parent.resolve()
    # scripts/build and build.ps1 run PyInstaller with --distpath dist; the spec's COLLECT is named "boxoffice".
    (_args, collect), = run_spec(monkeypatch, "win32")["COLLECT"]
    assert bundle == ROOT / "dist" / collect["name"]
    assert "--distpath dist" in (ISS.parent / "build.ps1").read_text(encoding="utf-8")
    programs = {f"{name}.exe" for name in exe_names("win32", monkeypatch)}
    used = {Path(entry["Filename"].replace("\\", "/")).name for entry in iss_entries(sections["Icons"], defines)
            if entry["Filename"].startswith("{app}")}
    used |= {Path(entry["Filename"].replace("\\", "/")).name
             for entry in iss_entries(sections.get("Run", []), defines)}
    assert used and used <= programs
    for icon in iss_entries(sections["Icons"], defines):
        if icon["Filename"] == "{cmd}":  # the diagnostics entry runs the console program
            assert Path(re.search(r'""(.+?)""', icon["Parameters"])[1].replace("\\", "/")).name in programs


# --- the real build (slow) ----------------------------------------------------------------------------------------

@pytest.mark.skipif(os.environ.get("BOXOFFICE_BUILD") != "1", reason="slow: set BOXOFFICE_BUILD=1 (runs scripts/build)")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle")
def test_linux_bundle_builds_passes_its_smoke_test_and_fits_the_budget() -> None:
    result = subprocess.run([str(ROOT / "scripts" / "build")], capture_output=True, text=True, timeout=1800,
                            env={k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"})
    assert result.returncode == 0, result.stderr[-4000:]
    assert "smoke test" in result.stderr and "[build] ok" in result.stderr
    import boxoffice

    (tarball,) = (ROOT / "dist").glob(f"boxoffice-{boxoffice.__version__}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    top = tarball.name.removesuffix(".tar.gz")
    assert {f"{top}/install.sh", f"{top}/boxoffice/boxoffice", f"{top}/boxoffice.desktop"} <= names
