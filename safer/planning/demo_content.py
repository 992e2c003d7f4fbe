"""Words of the demo plan and funding, from public documents in ../shared/seeds (see the README there).

The plan follows the West Oxfordshire Community Safety Partnership rolling plan, January 2024 to March 2027
(actions shortened); the funding is the Police and Crime Commissioner's distribution in the Safer
Oxfordshire Partnership community safety agreement 2016-17 (appendix 5), in pounds as published.
"""

from __future__ import annotations

INTRODUCTION = (
    "West Oxfordshire Community Safety Partnership (WOCSP) is a statutory requirement of the Crime and Disorder "
    "Act 1998, as amended. It brings together organisations to make West Oxfordshire a safer place by reducing "
    "fear of crime, minimising the likelihood of becoming a victim of crime and addressing community safety "
    "concerns to improve the lives of our residents. This plan has a priority focus on young people aged 11 to 25."
)

ORGANISATIONS = [
    ("West Oxfordshire District Council", "council"),
    ("Thames Valley Police", "police"),
    ("Probation Service (Thames Valley)", "probation"),
    ("BOB Integrated Care Board", "health"),
    ("Oxfordshire County Council", "council"),
]

STATUTORY_MEMBERS = [
    "West Oxfordshire District Council including Safer Communities, Environmental Health and Licensing",
    "Thames Valley Police (TVP)",
    "Probation",
    "Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board (ICB)",
    "Oxford University Hospitals Emergency Department",
    "Oxfordshire County Council including Oxfordshire Fire & Rescue Service, Adult Social Care, Public Health "
    "and Children's Social Care",
]
INVITED_MEMBERS = [
    "Voluntary and Community sector organisations",
    "Housing organisations",
    "Office of the Police and Crime Commissioner",
    "Oxfordshire Violence Reduction Coordinator",
    "Oxfordshire Anti-Slavery Coordinator",
]

DUTIES = [
    (
        "sia",
        "An annual Strategic Intelligence Assessment is undertaken on behalf of all Community Safety "
        "Partnerships in Oxfordshire by the shared analyst.",
    ),
    ("dhr", "Domestic Homicide Reviews are commissioned with an independent chair; panels draw on WOCSP members."),
    (
        "asb_case_review",
        "Residents can ask the partnership to review responses to complaints of anti-social "
        "behaviour; the panel is chaired by the Service Business Manager of Resident Services.",
    ),
    ("reoffending", "Custody Navigators and Probation's trauma-informed work with female offenders."),
    (
        "serious_violence",
        "The Serious Violence Strategic Needs Assessment is updated annually and Group 1 offences "
        "are reported to the Home Office.",
    ),
    (
        "prevent",
        "Each partner has a Prevent lead; the Channel Panel meets to support people at risk of being "
        "drawn into terrorism.",
    ),
]

GLOSSARY = [
    ("ASB", "Anti-social behaviour"),
    ("CCE", "Child Criminal Exploitation"),
    ("CSP", "Community Safety Partnership"),
    ("IDVA", "Independent Domestic Violence Advisor"),
    ("MARAC", "Multi-agency Risk Assessment Conference – held to discuss high risk victims of domestic abuse"),
    (
        "MATAC",
        "Multi-agency Tasking and Coordination – held to target and disrupt repeat, high risk perpetrators "
        "of domestic abuse",
    ),
    ("OPCC", "Office of the Police and Crime Commissioner"),
    ("SIA", "Strategic Intelligence Assessment"),
    ("TVP", "Thames Valley Police"),
    ("VAWG", "Violence against women and girls"),
]

