"""Benchmark whole `tracker` processes against the floor of loading the same ledger.

Generates deterministic synthetic ledgers (and the archived source texts their
quotes come from), then runs each case as a separate process, in interleaved
rounds, and reports the median wall time and peak RSS of each case beside a
"floor": a bare `python -c` that parses the ledger with tomllib. The
ratio to the floor is what matters: it shows what the tool costs on top of the
unavoidable interpreter start-up and TOML parse, on the same machine, in the
same run.

Standard library only, so it runs before (and without) the project's own
dependencies. Run `python3 bench/bench.py --help` for the options.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (15, 1_000, 10_000)
QUICK_SIZES = (15, 1_000)
QUICK_ROUNDS = 3
# The generator checks its quotes against its source texts up to this size:
# the check scans each text from the start, so it would take minutes at
# 50,000, and the same code writes every size.
CHECKED_UP_TO = 10_000

# The floor: the least any tool must do to answer from this ledger, parse it.
FLOOR_CODE = (
    "import sys, tomllib\nwith open(sys.argv[1], 'rb') as f:\n    tomllib.load(f)\n"
)
# The old floor, kept as a second column so that earlier figures still compare:
# parse, then write it all out with json.dump (the pure-Python encoder).
OLD_FLOOR_CODE = (
    "import json, sys, tomllib\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    data = tomllib.load(f)\n"
    "json.dump(data, sys.stdout, default=str)\n"
)
FLOOR = "floor: tomllib parse only"
OLD_FLOOR = "old floor: tomllib -> json"
BASELINE = "baseline: "  # prefix of the baseline build's cases
TASK_EXPORT = "peer: task export"
TASK_LIST = "peer: task list (piped)"
HLEDGER_BALANCE = "peer: hledger balance"

# --------------------------------------------------------------------------
# Synthetic ledgers
# --------------------------------------------------------------------------

COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CN": ("China", ("Xi'an", "Urumqi", "Chengdu")),
    "KZ": ("Kazakhstan", ("Astana", "Almaty", "Aktobe")),
    "KG": ("Kyrgyzstan", ("Bishkek", "Osh", "Karakol")),
    "TJ": ("Tajikistan", ("Dushanbe", "Khujand", "Kulob")),
    "TM": ("Turkmenistan", ("Ashgabat", "Turkmenabat", "Mary")),
    "UZ": ("Uzbekistan", ("Tashkent", "Samarkand", "Bukhara")),
    "MN": ("Mongolia", ("Ulaanbaatar", "Erdenet", "Darkhan")),
    "PK": ("Pakistan", ("Islamabad", "Lahore", "Karachi")),
    "AZ": ("Azerbaijan", ("Baku", "Ganja", "Sumqayit")),
    "TR": ("Türkiye", ("Ankara", "İstanbul", "İzmir")),
    "RU": ("Russia", ("Moscow", "Novosibirsk", "Kazan")),
    "AF": ("Afghanistan", ("Kabul", "Herat", "Mazar-i-Sharif")),
}

# Ledger text is not ASCII (the design's own title has one): keep that in play.
DASH = "\N{EN DASH}"

# category: (title, quote); the quotes are ~200 characters once filled in.
TEMPLATES: dict[str, tuple[str, str]] = {
    "consular": (
        "Open consulates general in {ca} and {cb}",
        "{A} and {B} will support each other in establishing consulates general "
        "in {ca} and {cb}, respectively, and will simplify consular procedures "
        "for citizens who travel, study and do business in both countries.",
    ),
    "mobility": (
        "Raise {ca}{dash}{cb} direct flights to {n} a week",
        "The parties agreed to raise the number of direct passenger flights "
        "between {ca} and {cb} to {n} a week and to make visa procedures easier "
        "for business travellers, students, scholars and tourists.",
    ),
    "culture": (
        "Open a cultural centre in {cb}",
        "{A} will open a cultural centre in {cb} before the end of {year}, and "
        "both sides will hold reciprocal culture years, film weeks and "
        "exhibitions of museum collections in their capitals and regions.",
    ),
    "education": (
        "Offer {n} scholarships a year to students from {B}",
        "{A} will offer {n} government scholarships a year to students from {B} "
        "and will help to set up a branch campus in {cb} that teaches "
        "engineering, agriculture and languages to local students.",
    ),
    "health": (
        "Build a traditional medicine centre in {cb}",
        "The two sides will build a centre of traditional medicine in {cb}, "
        "train {n} medical workers from {B} and share data on infectious "
        "diseases through the joint laboratory network set up in {year}.",
    ),
    "economy": (
        "Raise {A}{dash}{B} trade to {n} billion USD by {year}",
        "{A} and {B} will work to raise bilateral trade to {n} billion US "
        "dollars by {year}, expand the green lanes for farm produce at border "
        "crossings and open more of their markets to each other's goods.",
    ),
    "connectivity": (
        "Complete the {ca}{dash}{cb} railway feasibility study",
        "The parties will complete the feasibility study for the {ca}{dash}{cb} "
        "railway by {year}, modernise the border crossing points and increase "
        "the capacity of the multimodal freight routes that link them.",
    ),
    "diplomacy": (
        "Hold annual {A}{dash}{B} foreign ministers' consultations",
        "{A} and {B} will hold annual consultations of their foreign ministers, "
        "alternating between {ca} and {cb}, and will coordinate positions at "
        "the United Nations and other multilateral organisations.",
    ),
}

FILLER = (
    "The ministers exchanged views on international and regional issues of "
    "common concern.",
    "Both sides spoke highly of the results achieved since the last meeting.",
    "The talks were held in a friendly and constructive atmosphere.",
    "The parties noted the importance of people-to-people exchanges.",
)

# A sensible progression: each status lists the statuses that may follow it.
NEXT_STATUS: dict[str, tuple[tuple[str, int], ...]] = {
    "pledged": (("in-progress", 6), ("stalled", 1)),
    "in-progress": (
        ("in-progress", 3),
        ("partial", 3),
        ("stalled", 2),
        ("fulfilled", 2),
    ),
    "stalled": (("in-progress", 3), ("stalled", 1), ("abandoned", 1)),
    "partial": (("partial", 2), ("fulfilled", 3), ("stalled", 1)),
}

NOTES: dict[str, tuple[str, ...]] = {
    "in-progress": (
        "Working group met in {city} and agreed a timetable.",
        "Draft agreement exchanged between the ministries.",
        "Site selected in {city}; design work has begun.",
    ),
    "stalled": (
        "No meetings reported since the last round; talks postponed.",
        "Funding not yet allocated in the budget.",
    ),
    "partial": (
        "First stage completed; the second is still under negotiation.",
        "Part of the promised quota delivered.",
    ),
    "fulfilled": (
        "Officially opened at a ceremony in {city}.",
        "Agreement signed and in force.",
    ),
    "abandoned": (
        "Project dropped from the official programme.",
        "Ministry confirmed the plan will not go ahead.",
    ),
}

NEWS_SITES = (
    "www.fmprc.gov.cn",
    "www.mfa.kz",
    "kabar.kg",
    "www.gov.uz",
    "astanatimes.com",
    "english.news.cn",
)
TAGS = ("belt-and-road", "visa", "transport", "energy", "trade", "students")
NUMBERS = {"mobility": (7, 42), "education": (50, 500), "health": (20, 300)}


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    made: date
    place: str


@dataclass(frozen=True)
class LedgerInfo:
    """A ledger to benchmark, and the ids the id-taking cases use."""

    label: str
    path: Path
    commitments: int
    updates: int
    texts: tuple[str, ...]  # archived source texts, relative to the ledger
    show_id: str
    update_id: str


def toml_str(text: str) -> str:
    # JSON's escapes are a subset of TOML's, so a JSON string is a TOML basic
    # string for ordinary text (non-ASCII is written raw, as TOML prefers).
    return json.dumps(text, ensure_ascii=False)


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(item) for item in items) + "]"


def joined(names: list[str]) -> str:
    return " and ".join(names)


def make_sources(rng: random.Random, horizon: date) -> list[Source]:
    sources = []
    for _ in range(rng.randint(3, 5)):
        made = horizon - timedelta(days=rng.randint(200, 1000))
        code = rng.choice(sorted(COUNTRIES))
        name, cities = COUNTRIES[code]
        kind = rng.choice(("talks", "summit", "joint-statement"))
        title = f"Foreign ministers' {kind.replace('-', ' ')} in {cities[0]}"
        key = f"{kind}-{made.isoformat()}"
        sources.append(Source(key, title, made, f"{cities[0]}, {name}"))
    # Two sources of the same kind on the same day would share a key.
    return list({source.key: source for source in sources}.values())


def make_quote(rng: random.Random, sentence: str) -> str:
    if rng.random() >= 0.25:
        return sentence
    # Elide the middle, as researchers do; the fragments stay in order.
    words = sentence.split(" ")
    third = len(words) // 3
    return " ".join(words[:third]) + " ... " + " ".join(words[-third:])


def make_updates(
    rng: random.Random, cid: str, made: date, horizon: date, keys: list[str]
) -> list[dict[str, Any]]:
    count = rng.randint(0, 5)
    span = (horizon - made).days - 1
    days = sorted(rng.randint(1, span) for _ in range(count))
    status, updates = "pledged", []
    for day in days:
        choices, weights = zip(*NEXT_STATUS[status], strict=True)
        status = rng.choices(choices, weights)[0]
        when = made + timedelta(days=day)
        updates.append(make_update(rng, cid, status, when, horizon, keys))
        if status not in NEXT_STATUS:  # fulfilled or abandoned: closed
            break
    return updates


def make_update(
    rng: random.Random,
    cid: str,
    status: str,
    when: date,
    horizon: date,
    keys: list[str],
) -> dict[str, Any]:
    city = rng.choice(rng.choice(list(COUNTRIES.values()))[1])
    url = (
        f"https://{rng.choice(NEWS_SITES)}/{when:%Y/%m/%d}/"
        f"{status}-{rng.randint(1000, 9999)}.html"
    )
    evidence = [url] if rng.random() < 0.7 else [rng.choice(keys)]
    if rng.random() < 0.15:
        evidence.append(rng.choice(keys))
    typed = min(when + timedelta(days=rng.randint(0, 20)), horizon)
    recorded = datetime(typed.year, typed.month, typed.day, *rng_time(rng))
    return {
        "commitment": cid,
        "date": when,
        "status": status,
        "note": rng.choice(NOTES[status]).format(city=city),
        "evidence": evidence,
        "recorded": recorded,
    }


def rng_time(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)


def make_commitment(
    rng: random.Random, index: int, codes: list[str], source: Source
) -> tuple[list[str], str]:
    """The commitment's TOML lines, and the sentence its quote comes from."""
    category = rng.choice(sorted(TEMPLATES))
    parties = [rng.choice(codes)]
    parties += rng.sample([c for c in codes if c != parties[0]], rng.randint(1, 2))
    names = [COUNTRIES[code][0] for code in parties]
    low, high = NUMBERS.get(category, (5, 70))
    values = {
        "A": names[0],
        "B": joined(names[1:]),
        "ca": rng.choice(COUNTRIES[parties[0]][1]),
        "cb": rng.choice(COUNTRIES[parties[1]][1]),
        "n": rng.randint(low, high),
        "year": source.made.year + rng.randint(1, 5),
        "dash": DASH,
    }
    title, sentence = (t.format(**values) for t in TEMPLATES[category])
    lines = [
        "[[commitment]]",
        f'id = "c-{index:05d}"',
        f"title = {toml_str(title)}",
        f"countries = {toml_list(parties)}",
        f'category = "{category}"',
        f"made = {source.made.isoformat()}",
        f'source = "{source.key}"',
        f"quote = {toml_str(make_quote(rng, sentence))}",
    ]
    lines += optional_fields(rng, source.made)
    return lines, sentence


