"""What a file may cost to read: every limit in one place, each refusal one Japanese message.

A real sheet is a workbook of a few hundred KB or a PDF of a few pages; the
limits leave a wide margin above the largest real file and far below what
would exhaust the PC (memory, time). A file beyond a limit is refused with
IngestError naming the file, the place and the limit, before the parser that
would suffer is reached.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from sheetdesk.ingest.result import IngestError

MAX_FILE_BYTES = 64 * 1024 * 1024  # any file we read
MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_JSON_DEPTH = 64  # the exchange format nests 5 deep
MAX_XML_PART_BYTES = 48 * 1024 * 1024  # one unpacked part of a workbook
MAX_SHEETS = 200  # worksheets in a workbook
MAX_ROWS = 20_000  # a 方眼紙 sheet uses a few hundred
MAX_COLUMNS = 2_000
MAX_CELLS = 400_000  # filled cells of one worksheet
MAX_MERGE_CELLS = 250_000  # cells covered by one merged range
MAX_MERGES = 40_000  # merged ranges of one worksheet
MAX_FORMULAS = 20_000  # formulas without a stored result, per worksheet
MAX_FORMULA_CHARS = 2_000
MAX_FORMULA_DEPTH = 64  # nested parentheses and unary signs
MAX_RANGE_CELLS = 100_000  # cells one SUM may add up
MAX_NUMBER_CHARS = 40  # digits of a number as written in a cell
MAX_PDF_PAGES = 400
MAX_PDF_OBJECTS = 2_000_000  # entries of the cross-reference table
MAX_PDF_PAGE_POINTS = 14_400  # 5 m: an A0 sheet is 3,370 points high


_OS_REASONS = {
    errno.ENOENT: "ファイルがありません",
    errno.ENOTDIR: "途中のフォルダーがありません",
    errno.EACCES: "読む権限がありません",
    errno.EPERM: "読む権限がありません",
    errno.ELOOP: "リンクが循環しています",
    errno.ENAMETOOLONG: "ファイル名が長すぎます",
    errno.EIO: "ディスクから読めません",
}


def os_reason(exc: OSError) -> str:
    """Why the system could not open a file, in Japanese (the system's own words are English here)."""
    return _OS_REASONS.get(exc.errno or 0, f"システムのエラー番号 {exc.errno}" if exc.errno else "原因不明")


def check_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The file's size; IngestError for a folder, a device, a pipe, a missing or too large file."""
    name = path.name
    try:
        st = os.stat(path)
    except OSError as exc:
        raise IngestError(name, "ファイル全体", f"ファイルを開けません（{os_reason(exc)}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(name, "ファイル全体", "フォルダーです。取り込むファイルを指定してください")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(name, "ファイル全体", "通常のファイルではありません（デバイスやパイプなど）。取り込めません")
    if st.st_size == 0:
        raise IngestError(name, "ファイル全体", "空のファイルです")
    if st.st_size > limit:
        raise IngestError(name, "ファイル全体",
                          f"ファイルが大きすぎます（{st.st_size / (1 << 20):.0f} MB。{limit >> 20} MB まで）")
    return st.st_size


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def json_depth_error(data: bytes, source: str) -> IngestError | None:
    """An error when brackets nest deeper than MAX_JSON_DEPTH (counted outside strings), else None."""
    depth = 0
    for m in _BRACKETS.finditer(_JSON_STRING.sub(b"", data)):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return IngestError(source, "ファイル全体", f"JSONの入れ子が深すぎます（{MAX_JSON_DEPTH}段まで）")
        else:
            depth -= 1
    return None
