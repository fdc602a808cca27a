"""Round 30: lower-case technique names the corpus defines with an acronym (kg/vocab_terms.py)."""

import json

from kg.vocab_terms import acronym_terms as _acronym_terms


def acronym_terms(texts, **kw) -> list[dict]:
    """The miner reads (paper id, text) pairs; these tests write texts only."""
    return _acronym_terms(lambda: ((str(i), t) for i, t in enumerate(texts())), **kw)


def _texts() -> list[str]:
    named = "We compress codes with glorbic flux quantization (GFQ) before decoding."
    named_cap = "Glorbic Flux Quantization (GFQ) is applied to the latents."
    generic = "We rely on plonk learning (PL) here."
    return (
        [named, named, named_cap, "glorbic flux quantization again", generic]
        + ["plonk learning is everywhere"] * 40
        + [generic] * 2
    )


def _mine(**kw) -> set[str]:
    out = acronym_terms(_texts, known=lambda s: False, stopped=lambda s: False, **kw)
    return {c["prefLabel"] for c in out}


def test_defined_lower_case_technique_is_mined() -> None:
    assert "glorbic flux quantization" in _mine()


def test_phrase_rarely_defined_where_written_is_generic() -> None:
    # defined in 3 papers of the 43 that write it: under min_rate
    assert "plonk learning" not in _mine()
    assert "plonk learning" in _mine(min_rate=0.0)


def test_known_and_non_technique_heads_left_out() -> None:
    texts = ["We study glorbic flux detection (GFD)."] * 4
    assert not acronym_terms(lambda: texts, known=lambda s: False, stopped=lambda s: False)
    known = acronym_terms(_texts, known=lambda s: "glorbic" in s, stopped=lambda s: False)
    assert "glorbic flux quantization" not in {c["prefLabel"] for c in known}


def test_only_capitalised_definitions_are_names_not_terms() -> None:
    texts = ["Glorbic Flux Quantization (GFQ) is ours."] * 4
    assert not acronym_terms(lambda: texts, known=lambda s: False, stopped=lambda s: False)


def test_generic_modifier_before_head_is_generic() -> None:
    texts = ["We apply plonkish learning (PLL) here."] * 4
    out = acronym_terms(lambda: texts, known=lambda s: False, stopped=lambda s: s == "plonkish")
    assert not out
    out = acronym_terms(lambda: texts, known=lambda s: False, stopped=lambda s: False)
    assert [c["prefLabel"] for c in out] == ["plonkish learning"]


def test_two_known_names_run_together_are_not_a_term() -> None:
    texts = ["We use zorb-of-steps quux fine-tuning (ZQFT) first."] * 4
    known = {"zorb-of-steps", "quux fine-tuning"}
    assert not acronym_terms(lambda: texts, known=known.__contains__, stopped=lambda s: False)


def test_mined_term_is_matched_by_the_vocabulary(tmp_path, monkeypatch) -> None:
    from kg.extract import Extractor
    from kg.models import Paper

    path = tmp_path / "mined_extra.jsonl"
    concept = {"id": "method/glorbic-flux-quantization", "type": "Method"}
    concept |= {"prefLabel": "glorbic flux quantization", "source": "mined"}
    path.write_text(json.dumps(concept) + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_VOCAB_EXTRA", str(path))
    text = "Speech tokens are encoded with glorbic flux quantization before training."
    ex = Extractor().extract(Paper(title="Speech tokens", abstract=text))
    assert "glorbic flux quantization" in {e.label for e in ex.entities.values()}


def test_spellings_folding_alike_give_one_concept() -> None:
    texts = ["glorbic-flux quantization (GFQ) is used."] * 3
    texts += ["glorbic flux quantization (GFQ) is used."] * 5
    out = acronym_terms(lambda: texts, known=lambda s: False, stopped=lambda s: False)
    assert [c["prefLabel"] for c in out] == ["glorbic flux quantization"]