def optional_fields(rng: random.Random, made: date) -> list[str]:
    lines = []
    if rng.random() < 0.4:
        lines.append(f"due = {made + timedelta(days=rng.randint(180, 1100))}")
    if rng.random() < 0.5:
        lines.append(f"tags = {toml_list(rng.sample(TAGS, rng.randint(1, 2)))}")
    if rng.random() < 0.2:
        lines.append('notes = "Wording differs in the Russian version."')
    return lines


def update_lines(update: dict[str, Any]) -> list[str]:
    return [
        "[[update]]",
        f'commitment = "{update["commitment"]}"',
        f"date = {update['date'].isoformat()}",
        f'status = "{update["status"]}"',
        f"note = {toml_str(update['note'])}",
        f"evidence = {toml_list(update['evidence'])}",
        f"recorded = {update['recorded']:%Y-%m-%dT%H:%M:%SZ}",
    ]


def header_lines(size: int, codes: list[str], sources: list[Source]) -> list[str]:
    lines = ["schema = 1", f'title = "Synthetic ledger {DASH} {size} commitments"', ""]
    lines += ["[countries]"]
    lines += [f"{code} = {toml_str(COUNTRIES[code][0])}" for code in codes]
    for source in sources:
        published = source.made + timedelta(days=2)
        lines += [
            "",
            f"[sources.{source.key}]",
            f"title = {toml_str(source.title)}",
            f"date = {source.made.isoformat()}",
            f"published = {published.isoformat()}",
            f"place = {toml_str(source.place)}",
            f'text = "sources/{source.key}.txt"',
        ]
    return lines


