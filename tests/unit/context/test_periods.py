"""Whether a document is in force on a day: its period, its issue date, its replacement."""

from __future__ import annotations

from datetime import date

from brn_graph.context.periods import DocumentPeriod, InForce, document_status, read_periods

OLD = DocumentPeriod(document="old", begin="2020", end="2023")
NEW = DocumentPeriod(document="new", begin="2024", end="2027", replaces=("old",))
ISSUED = DocumentPeriod(document="issued", issued="2024-05-01")
UNDATED = DocumentPeriod(document="undated")
OPEN = DocumentPeriod(document="open", begin="2019")
SUCCESSOR = DocumentPeriod(document="successor", issued="2022-06", replaces=("open",))
PERIODS = {p.document: p for p in (OLD, NEW, ISSUED, UNDATED, OPEN, SUCCESSOR)}


def status(document: str, day: date) -> InForce:
    return document_status(document, day, PERIODS).status


def test_a_period_counts_from_its_first_to_its_last_day() -> None:
    assert status("old", date(2019, 12, 31)) is InForce.NOT_YET
    assert status("old", date(2020, 1, 1)) is InForce.IN_FORCE
    assert status("old", date(2023, 12, 31)) is InForce.IN_FORCE


def test_a_replaced_document_stops_counting_when_its_successor_begins() -> None:
    found = document_status("old", date(2024, 1, 1), PERIODS)
    assert found.status is InForce.REPLACED
    assert found.replaced_by == "new"
    assert not found.counts
    assert status("new", date(2024, 9, 20)) is InForce.IN_FORCE


def test_an_open_ended_document_is_replaced_though_its_period_has_no_end() -> None:
    assert status("open", date(2022, 5, 31)) is InForce.IN_FORCE
    assert status("open", date(2022, 6, 1)) is InForce.REPLACED


def test_an_expired_document_without_successor() -> None:
    periods = {"old": OLD}
    assert document_status("old", date(2024, 1, 1), periods).status is InForce.EXPIRED


def test_an_issue_date_starts_the_period() -> None:
    assert status("issued", date(2024, 4, 30)) is InForce.NOT_YET
    assert status("issued", date(2024, 5, 1)) is InForce.IN_FORCE


def test_no_dates_at_all_is_an_unknown_period_that_counts() -> None:
    found = document_status("undated", date(2024, 9, 20), PERIODS)
    assert found.status is InForce.PERIOD_UNKNOWN
    assert found.counts
    assert document_status("not-read", date(2024, 9, 20), PERIODS).status is (
        InForce.PERIOD_UNKNOWN
    )


def test_read_periods_takes_the_widest_span_and_the_acceptance_date() -> None:
    rows = [
        {"document": "d", "begin": "2021", "end": "2022"},
        {"document": "d", "begin": "2020", "end": "2023"},
        {"document": "a", "accepted": "2021-04-23"},
    ]
    periods = read_periods(rows)  # type: ignore[arg-type]
    assert (periods["d"].begin, periods["d"].end) == ("2020", "2023")
    assert periods["a"].issued == "2021-04-23"
