"""What gets typed Benchmark, and values on it (round 20, issue #16 items 2-3): a name
ends at a sentence start; an edition's year and a numbered track stay inside a shared
task's name; a list before "settings"/"scenarios" or task acronyms before "tasks" name no
data; two models' own numbers are not a third system's result. Made-up sentences on the
fixture vocabulary; the rule tests fail without the rules, the guards pass on both."""

from __future__ import annotations

from tests.extract_helpers import evals, labels, run


def test_a_list_item_ends_before_the_next_sentence(ex):
    got = labels(
        ex,
        "We propose ZorbTrack. Experiments are run on four tracking benchmarks, including "
        "QWER-TIR, ZXC-TIR2015, and QWER-TIR 2017. The results show that ZorbTrack is best.",
    )
    assert got.get("QWER-TIR 2017") == "Benchmark"
    assert "QWER-TIR 2017. The" not in got


def test_a_head_name_ends_at_a_sentence_start(ex):
    got = labels(
        ex,
        "We study restoration on Smartphones. NTIRE 2025 Challenge entries are ranked by "
        "PSNR, and ZorbNet reaches 31.2 dB.",
    )
    assert "Smartphones. NTIRE 2025 Challenge" not in got
    assert got.get("NTIRE 2025 Challenge") == "Benchmark"


def test_a_year_inside_a_challenge_name(ex):
    got = labels(
        ex,
        "We propose ZorbSign. In the SignEval 2025 QSLR challenge, ZorbSign placed second "
        "with a WER of 47.78%.",
    )
    assert got.get("SignEval 2025 QSLR challenge") == "Benchmark"
    assert "QSLR challenge" not in got


def test_a_numbered_track_and_its_year(ex):
    got = labels(
        ex,
        "We study clinical extraction with MedZorb. The 2018 QZ2C2 Track 1 benchmark "
        "dataset is used for evaluation. MedZorb reaches 89.05% accuracy.",
    )
    assert got.get("2018 QZ2C2 Track 1") == "Benchmark"


def test_a_numbered_task_after_a_year(ex):
    got = labels(
        ex,
        "We propose ZorbRel. We took the ZemEval 2023 Task 3 dataset and trained ZorbRel, "
        "reaching 71.2% F1.",
    )
    assert got.get("ZemEval 2023 Task 3") == "Benchmark"


def test_a_plain_year_before_a_head_stays_out(ex):
    # guard: a year before plain words is a date, not part of a name shaped by its letters
    got = labels(ex, "We evaluate ZorbNet on the 2019 Plimsoll dataset and gain 3% accuracy.")
    assert got.get("Plimsoll") == "Benchmark"
    assert "2019 Plimsoll" not in got


def test_a_setting_after_a_list_is_no_benchmark(ex):
    got = labels(
        ex,
        "We evaluate ZorbSeg on the QRN setting and it reaches 5% higher accuracy than "
        "prior methods.",
    )
    assert got.get("QRN") != "Benchmark"


def test_a_task_acronym_before_tasks_is_no_benchmark(ex):
    got = labels(
        ex,
        "We propose ZorbReward. ZorbReward improves preference accuracy from 54.8% to "
        "81.0% on QSTEM tasks.",
    )
    assert got.get("QSTEM") != "Benchmark"


def test_a_suite_before_tasks_stays_a_benchmark(ex):
    # guard: a suite's name before "tasks" ("on LM Harness tasks")
    got = labels(
        ex,
        "We propose ZorbPrune. ZorbPrune preserves 97% of average zero-shot accuracy on "
        "QM Harness tasks.",
    )
    assert got.get("QM Harness") == "Benchmark"


def test_a_named_task_in_the_singular_stays(ex):
    # guard: "the X task" names a benchmark's task
    got = labels(ex, "We evaluate ZorbQA on the ZQuAD-v2 task and it reaches 91.2% F1 there.")
    assert got.get("ZQuAD-v2") == "Benchmark"


