"""Windows that fit the screen they open on: the office laptop's 1366×768 with the Windows
taskbar (about 1366×728 usable) and 1920×1080 at 125 % or 150 % scaling (1536×816 and
1280×672 usable, in the logical pixels Qt lays out in).

``fit_to_screen`` sizes a window to what it would like, but never larger than the usable
area of its screen (the title bar and frame included), and places it there;
``keep_focus_visible`` scrolls any scroll area so that the widget with the focus is seen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

#: Room for the window's title bar and frame, which Qt's sizes leave out (Windows 10/11 at 100 %).
FRAME = QSize(16, 39)


def available_area(widget: QWidget) -> QRect:
    """The usable area (without the taskbar) of the screen ``widget`` is on, or will open on."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    screen = anchor.screen() if anchor.isVisible() else None
    if screen is None:
        screen = QGuiApplication.screenAt(anchor.geometry().center()) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def largest_size(widget: QWidget) -> QSize:
    """The largest size of ``widget`` (frame excluded) whose frame still fits its screen's usable area."""
    area = available_area(widget)
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


def fit_to_screen(window: QWidget, preferred: QSize, *, centre: bool = True) -> QSize:
    """Resize ``window`` to ``preferred`` where the screen allows, smaller where it does not.

    Minimum sizes larger than the screen are lowered (scroll areas take up what is left);
    with ``centre`` the window is centred over its parent, else over the screen, and kept
    inside the usable area. Returns the size given.
    """
    largest = largest_size(window)
    size = preferred.boundedTo(largest).expandedTo(QSize(200, 150))
    minimum = window.minimumSize()
    window.setMinimumSize(minimum.boundedTo(size))
    window.resize(size)
    if centre:
        place_inside(window, size)
    return size


def place_inside(window: QWidget, size: QSize | None = None) -> None:
    """Centre ``window`` over its parent (else its screen) with its frame inside the usable area."""
    size = size or window.size()
    area = available_area(window)
    owner = window.parentWidget()
    parent = owner.window() if owner is not None else None
    centre = parent.frameGeometry().center() if parent is not None and parent.isVisible() else area.center()
    left = centre.x() - (size.width() + FRAME.width()) // 2
    top = centre.y() - (size.height() + FRAME.height()) // 2
    left = max(area.left(), min(left, area.right() + 1 - size.width() - FRAME.width()))
    top = max(area.top(), min(top, area.bottom() + 1 - size.height() - FRAME.height()))
    window.move(QPoint(left, top))


def fits_on_screen(window: QWidget) -> bool:
    """Whether the window, with its frame, lies inside the usable area of its screen."""
    area = available_area(window)
    if window.isMaximized():  # the window manager fits it to the screen, if it can be that small
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        return least.width() <= area.width() and least.height() <= area.height()
    frame = window.frameGeometry()
    if frame.size() == window.geometry().size():  # no window manager (offscreen, tests): allow for it
        frame = QRect(frame.topLeft(), frame.size() + FRAME)
    return area.contains(frame)


class _FocusFollower(QObject):
    """Scrolls the scroll area around the newly focused widget so that it is in view."""

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:  # after the layout has caught up with what just appeared (a message)
            QTimer.singleShot(0, lambda: _show_if_there(new))


def _show_if_there(widget: QWidget) -> None:
    if _still_there(widget):
        show_in_scroll_area(widget)


def _still_there(widget: QWidget) -> bool:
    try:
        return widget.isVisible()
    except RuntimeError:  # deleted meanwhile
        return False


def scroll_into_view_soon(widget: QWidget) -> None:
    """``show_in_scroll_area`` once the layout has made room for a widget that just appeared
    (the scroll area learns its body's new height an event or two later)."""
    for delay in (0, 30, 120):
        QTimer.singleShot(delay, lambda: _show_if_there(widget))


def show_in_scroll_area(widget: QWidget) -> None:
    """Scroll the scroll area around ``widget`` (if any) so that it is in view, with the hint and
    message of its field when it is a wizard field (a parent marked ``ksd_field_holder``)."""
    target = widget
    step: QWidget | None = widget
    while step is not None:
        if step.property("ksd_field_holder"):
            target = step
        parent = step.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QScrollArea) and area.widget() is step:  # ``step`` is the scroll area's body
            if target.height() > area.viewport().height():
                target = widget
            area.ensureWidgetVisible(target, 16, 16)
            return
        step = parent


def keep_focus_visible(app: QApplication) -> None:
    """Install, once, the focus follower: a field that gets the focus (Tab, Alt+letter, a
    message's "go to field") is scrolled into view wherever it sits."""
    if app.property("ksd_focus_follower"):
        return
    follower = _FocusFollower(app)
    app.focusChanged.connect(follower.follow)
    app.setProperty("ksd_focus_follower", True)
    app._ksd_focus_follower = follower  # type: ignore[attr-defined]  # kept alive with the app
