"""Counts of what the graph holds, per class: for `kg stats` and `/api/stats`."""

from __future__ import annotations

KG = "https://w3id.org/kg/ontology#"
CLASSES = ("Paper", "Author", "Model", "Method", "Benchmark", "Hardware", "Metric", "Category",
           "Evaluation", "HardwareUsage", "Proposal", "Mention")


def graph_stats(store) -> dict[str, int]:
    """Instances of each class (mentioned entities only for the five entity types), and quads."""
    out: dict[str, int] = {}
    q = f"""PREFIX kg: <{KG}>
SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  VALUES ?c {{ {' '.join('kg:' + c for c in CLASSES)} }}
  ?x a ?c .
}} GROUP BY ?c"""
    counts = {row["c"].value.removeprefix(KG): int(row["n"].value) for row in store.query(q)}
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
