#!/usr/bin/env python3
"""Build the gazetteer-derived parts of ontology/vocab/.

Run from the repository root:

    .venv/bin/python scripts/build_vocab.py [--shared ../shared]

Curated files (models/methods/benchmarks/metrics.jsonl and the `curated` lines of
hardware.jsonl) are edited by hand and are the source of truth; this script only
reads them to avoid duplicates. It (re)writes:

* hardware.jsonl  -- keeps every `source: curated` line as is, then appends devices
  from Epoch AI's ML hardware table (`source: epoch`, CC-BY 4.0) and mlco2/impact's
  GPU table (`source: mlco2`, MIT) that the curated lines do not already name.
* pwc_benchmarks.jsonl, pwc_metrics.jsonl -- dataset/benchmark and metric names from
  the last Papers with Code snapshot (`source: pwc`, CC-BY-SA 4.0), hard-filtered
  (see `pwc_reject`) and de-duplicated against every curated label.
* litellm_models.jsonl -- hosted model ids from BerriAI/litellm (MIT), provider
  prefixes and dated/deployment suffixes stripped, kept only when they name a model
  that models.jsonl does not already cover (`source: litellm`).

Output is deterministic (sorted input, stable ids), so re-running gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "ontology" / "vocab"

CURATED_FILES = ["models.jsonl", "methods.jsonl", "benchmarks.jsonl", "metrics.jsonl"]


# --------------------------------------------------------------------------- helpers
def norm(label: str) -> str:
    """Comparison key used everywhere: case-insensitive, spaces/hyphens/underscores removed."""
    return re.sub(r"[\s\-_]+", "", label.lower())


def slug(s: str) -> str:
    s = s.lower().replace("+", "plus").replace("@", "-at-").replace("&", "and")
    s = re.sub(r"[^a-z0-9.]+", "-", s)
    return re.sub(r"-+", "-", s).strip("-.")


def labels_of(rec: dict) -> list[str]:
    return [rec["prefLabel"], *rec.get("altLabels", [])]


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, recs: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(recs)} concepts", file=sys.stderr)


def make(cid, typ, pref, alts, source, broader=(), kind=None, cs=False):
    rec = {"id": cid, "type": typ, "prefLabel": pref}
    seen = {pref if cs else pref.lower()}
    out = []
    for a in alts:
        k = a if cs else a.lower()
        if a and k not in seen:
            seen.add(k)
            out.append(a)
    if out:
        rec["altLabels"] = out
    if broader:
        rec["broader"] = list(broader)
    if kind:
        rec["kind"] = kind
    if cs:
        rec["case_sensitive"] = True
    rec["source"] = source
    return rec


# --------------------------------------------------------------------------- hardware
VENDOR_IDS = {
    "nvidia": "hardware/vendor-nvidia",
    "google": "hardware/vendor-google",
    "amd": "hardware/vendor-amd",
    "intel": "hardware/vendor-intel",
    "amazon aws": "hardware/vendor-amazon-web-services",
    "huawei": "hardware/vendor-huawei",
    "microsoft": "hardware/vendor-microsoft",
    "meta": "hardware/vendor-meta",
    "cambricon": "hardware/vendor-cambricon",
    "kunlunxin baidu": "hardware/vendor-kunlunxin",
    "alibaba": "hardware/vendor-alibaba",
    "biren": "hardware/vendor-biren",
    "moore threads (tencent)": "hardware/vendor-moore-threads",
    "metax": "hardware/vendor-metax",
    "iluvatar corex": "hardware/vendor-iluvatar-corex",
    "hygon": "hardware/vendor-hygon",
    "sunway": "hardware/vendor-sunway",
    "pezy": "hardware/vendor-pezy",
    "tesla": "hardware/vendor-tesla",
    "national university of defense technology": (
        "hardware/vendor-national-university-of-defense-technology"
    ),
    "groq": "hardware/vendor-groq",
}
STRIP_WORDS = {
    "nvidia",
    "google",
    "amd",
    "intel",
    "huawei",
    "amazon",
    "aws",
    "meta",
    "microsoft",
    "baidu",
    "geforce",
    "radeon",
    "instinct",
    "habana",
    "hgx",
    "gigabyte",
    "oc",
    "chip",
    "cambricon",
    "metax",
    "biren",
    "t-head",
}


def hw_arch(name: str) -> str | None:
    """Architecture id for an accelerator name, by naming convention (None when unsure)."""
    n = name.upper()
    rules = [
        (r"\bTPU", "tpu"),
        (r"\bMI3[5-9]\d", "cdna4"),
        (r"\bMI3\d\d", "cdna3"),
        (r"\bMI2\d\d", "cdna2"),
        (r"\bMI100\b", "cdna"),
        (r"\bMI[56]0\b", "vega"),
        (r"\bRX ?[4-9]\d\d\d?\b", "rdna"),
        (r"\bG?B[123]00\b|\bRTX 50\d0|\bBLACKWELL", "blackwell"),
        (r"\bRUBIN", "rubin"),
        (r"\bG?H(100|200|800|20)\b", "hopper"),
        (r"\bL(2|4|20|40S?)\b|\bRTX 40\d0|\bADA\b", "ada"),
        (r"\bA(2|10G?|16|30|40|100|800)\b|\bRTX A\d{4}|\bRTX 30\d0", "ampere"),
        (r"\bRTX 20\d0|\bT4\b|\bQUADRO RTX|\bTITAN RTX|\bGTX 16\d0", "turing"),
        (r"\bV100|\bTITAN V\b", "volta"),
        (r"\bP(4|40|100)\b|\bGTX 10\d0|\bQUADRO P|\bTITAN XP|TITAN X PASCAL", "pascal"),
        (r"\bM(40|60)\b|\bGTX 9\d0|\bQUADRO M|\bGTX 750|\bGTX TITAN X\b", "maxwell"),
        (r"\bK(20|40|80)|\bQUADRO K|\bGTX 7\d0|\bGTX TITAN\b", "kepler"),
        (r"\bGAUDI", "gaudi"),
        (r"\bMAX 1\d{3}", "xe"),
        (r"\bASCEND", "ascend"),
        (r"\bTRAINIUM", "trainium"),
        (r"\bINFERENTIA", "inferentia"),
        (r"\bXEON", "xeon"),
        (r"\bEPYC", "zen"),
        (r"\bLPU\b", "lpu"),
    ]
    for pat, arch in rules:
        if re.search(pat, n):
            return f"hardware/arch-{arch}"
    return None


def hw_candidates(name: str) -> list[str]:
    name = re.sub(r"\bPCle\b", "PCIe", name).strip()
    toks = name.split()
    stripped = " ".join(t for t in toks if t.lower() not in STRIP_WORDS)
    no_tesla = " ".join(t for t in stripped.split() if t.lower() != "tesla")
    no_paren = re.sub(r"\s*\([^)]*\)", "", no_tesla).strip()
    no_mem = re.sub(r"\s*\d+\s*G[Bi]?B?$", "", no_paren).strip()
    out = []
    for c in (name, stripped, no_tesla, no_paren, no_mem):
        if c and c not in out:
            out.append(c)
    return out


def build_hardware(shared: Path) -> None:
    path = VOCAB / "hardware.jsonl"
    curated = [r for r in read_jsonl(path) if r["source"] == "curated"]
    if not curated:
        sys.exit("hardware.jsonl has no curated lines; refusing to overwrite")
    label_to_id = {}
    for r in curated:
        for label in labels_of(r):
            label_to_id.setdefault(norm(label), r["id"])
    devices = {r["id"]: r for r in curated if r.get("kind") == "device"}
    dev_keys = sorted(
        ((norm(r["prefLabel"]), r["id"]) for r in devices.values()), key=lambda x: -len(x[0])
    )
    ids = {r["id"] for r in curated}
    added: list[dict] = []

    def parent_device(cands: list[str]) -> str | None:
        for c in cands:
            toks = [norm(t) for t in re.split(r"[\s\-]+", c)]
            for k, did in dev_keys:
                if len(k) >= 3 and k in toks:
                    return did
        return None

    def add(name: str, vendor_key: str | None, source: str) -> None:
        cands = hw_candidates(name)
        if any(norm(c) in label_to_id for c in cands):
            return
        pref = cands[2] if len(cands) > 2 else cands[-1]
        if pref.lower().startswith("tesla ") is False and name.lower().startswith("nvidia tesla"):
            pass
        alts = [c for c in cands if c != pref]
        vendor = VENDOR_IDS.get((vendor_key or "").strip().lower())
        parent = parent_device(cands[1:])
        arch = hw_arch(pref)
        broader = [parent] if parent else ([arch] if arch else ([vendor] if vendor else []))
        if not broader:
            return
        cid = "hardware/" + ("epoch-" if source == "epoch" else "mlco2-") + slug(pref)
        if cid in ids:
            return
        cs = len(pref) <= 5 or bool(re.fullmatch(r"[A-Z]{1,3}\d{1,4}[A-Z]?", pref))
        rec = make(cid, "Hardware", pref, alts, source, broader, kind="device", cs=cs)
        for label in labels_of(rec):
            if norm(label) in label_to_id:
                rec["altLabels"] = [a for a in rec.get("altLabels", []) if norm(a) != norm(label)]
        if not rec.get("altLabels"):
            rec.pop("altLabels", None)
        ids.add(cid)
        for label in labels_of(rec):
            label_to_id[norm(label)] = cid
        added.append(rec)

    with (shared / "gazetteers" / "epoch_ml_hardware.csv").open(encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["Hardware name"])
    for row in rows:
        if row["Type"].strip().upper() in {"CPU", "HYBRID CPU"}:
            continue
        add(
            row["Hardware name"].strip(),
            row["Manufacturer"] or ("Groq" if "Groq" in row["Hardware name"] else ""),
            "epoch",
        )
    with (shared / "gazetteers" / "mlco2_gpus.csv").open(encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["name"])
    for row in rows:
        name = row["name"].strip()
        if "/" in name:  # e.g. "A100 PCIe 40/80GB": two boards in one row
            name = (
                name.split("/")[0] + "GB"
                if re.search(r"\d+/\d+GB$", name)
                else name.replace("/", " ")
            )
        low = name.lower()
        vendor = (
            "amd"
            if "amd" in low or "epyc" in low
            else "intel"
            if "intel" in low or "xeon" in low
            else "google"
            if "tpu" in low
            else "nvidia"
        )
        add(name, vendor, "mlco2")
    write_jsonl(path, curated + added)


# --------------------------------------------------------------------------- Papers with Code
SPAM = re.compile(
    r"https?:|www\.|\.com\b|\.net\b|\.org\b|@\w+\.|\bcall\b"
    r"|\bcontact\b|\bcustomer\b|\bhelpline\b|\bhotline\b"
    r"|\brefund|\bexpedia\b|\bairlines?\b|\bbooking\b|\bticket"
    r"|\bcancel|\bspeak\b|\bphone\b|\bnumber\b|\btoll\b"
    r"|\bsupport\b|\bservice\b|\bhow (do|to|can)\b|\bcasino"
    r"|\bloan|\bviagra|\bcrypto|\bwallet|\bquickbooks"
    r"|\bcoinbase|\bwhatsapp|\bdispute|\bclaim\b|\bresolve\b"
    r"|\bhate\b|\bdeleted\b|\bbuy\b|\bcheap\b|\bdiscount",
    re.I,
)
PHONE = re.compile(r"\+?\d[\d\s().\-]{8,}\d")
ALLOWED = re.compile(r"^[A-Za-z0-9À-ÖØ-öø-ÿ .,'’&+\-_:/@]+$")
DATATANG = re.compile(
    r"^\d[\d,.]*\s+(people|hours?|images?|pairs?|videos?|sentences?|persons?|identities)\b", re.I
)
# words that on their own say nothing about which dataset is meant
GENERIC = set(
    """