def source_text(rng: random.Random, source: Source, sentences: list[str]) -> str:
    """An archived article holding every quoted sentence, wrapped like the web."""
    body: list[str] = []
    for sentence in sentences:
        body.append(sentence)
        if rng.random() < 0.3:
            body.append(rng.choice(FILLER))
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    # Only break at spaces: quotes match whitespace-insensitively, not hyphens.
    wrap = textwrap.TextWrapper(78, break_long_words=False, break_on_hyphens=False)
    head = f"{source.title}\n{source.place}, {source.made.isoformat()}\n"
    return "\n\n".join([head, *(wrap.fill(p) for p in paragraphs)]) + "\n"


def generate(
    size: int, directory: Path, seed: int, horizon: date, parties: bool = False
) -> LedgerInfo:
    """Write a ledger of `size` commitments and its source texts; check both.

    With `parties`, every third update (in the order recorded) names one of
    its commitment's parties, as a per-party verdict does; the ledger is
    otherwise the same, byte for byte, as without.
    """
    rng = random.Random(f"{seed}-{size}")
    codes = sorted(rng.sample(sorted(COUNTRIES), rng.randint(6, 10)))
    sources = make_sources(rng, horizon)
    keys = [source.key for source in sources]
    sentences: dict[str, list[str]] = {key: [] for key in keys}
    lines, updates = header_lines(size, codes, sources), []
    parties_of: dict[str, list[str]] = {}
    for index in range(size):
        source = rng.choice(sources)
        block, sentence = make_commitment(rng, index, codes, source)
        sentences[source.key].append(sentence)
        lines += ["", *block]
        parties_of[f"c-{index:05d}"] = tomllib.loads(block[3])["countries"]
        updates += make_updates(rng, f"c-{index:05d}", source.made, horizon, keys)
    # A generator of its own, so the ledger's other bytes stay the same.
    picker = random.Random(f"{seed}-{size}-parties")
    # The tool appends updates as they are typed, so they follow in that order.
    for number, update in enumerate(sorted(updates, key=lambda u: u["recorded"])):
        block = update_lines(update)
        if parties and number % 3 == 0:
            party = picker.choice(parties_of[update["commitment"]])
            block.insert(4, f"parties = {toml_list([party])}")
        lines += ["", *block]
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    for source in sources:
        text = source_text(rng, source, sentences[source.key])
        (directory / "sources" / f"{source.key}.txt").write_text(text, "utf-8")
    path = directory / "commitments.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    info = inspect_ledger(
        f"{size}, a third with parties" if parties else str(size), path
    )
    if size <= CHECKED_UP_TO:
        check_quotes(path)
    return info


# Beside a generated ledger: what made it, and its files' digests.
STAMP = "generated.json"


