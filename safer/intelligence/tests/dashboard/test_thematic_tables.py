"""The thematic SIA tables against values computed independently in plain Python / pandas over the fixture rows
(never through the product's figures): domestic abuse, hate, rape, knife, alcohol, ASB categories, youth,
repeat victims and suspects, the local serious violence definition and A&E beside police violence."""

# ruff: noqa: F811 - the thematic_warehouse fixture is imported from thematic_data
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from safer.intelligence.dashboard.tables import TABLES, Request, scope_build, table_rows
from safer.intelligence.tests.dashboard.thematic_data import OXFORD, thematic_warehouse  # noqa: F401 - fixture
from safer.intelligence.warehouse import bounded_reader, writer


def _rows(name: str, area: str = "Oxford", period: str = "2022", **kwargs):
    with bounded_reader() as con:
        return table_rows(TABLES[name], Request(con, scope_build(con, area=area, period=period, **kwargs)))


def _year(frame: pd.DataFrame, year: int, **where: str) -> pd.DataFrame:
    keep = frame["month"].dt.year == year
    for column, value in where.items():
        keep &= frame[column] == value
    return frame[keep]


def _pct(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def _where(row) -> dict[str, str]:
    """The fixture column that selects a chain row's area (district, county or force)."""
    column = next(c for c, v in OXFORD.items() if v == row["area"])
    return {column: row["area"]}


def _truthy(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def _change(now: int, before: int) -> tuple[int, float | None]:
    return now - before, _pct(now - before, before)


class TestDomesticAbuse:
    def test_five_year_series_for_the_area_and_its_containers(self, thematic_warehouse):
        offences = thematic_warehouse["offence"]
        rows = _rows("domestic_abuse_years")
        assert [r["area"] for r in rows] == ["Oxford", "Oxfordshire", "Thames Valley"]
        for row in rows:
            counts = {
                year: int(_truthy(_year(offences, year, **_where(row))["domestic_abuse"]).sum())
                for year in (2019, 2020, 2021, 2022)
            }
            assert row["year_4"] is None  # 2018: no offence data at all
            assert (row["year_3"], row["year_2"], row["year_1"], row["period_count"]) == (
                counts[2019],
                counts[2020],
                counts[2021],
                counts[2022],
            )
            assert (row["difference"], row["difference_pct"]) == _change(counts[2022], counts[2021])

    def test_victims_by_age_band_and_sex(self, thematic_warehouse):
        da = _year(thematic_warehouse["offence"], 2022, lad_name="Oxford")
        da = da[_truthy(da["domestic_abuse"])]
        band = da["victim_age_band"].replace("unknown", None).fillna("Not recorded")
        sex = da["victim_sex"].replace("unknown", None).fillna("Not recorded")
        expected = Counter(zip(band, sex, strict=True))
        rows = {r["age_band"]: r for r in _rows("domestic_abuse_victims")}
        for age_band, row in rows.items():
            if age_band == "All":
                continue
            assert row["female"] == expected[(age_band, "female")]
            assert row["male"] == expected[(age_band, "male")]
            assert row["sex_not_recorded"] == expected[(age_band, "Not recorded")]
            assert row["share_pct"] == _pct(row["total"], len(da))
        assert rows["All"]["total"] == len(da)
        assert sum(r["total"] for b, r in rows.items() if b != "All") == len(da)

    def test_repeat_victims_share_two_and_three_plus(self, thematic_warehouse):
        offences = thematic_warehouse["offence"]
        for row in _rows("domestic_abuse_repeat"):
            da = _year(offences, 2022, **_where(row))
            da = da[_truthy(da["domestic_abuse"])]
            per_victim = Counter(da["victim_ref"].dropna())
            victims = len(per_victim)
            two = sum(1 for n in per_victim.values() if n >= 2)
            three = sum(1 for n in per_victim.values() if n >= 3)
            assert (row["da_offences"], row["offences_with_ref"]) == (len(da), int(da["victim_ref"].notna().sum()))
            assert (row["victims"], row["victims_2_plus"], row["victims_3_plus"]) == (victims, two, three)
            assert (row["victims_2_plus_pct"], row["victims_3_plus_pct"]) == (_pct(two, victims), _pct(three, victims))

    def test_without_victim_ref_the_table_says_so(self, thematic_warehouse):
        with writer() as con:
            con.execute("UPDATE offence SET victim_ref = NULL")
        row = _rows("domestic_abuse_repeat")[0]
        assert row["victims"] is None and row["da_offences"] > 0
        assert "no victim_ref" in row["note"]


class TestHateRapeKnifeAlcohol:
    def test_hate_strands_with_change(self, thematic_warehouse):
        offences = thematic_warehouse["offence"]

        def strands(year: int) -> Counter:
            frame = _year(offences, year, lad_name="Oxford")
            counted: Counter = Counter()
            for value in frame["hate_strand"].dropna():
                if value != "none":
                    counted["All hate crime"] += 1
                    counted.update(value.split(";"))
            return counted

        now, before = strands(2022), strands(2021)
        rows = {r["strand"]: r for r in _rows("hate_strands")}
        assert set(rows) == {"All hate crime", "race", "religion", "sexual orientation", "disability", "transgender"}
        for strand, row in rows.items():
            assert (row["period_count"], row["compare_count"]) == (now[strand], before[strand])
            assert (row["difference"], row["difference_pct"]) == _change(now[strand], before[strand])

    def test_hate_victims_by_sex_and_ethnicity(self, thematic_warehouse):
        frame = _year(thematic_warehouse["offence"], 2022, lad_name="Oxford")
        expected: dict[str, Counter] = {}
        for strand_text, sex, ethnicity in zip(
            frame["hate_strand"], frame["victim_sex"], frame["victim_ethnicity"], strict=True
        ):
            if strand_text is None or strand_text == "none":
                continue
            for strand in strand_text.split(";"):
                counts = expected.setdefault(strand, Counter())
                counts["total"] += 1
                counts["sex_" + ("not_recorded" if sex in (None, "unknown") else sex)] += 1
                counts["ethnicity_" + (ethnicity or "not_stated")] += 1
        for row in _rows("hate_victims"):
            counts = expected.get(row["strand"], Counter())
            for key, value in row.items():
                if key not in ("strand", "synthetic_records"):
                    assert value == counts[key], (row["strand"], key)

    def test_rape_victims_by_sex(self, thematic_warehouse):
        offences = thematic_warehouse["offence"]

        def by_sex(year: int) -> Counter:
            frame = _year(offences, year, lad_name="Oxford")
            frame = frame[frame["offence_code"].isin(["19C", "19F"])]
            return Counter(frame["victim_sex"].replace("unknown", None).fillna("Not recorded"))

        now, before = by_sex(2022), by_sex(2021)
        rows = {r["victim_sex"]: r for r in _rows("rape_victims_sex")}
        for sex in ("female", "male", "Not recorded"):
            assert (rows[sex]["period_count"], rows[sex]["compare_count"]) == (now[sex], before[sex])
        total_now, total_before = sum(now.values()), sum(before.values())
        assert (rows["All"]["period_count"], rows["All"]["compare_count"]) == (total_now, total_before)
        assert (rows["All"]["difference"], rows["All"]["difference_pct"]) == _change(total_now, total_before)

    def test_knife_victims_and_suspects_by_sex_and_sia_age_band(self, thematic_warehouse):
        frame = _year(thematic_warehouse["offence"], 2022, lad_name="Oxford")
        frame = frame[frame["knife_sharp_instrument"]]
        band_map = {"0-9": "0-15", "18-24": "18-24", "25-34": "25-49", "35-44": "25-49", "55-64": "50+", "65+": "50+"}

        def band(age, recorded) -> str:
            if age is not None and not pd.isna(age):
                age = int(age)
                return (
                    "0-15"
                    if age < 16
                    else "16-17"
                    if age < 18
                    else "18-24"
                    if age < 25
                    else "25-49"
                    if age < 50
                    else "50+"
                )
            return band_map.get(recorded, "Not recorded")

        rows = _rows("knife_people")
        for party in ("victim", "suspect"):
            present = frame[
                frame[[f"{party}_sex", f"{party}_age_band", f"{party}_age", f"{party}_ref"]].notna().any(axis=1)
            ]
            sexes = Counter(present[f"{party}_sex"].replace("unknown", None).fillna("Not recorded"))
            bands = Counter(
                band(a, b) for a, b in zip(present[f"{party}_age"], present[f"{party}_age_band"], strict=True)
            )
            mine = [r for r in rows if r["party"] == f"{party.capitalize()}s"]
            assert {r["group"]: r["count"] for r in mine if r["breakdown"] == "Sex"} == {
                s: sexes[s] for s in ("female", "male", "Not recorded")
            }
            assert {r["group"]: r["count"] for r in mine if r["breakdown"] == "Age band"} == {
                b: bands[b] for b in ("0-15", "16-17", "18-24", "25-49", "50+", "Not recorded")
            }
            assert all(r["share_pct"] == _pct(r["count"], len(present)) for r in mine)

    def test_alcohol_related_with_change_and_share(self, thematic_warehouse):
        offences = thematic_warehouse["offence"]
        for row in _rows("alcohol_related"):
            now, before = _year(offences, 2022, **_where(row)), _year(offences, 2021, **_where(row))
            flagged_now, flagged_before = int(_truthy(now["alcohol"]).sum()), int(_truthy(before["alcohol"]).sum())
            assert (row["period_count"], row["compare_count"]) == (flagged_now, flagged_before)
            assert (row["difference"], row["difference_pct"]) == _change(flagged_now, flagged_before)
            assert row["share_pct"] == _pct(flagged_now, len(now))


class TestAsbYouthRepeat:
    def test_asb_by_category(self, thematic_warehouse):
        asb = thematic_warehouse["asb"]
        now = Counter(_year(asb, 2022, lad_name="Oxford")["asb_category"])
        before = Counter(_year(asb, 2021, lad_name="Oxford")["asb_category"])
        rows = {r["asb_category"]: r for r in _rows("asb_by_category")}
        for category in ("personal", "nuisance", "environmental"):
            assert (rows[category]["period_count"], rows[category]["compare_count"]) == (
                now[category],
                before[category],
            )
            assert rows[category]["share_pct"] == _pct(now[category], sum(now.values()))
        assert rows["All ASB"]["period_count"] == sum(now.values())
        assert rows["All ASB"]["difference"] == sum(now.values()) - sum(before.values())

    def test_youth_under_18_by_offence_group(self, thematic_warehouse):
        frame = _year(thematic_warehouse["offence"], 2022, lad_name="Oxford")

        def under(age, recorded) -> bool:
            if age is not None and not pd.isna(age):
                return int(age) < 18
            return recorded in ("0-9", "10-17")

        def known(age, recorded) -> bool:
            return (age is not None and not pd.isna(age)) or recorded not in (None, "unknown")

        rows = {r["offence_group"]: r for r in _rows("youth_people")}
        for group, part in [("All offences", frame), *frame.groupby("offence_group")]:
            for party in ("victim", "suspect"):
                pairs = list(zip(part[f"{party}_age"], part[f"{party}_age_band"], strict=True))
                young = sum(under(a, b) for a, b in pairs)
                with_age = sum(known(a, b) for a, b in pairs)
                assert rows[group][f"{party}s_under_18"] == young
                assert rows[group][f"{party}s_under_18_pct"] == _pct(young, with_age)

    @pytest.mark.parametrize("party", ["victim", "suspect"])
    def test_repeat_people_by_number_of_offences(self, thematic_warehouse, party):
        frame = _year(thematic_warehouse["offence"], 2022, lad_name="Oxford")
        per_person = Counter(frame[f"{party}_ref"].dropna())
        buckets: dict[str, list[int]] = {"1": [], "2": [], "3": [], "4 or more": []}
        for n in per_person.values():
            buckets[str(n) if n < 4 else "4 or more"].append(n)
        people, offences = len(per_person), sum(per_person.values())
        rows = {r["offences_per_person"]: r for r in _rows(f"repeat_{party}s")}
        assert (rows["All"]["people"], rows["All"]["offences"]) == (people, offences)
        assert rows["All"]["summary"] == f"{people:,} {party}s were involved in {offences:,} offences."
        for bucket, counts in buckets.items():
            assert (rows[bucket]["people"], rows[bucket]["offences"]) == (len(counts), sum(counts))
            assert rows[bucket]["people_pct"] == _pct(len(counts), people)
            assert rows[bucket]["offences_pct"] == _pct(sum(counts), offences)

    def test_repeat_people_without_refs_say_so(self, thematic_warehouse):
        with writer() as con:
            con.execute("UPDATE offence SET suspect_ref = NULL")
        row = _rows("repeat_suspects")[0]
        assert row["people"] == 0 and "cannot be counted" in row["summary"]


class TestLocalSeriousViolence:
    def test_local_codes_and_flags_add_to_groups_without_double_counting(self, thematic_warehouse, settings):
        settings.SAFER_SERIOUS_VIOLENCE_LOCAL_CODES = ["105a"]
        settings.SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS = ["alcohol"]
        offences = thematic_warehouse["offence"]

        def groups(frame: pd.DataFrame) -> Counter:
            counted: Counter = Counter()
            for code, group, alcohol, offence_group in zip(
                frame["offence_code"],
                frame["serious_violence_group"],
                frame["alcohol"],
                frame["offence_group"],
                strict=True,
            ):
                if not pd.isna(group):
                    counted[f"Group {int(group)}"] += 1
                elif code == "105A" or (alcohol is True and offence_group == "Violence against the person"):
                    counted["Local"] += 1
            return counted

        rows = _rows("serious_violence_local")
        for row in rows:
            now = groups(_year(offences, 2022, **_where(row)))
            before = groups(_year(offences, 2021, **_where(row)))
            key = row["group"].split(" (")[0].replace("Local additions", "Local")
            if key.startswith("Local definition"):
                expected_now, expected_before = sum(now.values()), sum(before.values())
            else:
                expected_now, expected_before = now[key], before[key]
            assert (row["period_count"], row["compare_count"]) == (expected_now, expected_before), row["group"]
            assert (row["difference"], row["difference_pct"]) == _change(expected_now, expected_before)
        assert any("105A" in r["group"] and "alcohol" in r["group"] for r in rows)


class TestAe:
    def test_monthly_beside_police_violence(self, thematic_warehouse):
        ae, offences = thematic_warehouse["ae"], thematic_warehouse["offence"]
        rows = _rows("ae_monthly")
        assert len(rows) == 12
        for row in rows:
            month = pd.Timestamp(row["month"] + "-01")
            in_month = (ae["month"] == month) & (ae["lad_name"] == "Oxford")
            police = (offences["month"] == month) & (offences["lad_name"] == "Oxford")
            police &= offences["offence_group"] == "Violence against the person"
            assert (row["ae_attendances"], row["police_violence"]) == (int(in_month.sum()), int(police.sum()))

    def test_before_the_hospital_extract_starts_is_no_data_not_zero(self, thematic_warehouse):
        for name in ("ae_monthly", "ae_hour", "ae_weapon", "ae_location_type"):
            rows = _rows(name, period="2020")
            assert rows and all(r.get("ae_attendances", r.get("period_count")) is None for r in rows), name
        assert all(r["police_violence"] is not None for r in _rows("ae_hour", period="2020"))

    def test_location_type_with_change(self, thematic_warehouse):
        ae = thematic_warehouse["ae"]
        now = Counter(_year(ae, 2022, lad_name="Oxford")["location_type"].fillna("not known"))
        before = Counter(_year(ae, 2021, lad_name="Oxford")["location_type"].fillna("not known"))
        rows = {r["location_type"]: r for r in _rows("ae_location_type")}
        for place, row in rows.items():
            if place == "All attendances":
                assert row["period_count"] == sum(now.values())
                continue
            assert (row["period_count"], row["compare_count"]) == (now[place], before[place])
            assert row["share_pct"] == _pct(now[place], sum(now.values()))

    def test_weapon_beside_police_knife_violence(self, thematic_warehouse):
        ae, offences = thematic_warehouse["ae"], thematic_warehouse["offence"]
        means = Counter(_year(ae, 2022, lad_name="Oxford")["assault_means"].fillna("not known"))
        police = _year(offences, 2022, lad_name="Oxford")
        knife = int(
            (police["knife_sharp_instrument"] & (police["offence_group"] == "Violence against the person")).sum()
        )
        rows = {r["assault_means"]: r for r in _rows("ae_weapon")}
        assert rows["All attendances"]["ae_attendances"] == sum(means.values())
        for name, row in rows.items():
            if name != "All attendances":
                assert row["ae_attendances"] == means[name]
                assert row["police_knife_violence"] == (knife if name == "knife or sharp object" else None)

    def test_hour_of_day_in_uk_time(self, thematic_warehouse):
        ae, offences = thematic_warehouse["ae"], thematic_warehouse["offence"]
        frame = _year(ae, 2022, lad_name="Oxford")
        hours = Counter(t.hour if not pd.isna(t) else None for t in frame["incident_local"])
        police = _year(offences, 2022, lad_name="Oxford")
        police = police[police["offence_group"] == "Violence against the person"]
        police_hours = Counter(t.hour for t in police["local_time"])
        rows = _rows("ae_hour")
        assert len(rows) == 25
        for hour, row in enumerate(rows[:24]):
            assert row["hour"] == f"{hour:02d}:00-{hour:02d}:59"
            assert (row["ae_attendances"], row["police_violence"]) == (hours[hour], police_hours[hour])
        assert rows[24]["ae_attendances"] == hours[None]


class TestRegistry:
    def test_every_thematic_table_is_registered_with_its_page_and_person_level(self, thematic_warehouse):
        person = {
            "domestic_abuse_victims",
            "domestic_abuse_repeat",
            "hate_victims",
            "rape_victims_sex",
            "knife_people",
            "youth_people",
            "repeat_victims",
            "repeat_suspects",
            "ae_monthly",
            "ae_location_type",
            "ae_weapon",
            "ae_hour",
        }
        names = person | {"domestic_abuse_years", "hate_strands", "alcohol_related", "asb_by_category"}
        for name in names:
            assert TABLES[name].page == "themes"
            assert TABLES[name].person_level is (name in person)
        assert TABLES["serious_violence_local"].page == "serious-violence"


class TestCommandLine:
    def test_safer_table_prints_the_five_year_titles(self, thematic_warehouse):
        import io

        from django.core.management import call_command

        out = io.StringIO()
        call_command("table", "domestic_abuse_years", "--area", "Oxford", "--period", "2022", stdout=out)
        header = out.getvalue().splitlines()[0].split(",")
        assert header[2:7] == ["2018", "2019", "2020", "2021", "2022"]
        oxford = out.getvalue().splitlines()[1].split(",")
        offences = thematic_warehouse["offence"]
        assert int(oxford[6]) == int(_truthy(_year(offences, 2022, lad_name="Oxford")["domestic_abuse"]).sum())
