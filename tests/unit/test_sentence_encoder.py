"""The sentence encoder the risk classifier reads meaning with (bot/sentence_encoder.py)."""

import numpy as np
import pytest

from bot.sentence_encoder import encoder

# The first six numbers of each sentence's embedding as the reference implementation
# (PyTorch, transformers' BertModel, mean pooling, normalised) gives them for the same
# weights; computed once, outside this project, where PyTorch was installed.
REFERENCE = {
    "I want to die": [-0.03286, 0.03292, -0.06065, -0.00803, 0.02629, -0.03032],
    "i feel flat and grey today": [0.01401, -0.03465, 0.10628, 0.05716, 0.05886, -0.04751],
    "my sister Jo, close, she helps, though honestly ive been feeling like a ghost lately":
        [-0.04742, -0.07512, 0.08437, 0.01555, 0.01332, -0.00612],
}


def test_the_numpy_encoder_gives_the_reference_implementations_numbers():
    vectors = encoder().encode(list(REFERENCE))
    for vector, expected in zip(vectors, REFERENCE.values()):
        assert vector[:6] == pytest.approx(expected, abs=1e-4)


def test_sentences_that_mean_the_same_are_closer_than_ones_that_share_words():
    wish_to_die, same_meaning, same_words = encoder().encode(
        ["I want to die", "I wish I was dead", "I want a cup of tea"])
    assert wish_to_die @ same_meaning > wish_to_die @ same_words + 0.2


def test_a_message_reads_the_same_alone_or_among_longer_ones():
    # Batching pads short messages; the padding must change nothing.
    texts = ["the allotment", "my nan, very close, she is good for me and makes me laugh"]
    together = encoder().encode(texts)
    alone = np.vstack([encoder().encode([text]) for text in texts])
    assert np.abs(together - alone).max() < 1e-5
    assert np.linalg.norm(together, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_empty_huge_and_unusual_text_still_gives_one_vector_each():
    texts = ["", "🙂🙂🙂", "<script>alert(1)</script>", "hola, ¿qué tal?", "word " * 5000]
    vectors = encoder().encode(texts)
    assert vectors.shape == (5, 384)
    assert np.isfinite(vectors).all()
