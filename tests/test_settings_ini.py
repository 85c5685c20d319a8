"""`dashchat ask` reads settings.ini without Qt (desktop/ini.py): whatever it reads must be what
QSettings reads, and whatever it cannot read exactly it must leave to QSettings."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from desktop.config import COMPATIBLE, CUSTOM, Connection
from desktop.ini import read_plain_ini
from desktop.settings import Settings, SettingsStore
from tests.support.runs import examples

REPO = Path(__file__).resolve().parents[1]
_fresh = itertools.count()


def qt_reads(data: bytes, folder: Path) -> dict[str, object]:
    """What QSettings reads from `data`: a new file each time, since QSettings caches the files
    it has opened in this process."""
    path = folder / f"fresh-{next(_fresh)}.ini"
    path.write_bytes(data)
    q = QSettings(str(path), QSettings.Format.IniFormat)
    return {key: q.value(key) for key in q.allKeys()}


def assert_same_or_declined(data: bytes, folder: Path) -> bool:
    """True when the plain reader answered (and agreed with QSettings on every key), False when
    it declined."""
    path = folder / f"plain-{next(_fresh)}.ini"
    path.write_bytes(data)
    plain = read_plain_ini(path)
    if plain is None:
        return False
    assert plain.values() == qt_reads(data, folder), data
    return True


SAVED = Settings(
    connections=(
        Connection(region=CUSTOM, custom_base_url="http://gateway.example:8080/a,b/with space/",
                   model="qwen3-max-预览 é"),
        Connection(id="local-vllm", name="Local vLLM, \"test\" 日本", protocol=COMPATIBLE, region=CUSTOM,
                   custom_base_url="http://127.0.0.1:8000/v1", model="Qwen/Qwen3-8B"),
        Connection(id="intl", name="Singapore", region="singapore"),
    ),
    active="local-vllm",
    thinking_budget=2048,
    connect_timeout=2.5,
    idle_timeout=300.0,
    proxy="http://user:p;w=d@proxy.example:3128",
)


def test_what_the_window_saves_the_command_line_reads_without_qt(profile: Path) -> None:
    SettingsStore(profile).save(SAVED)
    in_window = SettingsStore(profile).load()  # QtCore is loaded here: QSettings reads it
    assert in_window == SAVED
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.settings import SettingsStore\n"
        f"s = SettingsStore(Path({str(profile)!r})).load()\n"
        "assert 'PySide6.QtCore' not in sys.modules, 'the command line loaded Qt'\n"
        "print(repr(s))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == repr(in_window)  # every field, nested connections too, with its type's repr


def test_numbers_read_back_as_the_same_numbers(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    for connect, idle, budget in ((15.0, 300.0, None), (0.5, 1e-3 + 7, 1), (30, 86400.25, 81920)):
        store.save(Settings(connect_timeout=connect, idle_timeout=idle, thinking_budget=budget))
        plain = read_plain_ini(store.path)
        assert plain is not None
        assert float(str(plain.value("connection/connect_timeout"))) == connect
        assert float(str(plain.value("connection/idle_timeout"))) == idle
        assert int(str(plain.value("generation/thinking_budget"))) == (budget or 0)


@pytest.mark.parametrize("data, plain", [
    (b"[connection]\nregion=singapore\n", True),
    (b"[connection]\nx = spaced value  \n", True),
    (b'[c]\nx="a, b" \n', True),
    (b'[c]\nx="a" b \n', True),
    (b"[c]\nx=a\\t  \n", True),
    (b"[c]\nx=quo\\\"te\\\\back\n", True),
    (b"[c]\nx=@@at\n", True),
    (b"[c]\r\nx=a\r\ny=b\r\n", True),
    (b"\xef\xbb\xbf[c]\nx=1\n", True),
    (b"[c]\n;x=1\ny=2\n", True),
    (b"[c]\nx=\n", True),
    (b"x=top level\n", True),
    ("[c]\nx=日本語 é\n".encode(), True),
    (b"[connection]\nx=a;b\n", False),  # ; starts a comment
    (b"[c]\nx=a,b\n", False),  # a list
    (b"[general]\nx=1\n", False),
    (b"[C]\nx=1\n", False),
    (b"[c]\nx=A\\x65\n", False),
    (b"[c]\nx=@Invalid()\n", False),
    (b"[c]\nx=@ByteArray(abc)\n", False),
    (b"[c]\nx=a\\\nb\n", False),
    (b"[c]\nx=1\nx=2\n", False),
    (b"[c]\nx\n", False),
    (b'[c]\nx="open\n', False),
    (b"[c]\nx=\xff\n", False),
    (b"[c]\nsub%20key=1\n", False),
])
def test_plain_files_are_read_as_qsettings_reads_them_and_others_declined(
    tmp_path: Path, data: bytes, plain: bool
) -> None:
    assert assert_same_or_declined(data, tmp_path) is plain


_text = st.text(st.sampled_from(list("ab XZ09,;=\"\\@#%/:?\t\n\r\x01\x7f") + ["é", "日", "😀", "\u2028", "\x85"]),
                max_size=12)


@settings(max_examples=examples(150), deadline=None)
@given(value=_text, number=st.sampled_from([0, 15.0, 2.5, 300, 1e-7, 86400.25]))
def test_whatever_qsettings_writes_is_read_alike_or_left_to_it(tmp_path_factory, value: str, number: float) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("ini")
    path = folder / "written.ini"
    q = QSettings(str(path), QSettings.Format.IniFormat)
    q.setValue("connection/value", value)
    q.setValue("generation/number", number)
    q.sync()
    del q
    if assert_same_or_declined(path.read_bytes(), folder):
        plain = read_plain_ini(path)
        assert plain is not None and plain.value("connection/value") == value


def test_an_unreadable_file_is_left_to_qsettings(tmp_path: Path) -> None:
    assert read_plain_ini(tmp_path / "missing.ini") is None
    assert read_plain_ini(tmp_path) is None  # a folder


def test_a_file_from_before_connection_profiles_reads_as_one_profile(profile: Path) -> None:
    store = SettingsStore(profile)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("[connection]\nregion=singapore\ncustom_base_url=\nproxy=\n\n"
                          "[generation]\nmodel=qwen-old\nthinking_budget=1024\n", "utf-8")
    settings = store.load()
    assert settings.connections == (Connection(region="singapore", model="qwen-old"),)
    assert (settings.connection.name, settings.connection.protocol, settings.thinking_budget) == (
        "DashScope", "native", 1024)


def test_a_removed_profile_leaves_nothing_behind(profile: Path) -> None:
    store = SettingsStore(profile)
    store.save(SAVED)
    store.save(SAVED.without_connection("local-vllm"))
    assert "local-vllm" not in store.path.read_text("utf-8")
    loaded = store.load()
    assert [c.id for c in loaded.connections] == ["default", "intl"]
    assert loaded.active == "default"  # the removed one was active: the first takes over
    store.save(loaded.without_connection("default"))
    assert [c.id for c in store.load().connections] == ["intl"]
    assert "gateway.example" not in store.path.read_text("utf-8")  # the first profile's keys are gone too


def test_new_ids_are_plain_and_unique() -> None:
    settings = SAVED
    assert settings.new_id("Local vLLM") == "local-vllm-2"
    assert settings.new_id("本地 Ollama!") == "ollama"
    assert settings.new_id("本地") == "connection"
    assert settings.with_connection(Connection(id=settings.new_id("x"), name="x")).connections[-1].id == "x"
