"""Words of a long form capitalised to spell its acronym ("Produce inteRpretable polItical
biaS eMbeddings" for PRISM, "Structured TOpology Preserving LAtent", "Smooth
InterpoLation frameworK" for SILK) are no names.

Why: `unknown_names.fallback_shaped` takes a word with a capital inside a part for a coined
name ("StealthRank", "NEFTune"); a backronym's letters have that shape too, and on 6,000
corpus abstracts (seeds 1919, 2828) ~45 such words were Method entities, none a name. They
are common words (written in many corpus papers: `name_df.json` `words`) with capitals only
where the acronym takes its letters: one capital inside a lower-case word ("frOm",
"humAn"), two or three capitals opening an otherwise lower-case word ("REmote",
"GEneration"), or a Title-case word with one more capital that starts no word of its own
("CaLibration"; not "ReSearch", "WikiData", "ControlNet": compounds of two words).
"""

from __future__ import annotations

import re

from kg.extract.head_named import corpus_word_df

# a word the corpus writes in at least this many papers (in any case) is a common word
COMMON_DF = 50

_LOWER_ONE_CAP = re.compile(r"[a-z]+[A-Z][a-z]*")  # "inteRpretable", "frOm", "smalL"
_CAPS_OPENING = re.compile(r"[A-Z]{2,3}[a-z]{3,}")  # "TOpology", "REmote"; not "UNet"
_TITLE_ONE_CAP = re.compile(r"[A-Z][a-z]+([A-Z][a-z]{2,})")  # "CaLibration", "ReSearch"


def spelled_word(word: str, df: dict | None = None) -> bool:
    """Is `word` a common word capitalised to spell an acronym, not a name?"""
    if not word.isalpha():
        return False
    df = corpus_word_df() if df is None else df
    if df.get(word.lower(), 0) < COMMON_DF:
        return False
    if _LOWER_ONE_CAP.fullmatch(word) or _CAPS_OPENING.fullmatch(word):
        return True
    m = _TITLE_ONE_CAP.fullmatch(word)
    if m is None:
        return False
    # the part from the inner capital is a word of its own: a compound ("ReSearch")
    return df.get(m.group(1).lower(), 0) < COMMON_DF