a an the of and or for in on with to from by at as via vs versus without within into over under
per all any dataset datasets data benchmark benchmarks challenge challenges corpus corpora set
sets subset split splits test testing tests val valid validation dev train training task tasks
track shared competition suite collection image images text texts video videos audio speech
sound graph graphs table tables document documents sentence sentences word words question
questions answer answers answering model models real synthetic world human humans large small
big tiny mini full new old simple hard easy medium extended version v clean noisy public private
english chinese multilingual cross lingual language languages general common standard open
source based level scene scenes object objects face faces hand hands body person people pose
action actions activity activities recognition detection segmentation classification generation
retrieval translation estimation prediction tracking captioning reasoning understanding
summarization parsing matching completion forecasting analysis sentiment emotion emotions news
medical clinical health biomedical legal financial scientific math mathematical code program
programs dialogue dialog conversation conversations review reviews query queries search web
indoor outdoor street city urban road traffic driving vehicle vehicles car cars point cloud
clouds depth
""".split()
)


SPLIT_WORDS = {
    "test",
    "testing",
    "val",
    "validation",
    "dev",
    "train",
    "training",
    "subtask",
    "split",
    "fold",
    "part",
    "group",
    "hops",
    "novel",
    "classes",
    "eval",
    "overall",
    "total",
    "final",
    "best",
    "matched",
    "mismatched",
    "level",
    "level1",
    "level2",
    "level3",
    "easy",
    "hard",
    "medium",
    "zero-shot",
    "shot",
}
METRIC_WORDS = set(
    """
