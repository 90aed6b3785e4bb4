"""PDF preview inside the app (QtPdf): a widget over PDF bytes, and a dialog around it."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget


class PdfPreview(QPdfView):
    """Shows PDF bytes (kept alive in a QBuffer owned by the widget), multi-page, fit to width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        # The document and its buffer are deliberately NOT Qt children of the view: destroying a QPdfView that owns
        # its QPdfDocument crashes PySide6 6.11 (segfault in the view's destructor). Python owns both instead.
        self.document_ = QPdfDocument(None)
        self._buffer: QBuffer | None = None
        self.setDocument(self.document_)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def set_pdf(self, data: bytes | None) -> bool:
        self.document_.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        if not data:
            return False
        self._buffer = QBuffer()  # owns a copy of the bytes: nothing dangles when the PDF is replaced
        self._buffer.setData(QByteArray(bytes(data)))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document_.load(self._buffer)
        return self.document_.status() == QPdfDocument.Status.Ready and self.document_.pageCount() > 0

    def page_count(self) -> int:
        return self.document_.pageCount()


class PdfDialog(QDialog):
    def __init__(self, data: bytes, parent: QWidget | None = None, *, title: str = ""):
        super().__init__(parent)
        self._title = title  # e.g. an attachment's file name; default: "Opinion document"
        self.preview = PdfPreview()
        self.preview.set_pdf(data)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.preview)
        lay.addWidget(buttons)
        self.resize(820, 1000)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self._title or self.tr("Opinion document"))

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)
