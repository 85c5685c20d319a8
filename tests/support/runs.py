"""How thorough this run is. A contributor's run is quick; CI (CI=true, as GitHub Actions and
.ci/run set it) is thorough, and there a missing tool is a failure, not a skip.

Hypothesis profiles (registered by tests/conftest.py): "dev", the default, at most
DEV_EXAMPLES examples per property; "ci", each test's own count. HYPOTHESIS_PROFILE=ci runs the
thorough one locally.
"""

from __future__ import annotations

import os

import pytest

DEV_EXAMPLES = 25


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "dev")


def examples(thorough: int) -> int:
    """A property's example count: `thorough` under the ci profile, at most DEV_EXAMPLES under dev."""
    return thorough if PROFILE == "ci" else min(thorough, DEV_EXAMPLES)


def unavailable(reason: str) -> None:
    """A test that cannot run on this machine: skipped here, failed in CI (which installs
    everything, so a skip there would hide a broken setup)."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: CI must install it)", pytrace=False)
    pytest.skip(reason)
