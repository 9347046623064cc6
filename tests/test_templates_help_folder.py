"""QA: `shopbook templates --help` gave the output folder as templates, but `--lang en` writes
templates/en/: the help now says where each language goes."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook.cli import app


def test_the_help_says_where_the_english_templates_go():
    said = CliRunner().invoke(app, ["templates", "--help"], terminal_width=200)
    assert said.exit_code == 0, said.output
    text = "".join(said.output.split())
    assert "--langen'sintemplates/en" in text and "--langen的写在templates/en" in text
