"""The one reader of uploaded and imported files (handlers/uploads.py): hostile files are refused
early, cheaply and with a message key; odd but honest files (Excel for Mac, cp1251, UTF-16) are
read. No database, no Telegram."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from openpyxl import Workbook

from handlers import uploads
from handlers.uploads import DataLimits, FileProblem, TableLimits, load_data, read_table
from tests.support import hostile


@contextmanager
def cheap(seconds: float = 5.0, megabytes: int = 40) -> Iterator[None]:
    """The block allocates at most `megabytes` (Python objects) and ends within `seconds`
    (generous: the machine may be busy and tracemalloc slows Python down; the files would
    take minutes and gigabytes without the limits)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    took = time.perf_counter() - start
    assert peak < megabytes * 2**20, f"peak {peak / 2**20:.0f} MB"
    assert took < seconds, f"took {took:.1f} s"


def refused(fn: Callable[..., Any], *args: Any) -> FileProblem:
    with pytest.raises(FileProblem) as err:
        fn(*args)
    return err.value


# ---- YAML and JSON ------------------------------------------------------------------------


def test_billion_laughs_is_refused_before_it_grows() -> None:
    data = hostile.billion_laughs()
    assert len(data) < 400
    with cheap(megabytes=5):
        problem = refused(load_data, data, "i.yaml")
    assert problem.key == "file-error-nodes"


def test_an_alias_loop_is_refused() -> None:
    assert refused(load_data, hostile.alias_loop(), "i.yaml").key == "file-error-alias-loop"


@pytest.mark.parametrize(("name", "make"), [("i.yaml", hostile.deep_yaml),
                                            ("i.json", hostile.deep_json)])
def test_nesting_100_000_deep_is_refused(name: str, make: Callable[[], bytes]) -> None:
    # PyYAML looks up to 1024 characters ahead for a possible key: ~0.4 s, whatever the size
    with cheap(seconds=15, megabytes=20):
        problem = refused(load_data, make(), name, DataLimits(max_bytes=1 << 20))
    assert problem.key == "file-error-deep" and problem.params["max"] == 32
    assert problem.line == 1


def test_depth_through_aliases_counts_too() -> None:
    text = "a: &a [[[[[[[[[[1]]]]]]]]]]\nb: [[[[[[[[[[*a]]]]]]]]]]\n"
    assert load_data(text.encode(), "i.yaml", DataLimits(max_depth=30)).data["b"]
    problem = refused(load_data, text.encode(), "i.yaml", DataLimits(max_depth=15))
    assert problem.key == "file-error-deep"


def test_modest_aliases_and_merge_keys_are_fine_with_lines() -> None:
    text = "base: &b\n  x: 1\nitem:\n  <<: *b\n  y: 2\nlist:\n  - *b\n  - z\n"
    loaded = load_data(text.encode(), "i.yaml")
    assert loaded.data["item"] == {"x": 1, "y": 2} and loaded.data["list"][0] == {"x": 1}
    assert loaded.lines[("item", "y")] == 5 and loaded.lines[("list", 1)] == 8
    assert loaded.text == text


def test_json_lines_and_syntax_and_huge_numbers() -> None:
    loaded = load_data(b'{"a": 1,\n "b": [1,\n 2]}', "i.json")
    assert loaded.data == {"a": 1, "b": [1, 2]} and loaded.lines[("b", 1)] == 3
    problem = refused(load_data, b'{"a": 1,\n "b": }', "i.json")
    assert problem.key == "file-error-syntax" and problem.line == 2
    assert refused(load_data, b'{"a": ' + b"9" * 5000 + b"}", "i.json").key == "file-error-syntax"
    assert refused(load_data, b"a: " + b"9" * 5000, "i.yaml").key == "file-error-syntax"


