"""Language helpers shared by every door: Danish collation of labels.

Python's code-point order sorts å < æ < ø; Danish puts Æ, Ø, Å after Z, in that order, and
reads a leading "Aa" in names as Å.
"""

from __future__ import annotations

_LATE_LETTERS = {"æ": "z\U0010fff0", "ø": "z\U0010fff1", "å": "z\U0010fff2"}


def danish_sort_key(text: str) -> tuple[str, ...]:
    """A sort key that orders labels as Danish collation does.

    >>> sorted(["Ærø", "Aalborg", "Brønderslev", "Zealand", "Øster"], key=danish_sort_key)
    ['Brønderslev', 'Zealand', 'Ærø', 'Øster', 'Aalborg']
    """
    folded = text.casefold()
    if folded.startswith("aa"):
        folded = "å" + folded[2:]
    return tuple(_LATE_LETTERS.get(char, char) for char in folded)
