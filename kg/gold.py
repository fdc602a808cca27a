"""An extraction in the gold-file format of /work/shared/gold (see GUIDELINES.md):

    {"id", "title",
     "entities": {"Model": [{"name", "aliases"}], "Method": [...], "Benchmark": [...],
                  "Hardware": [...], "Metric": [...]},
     "proposes": [name], "evaluations": [{"subject", "benchmark", "metric"?, "value"?}],
     "hardware_use": [{"hardware", "subject"?, "purpose"}]}

Names are canonical: a vocabulary concept is named by its preferred label, a discovered
entity by its most specific form in the text (the longest); the aliases are the paper's
other forms of it.
"""

from __future__ import annotations

from kg.models import ENTITY_TYPES, Extraction, Paper

RESULT_KINDS = frozenset({"score", "improvement", "ratio", "range"})  # kg.extract.values


def _names(ex: Extraction) -> dict[str, tuple[str, list[str]]]:
    """entity id -> (name, aliases) from the mentions, in order of first mention."""
    surfaces: dict[str, list[str]] = {}
    for m in sorted(ex.mentions, key=lambda m: (m.span.field != "title", m.span.start)):
        forms = surfaces.setdefault(m.entity_id, [])
        if m.text not in forms:
            forms.append(m.text)
    out = {}
    for eid, forms in surfaces.items():
        ent = ex.entities.get(eid)
        # the canonical label of a vocabulary concept names it ("speedup" for "wall-clock
        # speedup", "Llama 3.1 8B" for "LLaMA-3.1-8B"); a discovered entity is named by its
        # most specific form in the text
        name = ent.label if ent is not None and ent.in_vocabulary else max(forms, key=len)
        aliases, seen = [], {name.lower()}
        for f in forms:
            if f.lower() not in seen:
                seen.add(f.lower())
                aliases.append(f)
        out[eid] = (name, aliases)
    return out


def to_gold(paper: Paper, ex: Extraction, paper_id: str | None = None) -> dict:
    names = _names(ex)
    ents: dict[str, list] = {t: [] for t in ENTITY_TYPES}
    for eid, (name, aliases) in names.items():
        ent = ex.entities.get(eid)
        if ent is None:
            continue
        ents[ent.type].append({"name": name, "aliases": aliases})

    def nm(eid: str | None) -> str | None:
        if eid is None:
            return None
        if eid in names:
            return names[eid][0]
        ent = ex.entities.get(eid)
        return ent.label if ent else eid

    proposes = list(dict.fromkeys(nm(p.entity) for p in ex.proposes))
    evaluations, seen = [], set()
    for e in ex.evaluations:
        item = {"subject": nm(e.subject), "benchmark": nm(e.benchmark)}
        if e.metric:
            item["metric"] = nm(e.metric)
        if e.value_text and (e.value_kind is None or e.value_kind in RESULT_KINDS):
            item["value"] = e.value_text  # a spread or a count is no value (GUIDELINES.md)
        key = tuple(sorted(item.items()))
        if key not in seen:
            seen.add(key)
            evaluations.append(item)
    hardware = []
    for h in ex.hardware_use:
        item = {"hardware": nm(h.hardware)}
        if h.subject:
            item["subject"] = nm(h.subject)
        item["purpose"] = h.purpose
        hardware.append(item)
    return {
        "id": paper_id or paper.key,
        "title": paper.title,
        "entities": ents,
        "proposes": proposes,
        "evaluations": evaluations,
        "hardware_use": hardware,
    }