# (title, current position, [(what, how, who, why, youth, lead organisation or None, indicator key or None)])
PRIORITIES: list[tuple[str, str, list[tuple[str, str, str, str, str, str | None, str | None]]]] = [
    (
        "Serious Violence and the Serious Violence Duty",
        "West Oxfordshire has seen an increase of 13% in violence against the person and a 25% increase in violence "
        "with injury offences compared with 2021. West Oxfordshire has the lowest number of group 1 serious "
        "violence recorded crime with 202 recorded offences, a rate of 1.8 per 1,000 population.",
        [
            (
                "Shared Analyst for Community Safety Partnerships across Oxfordshire",
                "Collaborate with the other Oxfordshire partnerships to sustain an analyst post to understand serious "
                "violence locally and countywide.",
                "Office of the Police and Crime Commissioner (employer)",
                "Detailed information to decide where to focus resources; the Duty needs an annual assessment.",
                "no",
                None,
                "sv1",
            ),
            (
                "Custody Navigators",
                "Navigators engage with those detained in custody and support them on a journey away from crime.",
                "WOCSP statutory members; funded by the VRU",
                "Custody Navigators are expected to reduce reoffending for those they reach.",
                "no",
                "Thames Valley Police",
                None,
            ),
            (
                "School intervention for Child Exploitation Prevention",
                "Youth workers with lived experience talk in assemblies on drugs, gangs, debt bondage and help.",
                "WODC Safer Communities Officer",
                "Young people will understand the tactics used to recruit them and how to ask for help.",
                "yes",
                "West Oxfordshire District Council",
                None,
            ),
        ],
    ),
    (
        "Drugs and Alcohol",
        "In West Oxfordshire 265 crimes were alcohol related, an increase of 22% on the three-year period from "
        "2018/19 to 2020/21.",
        [
            (
                "Cuckooing Protocol",
                "Use the protocol to reduce immediate risks of harm; closure orders and injunctions where needed.",
                "Thames Valley Police and housing partners",
                "Victims of cuckooing often find it very difficult to seek help and are easy targets for gangs.",
                "no",
                "Thames Valley Police",
                None,
            ),
            (
                "Pubwatch",
                "Support Pubwatch members with resources to address community safety issues in their venues.",
                "Thames Valley Police",
                "Pubwatch has a positive influence on crime reduction and safety in the night-time economy.",
                "no",
                "Thames Valley Police",
                "violence",
            ),
            (
                "Oxfordshire Nightsafe",
                "Provide prevention methods for spiking, needling and underage drinking.",
                "Nightsafe Manager, Thames Valley Police, WODC Licensing, WODC Safer Communities",
                "Night-time economy venues will have resources and training to identify and deal with these issues.",
                "yes",
                "West Oxfordshire District Council",
                None,
            ),
        ],
    ),
    (
        "Domestic Abuse and Violence Against Women and Girls",
        "West Oxfordshire saw a 7% increase in domestic abuse victims, with 1,130 victims, up from 1,080 in 2021.",
        [
            (
                "Domestic Homicide Reviews",
                "Review the circumstances of a death where there is evidence of domestic abuse.",
                "Independent chair with WOCSP members",
                "Lessons are learned from homicides resulting from domestic violence and abuse.",
                "no",
                None,
                None,
            ),
            (
                "Engagement with Rural Communities",
                "Engage local communities through the year about domestic abuse and how to seek help.",
                "OCC Adults Social Care, Thames Valley Police, WODC Safer Communities Officer",
                "Rural victims experience abuse 25% longer; isolation is used as a weapon by perpetrators.",
                "no",
                "West Oxfordshire District Council",
                None,
            ),
            (
                "Multi-Agency Tasking and Coordination (MATAC)",
                "Identify and tackle repeat perpetrators of domestic abuse.",
                "Thames Valley Police",
                "Repeat perpetrators who refuse support through the process will be prosecuted.",
                "no",
                "Thames Valley Police",
                None,
            ),
        ],
    ),
    (
        "Rural Acquisitive Crime",
        "Between 1 December 2022 and 27 June 2023 there were 103 incidents of rural acquisitive crime across the "
        "local policing area, an increase of 105%.",
        [
            (
                "Rural Crime programme funded through Safer Streets 5",
                "Project Support Officer",
                "WODC Safer Communities",
                "To ensure that the project runs to timescales and within budget.",
                "no",
                "West Oxfordshire District Council",
                "burglary",
            ),
            (
                "Smart Villages / Smart Water",
                "Rural Crime Advisor",
                "Thames Valley Police",
                "Smart water makes perpetrators of burglary highly identifiable.",
                "no",
                "Thames Valley Police",
                None,
            ),
        ],
    ),
    (
        "Anti-Social Behaviour",
        "There are on average 4 reports of ASB per day in West Oxfordshire; 659 incidents were reported to Thames "
        "Valley Police between 1 January and 6 December 2023.",
        [
            (
                "Community Triggers",
                "Residents can ask for an ASB Case Review after three reports in six months.",
                "Service Business Manager of Resident Services (chair), LPA Commander (deputy)",
                "To learn lessons where persistently reported problems have not been addressed.",
                "no",
                "West Oxfordshire District Council",
                "no_further_asb",
            ),
            (
                "Youth ASB",
                "Problem solving when and where youth ASB presents, with community stakeholders and residents.",
                "Thames Valley Police, Youth Justice and Exploitation Team, WODC Safer Communities Officer",
                "Legacy and lasting changes in a place, using the people, their strengths and resources.",
                "yes",
                "Thames Valley Police",
                "asb",
            ),
        ],
    ),
    (
        "Fraud",
        "Fraud returned to pre-covid levels with no significant change (Crime Survey, year ending December 2022).",
        [
            (
                "Thames Valley Multi-Agency Action Fraud Meetings",
                "Better sharing of information and multi-agency working at a Thames Valley strategic level.",
                "Thames Valley Police, WODC Safer Communities Officer, OCC Adults Social Care",
                "Agencies are linked up, sharing information and good practice.",
                "no",
                "Thames Valley Police",
                None,
            ),
        ],
    ),
    (
        "Modern Slavery",
        "Between July and November 2023 there were 31 cases of modern slavery, a significant increase of 72% in a "
        "much shorter timeframe; labour exploitation in the care sector is the most common.",
        [
            (
                "Oxfordshire Anti-Slavery Coordinator",
                "The coordinator oversees modern slavery cases entering the NRM and coordinates agencies' support.",
                "All statutory members of WOCSP",
                "Victims are supported through the National Referral Mechanism.",
                "no",
                "Oxfordshire County Council",
                "slavery",
            ),
            (
                "Link to Asylum Hotel Staff",
                "Training for hotel staff and security; posters in a variety of languages.",
                "Oxfordshire Anti-Slavery Coordinator",
                "Asylum seekers are at greater risk of being targeted by serious organised crime gangs.",
                "yes",
                "Oxfordshire County Council",
                None,
            ),
        ],
    ),
    (
        "Counter Terrorism",
        "The Counter-Terrorism and Security Act 2015 places a statutory responsibility on the partners.",
        [
            (
                "Training",
                "Each partner organisation has a Prevent lead so that information and training can be shared.",
                "All WOCSP Members",
                "Employees understand radicalisation and how to refer residents for support.",
                "universal",
                None,
                None,
            ),
            (
                "Counter Terrorism Local Profile Process",
                "Participate in the CTLP annual questionnaire.",
                "WODC Safer Communities Officer",
                "Local profiles identify the threat and vulnerability from terrorism and extremism.",
                "no",
                "West Oxfordshire District Council",
                None,
            ),
        ],
    ),
]

