"""One error root: every error a user can act on is a UserError with a message and an exit code."""

from __future__ import annotations

import pytest

from ksd_desktop import cli
from ksd_desktop.errors import EXIT_FAILED, UserError
from ksd_desktop.services.assessment import AssessmentRefused
from ksd_desktop.services.demo import DemoRefused
from ksd_desktop.services.errors import ServiceError
from ksd_desktop.services.exchange.importer import ImportCancelled, ImportRefused
from ksd_desktop.services.files import ExportError
from ksd_desktop.services.progress import JobCancelled, Steps
from ksd_desktop.services.recap.context import RecapCancelled, RecapError
from ksd_desktop.services.signoff import SigningRefused
from ksd_desktop.storage.errors import DiskFullError, StorageError


@pytest.mark.parametrize(
    "error",
    [
        AssessmentRefused,
        DemoRefused,
        ExportError,
        ImportCancelled,
        ImportRefused,
        JobCancelled,
        RecapCancelled,
        RecapError,
        SigningRefused,
    ],
)
def test_service_errors_belong_to_the_services_branch_not_to_storage(error):
    assert issubclass(error, ServiceError) and issubclass(error, UserError)
    assert not issubclass(error, StorageError)


def test_storage_errors_share_the_root():
    assert issubclass(DiskFullError, StorageError) and issubclass(StorageError, UserError)
    assert DiskFullError("Penyimpanan penuh.").exit_code == EXIT_FAILED


def test_cancels_are_one_protocol():
    assert issubclass(ImportCancelled, JobCancelled) and issubclass(RecapCancelled, JobCancelled)
    assert isinstance(RecapCancelled(), RecapError)  # callers that caught RecapError still do
    steps = Steps(2, None, lambda: True)
    with pytest.raises(JobCancelled, match="dibatalkan"):
        steps.check()


def test_message_and_exit_code():
    error = UserError("Berkas tidak dapat dibaca.", exit_code=3)
    assert str(error) == error.message == "Berkas tidak dapat dibaca." and error.exit_code == 3
    assert ImportRefused("a/b.ksd", "rusak").message == "Berkas «b.ksd» ditolak: rusak"


def test_cli_reports_any_user_error_with_its_exit_code(monkeypatch, tmp_path, capsys):
    def refuse(path):
        raise UserError("Contoh penolakan.", exit_code=3)

    monkeypatch.setattr(cli, "cmd_init", refuse)
    assert cli.run(["init", "--db", str(tmp_path / "x.sqlite3")]) == 3
    assert capsys.readouterr().err == "Gagal: Contoh penolakan.\n"
