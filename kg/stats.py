"""Counts of what the graph holds, per class: for `kg stats` and `/api/stats`."""

from __future__ import annotations

from kg.namespaces import KG_IRI as KG

CLASSES = (
    "Paper",
    "Author",
    "Model",
    "Method",
    "Benchmark",
    "Hardware",
    "Metric",
    "Category",
    "Evaluation",
    "HardwareUsage",
    "Proposal",
    "Mention",
)


# Classes the data types only by the range of the property that links their nodes
# (docs/ONTOLOGY.md, "Types from ranges"): counted as the objects of that property.
BY_RANGE = {
    "Author": "kg:author",
    "Category": "kg:category",
    "Evaluation": "kg:hasEvaluation",
    "HardwareUsage": "kg:usesHardware",
    "Proposal": "kg:hasProposal",
    "Mention": "kg:hasMention",
}


def graph_stats(store) -> dict[str, int]:
    """Instances of each class (mentioned entities only for the five entity types), and quads."""
    out: dict[str, int] = {}
    typed = [c for c in CLASSES if c not in BY_RANGE]
    q = f"""PREFIX kg: <{KG}>
SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  VALUES ?c {{ {" ".join("kg:" + c for c in typed)} }}
  ?x a ?c .
}} GROUP BY ?c"""
    counts = {row["c"].value.removeprefix(KG): int(row["n"].value) for row in store.query(q)}
    for c, prop in BY_RANGE.items():
        rows = list(
            store.query(
                f"PREFIX kg: <{KG}>\nSELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?s {prop} ?x }}"
            )
        )
        counts[c] = int(rows[0]["n"].value) if rows else 0
    for c in CLASSES:
        out[c] = counts.get(c, 0)
    q2 = f"""PREFIX kg: <{KG}>
SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?c {{ kg:Model kg:Method kg:Benchmark kg:Hardware kg:Metric }}
  ?p kg:mentions ?e . ?e a ?c .
}} GROUP BY ?c"""
    for row in store.query(q2):
        out[f"{row['c'].value.removeprefix(KG)} (mentioned)"] = int(row["n"].value)
    out["quads"] = len(store)
    return out
