"""Figures many pages share are worked out once, even when several people ask at the same moment."""

import threading
import time

import pytest

from thep import shared


def test_people_asking_together_wait_for_one_answer_instead_of_each_working_it_out():
    worked_out = []

    def slow_figures() -> dict:
        worked_out.append(threading.get_ident())
        time.sleep(0.5)
        return {"members": 87}

    answers: list[dict] = []

    def ask() -> None:
        answers.append(shared.remembered("test-figures", "2026-27", slow_figures, 60))

    people = [threading.Thread(target=ask) for _ in range(6)]
    for person in people:
        person.start()
    for person in people:
        person.join()

    assert len(worked_out) == 1
    assert answers == [{"members": 87}] * 6


def test_a_failure_lets_the_next_person_work_the_figures_out():
    def broken() -> dict:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        shared.remembered("test-figures", "2025-26", broken, 60)

    started = time.monotonic()
    answer = shared.remembered("test-figures", "2025-26", lambda: {"members": 90}, 60)

    assert answer == {"members": 90}
    assert time.monotonic() - started < 1  # it did not wait for the failed one


@pytest.mark.django_db
def test_forgotten_figures_are_worked_out_afresh(django_capture_on_commit_callbacks):
    shared.remembered("test-figures", "2026-27", lambda: {"members": 87}, 60)
    with django_capture_on_commit_callbacks(execute=True):
        shared.forget("test-figures")

    assert shared.remembered("test-figures", "2026-27", lambda: {"members": 88}, 60) == {
        "members": 88
    }
