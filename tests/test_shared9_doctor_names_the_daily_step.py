"""`shopbook daily` cut off while its pick list step wrote its files (a power cut, a cron job killed): doctor said
"“picklist”在写入多个文件时被中断", shopbook's own name of the job, which no one typed and daily's lines never
showed (they say 拣货单). It names the command line that ran and its step as daily named it."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_concurrency import small_shop


def test_doctor_names_the_step_daily_showed(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    small_shop(folder)
    monkeypatch.setenv("SHOPBOOK_CRASH_AT", "journal")  # (killed once the journal is written, before any replace)
    cut = shopbook("daily", folder)
    assert cut.returncode == 86, cut.stdout + cut.stderr
    monkeypatch.delenv("SHOPBOOK_CRASH_AT")
    up = shopbook("doctor", folder)
    said = flat(up.stdout + up.stderr)
    assert up.returncode == 0, said
    assert flat(f"“shopbook daily {folder}”的“拣货单”这一步在写入多个文件时被中断") in said, said
    assert "“picklist”" not in said, said


def test_two_threads_steps_are_their_own():
    """From the review: the step a daily names in its journal was one value for the process; a script's two shops'
    dailies in two threads, each setting and restoring it as run_daily does, left the first one's step behind for
    every later job's journal (and each wrote the other's meanwhile). Each thread has its own."""
    import threading

    from shopbook.io import lock

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def daily(name, label, mine_in, wait_for, then_set=None, wait_after=None):
        was, lock.step.now = lock.step.now, label  # (as report.workflow's step does)
        try:
            mine_in.set()
            wait_for.wait(5)
            seen[name] = lock.step.now
        finally:
            if wait_after:
                wait_after.wait(5)
            lock.step.now = was
            if then_set:
                then_set.set()

    ta = threading.Thread(target=daily, args=("a", ("拣货单", "pick list"), a_in, b_in, a_out))
    tb = threading.Thread(target=daily, args=("b", ("日报", "daily report"), b_in, a_in, None, a_out))
    ta.start()
    a_in.wait(5)
    tb.start()
    ta.join()
    tb.join()
    assert seen == {"a": ("拣货单", "pick list"), "b": ("日报", "daily report")}
    assert lock.step.now is None
