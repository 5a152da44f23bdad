"""Where a platform unit's build writes, and so what a unit's output may hold when it is merged.

One place for the folders the platform writes itself beside the units' folders, so that the
catalogue refuses a department id that would collide with one (core/units.py), the merge refuses
a unit output that writes outside its own paths (assembly/merge.py), and a test compares this
list with what a real unit build writes (tests/test_merge_verifies.py), so it cannot drift.

- A department `<id>` writes its pages and exports under `<id>/`, its search index under
  `search/units/<id>/`, its hand-over under `_unit/<id>/`; the theme's files (`assets/`) and
  MkDocs' own `search/search_index.json` are written by every unit alike, and only the
  government's copy is published.
- The government writes everything else: its categories at the root, its exports under `gov/`,
  `404.html`, `robots.txt`.
"""

from __future__ import annotations

import unicodedata

BUILD_DIR = "build"                # a platform's unit outputs (never published, but merged: nothing else goes in)
UNITS_DIR = f"{BUILD_DIR}/units"
GOVERNMENT = "gov"                 # the government's own unit id (its exports folder is gov/)
UNIT_FOLDER = "_unit"              # the hand-over folder, never published
SEARCH_FOLDER = "search"           # the search index; a unit's own under search/units/<id>/
ASSETS_FOLDER = "assets"           # the theme's stylesheets, scripts and images
SEARCH_UNITS = f"{SEARCH_FOLDER}/units"
# Written by every unit build alike; the government's copy is the site's.
SHARED_FILES = (f"{SEARCH_FOLDER}/search_index.json", "404.html")
SHARED_FOLDERS = (f"{ASSETS_FOLDER}/",)

# The top-level folders the platform writes itself, and what they are (for the editor's message).
PLATFORM_FOLDERS = {
    GOVERNMENT: "政府本级（保留标识）",
    ASSETS_FOLDER: "平台自己生成的 assets/ 文件夹（网页的样式、脚本和图标）",
    SEARCH_FOLDER: "平台自己生成的 search/ 文件夹（站内搜索索引）",
    UNIT_FOLDER: "平台自己生成的 _unit/ 文件夹（各单位交给合并的记录）",
}


def own_prefixes(unit: str) -> tuple[str, ...]:
    """The folders only `unit` writes (a department; the government owns what no department does)."""
    return (f"{unit}/", f"{UNIT_FOLDER}/{unit}/", f"{SEARCH_UNITS}/{unit}/")


def shared(path: str) -> bool:
    return path in SHARED_FILES or path.startswith(SHARED_FOLDERS)


def belongs_to(path: str, unit: str, units: list[str]) -> bool:
    """Whether a unit's output may hold `path` (a relative POSIX path): its own folders, the shared files,
    and for the government everything that is not another unit's."""
    if shared(path):
        return True
    if unit != GOVERNMENT:
        return path.startswith(own_prefixes(unit))
    # JYJ/ or jyj./ is jyj/ to a server on Windows (IIS); and a file named jyj, search or search/units stands where
    # a department's folder (or the platform's) goes: it is no file of the government's own
    folder = same_address(path) + "/"
    reserved = (f"{UNIT_FOLDER}/", f"{SEARCH_UNITS}/")
    if folder.startswith(reserved) or any(prefix.startswith(folder) for prefix in reserved):
        return path.startswith(own_prefixes(unit))
    return not any(folder.startswith(f"{other}/") for other in units if other != GOVERNMENT)


# The files the build writes beside the pages (the catalogue exports, the feed, the sitemaps, robots.txt, the 404 page),
# at the root and under each unit's (and the government's) folder; and the folders it fills itself.
SITE_OUTPUTS = frozenset({"404.html", "robots.txt", "catalogue.csv", "catalogue.json", "feed.xml", "sitemap.xml",
                          "sitemap.xml.gz"})
OUTPUT_FOLDERS = (SEARCH_FOLDER, UNIT_FOLDER)


def written_by_build(path: str, units: tuple[str, ...] = ()) -> bool:
    """Whether a server would serve `path` (a file of the docs folder, relative) at an address the build writes itself:
    one of the two files would replace the other in site/, or on a server that does not tell case or Unicode forms apart
    (IIS; a site copied to Windows or macOS), and readers asking for one would get the other."""
    *folders, name = same_address(path).split("/")
    if folders and folders[0] in OUTPUT_FOLDERS:
        return True
    return name in SITE_OUTPUTS and "/".join(folders) in ("", GOVERNMENT, *units)


def same_address(path: str) -> str:
    """`path` as a server may map it to a file: NFC, case folded, each part without trailing dots and spaces
    (IIS on Windows serves jyj/Fees./a.html for jyj/fees/a.html; macOS stores names decomposed)."""
    return "/".join(part.rstrip(". ") for part in unicodedata.normalize("NFC", path).casefold().split("/"))


# The names Windows keeps for devices (IIS serves from NTFS): a folder or file named so cannot be created there, with any
# extension (con.pdf, nul.tar.gz) and in any case; a copy of site/ to the server fails on it, or leaves the rest half
# copied. Windows reads ¹ ² ³ as digits after COM and LPT.
_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"}
                          | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"})


def windows_device_name(part: str) -> bool:
    """Whether a file or folder name is one of Windows' device names, whatever follows its first dot."""
    return part.split(".", 1)[0].rstrip(" ").casefold() in _DEVICE_NAMES


def safe_relative(path: object) -> bool:
    """A relative POSIX path with no empty, `.` or `..` part, no backslash, no drive: the only kind a manifest may list."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path or "\0" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))
