"""A PDF form field's validation script as form authors write it (Acrobat: 属性→验证→运行自定义验证脚本):

    if (event.value != "" && !/^\\d{6}$/.test(event.value)) { app.alert("邮政编码应为6位数字"); event.rc = false; }
    event.rc = event.value.length == 18;

Read token by token against what such a script may touch: the event's own value (event.value, event.rc,
event.change, event.willCommit), the form's fields' values (this.getField("…").value), a dialog of plain text
(app.alert), Acrobat's AF… helpers, Math's and a text's or number's own methods, literals, operators, if/else and
return. No computed property (`x[k]`), no other name, no function or variable of its own, and assignment only to the
event: with none of these, nothing the script does can leave the document or start a program (app.launchURL,
this.submitForm, util, Net, SOAP … are names it cannot reach). Anything else is not recognised (E401, as before).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"""\s*(?:
    (?P<comment>//[^\n\r\u2028\u2029]*|/\*(?:(?!\*/).)*\*/)   # // ends at any line terminator, as in the engine
  | (?P<string>"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*')
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<operator>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!=?:;,.(){}])
)""", re.X | re.S)
# A regular expression's literal, read only where the engine reads one (an expression is expected: after an operator
# but `)` and `}`, or at the start): elsewhere a slash divides, and what stands between two slashes is code.
_REGEX = re.compile(r"\s*/(?![*/])(?:[^/\\\n\[]|\\[^\n]|\[(?:[^\]\\\n]|\\[^\n])*\])+/[gimsuy]*")
_REGEX_AFTER = frozenset({"(", "!", ",", "=", "==", "===", "!=", "!==", "&&", "||", "?", ":", ";", "{", "<", ">", "<=",
                          ">=", "+", "-", "*", "%"})

# Names a script may start a chain with, and the properties it may reach from each kind of value.
_GLOBALS = frozenset({"event", "this", "app", "Math", "AFMakeNumber", "getField", "isNaN", "parseInt", "parseFloat",
                      "Number", "String", "true", "false", "null", "undefined"})
_KEYWORDS = frozenset({"if", "else", "return", "typeof"})
_PROPERTIES = {
    "event": {"value", "rc", "change", "willCommit", "valueAsString"},
    "this": {"getField"},
    "app": {"alert"},
    "Math": {"abs", "round", "floor", "ceil", "min", "max"},
}
_VALUE_PROPERTIES = frozenset({"value", "valueAsString", "length", "test", "toFixed", "indexOf", "charAt", "substr",
                               "substring", "toUpperCase", "toLowerCase", "trim"})
_ASSIGNED = frozenset({"rc", "value", "change"})   # event.rc = …, event.value = …: the event's own
_AF_HELPER = re.compile(r"AF[A-Za-z]+_[A-Za-z]+$")


def recognised_validation(script: str) -> bool:
    """Whether `script` only reads and sets the event's value and the form's fields' values, and shows plain text."""
    tokens = _tokens(script)
    if tokens is None:
        return False
    previous: tuple[str, str] = ("operator", ";")
    owner = ""   # what the last name of a chain was: event, this, app, Math, or a value
    for index, (kind, text) in enumerate(tokens):
        if kind == "name":
            after_dot = previous == ("operator", ".")
            if after_dot and not _reachable(owner, text):
                return False
            if not after_dot and text not in _GLOBALS and text not in _KEYWORDS and not _AF_HELPER.match(text):
                return False
            owner = text if not after_dot and text in _PROPERTIES else "value"
        elif (kind, text) == ("operator", "="):
            if tokens[index - 2:index] != [("operator", "."), ("name", tokens[index - 1][1])] or \
                    tokens[index - 1][1] not in _ASSIGNED or tokens[index - 3:index - 2] != [("name", "event")]:
                return False
        elif kind in ("string", "regex", "number"):
            owner = "value"
        previous = (kind, text)
    return True


def _reachable(owner: str, name: str) -> bool:
    return name in _PROPERTIES.get(owner, ()) if owner in _PROPERTIES else name in _VALUE_PROPERTIES


def _tokens(script: str) -> list[tuple[str, str]] | None:
    tokens: list[tuple[str, str]] = []
    at = 0
    while at < len(script) and not script[at:].isspace():
        last = tokens[-1] if tokens else ("operator", ";")
        regex = _REGEX.match(script, at) if last[0] == "operator" and last[1] in _REGEX_AFTER or last in (
            ("name", "return"), ("name", "typeof")) else None
        match = regex or _TOKEN.match(script, at)
        if match is None:
            return None   # [ ] ` => and anything else no such script writes
        if regex is not None:
            tokens.append(("regex", regex.group().strip()))
        elif match.lastgroup != "comment":
            tokens.append((match.lastgroup, match.group(match.lastgroup)))
        at = match.end()
    return tokens