def generated(
    size: int, directory: Path, seed: int, horizon: date, parties: bool = False
) -> tuple[LedgerInfo, bool]:
    """The ledger `generate` writes with these arguments into `directory`,
    and whether it was kept from an earlier run rather than written now.

    A kept ledger was written by this very script with the same arguments,
    and its files are byte for byte as written: generating and checking a
    ledger of 100,000 commitments takes about a minute."""
    key = _digest(
        Path(__file__).read_bytes() + repr((size, seed, horizon, parties)).encode()
    )
    stamp = directory / STAMP
    try:
        kept = json.loads(stamp.read_text("utf-8"))
        if (
            kept["key"] == key
            and kept["files"]
            and all(
                _digest((directory / name).read_bytes()) == digest
                for name, digest in kept["files"].items()
            )
        ):
            fields = {**kept["info"], "path": directory / "commitments.toml"}
            return LedgerInfo(**{**fields, "texts": tuple(fields["texts"])}), True
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none, or not this script's: written anew
    stamp.unlink(missing_ok=True)
    info = generate(size, directory, seed, horizon, parties)
    files = [info.path, *(info.path.parent / text for text in info.texts)]
    described = {name: value for name, value in vars(info).items() if name != "path"}
    stamp.write_text(
        json.dumps(
            {
                "key": key,
                "files": {
                    str(file.relative_to(directory)): _digest(file.read_bytes())
                    for file in files
                },
                "info": described,
            }
        ),
        "utf-8",
    )
    return info, False


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def inspect_ledger(label: str, path: Path) -> LedgerInfo:
    """Parse a ledger and pick the ids that `show` and `update` use."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    commitments = data.get("commitment", [])
    if not commitments:
        raise ValueError(f"{path}: no [[commitment]] blocks")
    updated = {u["commitment"] for u in data.get("update", [])}
    middle = commitments[len(commitments) // 2 :] + commitments
    # Updating a commitment with no updates yet is valid whatever the tool's
    # rules on closed commitments are.
    fresh = next((c["id"] for c in middle if c["id"] not in updated), None)
    shown = next((c["id"] for c in middle if c["id"] in updated), None)
    return LedgerInfo(
        label=label,
        path=path,
        commitments=len(commitments),
        updates=len(data.get("update", [])),
        # A source may be evidence only, with no archived text.
        texts=tuple(s["text"] for s in data.get("sources", {}).values() if "text" in s),
        show_id=shown or middle[0]["id"],
        update_id=fresh or middle[0]["id"],
    )


def check_quotes(path: Path) -> None:
    """Fail loudly if the generator wrote a quote its source text lacks."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    texts = {
        key: " ".join((path.parent / source["text"]).read_text("utf-8").split())
        for key, source in data["sources"].items()
    }
    for commitment in data["commitment"]:
        text, position = texts[commitment["source"]], 0
        for fragment in commitment["quote"].split("..."):
            position = text.find(" ".join(fragment.split()), position)
            if position < 0:
                raise AssertionError(f"quote of {commitment['id']} not in source")


# --------------------------------------------------------------------------
# Peers: the same ledger for taskwarrior and hledger
# --------------------------------------------------------------------------


def load_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def ff4(text: str) -> str:
    # taskwarrior 2.6's data files: JSON string escapes inside "...".
    return json.dumps(text, ensure_ascii=False)[1:-1]


def epoch(value: date | datetime) -> int:
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def write_taskwarrior(data: dict[str, Any], directory: Path) -> Path:
    """Each commitment a pending task, each of its updates an annotation.

    Written straight in taskwarrior 2.6's own data format (one task a line),
    which is what `task import` would leave, without its minutes at 10,000.
    Returns the taskrc to point TASKRC at.
    """
    notes: dict[str, list[dict[str, Any]]] = {}
    for update in data.get("update", []):
        notes.setdefault(update["commitment"], []).append(update)
    rng = random.Random(0)
    lines = []
    for commitment in data["commitment"]:
        made = epoch(commitment["made"])
        fields = {
            "description": f"{commitment['id']} {commitment['title']}",
            "entry": str(made),
            "modified": str(made),
            "project": commitment.get("category", "none"),
            "status": "pending",
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
        if "due" in commitment:
            fields["due"] = str(epoch(commitment["due"]))
        if commitment.get("tags"):
            fields["tags"] = ",".join(commitment["tags"])
        seen: set[int] = set()
        for update in notes.get(commitment["id"], []):
            stamp = epoch(update.get("recorded", update["date"]))
            while stamp in seen:  # one annotation per second, as task keeps them
                stamp += 1
            seen.add(stamp)
            text = f"{update['status']}: {update.get('note', '')}"
            fields[f"annotation_{stamp}"] = text
        body = " ".join(f'{key}:"{ff4(value)}"' for key, value in fields.items())
        lines.append(f"[{body}]")
    data_dir = directory / "task"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "pending.data").write_text("\n".join(lines) + "\n", "utf-8")
    for name in ("completed.data", "undo.data", "backlog.data"):
        (data_dir / name).write_text("", "utf-8")
    taskrc = directory / "taskrc"
    taskrc.write_text(
        f"data.location={data_dir}\nconfirmation=no\ngc=off\nhooks=off\n"
        "news.version=2.6.0\n",
        "utf-8",
    )
    return taskrc


