"""The Qt views (PySide6).

PySide6 6.12.0 (pinned: PySide6-Pdf exists only for it) drops one reference to
``None`` on every call of a method that returns nothing (``setToolTip``,
``setData`` …). On Python 3.11, where ``None`` is an ordinary object with a few
thousand references, some thousands of such calls (the import review of a
160-row table) bring its count to zero and the interpreter aborts
(「deallocating None」), at exit or in the middle of a session. From Python 3.12
``None`` is immortal and the drop is harmless; before that its count is raised
here, once, far beyond what any session can drop
(tests/ui/test_qt_none_refs.py shows the abort without it).
"""

import sys

if sys.version_info < (3, 12):  # pragma: no branch - the machines here run 3.11
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
