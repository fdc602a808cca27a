"""Families a method runs on become base models of its evaluations, never subjects
(kg.extract.family_bases): "which papers evaluate Qwen on GSM8K" finds the paper."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from tests.extract_helpers import run


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _bases(e) -> dict[tuple[str, str], set[str]]:
    lab = {k: v.label for k, v in e.entities.items()}
    return {
        (lab[v.subject], lab[v.benchmark]): {lab[b] for b in v.base_models} for v in e.evaluations
    }


@pytest.mark.parametrize(
    ("abstract", "pair", "families"),
    [
        # in the benchmark sentence, after "models ... from the"
        (
            "We propose Zorb, an unsupervised reward. We show gains on GSM8K and MATH with "
            "models of varying sizes from the Qwen, Mistral, and Llama families.",
            ("Zorb", "GSM8K"),
            {"Qwen", "Mistral", "Llama"},
        ),
        # in another sentence of the paper's own, after an application cue
        (
            "We propose Zorb, a decoding method. We apply Zorb to the Llama and Qwen "
            "families. Experiments on GSM8K show gains of 3 points.",
            ("Zorb", "GSM8K"),
            {"Llama", "Qwen"},
        ),
    ],
)
def test_families_the_method_runs_on_are_base_models(ex, abstract, pair, families):
    got = _bases(run(ex, abstract))
    assert got[pair] == families
    # base models only: no family is a subject of its own
    assert not any(s in families for s, _ in got)


@pytest.mark.parametrize(
    "abstract",
    [
        # compared with, not run on
        "We propose Zorb, a decoding method. Zorb outperforms models from the Llama and "
        "Qwen families on GSM8K.",
        # a data source, not a base
        "We propose Zorb. Responses distilled from the Llama family are used for training. "
        "Experiments on GSM8K show gains.",
    ],
)
def test_families_compared_or_used_as_sources_are_not_bases(ex, abstract):
    got = _bases(run(ex, abstract))
    assert got.get(("Zorb", "GSM8K")) == set()
