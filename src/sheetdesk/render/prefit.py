"""A booklet's sheets fitted ahead in a second process while this one draws.

Fitting (breaking every text at the sizes it may take) costs about as much
per sheet as drawing it. With two cores, a forked child fits the later
sheets while the parent fits the first few and draws: a 100-sheet booklet
takes about a fifth less. The child sends back only the value boxes' fits
(the form's own boxes are the same on every sheet and the parent has them),
in order, through a pipe.

Forking copies the locks other threads hold, so it is done only by a process
with a single thread (the command line); the Qt application, whose process
has threads, and systems without a safe fork (Windows, macOS) fit sheet by
sheet, with the same result.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.model.sheet import Sheet
from sheetdesk.render.fit import VALUE_KINDS, FitResult, FittedBox, fit_sheet, prepared_pages
from sheetdesk.render.layout import Layout

Job = tuple[FormDefinition, Sheet, Layout]
MIN_SHEETS = 16  # below this a second process does not pay for itself
# One value box's fit as sent by the child: its text, then FitResult's fields in order.
_Sent = tuple[str, tuple[str, ...], float, bool, int, int, int]


def can_fork() -> bool:
    """True where forking this process is safe and a second core can help."""
    if sys.platform != "linux" or (os.cpu_count() or 1) < 2:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # this process has no other thread
    except OSError:
        return False


def fitted_sheets(jobs: Sequence[Job]) -> Generator[list[list[FittedBox]], None, None]:
    """``fit_sheet`` of every job, in order; the later ones fitted by a child process when that is safe."""
    if len(jobs) < MIN_SHEETS or not can_fork():
        for form, sheet, layout in jobs:
            yield fit_sheet(form, sheet, layout)
        return
    ahead = max(2, len(jobs) // 10)  # the parent's share: the child starts on the rest at once
    receive, send = get_context("fork").Pipe(duplex=False)
    child = get_context("fork").Process(target=_fit_in_child, args=(jobs[ahead:], send), daemon=True)
    child.start()
    send.close()
    try:
        for form, sheet, layout in jobs[:ahead]:
            yield fit_sheet(form, sheet, layout)
        for form, sheet, layout in jobs[ahead:]:
            sent = receive.recv()
            if isinstance(sent, BaseException):
                raise sent
            yield _assemble(form, sheet, layout, sent)
    finally:
        receive.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _fit_in_child(jobs: Sequence[Job], send: Connection) -> None:
    try:
        for form, sheet, layout in jobs:
            send.send([[(b.text, *_fields(b.fit)) for b in page if b.placed.kind in VALUE_KINDS]
                       for page in fit_sheet(form, sheet, layout)])
    except BrokenPipeError:  # the parent stopped reading (cancelled or failed)
        return
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            send.send(exc)
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            send.send(RuntimeError(repr(exc)))
    finally:
        send.close()


def _fields(fit: FitResult) -> tuple[tuple[str, ...], float, bool, int, int, int]:
    return (fit.lines, fit.font_size, fit.fits, fit.capacity_chars, fit.used_chars, fit.lines_available)


def _assemble(form: FormDefinition, sheet: Sheet, layout: Layout, sent: list[list[_Sent]]) -> list[list[FittedBox]]:
    """The sheet's pages from the parent's form boxes and the child's value fits."""
    pages = []
    for prepared, values in zip(prepared_pages(form, sheet, layout), sent, strict=True):
        fits = iter(values)
        out = []
        for entry in prepared:
            if isinstance(entry, FittedBox):
                out.append(entry)
            else:
                text, lines, font_size, fits_box, capacity, used, available = next(fits)
                out.append(FittedBox(entry[0], text, FitResult(lines, font_size, fits_box, capacity, used, available)))
        pages.append(out)
    return pages