def write_hledger(data: dict[str, Any], directory: Path) -> Path:
    """One transaction per commitment (its parties) and per update (its status)."""
    blocks = []
    status: dict[str, str] = {}
    for commitment in data["commitment"]:
        status[commitment["id"]] = "pledged"
        countries = commitment.get("countries") or ["none"]
        title = commitment["title"].replace(";", ",")
        postings = [f"    parties:{code}  1" for code in countries]
        postings.append("    commitments:made")
        blocks.append(
            "\n".join([f"{commitment['made']} {commitment['id']} | {title}", *postings])
        )
    for update in data.get("update", []):
        cid, new = update["commitment"], update["status"]
        old = status.get(cid, "pledged")
        status[cid] = new
        note = str(update.get("note", "")).replace(";", ",")
        blocks.append(
            f"{update['date']} {cid} | {new}: {note}\n"
            f"    status:{new}  1\n    status:{old}  -1"
        )
    journal = directory / "ledger.journal"
    directory.mkdir(parents=True, exist_ok=True)
    journal.write_text("\n\n".join(blocks) + "\n", "utf-8")
    return journal


def peer_cases(info: LedgerInfo, setup: Setup) -> list[Case]:
    """taskwarrior's and hledger's cases, where they are installed."""
    task, hledger = shutil.which("task"), shutil.which("hledger")
    if task is None and hledger is None:
        return []
    data = load_toml(info.path)
    directory = setup.workdir / f"peers-{info.label.replace(' ', '-').replace(',', '')}"
    env = dict(os.environ)
    cases = []
    if task is not None:
        env["TASKRC"] = str(write_taskwarrior(data, directory))
        env.pop("TASKDATA", None)
        cases += [
            Case(TASK_EXPORT, lambda: Run([task, "export"], env)),
            Case(TASK_LIST, lambda: Run([task, "list"], env)),
        ]
    if hledger is not None:
        journal = str(write_hledger(data, directory))
        balance = [hledger, "-f", journal, "balance"]
        cases.append(Case(HLEDGER_BALANCE, lambda: Run(balance, env)))
    return cases


# --------------------------------------------------------------------------
# Running processes
# --------------------------------------------------------------------------

