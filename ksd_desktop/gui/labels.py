"""Display text of the domain's keys, through Qt's translation (never an enum key on screen).

Labels come from ``domain.models.LABELS`` and ``FIELD_LABELS`` and are translated with
the contexts ``labels`` and ``fields``. The short names of the five kinds are the
abbreviations the regulations and the TKKSD use (PP 28/2018; glossary), for narrow columns;
the full label is always one tooltip away.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.models import FIELD_LABELS, LABELS, Kind

#: Values are str (QT_TRANSLATE_NOOP returns its text; PySide6's stub says object).
KIND_SHORT = {
    Kind.SINERGI.value: QT_TRANSLATE_NOOP("labels", "Sinergi"),
    Kind.KSDD.value: QT_TRANSLATE_NOOP("labels", "KSDD"),
    Kind.KSDPK.value: QT_TRANSLATE_NOOP("labels", "KSDPK"),
    Kind.KSDPL.value: QT_TRANSLATE_NOOP("labels", "KSDPL"),
    Kind.KSDLL.value: QT_TRANSLATE_NOOP("labels", "KSDLL"),
}


#: The kinds as the filter lists them: the short name and the partner, since four of the five
#: full names begin alike ("Kerja Sama Daerah dengan …") and a narrow list would cut them there.
KIND_FILTER = {
    Kind.SINERGI.value: QT_TRANSLATE_NOOP("labels", "Sinergi · Pusat–Daerah"),
    Kind.KSDD.value: QT_TRANSLATE_NOOP("labels", "KSDD · Daerah Lain"),
    Kind.KSDPK.value: QT_TRANSLATE_NOOP("labels", "KSDPK · Pihak Ketiga"),
    Kind.KSDPL.value: QT_TRANSLATE_NOOP("labels", "KSDPL · Pemda Luar Negeri"),
    Kind.KSDLL.value: QT_TRANSLATE_NOOP("labels", "KSDLL · Lembaga Luar Negeri"),
}


def label(key: str | None) -> str:
    """The translated label of an enumeration key ('' for none)."""
    if not key:
        return ""
    return QCoreApplication.translate("labels", LABELS.get(key, key))


def field_label(key: str) -> str:
    """The translated label of a data-dictionary field."""
    return QCoreApplication.translate("fields", FIELD_LABELS.get(key, key))


def kind_short(key: str | None) -> str:
    """The short name of a kind of cooperation, e.g. "KSDPK" (for table columns)."""
    if not key:
        return ""
    return QCoreApplication.translate("labels", str(KIND_SHORT.get(key, LABELS.get(key, key))))


def kind_filter(key: str) -> str:
    """A kind as the proposals filter lists it, e.g. "KSDPK · Pihak Ketiga"."""
    return QCoreApplication.translate("labels", str(KIND_FILTER.get(key, LABELS.get(key, key))))
