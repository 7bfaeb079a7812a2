"""Sheets fitted ahead by a forked child are the sheets fitted here; a failure or a cancel leaves no child behind.

Forking is only done by a single-threaded process, so these checks run in a
fresh interpreter (the test process may hold Qt's threads).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import multiprocessing
    from sheetdesk.app.generate import generate_sheets
    from sheetdesk.forms import default_registry
    from sheetdesk.render import fit, prefit
    from sheetdesk.render.booklet import BookletCancelled, render_booklet
    from sheetdesk.render.layout import layout_for

    form = default_registry().latest("shisaku-management")
    sheets = generate_sheets(form, 24, seed=3)
    layout = layout_for(form)
    jobs = [(form, s, layout) for s in sheets]
    import os
    assert prefit.can_fork() or (os.cpu_count() or 1) < 2, "a single-threaded Linux process with two cores forks"
    prefit.can_fork = lambda: True  # the child's path is what is checked here, on one core too

    ahead = list(prefit.fitted_sheets(jobs))
    assert ahead == [fit.fit_sheet(f, s, lay) for f, s, lay in jobs], "fits differ"

    real = prefit.fit_sheet
    def failing(form, sheet, layout):
        if sheet is sheets[20]:
            raise ValueError("sheet 20")
        return real(form, sheet, layout)
    prefit.fit_sheet = failing  # the child forks with it
    try:
        list(prefit.fitted_sheets(jobs))
        raise AssertionError("a failure in the child was not raised")
    except ValueError as exc:
        assert str(exc) == "sheet 20"
    prefit.fit_sheet = real
    assert not multiprocessing.active_children(), "a failed child was left"

    asked = []
    try:
        render_booklet([(form, s) for s in sheets], cancelled=lambda: len(asked) > 5 or asked.append(1),
                       allow_overflow=True)
        raise AssertionError("not cancelled")
    except BookletCancelled:
        pass
    assert not multiprocessing.active_children(), "a cancelled booklet left its child"
    print("ok")
''')


def test_fitting_ahead_in_a_child_changes_nothing() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
