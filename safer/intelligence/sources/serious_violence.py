"""Serious violence groups for offence-level recorded crime, by Home Office offence code and the knife flag.

Group 1 (most serious), all ages and locations, domestic abuse included:
- homicide: codes 1 (murder), 4.1 (manslaughter), 4.10 (corporate manslaughter), 4.2 (infanticide) and the
  Home Office table's combined code "1/4.1/4.10/4.2";
- attempted murder: 2;
- grievous bodily harm: 5D "Assault with intent to cause serious harm" (wounding / GBH with intent, s18);
- knife and sharp-instrument offences: ANY offence whose `knife_sharp_instrument` flag is true, plus the
  offences that are knife offences by definition: 10D "Possession of article with blade or point" and
  90 "Other knives offences".
Group 2:
- actual bodily harm: 8N "Assault with injury", 8P "Racially or religiously aggravated assault with
  injury", 8S "Assault with injury on a constable";
- drug supply and trafficking: 92A "Trafficking in controlled drugs";
- sexual assault: 17A, 17B (on a male), 20A, 20B (on a female);
- rape: 19C, 19D, 19E (of a female), 19F, 19G, 19H (of a male).
Anything else: no group (NULL). Group 1 wins when both apply (e.g. 8N with the knife flag is group 1).

Source of the codes: the Home Office offence code list (Home Office Counting Rules; the table shipped in
data/offence_codes.csv, Open Government Licence v3.0). Known limit: since 2008 the Home Office code 8N
holds both ABH (s47) and inflicting GBH without intent (s20); the code cannot tell them apart, so 8N is
group 2 unless the knife flag is set. No Django here.
"""

from __future__ import annotations

GROUP_1_CODES: frozenset[str] = frozenset({"1", "4.1", "4.10", "4.2", "1/4.1/4.10/4.2", "2", "5D", "10D", "90"})
GROUP_2_CODES: frozenset[str] = frozenset(
    {"8N", "8P", "8S", "92A", "17A", "17B", "20A", "20B", "19C", "19D", "19E", "19F", "19G", "19H"}
)


def serious_violence_group(offence_code: str, knife_sharp_instrument: bool | None) -> int | None:
    """1, 2 or None for one offence (code as in the Home Office list, any case)."""
    code = offence_code.strip().upper()
    if knife_sharp_instrument or code in GROUP_1_CODES:
        return 1
    if code in GROUP_2_CODES:
        return 2
    return None


def serious_violence_sql(code_column: str, knife_column: str) -> str:
    """A DuckDB expression giving the group (1, 2 or NULL) from an upper-cased code column and a BOOLEAN flag.

    Column names are the caller's constants, never user input.
    """
    group_1 = ", ".join(f"'{c}'" for c in sorted(GROUP_1_CODES))
    group_2 = ", ".join(f"'{c}'" for c in sorted(GROUP_2_CODES))
    return (
        f"(CASE WHEN coalesce({knife_column}, FALSE) OR {code_column} IN ({group_1}) THEN 1 "
        f"WHEN {code_column} IN ({group_2}) THEN 2 END)::SMALLINT"
    )
