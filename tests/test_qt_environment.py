"""What the window sets up before Qt draws: prepare_qt (desktop/ui/app.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _prepared(env: dict[str, str]) -> str:
    """QT_NO_GUI_THREADPOOL as a fresh interpreter sees it after prepare_qt, with `env`."""
    code = "import os; from desktop.ui.app import prepare_qt; prepare_qt(); print(os.environ.get('QT_NO_GUI_THREADPOOL'))"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env["PYTHONPATH"] = str(REPO)
    return env


def test_fills_stay_on_the_painting_thread(clean_env: dict[str, str]) -> None:
    # Without it, Qt's raster engine waits on a thread pool for every large fill.
    assert _prepared(clean_env) == "1"

