"""印刷イメージ: the open sheet as it will print, refreshed after edits.

The PDF comes from the same renderer as 印刷（PDF） (with overflow marks, so a
text that does not fit shows its red mark here first). It is drawn on a
worker thread about 1.5 s after the last edit, one drawing at a time, and only
while the tab is on screen; QtPdf is imported when the tab is first shown so
that opening a sheet stays fast.
"""

from __future__ import annotations

import dataclasses
import queue
import threading

from PySide6.QtCore import QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from sheetdesk.glossary import PREVIEW_WORDS
from sheetdesk.ui.session_bridge import SheetBridge

DEBOUNCE_MS = 1500
ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.25, 4.0)


class _Result(QObject):
    """Tells the UI thread a drawing is ready (a queued signal: the emitter lives there).

    The drawing itself waits in ``ready``: a signal without arguments, since
    passing the PDF's bytes through a queued signal crashed PySide6 6.12.
    """

    done = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.ready: queue.SimpleQueue[tuple[int, bytes, str]] = queue.SimpleQueue()


class PreviewPane(QWidget):
    refreshed = Signal()  # a new drawing is on screen

    def __init__(self, bridge: SheetBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel("印刷イメージを作成しています…")
        self.note.setAccessibleName("印刷イメージの状態")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        # two short rows so that they fit the pane's width: zoom, then pages
        self.bar = QHBoxLayout()
        self.pages_bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("倍率")
        self.page_label = QLabel()
        self.page_label.setAccessibleName("ページ")
        for word, keys, row in (("zoom_out", QKeySequence.StandardKey.ZoomOut, self.bar),
                                ("zoom_in", QKeySequence.StandardKey.ZoomIn, self.bar),
                                ("fit_width", None, self.bar), ("fit_page", None, self.bar),
                                ("previous", None, self.pages_bar), ("next", None, self.pages_bar)):
            button = QToolButton()
            button.setText(PREVIEW_WORDS[word])
            button.setAccessibleName(PREVIEW_WORDS[word])
            if keys is not None:
                button.setShortcut(QKeySequence(keys))
            button.setEnabled(False)  # until a drawing is shown
            self.buttons[word] = button
            row.addWidget(button)
            if word == "zoom_out":
                row.addWidget(self.zoom_label)
            if word == "previous":
                row.addWidget(self.page_label)
        self.bar.addStretch(1)
        self.pages_bar.addStretch(1)
        self.layout_.addLayout(self.bar)
        self.layout_.addLayout(self.pages_bar)
        self.buttons["zoom_out"].clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.buttons["zoom_in"].clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.buttons["fit_width"].clicked.connect(lambda: self.fit(page=False))
        self.buttons["fit_page"].clicked.connect(lambda: self.fit(page=True))
        self.buttons["previous"].clicked.connect(lambda: self.turn(-1))
        self.buttons["next"].clicked.connect(lambda: self.turn(1))
        self.view = None  # QPdfView, made when first shown
        self.document = None
        self._buffer = None
        self._generation = 0
        self._running = False
        self._stale = True
        self._result = _Result(self)
        self._result.done.connect(self._drawn)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        bridge.fieldsChanged.connect(self._edited)

    def _edited(self, _paths: object) -> None:
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.view is None:
            self._make_view()
        if self._stale and not self.timer.isActive():
            QTimer.singleShot(0, self.render_now)

    def _make_view(self) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("印刷イメージ")
        # one page at a time: 前のページ/次のページ and "n / N ページ" say exactly which one is shown
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.layout_.addWidget(self.view, 1)
        self.view.zoomFactorChanged.connect(self._update_controls)
        self.view.zoomModeChanged.connect(self._update_controls)
        self.view.pageNavigator().currentPageChanged.connect(self._update_controls)

    # --- zoom and pages -------------------------------------------------------

    def zoom_by(self, factor: float) -> None:
        """Zoom in or out from what is shown now (a fitted page included)."""
        from PySide6.QtPdfWidgets import QPdfView

        if self.view is None:
            return
        low, high = ZOOM_LIMITS
        shown = self._shown_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(high, max(low, shown * factor)))
        self._update_controls()

    def fit(self, page: bool) -> None:
        """幅に合わせる (page=False) or ページ全体 (page=True)."""
        from PySide6.QtPdfWidgets import QPdfView

        if self.view is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView if page else QPdfView.ZoomMode.FitToWidth)
            self._update_controls()

    def turn(self, step: int) -> None:
        """前のページ (-1) / 次のページ (+1)."""
        if self.view is None or self.document is None:
            return
        page = self.view.pageNavigator().currentPage() + step
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_controls()

    def _shown_zoom(self) -> float:
        """The scale on screen: QPdfView keeps its zoomFactor unchanged while fitting, so measure the page."""
        from PySide6.QtPdfWidgets import QPdfView

        assert self.view is not None and self.document is not None
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(max(0, self.view.pageNavigator().currentPage()))
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        points_to_pixels = self.view.logicalDpiX() / 72
        scale = width / (page.width() * points_to_pixels)
        if self.view.zoomMode() is QPdfView.ZoomMode.FitInView:
            scale = min(scale, height / (page.height() * points_to_pixels))
        return max(scale, 0.01)

    def _update_controls(self, *_args: object) -> None:
        if self.view is None or self.document is None:
            return
        count = self.document.pageCount()
        page = self.view.pageNavigator().currentPage()
        for button in self.buttons.values():
            button.setEnabled(count > 0)
        self.buttons["previous"].setEnabled(count > 0 and page > 0)
        self.buttons["next"].setEnabled(count > 0 and page < count - 1)
        self.page_label.setText(PREVIEW_WORDS["page"].format(n=page + 1, count=count) if count else "")
        self.zoom_label.setText(PREVIEW_WORDS["zoom"].format(percent=round(self._shown_zoom() * 100)) if count else "")

    def render_now(self) -> None:
        """Draw the sheet as it is now on a worker thread (or again, after the running one)."""
        self.timer.stop()
        if self._running:
            self._stale = True  # drawn again when the running one is done
            return
        self._stale = False
        self._running = True
        self._generation += 1
        session = self.bridge.session
        sheet = dataclasses.replace(session.sheet, values=dict(session.sheet.values),
                                    overrides=dict(session.sheet.overrides))
        form, generation, result = session.form, self._generation, self._result

        def work() -> None:
            from sheetdesk.render import render_pdf

            try:
                data, error = render_pdf(form, sheet, allow_overflow=True), ""
            except Exception as exc:  # shown in the pane; printing will say the same
                data, error = b"", str(exc)
            result.ready.put((generation, data, error))
            try:
                result.done.emit()
            except RuntimeError:
                pass  # the editor closed while drawing

        threading.Thread(target=work, name="sheet-preview", daemon=True).start()

    def _drawn(self) -> None:
        try:
            generation, data, error = self._result.ready.get_nowait()
        except queue.Empty:
            return
        self._running = False
        if error:
            self.note.setText(f"印刷イメージを作成できません: {error}")
        elif generation == self._generation and self.document is not None:
            self._show(data)
        if self._stale and self.isVisible():
            self.timer.start()

    def _show(self, data: bytes) -> None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        assert self.view is not None and self.document is not None
        page = self.view.pageNavigator().currentPage()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # the document reads from it while shown
        if 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, self.view.pageNavigator().currentLocation())
        self.note.setText("印刷イメージ（入力から約1.5秒後に更新。あふれた欄には▼文字あふれの印）")
        self._update_controls()
        self.refreshed.emit()

    def page_text(self, page: int) -> str:
        """The text on a shown page, as QtPdf reads it (what the person sees)."""
        return self.document.getAllText(page).text() if self.document is not None else ""
