"""Write docs/exchange.schema.json from sheetdesk.exchange.json_schema().

The exchange format is defined once, by the pydantic models in
sheetdesk.exchange; the checked-in JSON Schema is generated from them so that
other tools (and people) can validate a file without SheetDesk.

    python scripts/gen_schema.py            # rewrite the file
    python scripts/gen_schema.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sheetdesk.exchange import json_schema

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "exchange.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    text = schema_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date: run python scripts/gen_schema.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
