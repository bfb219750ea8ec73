"""Every copy reconciled (``loaders.tables.reconcile``), on copies written here in the
bulletins' style: a clean copy, copies that agree, a copy that lost digits, copies that
disagree with nothing to settle them, and a later bulletin whose change settles them."""

from __future__ import annotations

from store_data import parsed

from loaders.tables.reconcile import Copy, Reconciled, reconcile

#: 1—5月 2032, as a clean copy prints it.
MAY = """2032年1—5月份电子信息制造业运行情况

1—5月份，规模以上电子信息制造业增加值同比增长9.6%，增速比同期工业高3.1个百分点。5月份，规模以上电子信息制造业增加值同比增长10.1%。

1—5月份，主要产品中，手机产量5.96亿台，同比增长6.2%；集成电路产量1850亿块，同比增长12.4%。
"""

#: The same bulletin on a site that lost digits: 5.96亿台 -> 96亿台 (a level no five months
#: reach: the loader refuses it, the sign that this copy is damaged), 9.6% spun to 9.8% (a
#: figure the loader cannot tell is wrong), and one figure the clean copy does not print
#: (the single-month phone growth).
MAY_LOST_DIGITS = """2032年1—5月份电子信息制造业运行情况

1—5月份，规模以上电子信息制造业增加值同比增长9.8%，增速比同期工业高3.1个百分点。5月份，规模以上电子信息制造业增加值同比增长10.1%。

1—5月份，主要产品中，手机产量96亿台，同比增长6.2%；集成电路产量1850亿块，同比增长12.4%。5月份，手机产量同比增长7.3%。
"""

#: 1—4月 2032 in two undamaged web copies that print different value-added growth.
APRIL_A = """2032年1—4月份电子信息制造业运行情况

1—4月份，规模以上电子信息制造业增加值同比增长9.2%。
"""
APRIL_B = APRIL_A.replace("9.2%", "9.7%")


def copy(name: str, text: str, *, clean: bool) -> Copy:
    return Copy(name, clean, parsed(text, name=name))


def facts(result: Reconciled, period: str) -> dict[tuple[str, ...], tuple[float, str]]:
    """The kept facts of ``period``'s bulletin: key without period -> (value, text)."""
    [bulletin] = [b for b, _ in result.bulletins if b.period == period]
    return {o.key()[1:]: (o.value, o.text) for o in bulletin.observations}


VA_YTD = ("value_added", "national", "all", "ytd", "yoy_pct", "")


def test_copies_that_agree_make_one_fact_naming_every_copy() -> None:
    result = reconcile([copy("may_a.txt", MAY, clean=True), copy("may_b.txt", MAY, clean=False)])
    value, text = facts(result, "2032-05")[VA_YTD]
    assert value == 9.6
    assert text == "copies: may_a.txt, may_b.txt"
    assert result.conflicts == [] and result.withheld == []
    [(bulletin, names)] = result.bulletins
    assert names == ("may_a.txt", "may_b.txt") and bulletin.source == "may_a.txt+may_b.txt"


def test_a_clean_copy_settles_a_disagreement_and_the_conflict_is_listed() -> None:
    damaged = copy("may_lost.txt", MAY_LOST_DIGITS, clean=False)
    assert damaged.damaged, "the written copy should show the loader's signs of lost digits"
    result = reconcile([copy("may.txt", MAY, clean=True), damaged])

    assert facts(result, "2032-05")[VA_YTD][0] == 9.6
    [conflict] = result.conflicts
    row = conflict.row()
    assert (row["period"], row["indicator"], row["basis"], row["measure"]) == (
        "2032-05",
        "value_added",
        "ytd",
        "yoy_pct",
    )
    assert row["values"] == "9.6 (may.txt); 9.8 (may_lost.txt)"
    assert (row["resolution"], row["value"], row["unit"]) == ("kept", 9.6, "%")
    assert "clean" in row["reason"]


def test_a_figure_only_a_damaged_copy_prints_is_withheld() -> None:
    result = reconcile(
        [copy("may.txt", MAY, clean=True), copy("may_lost.txt", MAY_LOST_DIGITS, clean=False)]
    )
    month_phones = ("output_mobile_phones", "national", "all", "month", "yoy_pct", "")
    assert month_phones not in facts(result, "2032-05")
    [(key, name, why)] = result.withheld
    assert key[1:] == month_phones and name == "may_lost.txt" and "lost digits" in why


def test_undamaged_copies_that_disagree_with_nothing_to_settle_them_give_no_value() -> None:
    result = reconcile(
        [copy("april_a.txt", APRIL_A, clean=False), copy("april_b.txt", APRIL_B, clean=False)]
    )
    assert VA_YTD not in facts(result, "2032-04")
    [conflict] = result.conflicts
    assert conflict.kept is None and conflict.row()["resolution"] == "none"
    assert conflict.row()["values"] == "9.2 (april_a.txt); 9.7 (april_b.txt)"


def test_a_later_clean_bulletins_change_settles_a_disagreement() -> None:
    may_with_change = MAY.replace("增速比同期工业", "增速较1—4月份提高0.4个百分点，比同期工业")
    result = reconcile(
        [
            copy("april_a.txt", APRIL_A, clean=False),
            copy("april_b.txt", APRIL_B, clean=False),
            copy("may.txt", may_with_change, clean=True),
        ]
    )
    assert facts(result, "2032-04")[VA_YTD] == (9.2, "copies: april_a.txt")
    [conflict] = result.conflicts
    assert conflict.kept == 9.2 and "may.txt" in conflict.reason


def test_a_figure_only_damaged_folder_copies_print_that_a_clean_change_contradicts_is_dropped() -> (
    None
):
    may_with_change = MAY.replace("增速比同期工业", "增速较1—4月份提高0.4个百分点，比同期工业")
    result = reconcile(
        [copy("april_b.txt", APRIL_B, clean=False), copy("may.txt", may_with_change, clean=True)]
    )
    assert VA_YTD not in facts(result, "2032-04")
    [conflict] = result.conflicts
    assert conflict.kept is None
    assert [value for value, _ in conflict.values] == [9.2, 9.7]
    assert "change" in conflict.reason


def test_a_clean_copy_with_a_refused_level_keeps_every_other_figure() -> None:
    # the same digits lost, but in a copy known to be intact: the refusal is the loader's
    # doubt about that one level, not damage, and the copy's other figures all ship
    clean = copy("may_odd.txt", MAY_LOST_DIGITS, clean=True)
    assert clean.damage and not clean.damaged
    result = reconcile([clean])
    assert len(facts(result, "2032-05")) == len(clean.bulletin.observations)
    assert result.withheld == []
