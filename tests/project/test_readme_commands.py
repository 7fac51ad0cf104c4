"""Every `manage.py` line of the code blocks of README.md and of the documentation site's pages
(docs/*.md) works in a plain shell after `make run`.

The commands are read from the Markdown itself, so the documentation and this test cannot drift
apart. Each
runs as a person would type it, in a terminal with nothing exported but PATH, in a fresh copy of
the project that `make fixtures` (what `make run` does before serving) has set up.
"""

import re

import pytest

from tests.project.conftest import PASSWORD, ROOT

# What each command prints when it worked, by the words after `manage.py` (longest match wins).
EXPECTED = {
    "createsuperuser": "Superuser created successfully.",
    "load_plan --check": "is valid",
    "load_plan": "Loaded fixtures/",
    # After `make run`, no file has changed since it was loaded.
    "load_plan --only-changed": ": unchanged since its last load, not loaded",
    "load_rubric --check": "is valid",
    "load_rubric": "Loaded fixtures/rubrics/",
    "add_editor": "they can log in at /admin/",
    "mark_plans_changed": "changed: their pages will be made afresh",
    "export_brief": "Wrote ",
    "export_plan": "Wrote mexico-2021 to ",
    "export_dataset": "Wrote version ",
    "publish_release": "Recorded version ",
    "send_reply_reminders": "reminder(s) queued.",
}


def readme_code_blocks(text: str) -> list[list[str]]:
    """The code blocks of a Markdown text: fenced, or indented by four spaces after a blank line."""
    blocks: list[list[str]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            end = next(
                (i for i in range(index + 1, len(lines)) if lines[i].startswith("```")), len(lines)
            )
            blocks.append(lines[index + 1 : end])
            index = end + 1
            continue
        if line.startswith("    ") and (index == 0 or not lines[index - 1].strip()):
            block = []
            while index < len(lines) and (
                lines[index].startswith("    ") or not lines[index].strip()
            ):
                block.append(lines[index][4:])
                index += 1
            blocks.append(block)
            continue
        index += 1
    return blocks


DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def readme_commands() -> list[str]:
    """Each command once, in the order the README and then the pages show them."""
    commands = [
        line.strip()
        for document in DOCUMENTS
        for block in readme_code_blocks(document.read_text(encoding="utf-8"))
        for line in block
        if "manage.py " in line
    ]
    return list(dict.fromkeys(commands))


def kind(command: str) -> str:
    """The key of EXPECTED that names what `command` does."""
    words = command.split("manage.py ", 1)[1] + " "
    matches = [key for key in EXPECTED if words.startswith(key + " ")]
    assert matches, f"README command {command!r}: add what it prints when it works to EXPECTED"
    return max(matches, key=len)


COMMANDS = readme_commands()


def test_the_readme_shows_a_command_of_each_kind():
    """The README parsing found the commands: at least one of each kind this test knows."""
    assert {kind(command) for command in COMMANDS} == set(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_each_readme_command_works_in_a_plain_shell_after_make_run(fresh_project, command):
    typed = command.replace("'…'", f"'{PASSWORD}'")  # the README writes a password as '…'
    result = fresh_project.run_in_terminal(typed)
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stdout
    assert EXPECTED[kind(command)] in result.stdout, result.stdout
    written = re.search(r"-o (\S+\.pdf)", command)
    if written:
        assert (fresh_project.root / written[1]).read_bytes().startswith(b"%PDF-")
