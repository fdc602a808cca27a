"""Round 19 (branch wip-28t): capitalised roles of the paper's own multi-agent system
("the Plotter ..., the Inker ..., and the Colorist ...") are Methods it proposes
(kg.extract.agent_roles). Made-up names; each test fails without the rule, the guards
check what it must leave."""

from __future__ import annotations

from tests.extract_helpers import labels, proposed

_TITLE = "Zorbcast: comic drafting with cooperating agents"


def test_a_cast_of_roles_is_proposed(ex):
    ab = (
        "We propose Zorbcast, a multi-agent framework for comic drafting. Zorbcast splits "
        "the work among three agents: the Plotter for story outlines, the Inker for line "
        "art, and the Colorist for palettes. The Plotter improves story coherence."
    )
    got = proposed(ex, ab, _TITLE)
    assert {"Plotter", "Inker", "Colorist"} <= got
    assert labels(ex, ab, _TITLE).get("Inker") == "Method"


def test_a_role_called_an_agent(ex):
    ab = (
        "We present Quillroute, a document routing system built from cooperating agents. "
        "A Sorter Agent sends each page to a cheap or a careful reader."
    )
    assert "Sorter Agent" in proposed(ex, ab, "Quillroute: routing pages with agents")


def test_a_lone_capitalised_word_is_no_role(ex):
    # guard: one Title-case agent noun with no cast and no "agent" after it
    ab = (
        "We propose Quillroute, an agent for routing pages. The pages go to the Reviewer "
        "for a final check."
    )
    assert "Reviewer" not in labels(ex, ab, "Quillroute: routing pages with agents")


def test_architecture_parts_and_sentence_starts_are_no_roles(ex):
    # guard: "Transformer"/"Encoder" are parts, not roles; a sentence's first word is none
    ab = (
        "We propose Zorbcast, an agent framework whose Transformer and Encoder blocks are "
        "shared by all agents. Planner agents and the Inker share one memory."
    )
    got = labels(ex, ab, _TITLE)
    assert not {"Transformer", "Encoder", "Planner"} & set(got)


def test_roles_need_a_paper_that_introduces_something(ex):
    # guard: roles of a system the paper only studies are not proposed
    ab = (
        "Prior agent systems split the work among the Plotter, the Inker and the Colorist. "
        "We measure how often they disagree."
    )
    assert not {"Plotter", "Inker", "Colorist"} & proposed(ex, ab, "How often do agents disagree")


def test_names_before_an_algorithm_head_are_no_roles(ex):
    # guard: "the Quorb Sifter and Zorb Miner algorithms" names known tools, not a cast
    ab = (
        "We propose Zorbcast, a multi-agent framework that explains agent traces with the "
        "Quorb Sifter and Zorb Miner algorithms."
    )
    assert not {"Quorb Sifter", "Zorb Miner"} & proposed(ex, ab, _TITLE)


def test_a_role_is_no_evaluation_subject_by_being_proposed(ex):
    # the roles are parts of the system: its result sentence ("it establishes a lead")
    # evaluates the system, not each role the paper proposes (kg.extract.evaluations)
    from tests.extract_helpers import evals, run

    ab = (
        "We introduce ZorbLens, a unified framework for document forgery analysis. We "
        "further design the QR pipeline (Perceiver, Reasoner, Reviewer), a hierarchical and "
        "iterative multi-agent system that generates high-quality annotations. Extensive "
        "experiments demonstrate the superiority of ZorbLens across multiple benchmarks. "
        "Moreover, on the challenging dense-text Zorb-SROIE dataset, it establishes a "
        "significant lead over other MLLM-based methods in macro-average F1."
    )
    e = run(ex, ab, "ZorbLens: co-reasoning for forgery analysis")
    pairs = set(evals(e))
    assert ("ZorbLens", "Zorb-SROIE") in pairs
    assert not {("Reasoner", "Zorb-SROIE"), ("Reviewer", "Zorb-SROIE")} & pairs
