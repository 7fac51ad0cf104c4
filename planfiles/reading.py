"""From a file's bytes to a YAML document, refusing hostile or careless files cheaply.

Each step bounds the cost of the next, so a refusal takes a fraction of a second and little
memory whatever the file holds:

1. size: at most `NAPWATCH_PLAN_FILE_MAX_BYTES`, found before the file is read;
2. encoding: UTF-8 text, with no character YAML forbids (NUL, other control characters), named
   by byte offset and line;
3. shape, from the parser's event stream before any document is built: no anchors or aliases
   (an alias bomb or a structure that contains itself cannot be written), at most `MAX_DEPTH`
   levels of nesting and `MAX_VALUES` values;
4. values, once built: keys are field names, every text is at most
   `NAPWATCH_PLAN_TEXT_MAX_CHARS` characters and can be stored (no NUL, no lone surrogate).

The first three stop at the first problem (what follows it cannot be trusted); the fourth
reports every problem, as the schema does after it.

Dates stay text here (YAML's own timestamp type is switched off): the schema reads them, so an
impossible date is reported like any other bad value, with its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from django.conf import settings
from yaml.constructor import ConstructorError, SafeConstructor

from planfiles.problems import PathParts, PlanFileError, Problem, nearest_line, shown

MAX_DEPTH = 32  # the format's deepest path (a citation of an indicator's critique) is 14 levels
MAX_VALUES = 100_000  # Mexico's plan, 74 KB, has 2,400
MAX_KEY_CHARS = 100  # the longest field name is 21 characters
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; no plan file needs more than 14"

# The characters YAML forbids in a stream (PyYAML's reader refuses the same set).
NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
TIMESTAMP = "tag:yaml.org,2002:timestamp"
Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: 10x faster


class ReadProblem(Exception):
    """One reason a file cannot be read, before the file's name is known to go with it."""

    def __init__(self, message: str, line: int | None = None):
        self.message, self.line = message, line
        super().__init__(message)


class PlanLoader(Base):
    """A safe loader that refuses a mapping with the same key twice (PyYAML keeps the last),
    keeps dates as text for the schema to read, and reports a value it cannot build (`!!int
    twenty`) at its line instead of raising a bare ValueError."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in Base.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            value = node.value if isinstance(node, yaml.ScalarNode) else node.id
            raise ConstructorError(
                None, None, f"cannot read {value!r} as {tag} ({exc})", node.start_mark
            ) from None

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:
                raise ConstructorError(
                    None, None, "found unhashable key", key_node.start_mark
                ) from None
            if first is not None:
                raise ConstructorError(
                    None,
                    None,
                    f"the key {key!r} appears twice in one mapping (first on line {first})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


PlanLoader.add_constructor(TIMESTAMP, SafeConstructor.construct_yaml_str)


def read_document(path: Path) -> tuple[object, dict[PathParts, int]]:
    """The document in the file at `path`, and the line on which each of its paths starts.

    Raises PlanFileError saying what is wrong and where."""
    try:
        text = decode(read_bytes(path))
        check_shape(text)
        node, document = build(text)
    except FileNotFoundError:
        raise PlanFileError([Problem(str(path), (), "no such file")]) from None
    except OSError as exc:
        message = f"cannot be read: {exc.strerror}"
        raise PlanFileError([Problem(str(path), (), message)]) from None
    except ReadProblem as exc:
        raise PlanFileError([Problem(str(path), (), exc.message, exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        # libyaml reads ahead, and may stop at its own nesting limit (1,000) before the parser
        # hands check_shape() the level past MAX_DEPTH: the same refusal.
        too_deep = "maximum nesting depth" in (exc.problem or "")
        message = TOO_DEEP if too_deep else f"not valid YAML: {exc.problem}"
        raise PlanFileError([Problem(str(path), (), message, line)]) from None
    except yaml.YAMLError as exc:
        raise PlanFileError([Problem(str(path), (), f"not valid YAML: {exc}")]) from None
    lines = line_map(node) if node is not None else {}
    problems = [
        Problem(str(path), where, message, nearest_line(lines, where))
        for where, message in value_problems(document)
    ]
    if problems:
        raise PlanFileError(problems)
    return document, lines


def build(text: str) -> tuple[yaml.Node | None, object]:
    """The node tree (for the line map) and the document built from it, in one parse."""
    loader = PlanLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if there are no more than NAPWATCH_PLAN_FILE_MAX_BYTES (the size is
    read first, so that a larger file is never read)."""
    limit = settings.NAPWATCH_PLAN_FILE_MAX_BYTES
    size = path.stat().st_size
    if size <= limit:
        with path.open("rb") as stream:
            data = stream.read(size + 1)
            if len(data) > size:  # a device, a pipe or a growing file: read on, to the limit
                data += stream.read(limit + 1 - len(data))
        if len(data) <= limit:
            return data
    raise ReadProblem(
        f"the file has {f'{size:,}' if size > limit else f'more than {limit:,}'} bytes; "
        f"a plan file may have at most {limit:,} (NAPWATCH_PLAN_FILE_MAX_BYTES)"
    )


