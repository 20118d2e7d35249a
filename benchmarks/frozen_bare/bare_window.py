"""The baseline of benchmarks/bench_frozen.py: a bare PySide6 widgets window.

Shows an empty QMainWindow of the app's size, prints one line once it has been painted
(like the app's KSD_DESKTOP_SMOKE report) and quits: frozen with bare.spec, which uses the
app's own freeze settings (installer/freeze_trim.py).
"""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        if not getattr(self, "_painted", False):
            self._painted = True
            print(f"[{time.perf_counter():.3f}] jendela ditampilkan", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)


app = QApplication(sys.argv[:1])
window = Window()
window.setWindowTitle("Jendela kosong")
window.resize(1366, 728)
window.show()
sys.exit(app.exec())
