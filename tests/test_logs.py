"""One rotating log for the window and the command line."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from ksd_desktop.cli import run
from ksd_desktop.logs import BACKUPS, MAX_BYTES, setup_logging
from ksd_desktop.paths import log_path


def _handlers():
    return [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


def test_one_rotating_handler_in_the_data_folder():
    assert setup_logging() == log_path()
    assert setup_logging() == log_path()  # again: no second handler
    [handler] = _handlers()
    assert handler.maxBytes == MAX_BYTES and handler.backupCount == BACKUPS
    logging.getLogger("ksd_desktop.uji").info("catatan uji")
    handler.flush()
    assert "catatan uji" in log_path().read_text(encoding="utf-8")


def test_the_log_rotates_instead_of_growing(monkeypatch):
    setup_logging()
    [handler] = _handlers()
    monkeypatch.setattr(handler, "maxBytes", 2000)
    for number in range(100):
        logging.getLogger("ksd_desktop").warning("baris %03d %s", number, "x" * 40)
    handler.flush()
    assert log_path().stat().st_size <= 2000
    assert log_path().with_name(log_path().name + ".1").exists()


def test_cli_programming_error_goes_through_logging(tmp_path, capsys, monkeypatch):
    import ksd_desktop.cli as cli

    monkeypatch.setattr(cli, "cmd_init", lambda path: 1 / 0)
    assert run(["init", "--db", str(tmp_path / "x.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(log_path()) in err
    text = log_path().read_text(encoding="utf-8")
    assert "ERROR ksd_desktop: Kesalahan tak terduga" in text and "ZeroDivisionError" in text


def test_unwritable_data_folder_is_no_traceback(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    monkeypatch.setenv("KSD_DESKTOP_DATA_DIR", str(blocker / "data"))
    assert setup_logging() is None
