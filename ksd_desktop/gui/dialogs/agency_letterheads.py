"""Pengaturan › Perangkat Daerah: each agency's own kop (address, telephone, e-mail, website,
optional logo), with a preview of the kop its forms will carry.

The values come from the reference data where known, with the user's edits over them
(storage/letterheads.py); nothing is written before *Simpan* in the settings dialog.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.letterhead import AgencyLetterhead, letterhead_problems
from ...domain.models import Agency
from ..icons import dot

IMAGE_FILTER = "Gambar (*.png *.jpg *.jpeg *.bmp *.gif *.svg)"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class LogoPicker(QWidget):
    """A picture file: its preview, its path, *Pilih Gambar…* and *Hapus*."""

    def __init__(self, name: str, path: str | None, parent=None):
        super().__init__(parent)
        self.preview = QLabel(self)
        self.preview.setObjectName(f"{name}_preview")
        self.preview.setFixedSize(QSize(64, 64))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(f"QLabel#{name}_preview {{ border: 1px solid #d5dbe1; background: white; }}")
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName(name)
        self.path_edit.setReadOnly(True)
        self.choose = QPushButton(self.tr("&Pilih Gambar…"), self)
        self.choose.setObjectName(f"choose_{name}")
        self.choose.clicked.connect(self.choose_file)
        self.remove = QPushButton(self.tr("Hap&us Gambar"), self)
        self.remove.setObjectName(f"remove_{name}")
        self.remove.clicked.connect(lambda: self.set_path(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        column = QVBoxLayout()
        column.addWidget(self.path_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        row.addLayout(column, 1)
        self.path: str | None = None
        self.set_path(path)

    def choose_file(self) -> None:
        start = str(Path(self.path).parent) if self.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih Berkas Gambar"), start, self.tr(IMAGE_FILTER))
        if not path:
            return
        if QImage(path).isNull():
            QMessageBox.warning(
                self,
                self.tr("Gambar tidak dapat dipakai"),
                self.tr(
                    "Berkas %1 tidak dapat dibaca sebagai gambar. Pilih berkas PNG, JPG, BMP, GIF atau SVG."
                ).replace("%1", path),
            )
            return
        self.set_path(path)

    def set_path(self, path: str | None) -> None:
        self.path = path or None
        self.path_edit.setText(path or self.tr("(tanpa gambar)"))
        self.path_edit.setCursorPosition(0)
        self.remove.setEnabled(bool(path))
        image = QImage(path) if path else QImage()
        if path and image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("tidak\nditemukan"))
            self.path_edit.setToolTip(self.tr("Berkas gambar tidak ditemukan atau bukan gambar."))
            return
        self.path_edit.setToolTip(path or "")
        self.preview.setText("")
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                QSize(60, 60), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            if path
            else QPixmap()
        )


class AgencyLetterheadsTab(QWidget):
    """objectName ``agency_letterheads``: the agencies on the left, the chosen one's kop on the right."""

    FIELDS = ("address", "phone", "email", "website")

    def __init__(
        self,
        agencies: list[Agency],
        letterheads: dict[str, AgencyLetterhead],
        region_title: str,
        parent=None,
        unsure: dict[str, set[str]] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("agency_letterheads")
        self.agencies = {a.code: a for a in agencies}
        self.original = dict(letterheads)
        self.edited = dict(letterheads)
        self.region_title = region_title
        self.unsure = unsure or {}  # fields still as shipped that the reference data marks "perlu dicek"
        self._loading = False
        self.list = QListWidget(self)
        self.list.setObjectName("letterhead_agencies")
        self.list.setMinimumWidth(200)
        for agency in agencies:
            item = QListWidgetItem(agency.short_name or agency.name, self.list)
            item.setData(CODE_ROLE, agency.code)
            item.setToolTip(agency.name)
        self.list.currentRowChanged.connect(self._show)
        legend = QLabel(self.tr("Titik kuning: alamat kop belum diisi, atau masih data bawaan yang perlu dicek."), self)
        legend.setObjectName("letterhead_legend")
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #5f6b7a;")

        self.heading = QLabel(self)
        self.heading.setObjectName("letterhead_agency")
        self.heading.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, QLabel] = {}
        labels = {
            "address": self.tr("&Alamat:"),
            "phone": self.tr("&Telepon:"),
            "email": self.tr("P&os-el:"),
            "website": self.tr("&Laman:"),
        }
        examples = {
            "address": self.tr("Contoh: Jl. Jenderal A. Yani Km. 3,5 Martapura 70614"),
            "phone": self.tr("Contoh: (0511) 4721234"),
            "email": self.tr("Contoh: dinkes@banjarkab.go.id"),
            "website": self.tr("Contoh: dinkes.banjarkab.go.id"),
        }
        for key in self.FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"letterhead_{key}")
            edit.setPlaceholderText(examples[key])
            edit.textEdited.connect(self._edited)
            message = QLabel(self)
            message.setStyleSheet("color: #b3261e;")
            message.setWordWrap(True)
            message.hide()
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(message)
            label = QLabel(labels[key], self)
            label.setBuddy(edit)
            form.addRow(label, column)
            self.edits[key], self.messages[key] = edit, message
        self.logo = LogoPicker("letterhead_logo", None, self)
        self.logo.choose.clicked.connect(self._edited)
        self.logo.remove.clicked.connect(self._edited)
        form.addRow(self.tr("Logo (opsional):"), self.logo)
        self.preview = QLabel(self)
        self.preview.setObjectName("letterhead_preview")
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(
            "QLabel#letterhead_preview { background: white; border: 1px solid #d0d7de; padding: 8px; }"
        )
        note = QLabel(
            self.tr(
                "Kop formulir PDF perangkat daerah memuat nama pemerintah daerah dan lambangnya (tab Umum), nama "
                "perangkat daerah, lalu alamat dan kontak di bawah ini. Baris yang kosong tidak dicetak."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("Pratinjau kop:"), self))
        right.addWidget(self.preview)
        right.addWidget(note)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(legend)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 0)
        layout.addLayout(right, 1)
        self._mark_missing()
        if agencies:
            self.list.setCurrentRow(0)

    # -- showing one agency ---------------------------------------------------------------------
    def current_code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CODE_ROLE) if item is not None else None

    def select(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(CODE_ROLE) == code:
                self.list.setCurrentRow(row)
                return

    def _show(self, _row: int) -> None:
        code = self.current_code()
        if code is None:
            return
        head = self.edited.get(code, AgencyLetterhead(code))
        self._loading = True
        doubtful = self._doubtful(code)
        check = (
            (
                "<br><span style='color:#8a5a00'>"
                + html.escape(
                    self.tr(
                        "Data bawaan yang perlu dicek: %1. Betulkan bila berbeda dengan kop resmi perangkat daerah."
                    ).replace("%1", ", ".join(self._names(doubtful)))
                )
                + "</span>"
            )
            if doubtful
            else ""
        )
        self.heading.setText(f"<b>{html.escape(self.agencies[code].name)}</b> ({html.escape(code)}){check}")
        for key, edit in self.edits.items():
            edit.setText(getattr(head, key))
            edit.setCursorPosition(0)
        self.logo.set_path(head.logo_path)
        self._loading = False
        self._check(head)
        self._update_preview(head)

    def _edited(self, *_) -> None:
        code = self.current_code()
        if self._loading or code is None:
            return
        head = AgencyLetterhead(
            code,
            address=self.edits["address"].text(),
            phone=self.edits["phone"].text(),
            email=self.edits["email"].text(),
            website=self.edits["website"].text(),
            logo_path=self.logo.path,
        )
        self.edited[code] = head
        self._check(head)
        self._update_preview(head)
        self._mark_missing()

    def _check(self, head: AgencyLetterhead) -> None:
        problems = letterhead_problems(head)
        for key, message in self.messages.items():
            message.setText("✖ " + problems[key] if key in problems else "")
            message.setVisible(key in problems)

    def _update_preview(self, head: AgencyLetterhead) -> None:
        cleaned = head.cleaned()
        name = self.agencies[head.agency_code].name
        lines = [
            f"<b>{html.escape(self.region_title.upper())}</b>",
            f"<b style='font-size:13pt'>{html.escape(name.upper())}</b>",
        ]
        lines += [f"<span style='font-size:8pt'>{html.escape(line)}</span>" for line in cleaned.lines()]
        if cleaned.is_empty():
            lines.append(
                "<span style='color:#8a5a00'>"
                + html.escape(self.tr("Alamat dan kontak belum diisi: kop formulir hanya memuat nama."))
                + "</span>"
            )
        self.preview.setText("<div align='center'>" + "<br>".join(lines) + "</div><hr>")

    def _mark_missing(self) -> None:
        """Agencies whose kop has no address yet are marked in the list."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = item.data(CODE_ROLE)
            agency = self.agencies[code]
            head = self.edited.get(code, AgencyLetterhead(code))
            doubtful = self._doubtful(code)
            known = bool(head.cleaned().address) and not doubtful
            item.setIcon(dot("signed" if known else "draft"))
            note = (
                self.tr(" — alamat belum diisi")
                if not head.cleaned().address
                else self.tr(" — perlu dicek: %1").replace("%1", ", ".join(self._names(doubtful)))
                if doubtful
                else ""
            )
            item.setToolTip(agency.name + note)

    def _doubtful(self, code: str) -> list[str]:
        """The fields of ``code`` still as shipped and marked "perlu dicek" (edited ones no longer are)."""
        original = self.original.get(code, AgencyLetterhead(code))
        edited = self.edited.get(code, original)
        return [f for f in self.FIELDS if f in self.unsure.get(code, ()) and getattr(edited, f) == getattr(original, f)]

    def _names(self, fields: list[str]) -> list[str]:
        names = {
            "address": self.tr("alamat"),
            "phone": self.tr("telepon"),
            "email": self.tr("pos-el"),
            "website": self.tr("laman"),
        }
        return [names[f] for f in fields]

    # -- what the dialog saves ------------------------------------------------------------------
    def problems(self) -> list[tuple[str, str]]:
        """(agency code, message) of every agency whose kop has a mistake."""
        return [
            (code, next(iter(letterhead_problems(head).values())))
            for code, head in self.edited.items()
            if letterhead_problems(head)
        ]

    def changed(self) -> list[AgencyLetterhead]:
        """The kop of every agency the user changed, tidied."""
        return [
            head.cleaned()
            for code, head in self.edited.items()
            if head.cleaned() != self.original.get(code, AgencyLetterhead(code)).cleaned()
        ]