# Forks, times and reaps one command, printing "wall_ms maxrss_kib exit_code".
# Why not Popen from the harness: Linux starts a child's ru_maxrss at its
# parent's high-water mark (vfork shares the parent's memory until exec), so
# after the harness has parsed a big ledger every child would read as at
# least that big. This small interpreter (-I -S: no site, about 8 MiB) is the
# parent instead, and its child's peak RSS is the child's own.
LAUNCHER = """\
import os, sys, time
read, write = os.pipe()
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(write, 1)
    os.close(read)
    os.close(write)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as error:
        os.write(2, f"cannot start {sys.argv[1]}: {error.strerror}".encode())
    os._exit(127)
os.close(write)
while os.read(read, 1 << 16):  # drain: the reader is part of real use
    pass
_, status, usage = os.wait4(pid, 0)
wall_ms = (time.perf_counter() - start) * 1000
print(wall_ms, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Setup:
    """What every case of a run shares."""

    tracker: list[str]
    python: str  # runs the floor
    workdir: Path
    timeout: float  # seconds before a process is killed and its case dropped
    baseline: list[str] | None = None  # another build of the tracker, to compare


@dataclass(frozen=True)
class Run:
    """One process to start; `scratch` is removed once it has run."""

    argv: list[str]
    env: dict[str, str]
    scratch: Path | None = None


@dataclass(frozen=True)
class Sample:
    wall_ms: float
    maxrss_kib: int
    problem: str | None  # why the process failed, if it did


class PrepareError(Exception):
    """A case could not be set up, so it cannot be timed."""


@dataclass
class Case:
    name: str
    prepare: Callable[[], Run]
    wall_ms: list[float] = field(default_factory=list)
    maxrss_kib: list[int] = field(default_factory=list)
    failure: str | None = None
    argv: list[str] = field(default_factory=list)


def run_once(argv: list[str], env: dict[str, str], timeout: float) -> Sample:
    """Run one process through the launcher; its stdout is piped and drained."""
    launcher = [sys.executable, "-I", "-S", "-c", LAUNCHER, *argv]
    with tempfile.TemporaryFile() as stderr:
        # A session of its own, so that a timeout ends the command too, not
        # just the launcher that waits for it.
        proc = subprocess.Popen(
            launcher,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Sample(0.0, 0, f"timed out after {timeout:g} s")
        stderr.seek(0)
        message = first_stderr_line(stderr.read().decode("utf-8", "replace"))
    try:
        wall_ms, rss, code = output.split()
    except ValueError:  # the launcher itself failed
        return Sample(0.0, 0, f"launcher exit {proc.returncode}: {message}")
    problem = f"exit {code.decode()}: {message}" if int(code) else None
    return Sample(float(wall_ms), maxrss_kib(int(rss)), problem)


def maxrss_kib(value: int) -> int:
    # Linux reports KiB; macOS reports bytes.
    return value // 1024 if sys.platform == "darwin" else value


def first_stderr_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no stderr"
    # A traceback's first line says nothing; its last says what went wrong.
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


def execute(case: Case, timeout: float) -> Sample:
    """Prepare and run one process of a case; a failed preparation is a failure."""
    try:
        run = case.prepare()
    except PrepareError as error:
        return Sample(0.0, 0, str(error))
    case.argv = run.argv
    try:
        return run_once(run.argv, run.env, timeout)
    finally:
        if run.scratch is not None:
            shutil.rmtree(run.scratch, ignore_errors=True)


def tracker_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TRACKER_NO_CACHE", None)  # the cache is under test
    env.pop("TRACKER_LEDGER", None)  # --ledger is always given; be unambiguous
    env["XDG_CACHE_HOME"] = str(cache)
    return env


def copy_ledger(info: LedgerInfo, destination: Path) -> Path:
    """Copy a ledger and its archived source texts, keeping relative paths."""
    destination.mkdir(parents=True)
    copy = destination / info.path.name
    shutil.copy2(info.path, copy)
    for text in info.texts:
        relative = Path(text)
        # Absolute paths still resolve from the copy; '..' ones cannot be kept.
        if relative.is_absolute() or ".." in relative.parts:
            continue
        source = info.path.parent / relative
        if source.is_file():
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / relative)
    return copy


def prepare_update(
    info: LedgerInfo, setup: Setup, warm: bool, tracker: list[str]
) -> Run:
    """A fresh copy of the ledger and a fresh cache, warmed first if asked."""
    scratch = Path(tempfile.mkdtemp(prefix="update-", dir=setup.workdir))
    ledger = ["--ledger", str(copy_ledger(info, scratch / "ledger"))]
    cache = scratch / "cache"
    cache.mkdir()
    env = tracker_env(cache)
    if warm:
        warming = [*tracker, "list", "--format", "json", *ledger]
        problem = run_once(warming, env, setup.timeout).problem
        if problem is not None:
            shutil.rmtree(scratch, ignore_errors=True)
            raise PrepareError(f"warming the cache failed: {problem}")
    # No --date: it defaults to today, which is on or after any `made`.
    argv = [*tracker, "update", info.update_id, "in-progress"]
    return Run([*argv, "--note", "bench", *ledger], env, scratch)


def build_cases(info: LedgerInfo, setup: Setup) -> list[Case]:
    """The floors first, then the peers' cases, then the tracker's (and the
    baseline's, named `BASELINE` + case)."""
    floor = [setup.python, "-c", FLOOR_CODE, str(info.path)]
    old_floor = [setup.python, "-c", OLD_FLOOR_CODE, str(info.path)]
    cases = [
        Case(FLOOR, lambda: Run(floor, tracker_env(setup.workdir))),
        Case(OLD_FLOOR, lambda: Run(old_floor, tracker_env(setup.workdir))),
        *peer_cases(info, setup),
    ]
    builds = [("", setup.tracker)]
    if setup.baseline is not None:
        builds.append((BASELINE, setup.baseline))
    for prefix, tracker in builds:
        # Each build its own cache: their entries are for the same ledger path
        # and would replace each other's.
        cache = setup.workdir / f"cache-{info.label}{'-baseline' if prefix else ''}"
        cache.mkdir(exist_ok=True)
        cases += tracker_cases(info, setup, tracker, prefix, cache)
    return cases


def tracker_cases(
    info: LedgerInfo, setup: Setup, tracker: list[str], prefix: str, cache: Path
) -> list[Case]:
    env, ledger = tracker_env(cache), ["--ledger", str(info.path)]

    def read(name: str, *args: str) -> Case:
        return Case(prefix + name, lambda: Run([*tracker, *args, *ledger], env))

    def update(name: str, warm: bool) -> Case:
        return Case(prefix + name, lambda: prepare_update(info, setup, warm, tracker))

    html = [read("report --format html", "report", "--format", "html")]
    return [
        read("list --format json", "list", "--format", "json"),
        read("list (table, piped)", "list"),
        read(f"show {info.show_id}", "show", info.show_id),
        read("report --format json", "report", "--format", "json"),
        # Not for a baseline: an earlier build's HTML report is another document.
        *(html if not prefix else []),
        read("export sqlite", "export", "sqlite", str(cache / "export.db")),
        read("list --format json --no-cache", "list", "--format", "json", "--no-cache"),
        update("update (cold cache)", warm=False),
        update("update (warm cache)", warm=True),
    ]


def run_round(cases: list[Case], timeout: float, number: int) -> None:
    """Run each case still standing once, in the order given (round 0 is the
    warm-up, untimed)."""
    for case in cases:
        if case.failure is not None:
            continue
        sample = execute(case, timeout)
        if sample.problem is not None:
            when = f"failed in round {number}" if number else "unavailable"
            case.failure = f"{when} ({sample.problem})"
        elif number:
            case.wall_ms.append(sample.wall_ms)
            case.maxrss_kib.append(sample.maxrss_kib)


def run_rounds(
    cases: list[Case], timeout: float, rounds: int, order: random.Random, label: str
) -> None:
    """A warm-up round in the order given, then `rounds` timed rounds, each in
    an order of its own drawn from `order`.

    Why not the same order every round: a process runs measurably faster or
    slower for what ran just before it. `task export` at 10,000 took 399 ms
    right after the old floor (which frees 80 MiB as it exits) and 567 ms
    right after the tracker, in rounds of the two orders on the same machine;
    in a fixed order, one case would have that luck in every round.
    """
    # Warm-up: fills the shared cache and the OS page cache, and finds out
    # which commands exist yet.
    progress(f"[{label}] warm-up round")
    run_round(cases, timeout, 0)
    for number in range(1, rounds + 1):
        progress(f"[{label}] round {number}/{rounds}")
        run_round(order.sample(cases, len(cases)), timeout, number)


def bench_ledger(
    info: LedgerInfo,
    setup: Setup,
    rounds: int,
    only: list[str] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    cases = build_cases(info, setup)
    if only:
        # The two floors stay: every ratio divides by them.
        cases = cases[:2] + [c for c in cases[2:] if any(o in c.name for o in only)]
    order = random.Random(f"{seed}-{info.label}-order")
    run_rounds(cases, setup.timeout, rounds, order, info.label)
    return summarise(info, cases)


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


def summarise(info: LedgerInfo, cases: list[Case]) -> dict[str, Any]:
    floor_ms, floor_kib = medians(cases[0])
    old_ms, _ = medians(cases[1])
    measured, unavailable = [], []
    for case in cases:
        if case.failure is not None:
            unavailable.append({"case": case.name, "reason": case.failure})
            continue
        median_ms = statistics.median(case.wall_ms)
        rss_kib = statistics.median(case.maxrss_kib)
        measured.append(
            {
                "case": case.name,
                "argv": case.argv,
                "median_ms": round(median_ms, 2),
                "ratio": ratio(median_ms, floor_ms),
                "old_ratio": ratio(median_ms, old_ms),
                "peak_rss_mib": round(rss_kib / 1024, 2),
                "rss_ratio": ratio(rss_kib, floor_kib),
                "samples_ms": [round(ms, 2) for ms in case.wall_ms],
                "samples_rss_kib": case.maxrss_kib,
            }
        )
    result = {
        "ledger": info.label,
        "path": str(info.path),
        "bytes": info.path.stat().st_size,
        "commitments": info.commitments,
        "updates": info.updates,
        "rounds": len(cases[0].wall_ms),
        "cases": measured,
        "unavailable": unavailable,
    }
    result["targets"] = ledger_targets(result)
    return result


def medians(case: Case) -> tuple[float | None, float | None]:
    if not case.wall_ms:
        return None, None
    return statistics.median(case.wall_ms), statistics.median(case.maxrss_kib)


def ratio(value: float, floor: float | None) -> float | None:
    return round(value / floor, 2) if floor else None


# --------------------------------------------------------------------------
# Targets: each a ratio measured in this run, and the most it may be
# --------------------------------------------------------------------------

READING = (
    "list --format json",
    "list (table, piped)",
    "report --format json",
    "export sqlite",
)
COLD = ("update (cold cache)", "list --format json --no-cache")


def target(name: str, value: float | None, limit: float) -> dict[str, Any]:
    held = None if value is None else value <= limit
    return {"target": name, "ratio": value, "limit": limit, "holds": held}


def ledger_targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets that this ledger's rows decide."""
    rows = {row["case"]: row for row in result["cases"]}

    def per(case: str, other: str) -> float | None:
        if case not in rows or other not in rows:
            return None
        return ratio(rows[case]["median_ms"], rows[other]["median_ms"])

    def column(case: str, key: str) -> float | None:
        return rows[case][key] if case in rows else None

    size, label, found = result["commitments"], result["ledger"], []
    if label == "bundled":
        found.append(
            target(
                "bundled list --format json / old floor",
                column("list --format json", "old_ratio"),
                2.5,
            )
        )
        return found
    if "parties" in label:
        return found
    if size == 10_000:
        found += [
            target(
                "10k list --format json / task export",
                per("list --format json", TASK_EXPORT),
                0.8,
            ),
            target(
                "10k list (piped) / task list",
                per("list (table, piped)", TASK_LIST),
                0.8,
            ),
        ]
        found += [
            target(f"10k {case} / floor", column(case, "ratio"), 0.8) for case in COLD
        ]
        found.append(
            target(
                "10k report --format html / report --format json",
                per("report --format html", "report --format json"),
                3.0,
            )
        )
        # With --baseline: no case may be more than 10% slower than it was.
        found += [
            target(f"10k {name} / baseline", per(name, BASELINE + name), 1.1)
            for name in rows
            if BASELINE + name in rows
        ]
    if size >= 100_000:
        for case in (*READING, f"show {result_show(rows)}"):
            found.append(target(f"100k {case} / floor", column(case, "ratio"), 0.2))
            found.append(
                target(
                    f"100k {case} peak RSS / floor's", column(case, "rss_ratio"), 1.5
                )
            )
    return found


def result_show(rows: dict[str, Any]) -> str:
    shown = [name for name in rows if name.startswith("show ")]
    return shown[0][len("show ") :] if shown else "?"


def run_targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every ledger's targets, then the one across sizes: a linear cold path."""
    found = [t for result in results for t in result["targets"]]
    by_size = {
        r["commitments"]: {row["case"]: row["median_ms"] for row in r["cases"]}
        for r in results
        if r["ledger"] not in ("bundled",) and "parties" not in r["ledger"]
    }
    small, large = by_size.get(10_000), by_size.get(50_000)
    if small is not None and large is not None:
        for case in COLD:
            value = (
                ratio(large[case], small[case])
                if case in small and case in large
                else None
            )
            found.append(target(f"50k {case} / 10k's", value, 5.5))
    return found


def format_targets(targets: list[dict[str, Any]]) -> str:
    lines = [f"  {'target':<52} {'ratio':>7} {'at most':>8}  verdict"]
    for item in targets:
        verdict = {True: "pass", False: "FAIL", None: "not measured"}[item["holds"]]
        lines.append(
            f"  {item['target']:<52} {show_ratio(item['ratio']):>7} "
            f"{item['limit']:>8.2f}  {verdict}"
        )
    return "targets (ratios of medians in the same interleaved rounds)\n" + "\n".join(
        lines
    )


def format_table(result: dict[str, Any]) -> str:
    size_mib = result["bytes"] / (1 << 20)
    lines = [
        f"ledger {result['ledger']}: {result['commitments']:,} commitments, "
        f"{result['updates']:,} updates, {size_mib:.2f} MiB, "
        f"timed rounds: {result['rounds']}",
        f"  {'case':<44} {'median ms':>10} {'x floor':>8} {'x old':>6} "
        f"{'peak RSS MiB':>13} {'x floor':>8}",
    ]
    for row in result["cases"]:
        lines.append(
            f"  {row['case']:<44} {row['median_ms']:>10.1f} "
            f"{show_ratio(row['ratio']):>8} {show_ratio(row['old_ratio']):>6} "
            f"{row['peak_rss_mib']:>13.1f} {show_ratio(row['rss_ratio']):>8}"
        )
    for row in result["unavailable"]:
        lines.append(f"  {row['case']:<44} {row['reason']}")
    return "\n".join(lines)


def show_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, help="timed rounds per case (7)")
    parser.add_argument("--sizes", help="synthetic ledger sizes (15,1000,10000)")
    parser.add_argument(
        "--quick", action="store_true", help="sizes 15,1000 and 3 rounds"
    )
    parser.add_argument(
        "--tracker", default="tracker", help="tracker command ('python -m tracker')"
    )
    parser.add_argument(
        "--baseline",
        help="another build's command ('/tmp/old/bin/tracker'): its cases run in"
        " the same rounds, and at 10,000 each case is held to at most 1.1x its time",
    )
    parser.add_argument(
        "--python", help="interpreter for the floor (default: the tracker's)"
    )
    parser.add_argument(
        "--ledger",
        type=Path,
        default=REPO / "data" / "commitments.toml",
        help="bundled ledger to benchmark too (data/commitments.toml)",
    )
    parser.add_argument(
        "--no-bundled", action="store_true", help="skip the bundled ledger"
    )
    parser.add_argument(
        "--no-parties",
        action="store_true",
        help="skip the largest size's twin whose every third update names a party",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds a process may take before its case is dropped (30)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2023,
        help="seed of the generated ledgers and of the order of each round",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep generated ledgers here, reused while unchanged (default: temp)",
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument(
        "--only",
        type=lambda text: [part for part in text.split(",") if part],
        help="run only the cases whose names contain one of these, comma-separated"
        " (the floors always run), e.g. 'no-cache,update (cold'",
    )
    args = parser.parse_args(argv)
    if args.rounds is None:
        args.rounds = QUICK_ROUNDS if args.quick else 7
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.sizes = parse_sizes(parser, args.sizes, args.quick)
    return args


def parse_sizes(
    parser: argparse.ArgumentParser, text: str | None, quick: bool
) -> list[int]:
    if text is None:
        return list(QUICK_SIZES if quick else DEFAULT_SIZES)
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {text}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: each size must be at least 1")
    return sizes


def tracker_python(tracker: list[str]) -> str:
    """The interpreter the tracker runs on, so the floor starts the same one."""
    found = shutil.which(tracker[0])
    if found is None:
        return sys.executable
    if Path(found).name.startswith("python"):  # e.g. "python -m tracker"
        return found
    try:
        with open(found, "rb") as script:
            shebang = script.readline(512).decode("utf-8", "replace")
    except OSError:
        return sys.executable
    words = shebang[2:].split() if shebang.startswith("#!") else []
    if words and Path(words[0]).name == "env" and len(words) > 1:
        words = [shutil.which(words[1]) or ""]
    if words and "python" in Path(words[0]).name:
        return words[0]
    return sys.executable


@contextmanager
def workspace(kept: Path | None) -> Iterator[Path]:
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        yield kept.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as temporary:
        yield Path(temporary)


def ledgers(args: argparse.Namespace, workdir: Path) -> Iterator[LedgerInfo]:
    """Generate each synthetic ledger when its turn comes, then the bundled one."""
    horizon = min(date(2025, 12, 31), date.today())  # fixed: same bytes each day
    variants = [(size, False) for size in args.sizes]
    if not args.no_parties:
        variants.append((max(args.sizes), True))
    for size, parties in variants:
        started = time.perf_counter()
        directory = workdir / (
            f"ledger-{size}-parties" if parties else f"ledger-{size}"
        )
        info, kept = generated(size, directory, args.seed, horizon, parties)
        elapsed = time.perf_counter() - started
        done = "kept, unchanged," if kept else "generated"
        progress(f"[{info.label}] {done} {info.path} in {elapsed:.1f} s")
        yield info
    if args.no_bundled:
        return
    if not args.ledger.is_file():
        progress(f"[bundled] skipped: {args.ledger} does not exist (yet)")
        return
    try:
        yield inspect_ledger("bundled", args.ledger.resolve())
    except (OSError, ValueError, KeyError, tomllib.TOMLDecodeError) as error:
        progress(f"[bundled] skipped: {error}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tracker = shlex.split(args.tracker)
    python = args.python or tracker_python(tracker)
    progress(f"tracker: {shlex.join(tracker)}; floor interpreter: {python}")
    results = []
    with workspace(args.workdir) as workdir:
        baseline = shlex.split(args.baseline) if args.baseline else None
        setup = Setup(tracker, python, workdir, args.timeout, baseline)
        for info in ledgers(args, workdir):
            result = bench_ledger(info, setup, args.rounds, args.only, args.seed)
            results.append(result)
            if not args.json:
                print(format_table(result) + "\n", flush=True)
    targets = run_targets(results)
    if args.json:
        report = {
            "tracker": tracker,
            "baseline": args.baseline,
            "python": python,
            "results": results,
            "targets": targets,
        }
        json.dump(report, sys.stdout, indent=2)
        print()
    elif targets:
        print(format_targets(targets), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