accuracy acc error err rate score scores recall precision f1 f-measure fmeasure f-score distance
similarity correlation loss auc auroc auprc iou miou ap map mae mse rmse reward return ratio
index coefficient divergence likelihood perplexity ppl bleu rouge meteor cider spice fid psnr
ssim lpips wer cer ndcg mrr hits hit latency throughput time speed speedup flops params
parameters memory success sr spl kappa mcc eer dice hd95 epe ade fde mota motp idf1 hota pck
mpjpe nme auc-roc roc pr-auc top-1 top-5 top1 top5 elo win winrate entropy cost
""".split()
)


# common acronyms that mean something else in running text
ACRONYM_BLOCK = set(
    """
aids cad cfd bci cnn rnn gan gpu cpu tpu api ai ml nlp llm iot ecg eeg emg mri ct pet dna rna
hiv covid gps usa uk eu un who nasa ieee acm pdf html xml json sql csv url faq kpi roi seo crm
erp hr it qa id ui ux os ram rom ssd hdd usb lan wan vpn sms mms pos atm dvd cd tv pc vr ar xr
rl sl dl cv ir ocr asr tts nlu nlg
""".split()
)


def pwc_reject(name: str, kind: str, common: frozenset = frozenset()) -> str | None:
    """Why a Papers-with-Code name is not kept (None = keep).

    `common` holds ordinary vocabulary (the words of PwC's task names plus GENERIC):
    a one-word name that is such a word, or a 1-3 letter acronym, is too ambiguous."""
    if not ALLOWED.match(name):
        return "characters"
    if SPAM.search(name) or PHONE.search(name) or DATATANG.search(name):
        return "spam"
    if not re.search(r"[A-Za-z]", name) or len(name) < 2:
        return "no-letters"
    words = name.split()
    if len(words) > 6 or len(name) > 60:
        return "too-long"
    if len(words) == 1:
        w = re.sub(r"[^a-z0-9]", "", name.lower())
        if w in common or w in ACRONYM_BLOCK or (name.isalpha() and len(name) <= 3):
            return "ambiguous-word"
    toks = [t for t in re.split(r"[\s\-_/:,.]+", name) if t]
    if all(t.lower() in GENERIC or t.isdigit() for t in toks):
        return "generic"
    if not re.search(r"[A-Z0-9]", name):
        return "lowercase-phrase"

    # name-like: some token is an acronym/camel-case word, mixes letters and digits,
    # or is a capitalised word that is not generic vocabulary
    def namey(t: str) -> bool:
        if re.search(r"[A-Za-z]", t) and re.search(r"\d", t):
            return True
        if sum(c.isupper() for c in t) >= 2:
            return True
        return t[:1].isupper() and t.lower() not in GENERIC and len(words) > 1

    if not any(namey(t) for t in toks):
        return "not-name-like"
    if name.endswith((":", "-", "/")) or " - " in name:
        return "fragment"
    if any(t.lower() in SPLIT_WORDS for t in toks):
        return "split-or-subset"
    if kind == "metric":
        if re.search(r"[()%#=+:]", name):
            return "formula"
        if re.match(r"^\d", name) or len(name) <= 3:
            return "too-short"
        if not (
            any(t.lower() in METRIC_WORDS for t in toks)
            or "@" in name
            or any(
                re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*", t)
                and sum(c.isupper() for c in t) >= 3
                for t in toks
            )
        ):
            return "not-a-measure"
    return None


def pwc_cs(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(name) <= 6 or len(name.split()) == 1 and letters.isupper() or name.lower() in GENERIC


def build_pwc(shared: Path) -> None:
    gaz = json.loads(
        (shared / "gazetteers" / "pwc_worldsnapshot_gazetteer.json").read_text(encoding="utf-8")
    )
    common = frozenset(
        GENERIC | {t for task in gaz["tasks"] for t in re.findall(r"[a-z]+", task.lower())}
    )
    curated_labels: dict[str, str] = {}
    for fn in CURATED_FILES + ["hardware.jsonl", "litellm_models.jsonl"]:
        for r in read_jsonl(VOCAB / fn):
            for label in labels_of(r):
                curated_labels.setdefault(norm(label), r["id"])
    for kind, keys, typ, prefix, out in [
        (
            "benchmark",
            ["datasets", "benchmarks"],
            "Benchmark",
            "benchmark/pwc-",
            "pwc_benchmarks.jsonl",
        ),
        ("metric", ["metrics"], "Metric", "metric/pwc-", "pwc_metrics.jsonl"),
    ]:
        names = sorted({re.sub(r"\s+", " ", n).strip() for k in keys for n in gaz[k]})
        groups: OrderedDict[str, list[str]] = OrderedDict()
        rejected: dict[str, int] = {}
        for n in names:
            why = pwc_reject(n, kind, common)
            if why is None and norm(n) in curated_labels:
                why = "curated"
            if why:
                rejected[why] = rejected.get(why, 0) + 1
                continue
            groups.setdefault(norm(n), []).append(n)
        recs, ids = [], set()
        for forms in groups.values():
            pref = sorted(forms, key=lambda s: (sum(c in " -_" for c in s), s))[0]
            cid = prefix + slug(pref)
            if not slug(pref) or cid in ids:
                continue
            ids.add(cid)
            recs.append(make(cid, typ, pref, forms, "pwc", cs=any(pwc_cs(f) for f in forms)))
        print(
            f"pwc {kind}: {len(names)} names, kept {len(recs)}, rejected {rejected}",
            file=sys.stderr,
        )
        for r in recs:  # a name kept as a benchmark is not also offered as a metric
            for label in labels_of(r):
                curated_labels.setdefault(norm(label), r["id"])
        write_jsonl(VOCAB / out, recs)


# --------------------------------------------------------------------------- litellm
LITELLM_KEEP = re.compile(
    r"^(gpt-|o[134]\b|claude-|gemini-|gemma-|llama-?[234]|mistral-|mixtral-|codestral|ministral-|pixtral|magistral|"
    r"devstral|qwen\d|qwq|deepseek-|phi-|command-|grok-|glm-|kimi-|yi-|jamba-|nemotron|granite-|olmo|"
    r"falcon|minimax-|ernie-|hunyuan|codellama|starcoder)",
    re.I,
)
# hosting/deployment decorations, quantisation formats, provider renames and other non-model ids
LITELLM_DROP = re.compile(
    r"([@:]|-awq|-bf16|-tput|^qwen25|embed|whisper|tts|dall-e|image|audio|realtime|transcribe|moderation|search|guard|computer-use|"
    r"-maas$|-turbo(-free)?$|-fast|-lora|-fp16|-fp8|-int[48]|-hf$|gguf|-instant|-versatile|-free$|-basic$|-long$|"
    r"-\d+k\b|nightly|-light|-beta|paddle|-pt$|customtools|-live|copilot|uncensored|capybara|rope|mxfp|nvfp4|-mtp|"
    r"-airx|-text$|-tiny$|-x$|-lightning|-preview|-latest|-exp\b|-\d{4}$|-\d{2}-\d{2}$|\d{6,8}|\dp\d|-v\d+p\d|"
    r"^gpt-35|^gpt-41|^gpt-4-o|ttm-|-vision-beta|-maas|gemini-gemma|deepseek-llama|deepseek-r1-\d+b|"
    r"deepseek-r1-basic|deepseek-chat-v|-distill-qwen\d|-codex-spark|sea-lion|-multi-agent|llama3-\d-|"
    r"granite-\d-\d|-\d-\d-|thinking-turbo|-reasoning$|-non-reasoning$|-flash-lite$|-plus-\d|-flash-\d)",
    re.I,
)


def build_litellm(shared: Path) -> None:
    data = json.loads(
        (shared / "gazetteers" / "litellm_model_prices_and_context_window.json").read_text(
            encoding="utf-8"
        )
    )
    known: dict[str, str] = {}
    for fn in CURATED_FILES:
        for r in read_jsonl(VOCAB / fn):
            for label in labels_of(r):
                known.setdefault(norm(label), r["id"])
    models = read_jsonl(VOCAB / "models.jsonl")
    prefixes = sorted(
        ((lab.lower(), r["id"]) for r in models for lab in labels_of(r) if len(lab) >= 4),
        key=lambda x: -len(x[0]),
    )
    out: OrderedDict[str, dict] = OrderedDict()
    for key, meta in sorted(data.items()):
        if not isinstance(meta, dict) or meta.get("mode") not in (
            "chat",
            "completion",
            "responses",
        ):
            continue
        name = key.split("/")[-1]
        name = re.sub(r"^(us|eu|apac|global|jp|au)\.", "", name)
        name = re.sub(
            r"^(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|google|openai|xai|moonshotai|zai|"
            r"nvidia|microsoft|ibm|writer|alibaba)\.",
            "",
            name,
        )
        name = re.sub(r"-v\d+(:\d+)?$", "", name)
        if name.lower().startswith(
            "claude-"
        ):  # Anthropic writes claude-opus-4-7 for Claude Opus 4.7
            name = re.sub(r"-(\d)-(\d)$", r"-\1.\2", name)
        if not LITELLM_KEEP.match(name) or LITELLM_DROP.search(name):
            continue
        if len(name) < 4 or len(name) > 40 or norm(name) in known:
            continue
        k = norm(name)
        if k in out:
            continue
        low = name.lower()
        # broader: the most specific curated model whose label this id extends at a token boundary
        broader = next(
            (
                cid
                for p, cid in prefixes
                if low.startswith(p) and (len(low) == len(p) or low[len(p)] in "-_ .")
            ),
            None,
        )
        if broader is None:
            continue
        out[k] = make(
            "model/litellm-" + slug(name), "Model", name, [], "litellm", [broader], kind="model"
        )
    write_jsonl(VOCAB / "litellm_models.jsonl", list(out.values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared/ folder (gazetteers)",
    )
    args = ap.parse_args()
    build_hardware(args.shared)
    build_litellm(args.shared)
    build_pwc(args.shared)


if __name__ == "__main__":
    main()
