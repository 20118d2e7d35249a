"""The GitHub Actions workflow (.github/workflows/ci.yml) is valid and does what issue 16 asks.

A YAML parse plus the keys GitHub requires (a small schema, checked here), then the jobs:
Windows and Linux, the pinned Python, lint when it exists, tests offscreen, freeze,
freeze-check, the installer kept as an artifact. .ci/run (the quick gate) never freezes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"

#: The part of GitHub's workflow schema this file uses: key → type, required keys marked "!".
SCHEMA = {
    "!name": str,
    "!on": dict,
    "permissions": dict,
    "concurrency": dict,
    "env": dict,
    "!jobs": dict,
}
JOB_SCHEMA = {
    "name": str,
    "!runs-on": str,
    "timeout-minutes": int,
    "strategy": dict,
    "env": dict,
    "defaults": dict,
    "!steps": list,
    "if": str,
    "needs": (str, list),
}
STEP_SCHEMA = {
    "name": str,
    "uses": str,
    "run": str,
    "with": dict,
    "if": str,
    "shell": str,
    "env": dict,
    "id": str,
    "continue-on-error": bool,
    "working-directory": str,
    "timeout-minutes": int,
}
EVENTS = {"push", "pull_request", "workflow_dispatch", "schedule", "release"}


def check(mapping: dict, schema: dict, where: str) -> list[str]:
    problems = []
    keys = {k.lstrip("!"): (t, k.startswith("!")) for k, t in schema.items()}
    for key, (_kind, required) in keys.items():
        if required and key not in mapping:
            problems.append(f"{where}: '{key}' is required")
    for key, value in mapping.items():
        if key not in keys:
            problems.append(f"{where}: unknown key '{key}'")
        elif value is not None and not isinstance(value, keys[key][0]):
            problems.append(f"{where}.{key}: {type(value).__name__} is not {keys[key][0]}")
    return problems


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def steps_of(workflow: dict) -> list[dict]:
    [job] = workflow["jobs"].values()
    return job["steps"]


def test_matches_the_schema(workflow):
    problems = check(workflow, SCHEMA, "workflow")
    assert set(workflow["on"]) <= EVENTS and {"push", "pull_request"} <= set(workflow["on"])
    for job_id, job in workflow["jobs"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", job_id)
        problems += check(job, JOB_SCHEMA, f"jobs.{job_id}")
        for number, step in enumerate(job["steps"]):
            where = f"jobs.{job_id}.steps[{number}]"
            problems += check(step, STEP_SCHEMA, where)
            if ("uses" in step) == ("run" in step):
                problems.append(f"{where}: exactly one of 'uses' and 'run'")
            if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]):
                problems.append(f"{where}: 'uses' needs owner/repo@version")
    assert problems == []


def test_windows_and_linux_with_the_pinned_python(workflow):
    [job] = workflow["jobs"].values()
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "ubuntu-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    [setup] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version-file"] == ".python-version"
    pinned = (ROOT / ".python-version").read_text(encoding="utf-8").strip()
    required = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    minimum = tuple(int(n) for n in re.search(r">=\s*([\d.]+)", required).group(1).split("."))
    assert tuple(int(n) for n in pinned.split(".")[:2]) >= minimum
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_runs_lint_tests_freeze_check_and_keeps_the_installer(workflow):
    runs = [s.get("run", "") for s in steps_of(workflow)]
    order = ["tasks.py lint", "tasks.py test -q", "tasks.py freeze\n", "tasks.py freeze-check", "tasks.py installer"]
    script = "\n".join(runs) + "\n"
    positions = [script.find(command) for command in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    lint = next(r for r in runs if "tasks.py lint" in r)
    assert "if " in lint  # guarded: the lint command may not exist yet
    [upload] = [s for s in steps_of(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].startswith("build/installer/") and upload["if"] == "runner.os == 'Windows'"
    assert upload["with"]["if-no-files-found"] == "error"


def test_readme_py_launcher_is_exercised_on_windows(workflow):
    [step] = [s for s in steps_of(workflow) if s.get("run", "").startswith("py tasks.py")]
    assert step["if"] == "runner.os == 'Windows'"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "py tasks.py start" in readme and "py tasks.py test" in readme


def test_quick_gate_never_freezes():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "freeze" not in run and "installer" not in run