def test_values_are_counted_in_json_too_and_the_default_instrument_is_far_from_it() -> None:
    many = b"[" + b",".join([b"0"] * 100_000) + b"]"
    assert refused(load_data, many, "i.json").key == "file-error-nodes"
    from domain.instrument import DEFAULT_PATH

    default = DEFAULT_PATH.read_bytes()
    load_data(default, "i.yaml", DataLimits(max_nodes=DataLimits().max_nodes // 10))


def test_a_slow_document_stops_itself() -> None:
    text = "".join(f"- {n}\n" for n in range(2000)).encode()
    assert refused(load_data, text, "i.yaml", DataLimits(seconds=0)).key == "file-error-slow"


def test_data_size_encoding_and_binary() -> None:
    assert refused(load_data, b"#" * 300_000, "i.yaml").key == "file-error-too-big"
    assert refused(load_data, "ы: 1".encode("cp1251"), "i.yaml").key == "file-error-encoding"
    assert refused(load_data, b"a: 1\x00\x00", "i.yaml").key == "file-error-not-text"
    assert refused(load_data, b"a: 1", "i.txt").key == "file-error-type"


def test_instrument_upload_problems_are_instrument_problems() -> None:
    from domain.instrument import InstrumentInvalid

    for data, name, key in [(hostile.billion_laughs(), "i.yaml", "file-error-nodes"),
                            (hostile.deep_json(), "i.json", "file-error-deep"),
                            (b"#" * 300_000, "i.yaml", "diag-ierr-file-size"),
                            (b"a: [1", "i.yaml", "diag-ierr-syntax")]:
        with pytest.raises(InstrumentInvalid) as err:
            uploads.read_instrument(data, name)
        [problem] = err.value.problems
        assert problem.key == key, name


# ---- XLSX ---------------------------------------------------------------------------------


def test_an_xlsx_bomb_is_refused_by_its_declared_sizes() -> None:
    bomb = hostile.xlsx_bomb(800_000)  # ~40 MB of sheet XML
    assert len(bomb) < 2 * 2**20
    with cheap(megabytes=10):
        problem = refused(read_table, bomb, "plan.xlsx")
    assert problem.key == "file-error-unpacked"


def test_a_zip_that_lies_about_its_sizes_is_not_unpacked_past_them() -> None:
    with cheap(megabytes=10):
        problem = refused(read_table, hostile.xlsx_lying(400_000), "plan.xlsx")
    assert problem.key == "file-error-bad-xlsx"


def test_many_small_rows_stop_at_the_row_limit() -> None:
    many = hostile.xlsx_many_rows(20_000)  # ~1 MB unpacked: under the size limits
    with cheap(megabytes=20):
        problem = refused(read_table, many, "plan.xlsx", TableLimits(max_rows=500))
    assert problem.key == "file-error-rows" and problem.params == {"max": 500}


def test_a_slow_workbook_stops_itself() -> None:
    noisy = hostile.xlsx_noisy(80_000)  # 3 MB unpacked, honestly packed: passes the checks,
    limits = TableLimits(max_rows=100_000, seconds=0.05)  # takes ~4 s to read through
    start = time.perf_counter()
    assert refused(read_table, noisy, "plan.xlsx", limits).key == "file-error-slow"
    assert time.perf_counter() - start < 2


def test_xlsx_columns_cells_and_values() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Название", "Дата", "Часы", "Доля", None, None])
    ws.append([])
    ws.append(["Семинар", datetime(2026, 12, 25, 10, 0), 6, 1.5])
    ws.append([None, None])
    import io

    out = io.BytesIO()
    wb.save(out)
    rows = read_table(out.getvalue(), "plan.xlsx")
    assert rows == [(1, ["Название", "Дата", "Часы", "Доля"]),
                    (3, ["Семинар", "25.12.2026 10:00", "6", "1.5"])]
    ws.cell(row=5, column=16384, value="far right")
    out = io.BytesIO()
    wb.save(out)
    problem = refused(read_table, out.getvalue(), "plan.xlsx", TableLimits(max_columns=30))
    assert problem.key == "file-error-columns" and problem.line == 5
    ws.cell(row=5, column=16384, value=None)
    ws.cell(row=4, column=1, value="я" * 6000)
    out = io.BytesIO()
    wb.save(out)
    problem = refused(read_table, out.getvalue(), "plan.xlsx", TableLimits(max_cell_chars=5000))
    assert problem.key == "file-error-cell-long" and problem.params["line"] == 4


# ---- CSV and other files --------------------------------------------------------------------

ROWS = [["Регион", "Муниципалитет", "Школа"], ["Тюменская область", "г. Тюмень", "СОШ № 5"],
        [], ["Тюменская область", "г. Ишим", "СОШ, корпус 2"]]
EXPECTED = [(1, ROWS[0]), (2, ROWS[1]), (4, ROWS[3])]


def _csv(newline: str, delimiter: str, encoding: str) -> bytes:
    def cell(v: str) -> str:
        return f'"{v}"' if delimiter in v or "," in v else v
    return newline.join(delimiter.join(cell(v) for v in r) for r in ROWS).encode(encoding)


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1251"), (",", "utf-8"),
                                                     ("\t", "utf-8-sig"), (";", "utf-16")])
