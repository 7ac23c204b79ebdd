"""Message language per call (not per process), and English plurals.

The catalogue's completeness (every t() literal has an English entry) is guarded in
test_robustness.py; here: each call keeps its own language, and English counts agree with their nouns.
"""

from __future__ import annotations

import json
import re
import string
import threading
from pathlib import Path

import pytest

from reportgen import i18n
from reportgen.cli import main
from tests.conftest import ROOT

BAD = ROOT / "tests" / "resources" / "bad"
ONE_PROBLEM = BAD / "empty-issuer.json"


def test_lang_option_does_not_leak_into_the_next_call(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "validate", str(ONE_PROBLEM)]) == 1
    assert capsys.readouterr().err.startswith(f"Error: {ONE_PROBLEM}: invalid input")
    assert main(["validate", str(ONE_PROBLEM)]) == 1
    assert capsys.readouterr().err.startswith(f"错误：{ONE_PROBLEM}: 输入有误（1 处）")
    assert i18n.language() == "zh"


def test_build_workers_speak_the_callers_language_and_it_does_not_leak(tmp_path: Path) -> None:
    missing = [str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    out = tmp_path / "out"
    common = ["build", *missing, "--jobs", "2", "--out-dir", str(out), "-q"]
    assert main(["--lang", "en", *common]) == 1
    errors = [entry["error"] for entry in json.loads((out / "manifest.json").read_text("utf-8"))["failed"]]
    assert errors == [f"{name}: input file not found" for name in missing]
    assert main(common) == 1
    errors = [entry["error"] for entry in json.loads((out / "manifest.json").read_text("utf-8"))["failed"]]
    assert errors == [f"{name}: 找不到输入文件" for name in missing]


def test_each_thread_keeps_its_own_language() -> None:
    both_set = threading.Barrier(2, timeout=10)
    said: dict[str, str] = {}

    def speak(lang: str) -> None:
        with i18n.use_language(lang):
            both_set.wait()  # each thread has chosen its language before either speaks
            said[lang] = i18n.t("输入有误（{count} 处）", count=2)
            both_set.wait()

    threads = [threading.Thread(target=speak, args=(lang,)) for lang in ("en", "zh")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert said == {"en": "invalid input (2 problems)", "zh": "输入有误（2 处）"}
    assert i18n.language() == "zh"


def test_use_language_restores_the_callers_language() -> None:
    with i18n.use_language("en"):
        with i18n.use_language("zh"):
            assert i18n.t("格式") == "格式"
        assert i18n.t("格式") == "format"
    assert i18n.language() == "zh"


def test_english_counts_agree_with_their_nouns(capsys: pytest.CaptureFixture[str]) -> None:
    with i18n.use_language("en"):
        assert i18n.t("输入有误（{count} 处）", count=1) == "invalid input (1 problem)"
        assert i18n.t("输入有误（{count} 处）", count=2) == "invalid input (2 problems)"
        assert i18n.t("（{n} 个警告）", n=1) == " (1 warning)"
        assert i18n.t("至少需要 {count} 项", count=1) == "needs at least 1 item"
    assert i18n.t("输入有误（{count} 处）", count=1) == "输入有误（1 处）"
    main(["--lang", "en", "validate", str(BAD / "empty-sections.json")])
    assert capsys.readouterr().err.splitlines() == [
        f"Error: {BAD / 'empty-sections.json'}: invalid input (1 problem)",
        f"  {BAD / 'empty-sections.json'}: $.sections: needs at least 1 item",
    ]


# Nouns that follow a number in English messages; "1 <noun>s" is the bug this guards against.
PLURAL_NOUNS = (
    "problems|characters|levels|items|item\\(s\\)|numbers|cells|errors|tags|warnings|reports|processes|pages"
)


def _fields(text: str) -> tuple[set[str], set[str]]:
    """Return the fields `text` prints and those it only uses to choose a plural form."""
    printed, choosing = set(), set()
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is not None:
            (choosing if spec and "|" in spec else printed).add(name)
    return printed, choosing


def test_english_entries_fill_like_their_chinese_source_and_say_1_in_the_singular() -> None:
    wrong = []
    for source, english in i18n.EN.items():
        printed, choosing = _fields(english)
        source_fields, _ = _fields(source)
        if printed - source_fields:  # every value English prints, the Chinese prints too
            wrong.append(f"{english!r}: prints {sorted(printed - source_fields)}, not in {source!r}")
        with i18n.use_language("en"):
            ones = i18n.t(source, **dict.fromkeys(source_fields | printed | choosing, 1))
            i18n.t(source, **dict.fromkeys(source_fields | printed | choosing, 2))
        if re.search(rf"(?<![\w.])1 (?:\w+ )?(?:{PLURAL_NOUNS})(?!\w)", ones):
            wrong.append(f"{english!r} with 1: {ones!r}")
    assert wrong == []


def test_each_english_entry_is_in_one_catalogue_only() -> None:
    """The catalogue is split by stage (en_*.py); a key in two parts would silently take the last."""
    keys = [key for part in i18n.CATALOGUES for key in part]
    assert sorted({key for key in keys if keys.count(key) > 1}) == []
    assert len(i18n.EN) == len(keys)
