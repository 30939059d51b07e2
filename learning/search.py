"""The catalogue's search words: PostgreSQL full text search in English, with the field's
acronyms and synonyms expanded here, in Python. A synonym or thesaurus dictionary in the
database would need files in the server's tsearch_data folder, which a managed database does
not let us write."""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery

CONFIG = "english"

# Each group's words mean the same to a school: searching for any one finds them all. A group
# of several words is searched as a phrase. Plurals and other endings need no entry: the
# English stemmer makes "teachers" "teacher". Short acronyms are kept whole, as none of them
# is one of PostgreSQL's English stop words.
SYNONYMS: list[tuple[str, ...]] = [
    ("maths", "mathematics", "numeracy"),
    ("ect", "early career teacher", "nqt", "newly qualified"),
    ("send", "special educational needs", "senco", "sendco", "special needs"),
    ("eyfs", "early years", "nursery", "reception"),
    ("ht", "headteacher", "head teacher", "principal", "headship"),
    ("dsl", "designated safeguarding lead", "safeguarding", "child protection"),
    ("dht", "deputy head", "deputy headteacher"),
    ("aht", "assistant head", "assistant headteacher"),
    ("slt", "senior leadership", "senior leader"),
    ("mfl", "modern foreign languages", "modern languages", "languages"),
    ("pe", "physical education", "sport"),
    ("re", "religious education"),
    ("eal", "english as an additional language"),
    ("cpd", "professional development", "professional learning", "training"),
    ("phonics", "early reading"),
    ("pshe", "personal social health", "rshe", "relationships education"),
    ("sbm", "school business manager", "business manager"),
    ("ta", "teaching assistant", "support staff"),
    ("ks1", "key stage 1"),
    ("ks2", "key stage 2"),
    ("ks3", "key stage 3"),
    ("ks4", "key stage 4"),
    ("computing", "ict", "computer science"),
    ("wellbeing", "well-being", "mental health"),
    ("leadership", "leader"),
]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


# Each term's words, lower case, to its group.
_GROUPS = {tuple(_words(term)): group for group in SYNONYMS for term in group}
_LONGEST = max(len(words) for words in _GROUPS)


def terms(text: str) -> list[tuple[str, ...]]:
    """The search's terms, each with what it may also be called: a known phrase ("early
    career teacher") is one term, taken before its words; any other word stands alone."""
    words = _words(text)
    found = []
    start = 0
    while start < len(words):
        for length in range(min(_LONGEST, len(words) - start), 0, -1):
            group = _GROUPS.get(tuple(words[start : start + length]))
            if group or length == 1:
                group = group or (words[start],)
                if group not in found:  # "nursery-reception" is one term
                    found.append(group)
                start += length
                break
    return found


def _query(term: str) -> SearchQuery:
    search_type = "phrase" if len(_words(term)) > 1 else "plain"
    return SearchQuery(term, config=CONFIG, search_type=search_type)


def search_query(text: str) -> SearchQuery | None:
    """Every term must match, in any of its forms; None when the text has no words."""
    groups = [reduce(or_, map(_query, group)) for group in terms(text)]
    return reduce(and_, groups) if groups else None
