"""tasks.py: what is installed when, and the progress a newcomer sees while pip works."""

from __future__ import annotations

import io

import pytest

import tasks


@pytest.fixture
def venv(tmp_path, monkeypatch):
    """A stand-in .venv: the real one is never touched, pip is never run."""
    folder = tmp_path / ".venv"
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    monkeypatch.setattr(tasks, "VENV", folder)
    monkeypatch.setattr(tasks, "PYTHON", python)
    monkeypatch.setattr(tasks, "STAMP", folder / ".ksd-installed.json")
    calls: list[list[str]] = []
    monkeypatch.setattr(tasks, "pip_install", calls.append)
    return calls


def test_test_then_start_installs_once(venv):
    tasks.ensure_env("test")
    assert venv == [["-c", str(tasks.CONSTRAINTS), "-e", ".[test]"]]  # pinned by the lock file
    tasks.ensure_env("")  # tasks.py start after tasks.py test: nothing to install
    tasks.ensure_env("test")
    assert len(venv) == 1


def test_an_extra_goes_on_top_of_the_app_without_reinstalling_it(venv):
    tasks.ensure_env("")
    tasks.ensure_env("test")
    assert venv == [
        ["-c", str(tasks.CONSTRAINTS), "-e", "."],
        ["-c", str(tasks.CONSTRAINTS), *tasks._extra_requirements(["test"])],
    ]
    assert any(r.startswith("pytest") for r in venv[1]) and "-e" not in venv[1]
    tasks.ensure_env("test,lint,build")  # tasks.py lock: the two missing extras, still not the app
    assert venv[2][:2] == ["-c", str(tasks.CONSTRAINTS)] and "-e" not in venv[2] and len(venv) == 3


def test_a_changed_pyproject_installs_again(venv, monkeypatch):
    tasks.ensure_env("test")
    monkeypatch.setattr(tasks, "_digest", lambda: "berubah")
    tasks.ensure_env("")
    assert venv[-1][-2:] == ["-e", "."]


def test_a_venv_of_the_earlier_tasks_py_is_kept(venv):
    (tasks.VENV / ".installed-test").write_text(tasks._digest(), encoding="utf-8")
    tasks.ensure_env("")
    assert venv == []


def test_pip_output_becomes_short_indonesian_steps():
    out = io.StringIO()
    progress = tasks.Progress(out)
    for line in (
        "Obtaining file:///repo",
        "Collecting PySide6-Essentials<6.12,>=6.8",
        "  Downloading PySide6_Essentials-6.11.0-cp39-abi3-manylinux_2_28_x86_64.whl (95.2 MB)",
        "Installing collected packages: six, PySide6-Essentials, ksd-desktop",
        "WARNING: something",
    ):
        progress.read(line)
    progress.stop()
    lines = out.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        "memeriksa paket ke-1: file:///repo",
        "memeriksa paket ke-2: PySide6-Essentials<6.12,>=6.8",
        "mengunduh PySide6_Essentials (95.2 MB)",
        "memasang 3 paket ke .venv (langkah terakhir)",
    ]
