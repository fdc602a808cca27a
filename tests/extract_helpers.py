"""What the rule tests ask of one made-up abstract, written once (rounds 15-16's test
files had each carried a copy): run it, its evaluations by (subject, benchmark) label,
the labels of what it proposes, its entity labels with their types."""

from __future__ import annotations

from kg.models import Paper

TITLE = "A study of things"


def run(ex, abstract: str, title: str = TITLE):
    return ex.extract(Paper(title=title, abstract=abstract))


def evals(e) -> dict[tuple[str, str], list]:
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    out: dict[tuple[str, str], list] = {}
    for v in e.evaluations:
        out.setdefault((lab[v.subject], lab[v.benchmark]), []).append(v)
    return out


def proposed(ex, abstract: str, title: str = TITLE) -> set[str]:
    """Labels and aliases of the proposed entities."""
    e = run(ex, abstract, title)
    ents = [e.entities[p.entity] for p in e.proposes]
    return {n for x in ents for n in (x.label, *x.aliases)}


def labels(ex, abstract: str, title: str = "Zorbing things better") -> dict[str, str]:
    e = ex.extract(Paper(title=title, abstract=abstract, arxiv_id="2401.00001"))
    return {ent.label: ent.type for ent in e.entities.values()}


def metric_surfaces(e) -> set[str]:
    """The surfaces of the mentions of Metric entities."""
    return {m.text for m in e.mentions if e.entities[m.entity_id].type == "Metric"}