_TWO_MODELS = (
    "We propose ZorbAlign, a preference tuning method for unified multimodal models. "
    "Applied to Llama 2 and Mistral, ZorbAlign reaches a GSM8K score of 0.77 for "
    "Llama 2 and 0.65 for Mistral."
)


def test_two_models_own_their_numbers(ex):
    got = evals(run(ex, _TWO_MODELS))
    values = {k: [v.value for v in vs] for k, vs in got.items()}
    assert values.get(("Llama 2", "GSM8K")) == [0.77]
    assert values.get(("Mistral", "GSM8K")) == [0.65]


def test_the_method_takes_neither_models_number(ex):
    got = evals(run(ex, _TWO_MODELS))
    assert all(v.value is None for v in got.get(("ZorbAlign", "GSM8K"), []))


def test_one_model_shares_its_number_with_the_method(ex):
    # guard: one base model's number is also the method's result on it
    got = evals(
        run(
            ex,
            "We propose ZorbAlign, a preference tuning method. ZorbAlign improves accuracy "
            "on GSM8K by 5.2% for Llama-3-8B.",
        )
    )
    assert [v.value for v in got.get(("ZorbAlign", "GSM8K"), [])] == [5.2]


def test_tasks_named_after_for_do_not_take_the_numbers(ex):
    # guard: "for PointNav ... for ObjectNav" name tasks (typed Method), not base models
    got = evals(
        run(
            ex,
            "We propose ZorbNav, an exploration method. ZorbNav improves exploration, "
            "achieving a 100% completion rate for QuintNav and an SPL of 67% for ZorbObjNav "
            "on the Zorb3D Validation split.",
        )
    )
    vals = [v.value for k, vs in got.items() if k[0] == "ZorbNav" for v in vs]
    assert 67.0 in vals


def test_a_described_dataset_after_an_article_is_no_name(ex):
    got = labels(
        ex,
        "We curate a novel Zorbish-language corpus of 10,410 sentences and evaluate "
        "ZorbNet on it, reaching 91% accuracy.",
    )
    assert "Zorbish-language corpus" not in got
    assert "Zorbish-language" not in got


def test_a_name_after_an_article_stays(ex):
    # guard: a word written as a name (digits, capitals inside) after "a" is the name
    got = labels(
        ex,
        "Experiments on a self-processed Quorth3DS benchmark show that ZorbNet improves "
        "accuracy by 5%.",
    )
    assert got.get("Quorth3DS") == "Benchmark"


def test_a_bare_numbered_track_is_no_name(ex):
    # guard: "Track 3" with no challenge name before it names no benchmark
    got = labels(
        ex,
        "Both Track 1 and Track 3 datasets were generated in simulation, and ZorbNet "
        "reaches 71% accuracy on them.",
    )
    assert "Track 3" not in got


_OUTPERFORMING = (
    "This work introduces ZorbBERT, a monolingual encoder trained from scratch. We "
    "introduce ZorbBench with 28 datasets across eight task categories. ZorbBERT attains "
    "77.58 on ZorbBench, outperforming QuarkTurk by 1.62 points."
)


def test_a_model_after_outperforming_is_no_listed_benchmark(ex):
    got = labels(ex, _OUTPERFORMING)
    assert got.get("QuarkTurk") != "Benchmark"


def test_an_own_score_on_the_own_benchmark_is_kept(ex):
    # the sentence's only benchmark is the paper's own: its explicit, owned score stays
    got = evals(run(ex, _OUTPERFORMING.replace("QuarkTurk", "Llama 2")))
    assert [v.value for v in got.get(("ZorbBERT", "ZorbBench"), [])] == [77.58]


def test_items_after_including_stay_listed(ex):
    # guard: "including" opens the list's items, not a clause
    got = labels(
        ex,
        "We evaluate ZorbNet on five datasets, including Plimsoll-5K, Quandle-3D, and "
        "Zorbix-2, improving accuracy by 5%.",
    )
    assert got.get("Quandle-3D") == "Benchmark"
