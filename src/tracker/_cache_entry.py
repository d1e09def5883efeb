"""What a cache entry holds, as typed records, and its MessagePack form.

Apart from `tracker._cache` (where entries live and when one may be used) so
that only a run that reads or writes an entry imports the decoder.
"""

from __future__ import annotations

import datetime as dt
import functools

import msgspec

from tracker.model import Commitment, Ledger, Source, Update, UpdateNotes


class Body(msgspec.Struct, forbid_unknown_fields=True):
    """The validated ledger. Records are stored as arrays and decoded
    straight into the model's named tuples, their types checked in C as they
    are decoded: tens of thousands of them, on every run that reads the cache."""

    title: str
    countries: tuple[tuple[str, str], ...]
    require_evidence: bool
    # int or float, as written in the ledger: a score of -1 stays -1.
    scale: tuple[tuple[str, int | float, int | float, bool], ...]
    sources: tuple[Source, ...]
    commitments: tuple[Commitment, ...]
    # The update log, a MessagePack array of `Update` rows left as bytes until
    # a command asks for it (`decode_updates`): a list of the commitments
    # needs only the two fields below, worked out when the entry was made.
    updates: msgspec.Raw
    ends: dict[str, tuple[str, dt.date | None, dt.date]]  # `Ledger.ends`
    split: tuple[str, ...]  # `Ledger.split_ids`
    # `Ledger.update_notes`, left as bytes until an export asks for them.
    update_notes: msgspec.Raw


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    tracker: str
    schema: int
    ledger_sha256: str
    validated_on: dt.date
    sources: dict[str, str]  # archived text, relative to the ledger: SHA-256
    ledger: Body


@functools.cache
def _decoder() -> msgspec.msgpack.Decoder[Entry]:
    # Made on first use: building it inspects every record type.
    return msgspec.msgpack.Decoder(Entry)


def decode(data: bytes) -> Entry:
    """An entry's bytes as typed records; `msgspec.ValidationError` (a
    ValueError) if they are not of the types `Entry` declares."""
    return _decoder().decode(data)


@functools.cache
def _updates_decoder() -> msgspec.msgpack.Decoder[tuple[Update, ...]]:
    return msgspec.msgpack.Decoder(tuple[Update, ...])


def decode_updates(data: msgspec.Raw) -> tuple[Update, ...]:
    """The update log of an entry, as typed records; `msgspec.ValidationError`
    (a ValueError) if its rows are not of the types `Update` declares."""
    return _updates_decoder().decode(data)


@functools.cache
def _notes_decoder() -> msgspec.msgpack.Decoder[UpdateNotes]:
    return msgspec.msgpack.Decoder(UpdateNotes)


def decode_update_notes(data: msgspec.Raw) -> UpdateNotes:
    """An entry's `Ledger.update_notes`; `msgspec.ValidationError` (a
    ValueError) if they are not of its types."""
    return _notes_decoder().decode(data)


def encode(entry: Entry) -> bytes:
    return msgspec.msgpack.encode(entry)


def dump(ledger: Ledger) -> Body:
    return Body(
        title=ledger.title,
        countries=ledger.countries,
        require_evidence=ledger.require_evidence,
        scale=tuple(
            (s.name, s.progress, s.score, s.closed) for s in ledger.scale.statuses
        ),
        sources=ledger.sources,
        commitments=ledger.commitments,
        updates=msgspec.Raw(msgspec.msgpack.encode(ledger.updates)),
        ends=ledger.ends,
        split=tuple(sorted(ledger.split_ids)),
        update_notes=msgspec.Raw(msgspec.msgpack.encode(ledger.update_notes)),
    )