PCC_OBJECTIVES = [
    "Cut crimes that are of most concern to the public and reduce reoffending",
    "Protecting vulnerable people",
    "Work with partner agencies to put victims and witnesses at the heart of the criminal justice system",
    "Ensure police and partners are visible, act with integrity and foster the trust and confidence of communities",
    "Communicate with the public to learn of their concerns, help to prevent crime and reduce their fear of crime",
    "Protect the public from serious organised crime, terrorism and internet based crime",
]

# Figure 3 of the agreement: line -> {year: pounds}; sub-lines under their line; None: "n/a" that year.
FUNDING_LINES: list[tuple[str, dict[int, int | None], list[tuple[str, dict[int, int | None]]]]] = [
    ("Public Health", {2014: 181_127, 2015: 65_127, 2016: 57_127}, []),
    ("Youth Offending / Early Intervention Service", {2014: 257_866, 2015: 257_866, 2016: 249_866}, []),
    (
        "Community Safety Partnerships",
        {2014: 350_323, 2015: 350_323, 2016: 350_323},
        [
            ("Cherwell", {2014: 64_180, 2015: 64_180, 2016: 64_180}),
            ("Oxford", {2014: 121_063, 2015: 121_063, 2016: 121_063}),
            ("South and Vale", {2014: 117_111, 2015: 117_111, 2016: 117_111}),
            ("West Oxfordshire", {2014: 47_969, 2015: 47_969, 2016: 47_969}),
        ],
    ),
    (
        "Domestic Abuse (DA) and exploitation",
        {2014: None, 2015: 111_000, 2016: 119_133},
        [
            ("Violence Against Women and Girls Coordinator", {2015: 45_000, 2016: 40_000}),
            ("Additional funding to support DA / exploitation (high risk victims of DA)", {2015: 40_000, 2016: 64_133}),
            ("DA Champions training", {2015: 16_000}),
            ("FGM awareness raising", {2015: 10_000, 2016: 5_000}),
            ("CSE sub-group: awareness raising", {2016: 10_000}),
        ],
    ),
    ("Strategic Intelligence Assessment (SIA)", {2014: None, 2015: 2_364, 2016: 2_364}, []),
]
PUBLISHED_TOTALS = {2014: 789_316, 2015: 786_680, 2016: 778_813}

# Appendix 4: PCC objective number, joint priority, lead agency.
RETURN_LINES = [
    (1, "Reduce anti-social behaviour", "Community Safety Partnerships (CSPs)"),
    (1, "Reduce the level of re/offending, especially young people", "Youth Justice Service"),
    (1, "Reduce the harm caused by alcohol and drugs misuse", "Public Health"),
    (
        2,
        "Protect vulnerable people through reducing the risk of Domestic Abuse and human exploitation",
        "Safer Oxfordshire Partnership / Oxfordshire Domestic Abuse Advisory Group",
    ),
    (6, "Reduce the risk of radicalisation and hate crime", "CSPs / Safer Oxfordshire Partnership"),
    (6, "Reduce violence and serious organised crime", "CSPs"),
]
