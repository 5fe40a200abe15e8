"""A small statistical risk classifier, trained from `bot/safety_data/`.

Phrase rules (`bot.safety`) catch what is said plainly; this catches the many other
ways people say it: misspellings, slang, understatement, risk mentioned in passing
inside an answer. Three kinds of feature feed one logistic regression: word n-grams and
character n-grams (how a message is written) and a sentence embedding
(`bot.sentence_encoder`: what it means, so "I feel flat and grey" lands nearer to
sadness than to wanting to die). Training embeds about 15,000 messages, which
takes a few minutes the first time, so `wbmap train` caches both the embeddings of the
training messages and the fitted model under `models/`, keyed by fingerprints of
everything they come from; a stale cache is never used. Only training data is ever
cached: what a person types is embedded in memory and forgotten.

Training data: `risk_positive*.yml`, `risk_negative*.yml` and `risk_mixed*.yml`, the
ordinary examples of the NLU's other intents, and generated ordinary mapping answers
(`bot.ordinary_answers`). The threshold was chosen on `risk_dev*.yml`, which are never
trained on. `evaluation/risk_eval.yml` is never used for either.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import threading
from pathlib import Path

import yaml

from . import sentence_encoder
from .ordinary_answers import ordinary_answers

DATA = Path(__file__).resolve().parent / "safety_data"
NLU_DATA = Path(__file__).resolve().parent.parent / "data" / "nlu" / "nlu.yml"

# Chosen on the development sets (`python -m evaluation.risk_dev`). On the fresher one,
# risk_dev2.yml, 0.5 caught 0.96 of risk with 0.09 false alarms and 0.6 caught 0.94 with
# 0.09: a missed risk costs more than a kind message sent when it wasn't needed.
THRESHOLD = 0.5
# A short answer ("the mens shed") gives the classifier little to go on, and a false
# alarm in the middle of mapping is jarring; short risk messages it has seen score
# above 0.9, and the plainest ("kms", "chest pain") are phrase rules anyway.
SHORT_WORDS, SHORT_THRESHOLD = 3, 0.85
C = 16.0  # weak regularisation: rare wordings ("ctb", "sewerslide") must still count
# How much the sentence embedding counts beside the n-grams; 0.5 did best on all three
# development sets (1 and 2 leant on meaning too much and raised false alarms).
MEANING_WEIGHT = 0.5


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]


def training_set() -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for pattern, label in (("risk_positive*.yml", 1), ("risk_negative*.yml", 0)):
        for path in sorted(DATA.glob(pattern)):
            for message in _load(path):
                texts.append(message["text"])
                labels.append(label)
    for path in sorted(DATA.glob("risk_mixed*.yml")):  # each message carries its label
        for message in _load(path):
            texts.append(message["text"])
            labels.append(int(message["label"] == "risk"))
    generated = ordinary_answers()
    texts.extend(generated)
    labels.extend([0] * len(generated))
    # The NLU's ordinary examples are more "not risk" in the way people really answer.
    for block in yaml.safe_load(NLU_DATA.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in block or block["intent"] == "risk":
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                texts.append(re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}",
                                    lambda m: m.group(1) or m.group(2) or "", line[2:]))
                labels.append(0)
    return texts, labels


class RiskModel:
    """N-grams plus meaning, into one logistic regression. Reads prepared text."""

    def __init__(self, meaning_weight: float = MEANING_WEIGHT):
        self.meaning_weight = meaning_weight

    def _features(self, texts: list[str], meanings):
        from scipy.sparse import csr_matrix, hstack

        return hstack([self.ngrams.transform(texts),
                       csr_matrix(meanings * self.meaning_weight)]).tocsr()

    def fit(self, texts: list[str], labels: list[int], meanings) -> "RiskModel":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion

        self.ngrams = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True,
                                      token_pattern=r"(?u)\b\w+\b")),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                      sublinear_tf=True)),
        ]).fit(texts)
        self.regression = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        self.regression.fit(self._features(texts, meanings), labels)
        return self

    def predict_proba(self, texts: list[str], meanings=None):
        if meanings is None:
            meanings = sentence_encoder.encoder().encode(texts)
        return self.regression.predict_proba(self._features(texts, meanings))


def build(texts: list[str], labels: list[int], cache_dir: Path | None = None) -> RiskModel:
    """Fit on texts already prepared by `bot.safety.prepare`."""
    return RiskModel().fit(texts, labels, _training_meanings(texts, cache_dir))


def _training_meanings(texts: list[str], cache_dir: Path | None):
    """Embeddings of the training messages, reusing those cached by an earlier training
    with the same encoder, so new data costs seconds rather than minutes."""
    import numpy as np

    cached: dict[str, np.ndarray] = {}
    path = None
    if cache_dir is not None:
        path = cache_dir / f"training-meanings-{sentence_encoder.fingerprint()}.npz"
        if path.exists():
            with np.load(path) as stored:
                cached = dict(zip(stored["texts"].tolist(), stored["meanings"]))
    missing = [text for text in dict.fromkeys(texts) if text not in cached]
    if missing:
        cached.update(zip(missing, sentence_encoder.encoder().encode(missing)))
    meanings = np.array([cached[text] for text in texts], dtype=np.float32)
    if path is not None and missing:
        keep = list(dict.fromkeys(texts))  # only this training's messages, never others
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, texts=np.array(keep), meanings=np.array([cached[t] for t in keep]))
        partial.replace(path)
        for old in cache_dir.glob("training-meanings-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    return meanings


_model = None
_cache_dir: Path | None = None
_lock = threading.Lock()
HERE = Path(__file__).resolve().parent
# Everything that changes what the classifier learns: retrain when any of it changes.
TRAINING_INPUTS = (DATA, NLU_DATA, HERE / "ordinary_answers.py", HERE / "safety.py",
                   Path(__file__).resolve())


def fingerprint() -> str:
    import sklearn

    digest = hashlib.sha256(sklearn.__version__.encode())
    digest.update(sentence_encoder.fingerprint().encode())
    for path in TRAINING_INPUTS:
        for file in sorted(path.glob("*.yml")) if path.is_dir() else [path]:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def _train(cache_dir: Path | None = None) -> RiskModel:
    from .safety import prepare

    texts, labels = training_set()
    return build([prepare(text) for text in texts], labels, cache_dir)


def _load_or_train(cache_dir: Path | None):
    """From the cache if the training inputs are unchanged (a fraction of a second),
    else trained (several seconds) and cached. The cache holds only the fitted model."""
    if cache_dir is None:
        return _train()
    cached = cache_dir / f"risk-classifier-{fingerprint()}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            return pickle.load(handle)
    cache_dir.mkdir(parents=True, exist_ok=True)
    fitted = _train(cache_dir)
    partial = cached.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(fitted, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cached)  # atomic: a second process never reads half a file
    for old in cache_dir.glob("risk-classifier-*.pickle"):
        if old != cached:
            old.unlink(missing_ok=True)
    return fitted


def model():
    global _model
    with _lock:
        if _model is None:
            _model = _load_or_train(_cache_dir)
        return _model


def warm_up(cache_dir: Path | None = None) -> None:
    """Load (or train) now, at start-up, rather than on a person's first message.
    `cache_dir` keeps the fitted model between runs (`wbmap train` fills it)."""
    global _cache_dir
    _cache_dir = cache_dir
    model()
    sentence_encoder.encoder()


def threshold_for(words: int, base: float | None = None) -> float:
    """The score a message of this many (prepared) words needs; `base` defaults to THRESHOLD."""
    base = THRESHOLD if base is None else base
    return max(base, SHORT_THRESHOLD) if words <= SHORT_WORDS else base


def risk_probability(prepared: str) -> float:
    """The probability of risk for text prepared by `bot.safety.prepare`."""
    if not prepared.strip():
        return 0.0
    return float(model().predict_proba([prepared])[0][1])
