"""The piece of a PDF page a value was read from, for the import review (QtPdf).

Each page is rendered once (2 pixels per point) and cut around the box the
importer reports (pdfplumber's points from the top-left), with a margin of
40 pt so the label beside the value shows too; the box itself is outlined.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

SCALE = 2.0  # pixels per PDF point
MARGIN = 40.0  # points around the box
MAX_WIDTH = 380  # pixels shown in the table


class PageCrops:
    def __init__(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument

        self.document = QPdfDocument()
        self.document.load(str(path))
        self._pages: dict[int, QImage] = {}

    @property
    def ok(self) -> bool:
        from PySide6.QtPdf import QPdfDocument

        return self.document.status() == QPdfDocument.Status.Ready

    def _page(self, index: int) -> QImage | None:
        if index not in self._pages:
            if not (0 <= index < self.document.pageCount()):
                return None
            size = self.document.pagePointSize(index)
            self._pages[index] = self.document.render(index, QSize(round(size.width() * SCALE),
                                                                   round(size.height() * SCALE)))
        return self._pages[index]

    def crop(self, page: int, bbox: tuple[float, float, float, float]) -> QPixmap | None:
        """The region around ``bbox`` on 1-based ``page``, the box outlined in red; None if not on the page."""
        image = self._page(page - 1)
        if image is None or image.isNull():
            return None
        x0, top, x1, bottom = bbox
        area = QRect(round((x0 - MARGIN) * SCALE), round((top - MARGIN) * SCALE),
                     round((x1 - x0 + 2 * MARGIN) * SCALE), round((bottom - top + 2 * MARGIN) * SCALE))
        area = area.intersected(image.rect())
        if area.isEmpty():
            return None
        piece = image.copy(area).convertToFormat(QImage.Format.Format_ARGB32)
        painter = QPainter(piece)
        painter.setPen(QPen(QColor("#d32f2f"), 3))
        painter.drawRect(round(x0 * SCALE) - area.x(), round(top * SCALE) - area.y(),
                         round((x1 - x0) * SCALE), round((bottom - top) * SCALE))
        painter.end()
        if piece.width() > MAX_WIDTH:
            piece = piece.scaledToWidth(MAX_WIDTH)
        return QPixmap.fromImage(piece)
