"""What changed the figures: before/after measurements kept beside each run's results
(RESULTS.md), since a run measures only the code as it is."""

from __future__ import annotations

from bench.common import X

LINES = [
    "## Before and after the second round of 2026-12-02 (issue 15)",
    "",
    "### Packed entries",
    "",
    "The cold load of a long meeting grew with it because its snapshot held every entry as"
    " a dict, and a load decoded them all (93% of the 1,999-event meeting's cold load in the"
    " previous full run). Now a meeting's entries are an `EntryBook`"
    " (`meetings/domain/entry_book.py`), which a snapshot packs (`EntryBookPacked` in"
    " `meetings/infrastructure/transcodings.py`): each person's attendance and departures"
    " in a part of their own, the other entries in a few parts, each part compressed (zlib,"
    " from a preset dictionary of the words entries use) and in base64, so a load reads them"
    " as strings and decodes a part only when something reads it. A tap's rules read the"
    " person tapped (`EntryBook.of_person`: the attendance rules no longer compare every"
    " entry's person either); a view reads them all, once for every copy of the meeting"
    " kept in memory. A snapshot packs again only the parts whose entries changed. The"
    " snapshot's state is version 3 (`upcast_v2_v3` reads version 2;"
    " `tests/keeping/test_snapshot_versions.py` loads f30aa52's and f4b9e71's snapshots of"
    " the golden meetings).",
    "",
    "Measured side by side, before (bd4d337) and after (as committed), one after the other"
    " on this machine, twice each: 40 loads of each meeting of `grown_meeting` (the bench's"
    " loading scenario, but each meeting loaded 40 times in a row), medians in ms:",
    "",
    "| meeting of 1,999 events | before | after |",
    "|---|--:|--:|",
    "| snapshot | 741 KiB | 128 KiB |",
    f"| cold load (against 20 events) | 7.69-8.11 (5.96-6.95{X}) | 1.52-1.60 (1.96-2.00{X}) |",
    "| cold load of a 99-event meeting (49 events replayed, as here) | 1.36-1.45 | 1.11 |",
    "| cold load, then every entry read (a view's first read) | 7.50-7.89 | 9.45-9.73 |",
    "| snapshot encoding of it (decoded, or from a snapshot) | 7.43-7.76 | 1.82-1.85 |",
    "",
    "What it costs: the first read of every entry of a meeting loaded from a snapshot"
    " decodes some 300 small parts instead of one document (about 2 ms more at 1,999 events,"
    " once per process and meeting); the first snapshot of a meeting packs each person's"
    " part (about 25 µs a person), later ones only what changed. What is left of the cold"
    " load is replaying the events after the snapshot (up to 49, against the 20 of the"
    " smallest meeting, whose load is the floor) and reading the snapshot: from SQLite's"
    " page cache 0.16 ms at 203 KiB (before the dictionary), but 0.73 ms once reading the"
    " meeting's events has pushed it out, as the full run's alternating loads do (section"
    " 3); the dictionary took the snapshot from 203 to 128 KiB for that reason.",
    "",
    "### Less Python per request",
    "",
    "Server CPU per request (`time.thread_time()` around the WSGI app, Flask's test client,"
    " commands 201-300 of a meeting of 300, SQLite; means of alternating runs, load about"
    " 1.5): `POST /attendance` 2.06 -> 1.89 ms, the console's tap 2.85 -> 2.60 ms, from four"
    " changes in `web/`: a 201's `Location` worked out once per URL rule (it matched up to"
    " 57 candidate paths against the URL map: 0.16 -> 0.06 ms); request schemas made once"
    " when a view is declared (webargs made a marshmallow schema per request: 0.125 ->"
    " 0.062 ms); the session cookie's signer made once per set of keys (0.047 -> 0.025"
    " ms); the console's recording controls' schemas made once (0.075 -> 0 ms). And an"
    " `Idempotency-Key` not seen before now costs one read of the log instead of a snapshot"
    " read and an event read ending in an exception (`CommandAttempts._first_answer`): the"
    " console's tap, which always sends one, 4.14-4.48 -> 4.02-4.10 ms wall a tap, three"
    " alternating runs each.",
    "",
    "Left, with the profile: the token lookup (about 0.2 ms, a read that must stay: a"
    " revoked token stops working at once), the console's CSRF check (Flask-WTF makes its"
    " signer per request, about 4% of a tap), flask-smorest's pagination schema on lists"
    " (not on these paths), Flask and werkzeug themselves. On PostgreSQL the command makes"
    " five round trips (token, whether the membership read model is behind, the seats,"
    " then the insert's two); the floor makes one. Under 8 clients the benchmark's clients"
    " and both servers share one interpreter lock, so throughput follows CPU per request,"
    " where the floor's server does almost nothing.",
    "",
    "## Before and after the command path of 2026-12-02 (issue 15)",
    "",
    "What changed this round and why. Profiled first, on a PostgreSQL of its own (the"
    " tests' settings, `pg_stat_statements` on) with `meetings project` running: 150 taps"
    " (POST /attendance over HTTP, one client, back to back) into a meeting of 150 members;"
    " statements per tap counted by the server (the service's and the worker's together),"
    " CPU per tap read from `/proc` for the benchmark's process (client and server), the"
    " worker and that server's PostgreSQL processes. *Before* is 9c62a9f, *after* as"
    " committed; two runs each, load average 2-3 (other engineers' tests).",
    "",
    "| per tap on PostgreSQL | before | after |",
    "|---|--:|--:|",
    "| statements sent to PostgreSQL (service and worker) | 17.7-19.8 | 10.0 |",
    "| round trips of the service | 9 | 5 |",
    "| CPU of the benchmark's process (client and server), ms | 4.0-4.7 | 4.1-4.6 |",
    "| CPU of the projection worker, ms | 1.3-1.7 | 0.7-0.8 |",
    "| CPU of PostgreSQL, ms | 1.5-2.0 | 1.3 |",
    "| wall time per tap, back to back, ms | 8.6-12.5 | 7.8-8.4 |",
    "",
    "Where the time went (before): the service's nine round trips were the token; the"
    " meeting's events newer than the copy kept in memory; whether the membership read"
    " model is behind; the attendance facts; then eventsourcing's insert, which is"
    " pipelined but runs inside psycopg's `transaction()`, and that syncs with the server"
    " on BEGIN, before committing, on COMMIT and on leaving the pipeline: five reads from"
    " the socket per insert (strace). And every tap woke the worker for a batch of its own:"
    " position, notifications, BEGIN, advisory lock, position again, the chain's head, its"
    " seals, its link version, the links, the tracking row, COMMIT, for an event no read"
    " model takes in, only to chain it. On two cores the worker and its PostgreSQL"
    " competed with the command path for the second core (with the worker stopped, the same"
    " taps took 5.3 ms instead of 8.3).",
    "",
    "1. **The chain is extended as events are inserted, on PostgreSQL too**"
    " (`meetings/infrastructure/audit/on_insert.py`): right after eventsourcing's LOCK TABLE"
    " the chain's head and the log's last position are asked for in the same round trip as"
    " the INSERT, and the links go with the COMMIT, when the chain reaches every event"
    " before them (otherwise the projector chains them as before). The worker then moves"
    " the tracking position over events no read model takes in with one compare-and-set"
    " UPDATE (from the position it read, only when the chain reaches them) instead of a"
    " batch (`Projector._advance_if_chained`). Worker CPU per tap 1.4 -> 0.8 ms.",
    "2. **Two round trips per insert instead of five** (`meetings/infrastructure/pg_insert.py`):"
    " the same statements, hooks and transaction, sent as BEGIN, lock, NOTIFY, INSERT, then"
    " seals, links and COMMIT.",
    "3. **No read of newer events before deciding** (`CommandAttempts._update`): the first"
    " try decides on the meeting kept in memory; a write by another process since makes the"
    " save conflict, and the command is decided again on the meeting as it stands (as for"
    " any concurrent write), and a refusal decided on the kept copy is decided again before"
    " it is answered.",
    "4. **Snapshots after the answer** (`CoreApplication.snapshot_later`, on in"
    " `create_app`): every 50th tap encoded the whole meeting and inserted it before"
    " answering, and with 300 taps in three meetings the p99 *was* those taps; a copy of the"
    " meeting is now snapshotted by a thread of its own.",
    "5. On SQLite, chaining on insert reads the chain's head and its link version in one"
    " statement instead of three (the seals are the ones the insert has just made).",
    "",
    "Measured side by side in one process, before and after, alternating (scenario 1 with"
    " 200 taps twice, scenario 2 with 50 a client): PostgreSQL p50 6.04 / 5.27 ms before,"
    " 5.23 / 5.51 ms after, 8 clients 167-172 -> 171-183 commands/s; SQLite p50 3.78 ->"
    " 3.44-3.53 ms, 8 clients 219 -> 228-239. The floor moved as much between runs (PostgreSQL"
    " p50 1.94-2.57 ms, 8 clients 510-683/s), so the ratios say less than the CPU and the"
    " round trips above.",
    "",
    "Why PostgreSQL still misses p50 2x, and 8 clients 0.6x on both backends: what is left"
    " is Python in the request, which the floor does not run, on a machine whose two cores"
    " also run the client, the worker and PostgreSQL. The server's CPU per tap"
    " (cProfile with a thread-CPU clock, Flask's test client, so shares are inflated for"
    " code that makes many small calls): the insert's psycopg pipeline about 21%; the"
    " token lookup about 12%; the attendance facts about 11% (the behind-check and the"
    " seats, two round trips); the `Location` header of a 201 about 7% (`web/pages/public.py`"
    " `_location` matches candidate paths against the URL map, about 57 werkzeug `_match`"
    " calls a tap); webargs about 8%, half of it instantiating a marshmallow `Schema` per"
    " request; the meeting's attendance rules about 7% (`meetings/domain/attendance.py`"
    " `standing` compares about 250 UUIDs a tap); the rest Flask, flask-smorest and JSON."
    " The last four are outside this round's files (web/, meetings/domain/): caching"
    " `_location`'s answer per URL rule and the request schemas, and indexing entries by"
    " person in the domain, are the next steps. Tried and not kept: a shorter GIL switch"
    " interval (`sys.setswitchinterval(0.0005)`), no difference beyond the noise; a"
    " larger SQLite connection pool (17 connections opened in a whole 8-client run: no"
    " churn to remove).",
    "",
    "Why the PostgreSQL p99 is met in one run and missed in another: it was 2.46x in a"
    " `--skip-million` run during the round (load 4) and 3.26x in the full run that"
    " followed (load 1.0, the floor's p99 down to 2.76 ms against the app's 9.0). The"
    " snapshot every 50th tap is now taken on a thread of its own, but encoding the meeting"
    " still holds the interpreter's lock, so the tap that follows can wait for it (not"
    " profiled further); a quiet machine shortens only the floor's tail. A snapshot that"
    " does not grow with the meeting (the compact state the cold load needs, section 3)"
    " is what would settle it.",
    "",
    "## Before and after the public reads of 2026-12-01",
    "",
    "Measured through Flask's test client, one request at a time, on a board with 24"
    " published meetings and 3 to come (`bench/public.py`'s store), 30 requests each, the"
    " server's kept answers forgotten before each request so that every one is rendered:"
    " *before* at bd7bdf0, *after* as committed. Load average about 3-4 (other engineers'"
    " test runs).",
    "",
    "| read | before: p50, records loaded (`_get` / repository) | after, rendered anew |"
    " after, an unchanged record |",
    "|---|--:|--:|--:|",
    "| meeting page | 3.42 ms, 8 / 5 | 1.80 ms, 2 / 1 | 0.46 ms, 0 / 0 |",
    "| Atom feed of the body (24 entries) | 68.03 ms, 146 / 98 | 6.10 ms, 0 / 0 | 0.43 ms, 0 / 0 |",
    "| the body's iCalendar (28 meetings) | 10.12 ms, 29 / 1 | 7.11 ms, 0 / 0 | 0.45 ms, 0 / 0 |",
    "",
    "Where the time went before: the Atom feed composed every entry's published minutes"
    " from the records (the meeting twice, at its published version and now; its body"
    " three times; every meeting an item was deferred to), the page did the same for one"
    " meeting, and the calendar loaded every meeting of the body. Now (`projections/public.py`)"
    " a meeting's calendar fields are a read model, and published minutes are kept as they"
    " were composed, with the meeting's version: used while the meeting's last event in the"
    " log is still that version, forgotten by the projector on any event of a body, a"
    " person or an organisation and on any postponement. What remains of a rendered answer"
    " is the rendering itself: icalendar's serialiser (about 5 of the 7 ms: 400 content"
    " lines, the VTIMEZONE included), feedgen and the decoding of kept minutes for the feed,"
    " Jinja for the page. Every public read answers with an ETag from the log's position"
    " (`web/pages/public.py`), which names the answer exactly, so the server keeps the last 128"
    " answers it rendered by their ETag: an unchanged record costs the chain head's two"
    " queries and Flask, and a client that sends the ETag back gets a 304.",
    "",
    "What this round did not change: the command path. A census of the statements one"
    " attendance command sends to PostgreSQL (psycopg `Cursor.execute` counted through"
    " Flask's test client, 20 commands into a live meeting, each for a person not seen"
    " before, as in scenario 1): 9 a command, besides BEGIN and COMMIT: the token; the"
    " referenced person's first event (remembered per process, so once per person); the"
    " meeting's events newer than the live copy; whether the membership read model is"
    " behind; the attendance facts; then eventsourcing's save: SET LOCAL lock_timeout,"
    " LOCK TABLE, INSERT ... RETURNING, NOTIFY. The floor sends one INSERT and a COMMIT."
    " Pipelining the save's four statements (psycopg's pipeline mode) would save about"
    " three round trips of about 0.1 ms on localhost, against a p50 about 3 ms above the"
    " floor's: most of the gap is Python (Flask, webargs, marshmallow, the aggregate's"
    " rules, encoding), as the profile of scenario 1 shows. The cold load of a long"
    " meeting grows with its snapshot (741 KiB at 1,999 events: decoding it is most of the"
    " 6.8 ms), and shrinking it means keeping entries no rule needs out of `Meeting`'s"
    " state (meetings/domain, not touched here).",
    "",
    "## Before and after the changes of 2026-11-27",
    "",
    "Measured on this 2-core machine on 2026-11-27 with `python -m bench.run --skip-million"
    " --skip-postgres`, in pairs run back to back: *before* with the three changes below"
    " switched off in the benchmark's process (eventsourcing's `take_snapshot`, no chaining on"
    " insert, the reference check reading the log every time), *after* as committed. The"
    " machine was shared (other test runs), so each row is a range over the pairs.",
    "",
    "| scenario 1 on SQLite (300 commands, 3 rounds pooled) | before | after |",
    "|---|--:|--:|",
    f"| p50 against the floor | 2.13{X}-2.22{X} | 1.78{X}-2.01{X} |",
    f"| p99 against the floor | 1.78{X}-3.49{X} | 2.01{X}-2.40{X} |",
    "| SQLite transactions / statements / commits per command | 9 / 21 / 2 | 6 / 15 / 1 |",
    "| projecting before reads, ms per command | 0.46-0.83 | 0.12-0.22 |",
    "| take_snapshot, ms per snapshot (one command in 50) | 5.5-9 | 2.5-3 |",
    "",
    "1. **Chaining on insert (SQLite).** Since the hash chain, every command's events were"
    " chained by the projector in a transaction of their own (attendance events, which no"
    " read model handles, had needed none): a second commit, with its fsync, per command."
    " Now `meetings/core.py` chains the events in the transaction that inserts them, when the"
    " chain reaches the event before them (otherwise the projector chains them as before),"
    " and tells the projector how far the chain reaches, so it neither writes nor asks.",
    "2. **Snapshots from the aggregate in hand.** eventsourcing's `take_snapshot` loads the"
    " aggregate again (decoding its previous snapshot, replaying 49 events) before encoding"
    " it; `CoreApplication.take_snapshot` encodes the aggregate just saved when it is at the"
    " version wanted (the same state). Every 50th command of a long meeting is the p99.",
    "3. **Referenced records remembered.** `_check_reference` reads the first event of a"
    " referenced record (a person) once per process, not once per command: the log is"
    " append-only, so a record, once there, stays what it was.",
    "",
    "Tried and not kept (no difference beyond the noise): polling the projection position on"
    " PostgreSQL sooner and more often while waiting for the worker; inlining the link hash"
    " and reading the chain as tuples when verifying.",
    "4. **Reads on PostgreSQL.** A single-statement read (the token, a read model's rows)"
    " now runs in autocommit, without BEGIN and ROLLBACK round trips, and each pooled"
    " connection is pointed at the deployment's schema once instead of in every"
    " transaction (`projections/sql.py`). Over one quieter pair the real app's p50 went"
    " from 8.88 ms to 6.83 ms, but the floor's moved as much (2.62 to 2.05 ms): the ratio"
    f" stayed about 3.3{X}.",
    "",
    "5. **Waiting for the worker only when it matters (PostgreSQL).** A tap reads the"
    " membership read model (is this a member, a named substitute?), and every such read"
    " used to wait until the worker had taken in the whole log, the previous taps"
    " included, though no tap changes a membership. Now it first asks, in one statement,"
    " whether an event the membership read model takes in is still waiting for the worker,"
    " and waits only then (`Projector.behind_on`). The attendance facts are also one"
    " statement (members joined to their named substitutes) instead of one per seat in a"
    " transaction. Profiled through Flask's test client: 16 ms a command before, 9.5 ms"
    f" after; in the full run p50 went from 3.21{X} to 2.73{X} of the floor.",
    "",
    "Why PostgreSQL still misses its targets (p50 about 2.7"
    + X
    + ", p99 about 3.1-3.3"
    + X
    + "): the floor is one INSERT and a COMMIT on a held connection, and the app still"
    " makes about eight round trips to the server per command (the token, the referenced"
    " person, the meeting's newer events, the membership check and facts, then the save:"
    " lock, insert, notify, commit), and a snapshot every 50th tap is the p99. Tried and not"
    " kept: letting the serving process project the events it waits for itself instead of"
    " waiting for the worker (the ratio stayed 3.3"
    + X
    + " and the p99 of 8 concurrent clients doubled as processes queued for the"
    " projector's lock).",
    "",
]
