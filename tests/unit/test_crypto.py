"""The key that seals personal text: from configuration, or a file only its owner can read."""

import stat

import pytest

from bot.crypto import BadKeyError, SealError, Sealer, decode_key, load_or_create_key, new_key_text


def test_first_run_creates_an_owner_only_key_file_and_reuses_it(tmp_path):
    key_file = tmp_path / "keys" / "wbmap.key"
    first = load_or_create_key(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_or_create_key(key_file) == first and len(first) == 32


def test_a_configured_key_wins_and_a_bad_one_is_refused(tmp_path):
    configured = new_key_text()
    assert load_or_create_key(tmp_path / "unused.key", configured) != load_or_create_key(
        tmp_path / "other.key")
    assert not (tmp_path / "unused.key").exists()
    with pytest.raises(BadKeyError):
        load_or_create_key(tmp_path / "x.key", "too-short")


def test_sealed_text_opens_only_where_it_was_stored():
    sealer = Sealer(decode_key(new_key_text()))
    token = sealer.seal("Rae's mum 💛 <b>", "connections.label")
    assert "Rae" not in token and sealer.open(token, "connections.label") == "Rae's mum 💛 <b>"
    assert sealer.seal("same", "x") != sealer.seal("same", "x")  # a fresh nonce each time
    with pytest.raises(SealError):
        sealer.open(token, "goals.details")
