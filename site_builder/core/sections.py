"""The body sections of a practice: the file format itself, not a vocabulary.

Each section is a level-2 heading in the practice file. The first four are required, in
this order; the Interreg Europe ones may follow, in this order. GUIDANCE is the question
each section answers: `handbook new` writes it in place of the text it asks for, and the
issue form asks it.
"""

from __future__ import annotations

# (slug, heading)
REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("challenges", "Challenges"),
    ("stakeholders", "Stakeholders"),
    ("actions", "Actions"),
    ("results", "Results"),
)
OPTIONAL_SECTIONS: tuple[tuple[str, str], ...] = (
    ("resources", "Resources needed"),
    ("evidence", "Evidence of success"),
    ("difficulties", "Difficulties encountered"),
    ("transfer", "Potential for learning or transfer"),
)
SECTIONS: tuple[tuple[str, str], ...] = REQUIRED_SECTIONS + OPTIONAL_SECTIONS
SECTION_BY_HEADING: dict[str, str] = {heading: slug for slug, heading in SECTIONS}

GUIDANCE: dict[str, str] = {
    "challenges": "What was the starting point? What did you intend to achieve and why?",
    "stakeholders": "Who was involved in the development of the good practice?",
    "actions": "What have you done? Please make your description as concrete as possible.",
    "results": "What came of it, and why is it considered a success or a good practice?",
    "resources": "Optional. Which financial and human resources did the practice need?",
    "evidence": "Optional. What shows that it worked: figures, evaluations, awards?",
    "difficulties": "Optional. What went wrong or was hard, and what did you learn from it?",
    "transfer": "Optional. Why could other regions or clusters learn from it or copy it?",
}
# What the issue form writes for a question left unanswered (GitHub's words), and other
# text that stands for an answer not yet written: the validator refuses a section that
# holds one of these, as it refuses the questions of GUIDANCE (compared without case).
NO_RESPONSE = "_No response_"
PLACEHOLDERS: frozenset[str] = frozenset({NO_RESPONSE.casefold(), "todo", "tbd", "..."})
