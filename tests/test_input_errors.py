"""Bad input: each case gives a one-line error naming the file (and line), exit code not 0."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing_tools.cli import main
from briefing_tools.config import parse_topic
from briefing_tools.errors import ConfigError, SourceError
from briefing_tools.sources import MAX_SOURCE_BYTES, parse_source

GOOD = """---
title: T
outlet: O
url: null
published: {published}
published_certain: true
language: en
notes: []
---
Body text of the article.
"""


def parse(text: str | bytes, today: date = date(2026, 1, 1)):
    data = text.encode() if isinstance(text, str) else text
    return parse_source(data, "sources/x.md", today)


@pytest.mark.parametrize("text, message, line", [
    ("no front matter here", "no front matter", 1),
    ("---\ntitle: [unclosed\n---\nbody", "invalid YAML", None),
    ("---\ntitle: x\n", "front matter is not closed", 1),
    (GOOD.replace("published: {published}\n", ""), "lacks required key 'published'", None),
    (GOOD.format(published=""), "'published' is empty", 5),
    (GOOD.format(published="2023-02-30"), "not a valid date: '2023-02-30'", 5),
    (GOOD.format(published="2031-01-01"), "lies in the future", 5),
    (GOOD.format(published="2023-01-01").replace("Body text of the article.\n", "\n \n"),
     "article text is empty", None),
    (GOOD.format(published="2023-01-01").replace("outlet:", "outlett:"),
     "did you mean 'outlet'", 3),
])
def test_bad_front_matter_is_named_with_its_line(text, message, line):
    with pytest.raises(SourceError) as raised:
        parse(text)
    assert message in str(raised.value)
    assert str(raised.value).startswith("sources/x.md:")
    if line:
        assert raised.value.line == line


def test_bytes_that_are_not_utf8():
    with pytest.raises(SourceError, match="not UTF-8"):
        parse(GOOD.format(published="2023-01-01").encode() + b"\xff\xfe caf\xe9")


def test_a_binary_file():
    with pytest.raises(SourceError, match="binary file"):
        parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_a_50_mb_file_is_refused_before_reading(project):
    big = project / "sources" / "huge.md"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert big.stat().st_size > MAX_SOURCE_BYTES
    code = main(["--project", str(project), "generate"])
    assert code != 0


def test_two_sources_with_the_same_id(project, capsys):
    original = (project / "sources" / "obct-2023-03-10.md").read_text(encoding="utf-8")
    (project / "sources" / "copy.md").write_text(
        original.replace("---\n", "---\nid: obct-2023-03-10\n", 1), encoding="utf-8")
    assert main(["--project", str(project), "generate"]) == 2
    err = capsys.readouterr().err
    assert "already used by" in err and "sources/" in err


def test_an_empty_sources_folder(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    (tmp_path / "briefing.yaml").write_text("title: t\nparties: []\n")
    assert main(["--project", str(tmp_path), "generate"]) != 0
    assert "holds no articles" in capsys.readouterr().err


def test_an_unknown_configuration_key_suggests_the_right_one():
    with pytest.raises(ConfigError) as raised:
        parse_topic("title: t\nparties: []\nmediatrs: []\n", "briefing.yaml")
    assert str(raised.value) == ("briefing.yaml:3: unknown key 'mediatrs' in the configuration "
                                 "— did you mean 'mediators'?")


def test_an_actor_named_twice():
    text = "title: t\nparties: []\nactors:\n  - name: A B\n  - name: X\n  - name: A B\n"
    with pytest.raises(ConfigError) as raised:
        parse_topic(text, "briefing.yaml")
    assert "named twice (first on line 4)" in str(raised.value)
    assert raised.value.line == 6


def test_cli_error_is_one_line_naming_file_and_line(project, capsys):
    path = project / "sources" / "reuters-trt-2023-06-22.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-06-22\n", "2023-02-30\n", 1),
                    encoding="utf-8")
    assert main(["--project", str(project), "generate"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "sources/reuters-trt-2023-06-22.md:5: 'published' is not a valid date" in err


def test_every_command_has_help():
    from briefing_tools.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    for name, sub in commands.items():
        assert sub.description, name
        for action in sub._actions:  # noqa: SLF001
            if action.dest not in ("help",):
                assert action.help, (name, action.dest)


def test_readme_documents_every_command():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in ("generate", "check", "build", "export", "review"):
        assert f"briefing {command}" in readme, command


@pytest.mark.parametrize("name, expected", [
    ("Aleksandar Vučić", "aleksandar-vucic"), ("Peter Sørensen", "peter-sorensen"),
    ("Pablo Beltrán", "pablo-beltran"), ("James O’Brien", "james-o-brien"),
    ("Łukasz Kraśnicki", "lukasz-krasnicki"),
])
def test_actor_ids_fold_accents_rather_than_dropping_letters(name, expected):
    from briefing_tools.config import slug

    assert slug(name) == expected
