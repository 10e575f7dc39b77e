"""Safe YAML with line numbers: plain Python values that remember where each item was written.

The C parser (libyaml) builds the node tree when it is installed; we convert nodes ourselves so
every mapping and list keeps the line of each key and item, and so only plain data (strings,
numbers, booleans, dates, null) can come out. Alias expansion is capped so a "billion laughs"
file is an error, not an outage.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Limits far above any real knowledge file, checked so a hostile one costs little to refuse.
MAX_DEPTH = 64  # nested collections (the contract needs about six)
MAX_NODES = 1_000_000  # values in one file, aliases expanded
MAX_TEXT_CHARS = 50_000  # in one value: a long section is a tenth of that

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TAG + "timestamp"}
# First characters for which YAML may read a plain scalar as something other than text; for
# letters, only these exact words are booleans or null (YAML 1.1, as PyYAML reads it).
_MAYBE_NOT_TEXT = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
_WORD_VALUES = frozenset(
    f(word) for word in ("yes", "no", "true", "false", "on", "off", "null")
    for f in (str.lower, str.title, str.upper)
)  # fmt: skip


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with a shortcut for the commonest case: plain text is text.

    PyYAML resolves every plain scalar's type with regular expressions in Python, even under
    the C parser; most values start with a letter that no type can start with.
    """

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0] and value:
            first = value[0]
            if first not in _MAYBE_NOT_TEXT or (first.isalpha() and value not in _WORD_VALUES):
                return _STR
        return super().resolve(kind, value, implicit)


class YamlError(ValueError):
    """A file that is not acceptable YAML; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LineMap(dict):
    """A YAML mapping: ``line`` of the mapping, ``key_lines[key]`` of each key."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}


class LineList(list):
    """A YAML sequence: ``line`` of the sequence, ``item_lines[i]`` of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def line_of(value: Any, default: int) -> int:
    return getattr(value, "line", default)


def parse_yaml(text: str) -> Any:
    """Parse one YAML document into LineMap / LineList / scalars. Raises ``YamlError``."""
    _check_depth(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlError(1, f"not valid YAML: {error}") from None
    if node is None:
        return None
    try:
        return _Converter().convert(node)
    except RecursionError:
        raise YamlError(node.start_mark.line + 1, "nested too deeply") from None


class _Converter:
    def __init__(self) -> None:
        self._expanded = 0
        self._open: set[int] = set()  # collections being converted, to catch recursive aliases
        self._constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: Node) -> Any:
        if node.tag == _STR and node.__class__ is ScalarNode:  # the commonest case, first
            self._expanded += 1
            if len(node.value) > MAX_TEXT_CHARS:
                raise YamlError(
                    node.start_mark.line + 1,
                    f"a value of {len(node.value):,} characters; the limit is {MAX_TEXT_CHARS:,}",
                )
            return node.value
        self._expanded += 1
        if self._expanded > MAX_NODES:
            raise YamlError(
                node.start_mark.line + 1,
                f"more than {MAX_NODES:,} values (YAML aliases expand to too much data?); "
                "split the file or write the values out",
            )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        line = node.start_mark.line + 1
        if id(node) in self._open:
            raise YamlError(line, "recursive YAML alias")
        self._open.add(id(node))
        try:
            return self._collection(node, line)
        finally:
            self._open.discard(id(node))

    def _collection(self, node: Node, line: int) -> Any:
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                raise YamlError(line, f"tag {node.tag} is not allowed")
            items = LineList(line)
            for child in node.value:
                items.append(self.convert(child))
                items.item_lines.append(child.start_mark.line + 1)
            return items
        if isinstance(node, MappingNode):
            return self._mapping(node, line)
        raise YamlError(line, "unsupported YAML node")  # pragma: no cover

    def _mapping(self, node: MappingNode, line: int) -> LineMap:
        if node.tag != _TAG + "map":
            raise YamlError(line, f"tag {node.tag} is not allowed")
        mapping = LineMap(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                raise YamlError(key_line, "merge keys (<<) are not supported; write the keys out")
            key = self.convert(key_node)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlError(key_line, "mapping keys must be plain text")
            if key in mapping:
                raise YamlError(
                    key_line, f'duplicate key "{key}" (first at line {mapping.key_lines[key]})'
                )
            mapping[key] = self.convert(value_node)
            mapping.key_lines[key] = key_line
        return mapping

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:  # by far the most common: no construction needed
            return node.value
        if tag not in _PLAIN_TAGS:
            raise YamlError(node.start_mark.line + 1, f"tag {tag} is not allowed")
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors fail in many ways on an odd value
            kind = tag.removeprefix(_TAG)
            raise YamlError(
                node.start_mark.line + 1, f"{describe(node.value)} is not a valid {kind} value"
            ) from None


def _check_depth(text: str) -> None:
    """Refuse collections nested deeper than ``MAX_DEPTH`` before any parser sees them: parsers
    recurse per level (one version of libyaml segfaulted at 30,000 levels).

    A cheap estimate is enough: flow brackets outside quotes and comments, plus block
    levels by indentation and leading "- ". What it misses (brackets after a quote left
    open on its line) is still caught by the parser's own limit, in a capped worker.
    """
    flow = 0
    indents: list[int] = []
    block_scalar_at: int | None = None  # indentation of a line that opened a | or > text
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if block_scalar_at is not None:
            if indent > block_scalar_at:
                continue  # the text's own lines: any indentation is content
            block_scalar_at = None
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        dashes = len(stripped) - len(stripped.lstrip("- "))  # "- - - x": a level per dash
        flow, deepest = _flow_depth(stripped, flow)
        if len(indents) + dashes // 2 + deepest > MAX_DEPTH:
            raise YamlError(number, f"nested too deeply (more than {MAX_DEPTH} levels)")
        if stripped.rstrip().endswith(("|", ">", "|-", ">-", "|+", ">+")):
            block_scalar_at = indent


def _flow_depth(line: str, depth: int) -> tuple[int, int]:
    """The bracket depth after ``line`` and the deepest within it."""
    deepest = depth
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            break
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return depth, deepest


def describe(value: Any) -> str:
    """A value as an error message quotes it: in quotes, cut to 40 characters."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f'"{text}"'
