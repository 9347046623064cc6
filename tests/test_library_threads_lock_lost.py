"""Review of b47b8f98 (the shop lock held per thread): a script running two shops, one thread each, had shop
A's write stop with 'the lock of shop B was taken over' when B's lock went (B's job stood still and another
took B over): each write checks the locks its own thread holds; B's job finds its loss as it writes."""

from __future__ import annotations

import threading

import pytest

from shopbook.io import lock


def test_a_write_checks_only_its_own_threads_locks(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    held, done = threading.Event(), threading.Event()
    said = []

    def shop_b():
        with lock.shop_lock(b, "shopbook daily b"):
            held.set()
            done.wait(10)
            try:
                lock.check_still_held()
            except lock.TakenOver as e:
                said.append(e)

    t = threading.Thread(target=shop_b)
    t.start()
    try:
        assert held.wait(10)
        with lock.shop_lock(a, "shopbook daily a"):
            (b / lock.LOCK_NAME).unlink()  # B's lock gone (taken over while B stood still)
            lock.check_still_held()  # A's write: A's lock is there, B's loss is not A's to stop on
    finally:
        done.set()
        t.join(10)
    assert len(said) == 1  # B's own write stops on it
    with pytest.raises(lock.TakenOver):
        with lock.shop_lock(a, "shopbook daily a"):
            (a / lock.LOCK_NAME).unlink()
            lock.check_still_held()  # (its own thread's lock gone: stops, as ever)
