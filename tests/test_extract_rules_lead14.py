"""Round 14, proposal boundaries and the paper's main method (found on round 4 after its
unseen figures were taken). Made-up sentences; each fails without its rule."""

from __future__ import annotations

from kg.models import Paper


def run(ex, abstract: str):
    e = ex.extract(Paper(title="A study of things", abstract=abstract, arxiv_id="2401.00001"))
    lab = {eid: ent.label for eid, ent in e.entities.items()}
    return (
        [lab[p.entity] for p in e.proposes],
        {(lab[v.subject], lab[v.benchmark]) for v in e.evaluations},
    )


def test_a_title_case_name_runs_to_its_last_head_noun(ex):
    # "Layer" is a head noun too; the name goes on to "Strategy"
    props, _ = run(ex, "We propose the Zorb Layer Selection Strategy, aligning signals.")
    assert props == ["Zorb Layer Selection Strategy"]


def test_a_title_case_name_is_not_cut_to_its_name_shaped_first_word(ex):
    props, _ = run(ex, "We propose the QX-Visible Layer Selection Strategy, aligning signals.")
    assert props == ["QX-Visible Layer Selection Strategy"]


def test_an_adverb_between_and_and_the_proposal_verb(ex):
    props, _ = run(
        ex,
        "We introduce the notion of zorb visibility and accordingly propose the Quill "
        "Selection Strategy, aligning signals.",
    )
    assert "Quill Selection Strategy" in props


def test_our_method_is_the_whole_not_its_first_part(ex):
    props, evals = run(
        ex,
        "We propose the Quill Selection Strategy, aligning signals with layers. Furthermore, "
        "we propose a novel Zorb Fusion Network (ZFN) framework that integrates levels. "
        "Experiments show that our method reaches 84.6% accuracy on MathQuest.",
    )
    assert {"Quill Selection Strategy", "Zorb Fusion Network"} <= set(props)
    assert ("Zorb Fusion Network", "MathQuest") in evals
    assert ("Quill Selection Strategy", "MathQuest") not in evals
