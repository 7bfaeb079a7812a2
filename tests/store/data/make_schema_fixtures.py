"""Rebuild the database files that stand for released schemas (run by hand, never by the tests).

    .venv/bin/python tests/store/data/make_schema_fixtures.py

sheetdesk-schema0001.sqlite3: what SheetDesk wrote at schema revision 0001
(tables only, no full-text index, no history note): two sheets of the
standard form with every kind of value and one history row, written the way
revision 0001's store wrote them. Once a schema is released its file is
never rebuilt: tests open it to prove that old files keep opening.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from store_sample import full_sheet  # noqa: E402

from sheetdesk.forms import FormRegistry  # noqa: E402
from sheetdesk.store.engine import make_engine, resolve_url  # noqa: E402
from sheetdesk.store.migrate import upgrade_to  # noqa: E402
from sheetdesk.store.schema import OVERRIDE, VALUE  # noqa: E402
from sheetdesk.store.sheetio import desired_rows, identity_columns  # noqa: E402


def make_0001(path: Path) -> None:
    path.unlink(missing_ok=True)
    engine = make_engine(resolve_url(path))
    upgrade_to(engine, "0001")
    engine.dispose()
    form = FormRegistry().latest("shisaku-management")
    at = datetime(2024, 6, 3, 1, 2, 3, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    con = sqlite3.connect(path)
    for sheet_id, sheet in ((1, full_sheet(code="1-1-1")), (2, full_sheet(code="1-1-2", year=2022,
                                                                           name="国際交流・地域連携の推進"))):
        cols = identity_columns(form, sheet) | {"id": sheet_id, "version": 2, "created_at": at, "updated_at": at}
        con.execute(f"INSERT INTO sheets ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    list(cols.values()))
        # revision 0001 kept a text field's JSON in value as well
        for (bucket, p), (value, text, unchanged, _) in desired_rows(sheet, form.fields(sheet.context)).items():
            assert bucket in (VALUE, OVERRIDE)
            con.execute("INSERT INTO sheet_values (sheet_id, bucket, path, value, search_text, "
                        "unchanged_since_rollover) VALUES (?, ?, ?, ?, ?, ?)", (sheet_id, bucket, p, value, text,
                                                                                 unchanged))
        con.execute('INSERT INTO history (sheet_id, at, "user", bucket, path, old, new, version) '
                    "VALUES (?, ?, 'kikaku', 'value', 's4.trend_grade', '\"C\"', '\"B\"', 2)", (sheet_id, at))
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    make_0001(HERE / "sheetdesk-schema0001.sqlite3")
    print("written", HERE / "sheetdesk-schema0001.sqlite3")
