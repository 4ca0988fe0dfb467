"""Reading files people send: tables (CSV, XLSX) and structured data (YAML, JSON), with limits.

One reader for the bot and the operator's command line (``bot/cli.py``). Every reader is
bounded by construction, so a hostile file is refused early instead of being parsed to the end:

- the bytes are counted before anything is parsed;
- XLSX: the zip's declared unpacked sizes are added up (and the packing ratio checked) before
  openpyxl opens it — ``zipfile`` never unpacks a member past its declared size — then the
  first sheet is read in openpyxl's streaming ``read_only`` mode, stopping at the row limit;
- CSV: decoded strictly (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1251),
  refused if it is not text; line ends CR, LF or CRLF; rows, columns and cell length counted;
- YAML: composed by PyYAML's safe loader with the depth counted while composing, then the
  node graph is measured with aliases expanded (billion laughs, alias loops) before a single
  Python object is built; JSON: the nesting depth is counted before ``json.loads``;
- a deadline is checked per row and per YAML node: a parse that somehow runs long stops itself.

Problems are ``FileProblem(key, **params)``; the keys live in ``locales/*/files.ftl``, so the
bot and the command line can each say them in their own language, with a way forward.

Handlers call ``off_loop(read_table, …)``: parsing runs in a small thread pool of its own,
never on the event loop, and at most two files are parsed at once. Why threads and not
processes: with every stage bounded as above there is no runaway parse to kill, and a thread
costs nothing to start, needs no pickling and works the same everywhere; a process per upload
would add a second of start-up and a fork of an asyncio program for no further protection.
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import functools
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import PurePath
from typing import Any, TypeVar

import yaml  # type: ignore[import-untyped]

from domain import instrument as instruments

MB = 1024 * 1024
#: the last row number a spreadsheet can have (Excel's limit); a sheet claiming more is hostile
SHEET_MAX_LINE = 1_048_576
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
DATA_SUFFIXES = (".yaml", ".yml", ".json")

T = TypeVar("T")


class FileProblem(Exception):
    """Why a file is refused: a message key in ``locales/*/files.ftl`` and its parameters.
    ``line`` (when known) is also among the parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key, params)

    @property
    def line(self) -> int | None:
        line = self.params.get("line")
        return line if isinstance(line, int) else None


@dataclass(frozen=True, slots=True)
class TableLimits:
    max_bytes: int = 2 * MB
    #: non-empty rows besides the first one (a header row is always allowed on top)
    max_rows: int = 500
    max_columns: int = 30
    max_cell_chars: int = 5000
    #: XLSX: all zip members together, unpacked, as the zip declares them
    max_unpacked_bytes: int = 20 * MB
    #: XLSX: unpacked / packed for a member of more than 1 MB (ordinary sheets: 5–30)
    max_ratio: int = 100
    max_members: int = 500
    seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class DataLimits:
    max_bytes: int = 256 * 1024
    max_depth: int = 32
    #: values in the document with every alias expanded
    max_nodes: int = 20_000
    seconds: float = 5.0


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise FileProblem("file-error-slow", seconds=max(1, round(self.seconds)))


# ---- running off the event loop -----------------------------------------------------------

#: two workers: two files parsed at once at most (memory stays bounded), the rest wait in line
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="uploads")


async def off_loop(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a reader in the upload pool; the event loop keeps serving everyone else."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_POOL, functools.partial(fn, *args, **kwargs))


# ---- tables ---------------------------------------------------------------------------------

Row = tuple[int, list[str]]


def read_table(data: bytes, filename: str, limits: TableLimits = TableLimits()) -> list[Row]:
    """The non-empty rows of a CSV or of the first sheet of an XLSX as (line, cells as text).

    Line numbers are the row numbers a spreadsheet program shows (blank rows count).
    Raises ``FileProblem``.
    """
    if len(data) > limits.max_bytes:
        raise FileProblem("file-error-too-big", size=_mb(len(data)), max=_mb(limits.max_bytes))
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in TABLE_SUFFIXES:
        raise FileProblem("file-error-type", name=filename)
    deadline = _Deadline(limits.seconds)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 container: Excel 97–2003 .xls
        raise FileProblem("file-error-xls")
    if data.startswith(b"PK\x03\x04"):  # a zip: an XLSX, whatever the name says
        return _read_xlsx(data, limits, deadline)
    if suffix in (".xlsx", ".xlsm"):
        raise FileProblem("file-error-bad-xlsx")
    return _read_csv(data, limits, deadline)


def _mb(n: int) -> float:
    return round(n / MB, 2)


def _collect(rows: Iterable[tuple[int, Any]], limits: TableLimits, deadline: _Deadline,
             convert: Callable[[Any], str]) -> list[Row]:
    out: list[Row] = []
    for line, cells in rows:
        deadline.check()
        if line > SHEET_MAX_LINE:
            raise FileProblem("file-error-rows", max=limits.max_rows)
        width = len(cells)
        while width and (cells[width - 1] is None or cells[width - 1] == ""):
            width -= 1
        if not width:
            continue
        if width > limits.max_columns:
            raise FileProblem("file-error-columns", line=line, max=limits.max_columns)
        values = [convert(c) for c in cells[:width]]
        for column, value in enumerate(values, 1):
            if len(value) > limits.max_cell_chars:
                raise FileProblem("file-error-cell-long", line=line, column=column,
                                  max=limits.max_cell_chars)
        if not any(v.strip() for v in values):
            continue
        if len(out) > limits.max_rows:  # the header and max_rows rows are already in
            raise FileProblem("file-error-rows", max=limits.max_rows)
        out.append((line, values))
    return out


def _cell_text(value: Any) -> str:
    """A spreadsheet value as the text a person sees: dates as «25.12.2026 10:00», whole
    numbers without «.0»."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.time() == clock_time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, clock_time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class _TimedBytes(io.BytesIO):
    """The file as openpyxl's zip sees it: every read of packed bytes checks the deadline, so
    even openpyxl's own work (e.g. scanning a whole sheet that lacks its «dimension») stops in
    time; with the packing ratio bounded, little is unpacked between two checks."""

    def __init__(self, data: bytes, deadline: _Deadline) -> None:
        super().__init__(data)
        self._deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        self._deadline.check()
        return super().read(size)


def _read_xlsx(data: bytes, limits: TableLimits, deadline: _Deadline) -> list[Row]:
    buf = _TimedBytes(data, deadline)
    try:
        with zipfile.ZipFile(buf) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise FileProblem("file-error-bad-xlsx") from None
    if len(members) > limits.max_members:
        raise FileProblem("file-error-bad-xlsx")
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes or any(
        m.file_size > MB and m.file_size > limits.max_ratio * max(m.compress_size, 1)
        for m in members
    ):
        raise FileProblem("file-error-unpacked", max=_mb(limits.max_unpacked_bytes))

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(buf, read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise FileProblem("file-error-bad-xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never pad rows to a declared «A1:XFD1048576»
        rows = enumerate(sheet.iter_rows(values_only=True), 1)
        return _collect(rows, limits, deadline, _cell_text)
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001
        raise FileProblem("file-error-bad-xlsx") from None
    finally:
        workbook.close()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or plainly so),
    else Windows-1251. Raises ``FileProblem`` for what is not text at all."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        high = data[1:4096:2]
        # «Unicode text» without its BOM: every other byte is the high byte of Latin (0) or
        # Cyrillic (4) letters
        if len(high) >= 2 and high.count(0) + high.count(4) >= 0.9 * len(high):
            encoding = "utf-16-le"
        else:
            raise FileProblem("file-error-not-text")
    else:
        try:
            return _text_only(data.decode("utf-8"))
        except UnicodeDecodeError:
            encoding = "cp1251"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise FileProblem("file-error-encoding") from None
    return _text_only(text)


def _text_only(text: str) -> str:
    control = len(_CONTROL.findall(text, 0, 1_000_000))
    if "\x00" in text or control > max(8, min(len(text), 1_000_000) // 200):
        raise FileProblem("file-error-not-text")
    return text


def _read_csv(data: bytes, limits: TableLimits, deadline: _Deadline) -> list[Row]:
    text = decode_text(data)
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    sample = first[:20_000].rstrip("\r\n")

    def cells(delimiter: str) -> int:
        try:
            return len(next(csv.reader([sample], delimiter=delimiter), []))
        except csv.Error:
            return 0

    # the delimiter that splits the first line into the most cells (quotes respected);
    # csv.Sniffer fails on CRLF files with a quoted comma and on one-column files
    delimiter = max(";\t,", key=cells)
    # newline="": records end at CR, LF or CRLF (Excel for Mac writes CR), quoted line breaks
    # stay inside their cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect(enumerate(reader, 1), limits, deadline, str)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileProblem("file-error-cell-long", line=reader.line_num, column=1,
                              max=limits.max_cell_chars) from None
        raise FileProblem("file-error-not-table", line=reader.line_num) from None


# ---- structured data: YAML and JSON -----------------------------------------------------

DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Loaded:
    """Parsed data, the text it came from and where each value starts (1-based lines)."""

    data: Any
    text: str
    lines: Mapping[DataPath, int] = field(default_factory=dict)


def load_data(raw: bytes, filename: str, limits: DataLimits = DataLimits()) -> Loaded:
    """A YAML or JSON document (by the file's suffix) as plain Python data, safely.

    Raises ``FileProblem``: file-error-type, -too-big, -encoding, -not-text, -syntax, -deep,
    -nodes, -alias-loop, -slow.
    """
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in DATA_SUFFIXES:
        raise FileProblem("file-error-type", name=filename)
    if len(raw) > limits.max_bytes:
        raise FileProblem("file-error-too-big", size=_mb(len(raw)), max=_mb(limits.max_bytes))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("file-error-encoding") from None
    if "\x00" in text:
        raise FileProblem("file-error-not-text")
    deadline = _Deadline(limits.seconds)
    if suffix == ".json":
        _json_depth(text, limits.max_depth)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileProblem("file-error-syntax", problem=exc.msg, line=exc.lineno) from None
        except (ValueError, RecursionError) as exc:  # e.g. a number of 5000 digits
            raise FileProblem("file-error-syntax", problem=str(exc)[:200]) from None
        _count_values(data, limits.max_nodes)
        try:  # where values start: JSON is (nearly always) YAML too
            lines = _compose_yaml(text, limits, deadline)[1]
        except FileProblem:
            raise
        except Exception:  # noqa: BLE001 - no line numbers, still a good document
            lines = {}
        return Loaded(data, text, lines)
    root, lines = _compose_yaml(text, limits, deadline)
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise FileProblem("file-error-syntax", problem=str(exc)[:200]) from None
    finally:
        loader.dispose()
    return Loaded(data, text, lines)


def _count_values(data: Any, limit: int) -> None:
    """Keys and values, as YAML's nodes are counted (JSON has no aliases: no expansion)."""
    count, stack = 0, [data]
    while stack:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            count += len(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        if count > limit:
            raise FileProblem("file-error-nodes", max=limit)


def _syntax(exc: yaml.YAMLError) -> FileProblem:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    params: dict[str, Any] = {"problem": str(problem)[:200]}
    if mark is not None:
        params["line"] = mark.line + 1
    return FileProblem("file-error-syntax", **params)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def _json_depth(text: str, limit: int) -> None:
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                raise FileProblem("file-error-deep", max=limit,
                                  line=text.count("\n", 0, match.start()) + 1)
        elif token in ("]", "}"):
            depth -= 1


class _BoundedComposer(yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's (pure Python) safe loader that refuses to nest deeper than a limit while it
    composes, and checks the deadline as it goes."""

    def __init__(self, text: str, limits: DataLimits, deadline: _Deadline) -> None:
        super().__init__(text)
        self._limits = limits
        self._deadline = deadline
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        self._nodes += 1
        try:
            if self._depth > self._limits.max_depth:
                event = self.peek_event()
                raise FileProblem("file-error-deep", max=self._limits.max_depth,
                                  line=event.start_mark.line + 1)
            if self._nodes % 128 == 0:
                self._deadline.check()
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose_yaml(text: str, limits: DataLimits, deadline: _Deadline
                  ) -> tuple[yaml.Node | None, dict[DataPath, int]]:
    loader = _BoundedComposer(text, limits, deadline)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc) from None
    except yaml.YAMLError as exc:
        raise FileProblem("file-error-syntax", problem=str(exc)[:200]) from None
    finally:
        loader.dispose()
    lines: dict[DataPath, int] = {}
    if root is not None:
        _measure(root, limits, deadline, lines)
    return root, lines


def _measure(root: yaml.Node, limits: DataLimits, deadline: _Deadline,
             lines: dict[DataPath, int]) -> None:
    """Count the values the document stands for with every alias expanded, its depth so
    expanded, refuse alias loops; record where each value starts. Each node is visited once
    (sizes of shared nodes are remembered), so a billion laughs costs a few hundred steps."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) → (expanded size, height)
    active: set[int] = set()

    def walk(node: yaml.Node, path: DataPath, depth: int) -> tuple[int, int]:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            if depth + known[1] - 1 > limits.max_depth:
                raise FileProblem("file-error-deep", max=limits.max_depth,
                                  line=node.start_mark.line + 1)
            return known
        if key in active:
            raise FileProblem("file-error-alias-loop", line=node.start_mark.line + 1)
        if depth > limits.max_depth:
            raise FileProblem("file-error-deep", max=limits.max_depth,
                              line=node.start_mark.line + 1)
        active.add(key)
        lines.setdefault(path, node.start_mark.line + 1)
        size, height = 1, 1
        children: list[tuple[yaml.Node, DataPath, int | None]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                children.append((key_node, path, None))
                children.append((value_node, (*path, name) if name is not None else path,
                                 key_node.start_mark.line + 1 if name is not None else None))
        elif isinstance(node, yaml.SequenceNode):
            children = [(child, (*path, i), None) for i, child in enumerate(node.value)]
        for child, child_path, key_line in children:
            child_size, child_height = walk(child, child_path, depth + 1)
            if key_line is not None:
                lines[child_path] = key_line  # a field is where its key is
            size += child_size
            height = max(height, child_height + 1)
            if size > limits.max_nodes:
                raise FileProblem("file-error-nodes", max=limits.max_nodes)
        active.discard(key)
        sizes[key] = (size, height)
        if len(sizes) % 128 == 0:
            deadline.check()
        return size, height

    walk(root, (), 1)


# ---- the diagnostic instrument ----------------------------------------------------------

#: generic file problems said in the instrument's own words where it has them
_INSTRUMENT_KEYS = {
    "file-error-encoding": "diag-ierr-encoding",
    "file-error-syntax": "diag-ierr-syntax",
}


def read_instrument(raw: bytes, filename: str) -> tuple[instruments.Instrument, str]:
    """An uploaded instrument file (YAML or JSON) validated: (Instrument, its text).

    Raises ``InstrumentInvalid`` with every problem, file-level ones included."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in DATA_SUFFIXES:
        raise instruments.InstrumentInvalid(
            [instruments.Problem("diag-ierr-file-type", {"name": filename})])
    limits = DataLimits(max_bytes=instruments.MAX_FILE_BYTES)
    try:
        loaded = load_data(raw, filename, limits)
    except FileProblem as exc:
        if exc.key == "file-error-too-big":
            problem = instruments.Problem("diag-ierr-file-size",
                                          {"max": instruments.MAX_FILE_BYTES // 1024})
        else:
            params = {k: v for k, v in exc.params.items() if k != "line"}
            problem = instruments.Problem(_INSTRUMENT_KEYS.get(exc.key, exc.key), params, (),
                                          exc.line)
        raise instruments.InstrumentInvalid([problem]) from None
    return instruments.validate(loaded.data, loaded.lines), loaded.text
