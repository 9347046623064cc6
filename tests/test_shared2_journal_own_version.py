"""A pick list killed after its journal (a power cut, kill -9) is finished by the next run, which put the
job's orders.xlsx in place but did not note it as shopbook's own version (.shopbook-backup/orders.xlsx.written),
as the job itself would have. Its backup at the next rewrite was then named as a version a person saved, and
kept in place of the one a person really last saved, which twenty rewrites could push out of the backups. A
journal's workbook put in place (or found in place) is now noted as the job would have noted it."""

from __future__ import annotations


from test_concurrency import picklist_left_mid_journal, small_shop

from shopbook.io import files, journal, lock


def test_a_workbook_a_journal_put_in_place_is_backed_up_as_shopbooks_own(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    lock.acquire(folder, "orders review")  # the next run finishes the job from its journal
    try:
        assert [f.kind for f in journal.recovered(folder)] == ["journal"]
        kept = files.backup(folder / "orders.xlsx")  # as its next rewrite keeps the version in place
    finally:
        lock.release(folder)
    assert kept.name.endswith(files.OWN_MARK + ".xlsx"), kept.name
