"""The lessons' prose as sentences, and the numbers in them.

Prose is what a learner reads as text: every Markdown cell of the lesson's .py (speaker notes
included) and the interpretation of every exercise's answer, read from the stored outputs of the
.ipynb (the ``<p class="answer-explanation">`` paragraphs of course_lib.exercises): the answers
write their numbers with f-strings from what they compute, so only the stored output holds the
sentence a learner reads, numbers filled in, and the claims recompute those numbers themselves.
A paragraph's wrapped lines are joined, list items and headings start new paragraphs, and a
sentence ends at 。, ! or ?.

A number is a run of digits (with a decimal part or an exponent: 0.4843, 1e-6) that is not part
of a name (right after a letter: x2_0, beta1), not a superscript or subscript (the 2 of x^2, the
-6 of 10^{-6}, whose 10 is the number; the (0) of x_2^{(0)}; the 1 of \\lambda_1, x_{12}), not
a lesson or exercise reference (第 8 课, 第 0–10 课, 练习 2, 0.导论, the "# 9." of a title), not
an item number (1. at the start of a list item), and not inside a displayed equation ($$...$$):
derivations are formulas, their numbers are the algebra's.
"""

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from course_lib.exercises import EXPLANATION_CLASS

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CELL = re.compile(r"^# %%(.*)$", re.M)
REFERENCE = re.compile(
    r"第\s*\d+(?:\s*[–—、,-]\s*\d+)*\s*课|练习\s*\d+|^\s*\d+\.\s|^#+\s*\d+\.|\$\$.*?\$\$"
    r"|(?<![\d.])\d+\.(?=[\u4e00-\u9fffA-Za-z_])"
)
# superscripts and subscripts: ^2, ^{-6}, ^{(0)}, _1, _{12}
SCRIPT = re.compile(r"[\^_](?:\{[^}]*\}|-?\d+)")
NUMBER = re.compile(r"(?<![A-Za-z\\\d.])\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class Sentence:
    lesson: str  # the lesson's stem, e.g. "9.小批量与学习率调度"
    text: str
    where: str  # "markdown" or "answer"

    def numbers(self) -> list[tuple[int, int]]:
        """(start, end) of each number in the text (see the module's docstring)."""
        masked = self.text
        for pattern in (REFERENCE, SCRIPT):
            masked = pattern.sub(lambda m: "#" * len(m.group()), masked)
        return [m.span() for m in NUMBER.finditer(masked)]


def prose_blocks(source: str) -> list[tuple[str, str]]:
    """("markdown", text) of each Markdown cell of a lesson's .py ``source``."""
    parts = CELL.split(source)
    return [
        ("markdown", "\n".join(_uncomment(line) for line in body.strip("\n").split("\n")))
        for header, body in zip(parts[1::2], parts[2::2], strict=True)
        if "[markdown]" in header
    ]


PARAGRAPH = re.compile(rf'<p class="{EXPLANATION_CLASS}">(.*?)</p>', re.S)


def answer_explanations(notebook: dict) -> list[list[str]]:
    """For each cell tagged "answer" of a lesson notebook (parsed .ipynb), the paragraphs of
    the interpretation its stored output shows."""
    found = []
    for cell in notebook["cells"]:
        if "answer" not in cell["metadata"].get("tags", []):
            continue
        shown = "".join(
            "".join(output.get("data", {}).get("text/html", ""))
            for output in cell.get("outputs", [])
        )
        found.append([html.unescape(p) for p in PARAGRAPH.findall(shown)])
    return found


def stored_explanations(stem: str, folder: Path = NOTEBOOKS) -> list[str]:
    """Every answer paragraph of the lesson ``stem``'s stored .ipynb outputs, in order."""
    path = folder / f"{stem}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [p for paragraphs in answer_explanations(notebook) for p in paragraphs]


def _uncomment(line: str) -> str:
    return line[2:] if line.startswith("# ") else line.lstrip("#")


def sentences_of(text: str) -> list[str]:
    """The sentences of a block of prose (see the module's docstring); an end mark inside $...$
    (the ! of 8!) ends no sentence."""
    paragraphs = re.split(r"\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |#|\$\$))", text)
    found = []
    for paragraph in paragraphs:
        joined = " ".join(line.strip() for line in paragraph.split("\n")).strip()
        start, in_math = 0, False
        for i, char in enumerate(joined):
            if char == "$":
                in_math = not in_math
            elif char in "。!?" and not in_math:
                found.append(joined[start : i + 1].strip())
                start = i + 1
        found.append(joined[start:].strip())
    return [sentence for sentence in found if sentence]


def lesson_sentences(stem: str, folder: Path = NOTEBOOKS) -> list[Sentence]:
    """Every sentence of a lesson's prose: its Markdown, then its answers' interpretations."""
    source = (folder / f"{stem}.py").read_text(encoding="utf-8")
    blocks = prose_blocks(source) + [("answer", p) for p in stored_explanations(stem, folder)]
    return [Sentence(stem, text, where) for where, block in blocks for text in sentences_of(block)]


def uncovered_numbers(sentence: Sentence, fragments: list[str]) -> list[str]:
    """The numbers of ``sentence`` that lie in no occurrence of any of ``fragments``."""
    covered = [
        (m.start(), m.end())
        for fragment in fragments
        for m in re.finditer(re.escape(fragment), sentence.text)
    ]
    return [
        sentence.text[start:end]
        for start, end in sentence.numbers()
        if not any(a <= start and end <= b for a, b in covered)
    ]