def decode(data: bytes) -> str:
    """The file's text, if it is UTF-8 and has no character YAML forbids."""
    if data.startswith(UTF16_BOMS):
        raise ReadProblem(
            "not UTF-8 text: the file starts with a UTF-16 byte order mark (byte offset 0); "
            "save it as UTF-8",
            1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A forbidden character before the first undecodable byte is the first problem.
        check_characters(data[: exc.start].decode("utf-8"))
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadProblem(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at byte offset {exc.start:,} "
            f"(line {line}) is not UTF-8; save the file as UTF-8 (is it Latin-1 or Windows-1252?)",
            line,
        ) from None
    check_characters(text)
    return text


def check_characters(text: str) -> None:
    found = NOT_YAML.search(text)
    if found is None:
        return
    offset = len(text[: found.start()].encode("utf-8"))
    line = text.count("\n", 0, found.start()) + 1
    code = ord(found.group())
    if code == 0:
        what, hint = "U+0000 (NUL)", ": is this a binary or UTF-16 file? Plan files are UTF-8 text"
    else:
        what, hint = f"U+{code:04X}", ""
    raise ReadProblem(
        f"the character {what} at byte offset {offset:,} (line {line}) is not allowed in a "
        f"plan file{hint}",
        line,
    )


def check_shape(text: str) -> None:
    """Anchors, aliases, depth and size, read from the parser's events before anything is built
    (building is where an alias bomb explodes and deep nesting overflows the stack)."""
    depth = values = 0
    for event in yaml.parse(text, Loader=PlanLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ReadProblem(
                "anchors (&name) and aliases (*name) are not allowed in a plan file; "
                "write each value out (docs/plan-format.md)",
                line,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ReadProblem(TOO_DEEP, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > MAX_VALUES:
                raise ReadProblem(
                    f"more than {MAX_VALUES:,} values; a plan file has a few thousand", line
                )


def line_map(root) -> dict[PathParts, int]:
    """The line on which each path of the document starts (a key's line for a mapping's value).

    Without aliases the node graph is a tree, so each node is visited once."""
    lines: dict[PathParts, int] = {}
    stack: list[tuple[yaml.Node, PathParts]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                lines[child] = key_node.start_mark.line + 1
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return lines


SCALARS = (str, int, float, bool, type(None))


def value_problems(document: object) -> Iterator[tuple[PathParts, str]]:
    """(path, problem) for each key that is not a field name, each text that is too long or
    cannot be stored, and each value of a kind a plan file never has (`!!binary`, `!!set`), in
    the document's order."""
    limit = settings.NAPWATCH_PLAN_TEXT_MAX_CHARS
    stack: list[tuple[object, PathParts]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        children: list[tuple[object, PathParts]] = []
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    yield (
                        path,
                        f"the key {shown(key)} is not a field name (see docs/plan-format.md)",
                    )
                elif len(key) > MAX_KEY_CHARS:
                    yield path, f"a key of {len(key):,} characters is not a field name"
                else:
                    children.append((item, (*path, key)))
        elif isinstance(value, list):
            children = [(item, (*path, index)) for index, item in enumerate(value)]
        elif isinstance(value, str):
            problem = text_problem(value, limit)
            if problem:
                yield path, problem
        elif not isinstance(value, SCALARS):
            yield path, f"a value of type {type(value).__name__} is not allowed in a plan file"
        stack.extend(reversed(children))


def text_problem(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return (
            f"{len(text):,} characters; a text in a plan file may have at most {limit:,} "
            "(NAPWATCH_PLAN_TEXT_MAX_CHARS)"
        )
    if "\x00" in text:
        return "the text contains the character U+0000 (NUL), which cannot be stored"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"the text contains U+{ord(text[exc.start]):04X}, half of a surrogate pair, "
            "which cannot be stored"
        )
    return None
