"""What is wrong with a plan file, and where: `file:line: path.in[doc].field: message`."""

from __future__ import annotations

from dataclasses import dataclass

PathParts = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    path: PathParts
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {format_path(self.path) or '(document)'}: {self.message}"


class PlanFileError(Exception):
    """A plan file (or several) could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def shown(value: object, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, cut short (a hostile value can be megabytes)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def format_path(path: PathParts) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.isidentifier():
            text += f"[{shown(part, 40)}]"
        else:
            text += f".{part}" if text else part
    return text


def nearest_line(lines: dict[PathParts, int], path: PathParts) -> int | None:
    """The line of `path`, or of the nearest enclosing path the file has (a missing field is
    reported on the line of the mapping it is missing from)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