def test_csv_line_ends_delimiters_encodings(newline: str, delimiter: str, encoding: str) -> None:
    assert read_table(_csv(newline, delimiter, encoding), "orgs.csv") == EXPECTED


def test_excel_unicode_text_without_bom_and_quoted_line_breaks() -> None:
    text = "a\tb\r1\t\"two\rlines\"\r"
    assert read_table(text.encode("utf-16-le"), "t.txt") == [(1, ["a", "b"]),
                                                              (2, ["1", "two\rlines"])]
    text = "Регион\tМуниципалитет\r\nТюменская область\tг. Тюмень\r\n"
    assert read_table(text.encode("utf-16-le"), "t.txt")[1] == (2, ["Тюменская область",
                                                                   "г. Тюмень"])


def test_binary_and_other_formats_named_csv() -> None:
    with cheap(megabytes=5):
        assert refused(read_table, hostile.binary(), "plan.csv").key == "file-error-not-text"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert refused(read_table, ole, "plan.xls.csv").key == "file-error-xls"
    assert refused(read_table, b"a;b\n1;2", "plan.xlsx").key == "file-error-bad-xlsx"
    assert refused(read_table, b"%PDF-1.4", "plan.pdf").key == "file-error-type"
    # an XLSX someone renamed to .csv is still read as what it is
    assert read_table(hostile.xlsx([["a", "b"]]), "plan.csv") == [(1, ["a", "b"])]
    # neither UTF-8 nor Windows-1251 (0x98 is unassigned there)
    assert refused(read_table, b"a;b\n\x98\x98;c", "plan.csv").key == "file-error-encoding"


def test_csv_limits() -> None:
    many = "\n".join(f"{n};x" for n in range(600)).encode()
    assert refused(read_table, many, "p.csv", TableLimits(max_rows=500)).key == "file-error-rows"
    assert len(read_table(many, "p.csv", TableLimits(max_rows=599))) == 600
    wide = ";".join("x" * 40).encode()
    problem = refused(read_table, wide, "p.csv", TableLimits(max_columns=30))
    assert problem.key == "file-error-columns" and problem.line == 1
    long_cell = b"a;b\n1;" + b"x" * 200_000  # past the csv module's own field limit
    problem = refused(read_table, long_cell, "p.csv")
    assert problem.key == "file-error-cell-long" and problem.line == 2
    assert refused(read_table, b"x" * (3 * 2**20), "p.csv").key == "file-error-too-big"
    blank = b"\n" * 1_100_000 + b"a;b"
    assert refused(read_table, blank, "p.csv").key == "file-error-rows"


def test_every_problem_has_a_message_in_both_languages() -> None:
    import re
    from pathlib import Path

    from tests.test_locales import keys

    source = Path(uploads.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r'FileProblem\(\s*"([a-z0-9-]+)"', source))
    assert len(named) >= 14
    for locale in ("ru", "en"):
        assert named <= set(keys(locale)), sorted(named - set(keys(locale)))
