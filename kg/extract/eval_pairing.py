"""Which value goes to which (subject, benchmark) pair: the nearest metric, a value one
number of a sentence cannot give several systems, the first result of a measure across
sentences. Pure helpers of kg.extract.evaluations."""

from __future__ import annotations

from kg.extract.values import BoundValue


def nearest_metric(metrics: list, pos: int) -> str | None:
    return min(metrics, key=lambda m: abs(m.start - pos)).eid if metrics else None


def first_result_per_measure(out: list, entities: dict) -> list:
    """One value per pair and measure: where later sentences give a pair another value of
    the same measure ("achieves 80% diagnostic accuracy. When configured for maximum
    accuracy, it achieves 85.5% accuracy"), the first, the abstract's headline, stands; a
    later one is a setting of it. Measures are the same where one's label ends with the
    other's ("diagnostic accuracy", "accuracy")."""

    def label(eid: str | None) -> str:
        return (entities.get(eid, {}).get("label") or eid or "").lower() if eid else ""

    kept: list = []
    for e in out:
        if e[3] is not None and e[2] is not None:
            mine = label(e[2])
            if any(
                k[0] == e[0]
                and k[1] == e[1]
                and k[3] is not None
                and k[2] is not None
                and k[6] == e[6]
                and k[7] != e[7]  # another sentence
                and _same_measure(label(k[2]), mine)
                for k in kept
            ):
                continue
        kept.append(e)
    return kept


def unshared_values(
    bound, bench: str, subjects: list[str], base_of: dict, main=()
) -> dict[str, list[BoundValue]]:
    """Each subject's values on `bench`, less a value no system in the sentence owns that
    would go to several subjects ("Models ... perform poorly (below 10 percent accuracy on
    B)" after a study names five models): one number is one system's result. It may be
    shared by a method and the models it ran on ("On Llama-2-7B, X achieves 12.18
    perplexity on B"), by the one system the sentence names and the paper's method ("A
    Llama model tuned with this approach scores 94.1 on B"), or by the paper's own methods
    (a name and its acronym taken as two). Otherwise the paper's method keeps it where it
    is one of the takers, and nobody does where it is not (precision first)."""
    got = {sid: bound.values_for(sid, bench) for sid in subjects}
    takers: dict[tuple, set[str]] = {}
    for sid, vals in got.items():
        for v in vals:
            if v.owner is None:
                takers.setdefault((v.value, v.text, v.metric), set()).add(sid)
    # another system's own value ("HRM reaches 65.0%") is shared between the paper's
    # method and a model it ran on, and between a method and its models, never given to
    # a bystander (the parts of a baseline)
    got = {
        sid: [
            v
            for v in vals
            if v.owner is None
            or v.owner == sid
            or sid in main
            or v.owner in main
            or v.owner in base_of.get(sid, ())
            or sid in base_of.get(v.owner, ())
        ]
        for sid, vals in got.items()
    }
    shared = {
        k
        for k, sids in takers.items()
        if len(sids) > 1
        and len(sids & bound.named) != 1
        and not sids <= set(main)
        and not any(sids <= {m, *base_of.get(m, ())} for m in sids)
    }
    if not shared:
        return got
    keeper = {
        k: next(iter(takers[k] & set(main))) for k in shared if len(takers[k] & set(main)) == 1
    }
    return {
        sid: [
            v
            for v in vals
            if v.owner is not None
            or (key := (v.value, v.text, v.metric)) not in shared
            or keeper.get(key) == sid
        ]
        for sid, vals in got.items()
    }


def _same_measure(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.endswith(" " + short)
