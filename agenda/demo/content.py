"""The words of the demo council's organisation: a fictional metropolitan district.

Calderbrook, its wards, people and phone numbers are invented. Phone numbers sit in the
01632 960xxx range that Ofcom keeps for drama and examples.
"""

COUNCIL_NAME = "Calderbrook Metropolitan District Council"

PARTIES = [
    # name, short name, colour
    ("Labour", "Lab", "#c8102e"),
    ("Conservative", "Con", "#0a3b7c"),
    ("Liberal Democrats", "LD", "#e4760b"),
    ("Green Party", "Grn", "#3f8428"),
    ("Independent", "Ind", "#6b6b6b"),
]

# Wards grouped by the area committee that covers them.
AREAS = {
    "north": ["Ashworth", "Brackenfield", "Northfield", "Thornley Moor"],
    "south": ["Eastfold", "Hollins Bridge", "Southmere"],
    "valley": ["Millbeck", "Rydal Clough", "Upper Calder"],
}

SCRUTINY_AREAS = [
    "Children's Services",
    "Health and Social Care",
    "Regeneration and Environment",
    "Corporate",
]

VENUES = [
    # name, address, access information
    (
        "Council Chamber, Calderbrook Town Hall",
        "Calderbrook Town Hall\nCentenary Square\nCalderbrook",
        "Step-free entrance on Centenary Square; hearing loop in the chamber.",
    ),
    (
        "Committee Room 1, Calderbrook Town Hall",
        "Calderbrook Town Hall\nCentenary Square\nCalderbrook",
        "Lift to the first floor; hearing loop available on request.",
    ),
    (
        "Northfield Community Centre",
        "Wellgate Road\nNorthfield\nCalderbrook",
        "Ground-floor hall with level access and accessible toilets.",
    ),
    (
        "Southmere Library Hall",
        "Market Lane\nSouthmere\nCalderbrook",
        "Level access from the car park; induction loop at the front desk.",
    ),
    (
        "Millbeck Valley Resource Centre",
        "Mill Street\nMillbeck\nCalderbrook",
        "Ramp at the side entrance; parking for blue badge holders.",
    ),
]

# name, ward, party short name. Three councillors per ward.
COUNCILLORS = [
    ("Amina Rashford", "Ashworth", "Lab"),
    ("Graham Pollitt", "Ashworth", "Lab"),
    ("Siobhan Keane", "Ashworth", "Lab"),
    ("Derek Holroyd", "Brackenfield", "Con"),
    ("Margaret Tindall", "Brackenfield", "Con"),
    ("Oliver Strand", "Brackenfield", "LD"),
    ("Yusuf Malik", "Northfield", "Lab"),
    ("Bernadette Quayle", "Northfield", "Lab"),
    ("Tariq Anwar", "Northfield", "Lab"),
    ("Hazel Whitworth", "Thornley Moor", "Con"),
    ("Andrew Lumb", "Thornley Moor", "Con"),
    ("Rosalind Faire", "Thornley Moor", "Ind"),
    ("Kevin Ashby", "Eastfold", "Lab"),
    ("Naomi Greenhalgh", "Eastfold", "Lab"),
    ("Stephen Dacre", "Eastfold", "LD"),
    ("Patricia Oduya", "Hollins Bridge", "Lab"),
    ("Colin Barraclough", "Hollins Bridge", "Lab"),
    ("Leanne Shaw", "Hollins Bridge", "Lab"),
    ("Rebecca Illingworth", "Southmere", "LD"),
    ("Martin Crabtree", "Southmere", "LD"),
    ("Jasmine Kaur", "Southmere", "Lab"),
    ("Edward Haigh", "Millbeck", "Grn"),
    ("Frances Lacey", "Millbeck", "Grn"),
    ("Raymond Booth", "Millbeck", "Con"),
    ("Gillian Marsden", "Rydal Clough", "Con"),
    ("Samuel Ogden", "Rydal Clough", "Con"),
    ("Irene Calvert", "Rydal Clough", "Ind"),
    ("Daniel Sutcliffe", "Upper Calder", "Lab"),
    ("Chloe Hebden", "Upper Calder", "Lab"),
    ("Walter Firth", "Upper Calder", "Con"),
]

# key, name, job title, phone (01632 960xxx), email local part
OFFICERS = [
    ("chief_executive", "Helen Okafor", "Chief Executive", "960001"),
    ("dir_children", "Marcus Bellingham", "Strategic Director, Children's Services", "960012"),
    ("dir_adults", "Priya Ramsden", "Strategic Director, Adult Social Care and Health", "960013"),
    ("dir_place", "Gareth Lowe", "Strategic Director, Place", "960014"),
    ("dir_finance", "Sandra Whitcombe", "Director of Finance", "960015"),
    ("dir_legal", "Tomasz Nowicki", "Director of Legal and Governance", "960016"),
    ("safeguarding", "Darnell Pryce", "Complex Safeguarding Manager", "960021"),
    ("area_north", "Joanne Kettle", "Area Coordinator (North)", "960031"),
    ("area_south", "Imran Haq", "Area Coordinator (South)", "960032"),
    ("area_valley", "Ruth Aldous", "Area Coordinator (Valley)", "960033"),
    ("planning", "Owen Fairbrother", "Planning Manager", "960041"),
    ("licensing", "Claire Nettleton", "Licensing Manager", "960042"),
    ("community_safety", "Lewis Carrow", "Community Safety Manager", "960043"),
    ("highways", "Nadia Sheikh", "Highways Services Manager", "960044"),
    ("housing", "Peter Ingham", "Head of Housing", "960045"),
    ("dso_1", "Fiona McAllister", "Democratic Services Officer", "960051"),
    ("dso_2", "Ben Adeyemi", "Democratic Services Officer", "960052"),
    ("dso_3", "Kate Rowntree", "Democratic Services Officer", "960053"),
]

# key, name, kind, scrutiny area, support officer, venue index, start (h, m),
# cadence in days, first offset in days from the anchor, weekday (Mon=0), purpose.
COMMITTEES = [
    (
        "council", "Full Council", "full_council", None, "dso_1", 0, (16, 0), 70, -170, 1,
        "The meeting of all 30 councillors. It sets the budget and policy framework, "
        "appoints the Leader and committees, and holds the Executive to account.",
    ),
    (
        "executive", "Executive", "executive", None, "dso_1", 1, (10, 30), 56, -175, 1,
        "The Leader and portfolio holders. The Executive takes most decisions on services "
        "and spending within the budget and policy framework agreed by Full Council.",
    ),
    (
        "area_north", "North Area Committee", "area_committee", None, "dso_2", 2, (18, 0),
        84, -165, 3,
        "Brings local councillors together to oversee services and spend the area budget "
        "in Ashworth, Brackenfield, Northfield and Thornley Moor wards.",
    ),
    (
        "area_south", "South Area Committee", "area_committee", None, "dso_2", 3, (18, 0),
        84, -158, 2,
        "Oversees local services and the area budget in Eastfold, Hollins Bridge and "
        "Southmere wards.",
    ),
    (
        "area_valley", "Valley Area Committee", "area_committee", None, "dso_3", 4, (18, 30),
        84, -150, 3,
        "Oversees local services and the area budget in Millbeck, Rydal Clough and Upper "
        "Calder wards.",
    ),
    (
        "scrutiny_children", "Children's Services Overview and Scrutiny Committee",
        "scrutiny", "Children's Services", "dso_3", 1, (17, 0), 84, -140, 2,
        "Reviews and scrutinises education, early help, safeguarding and youth services, "
        "and makes recommendations to the Executive.",
    ),
    (
        "scrutiny_health", "Health and Social Care Overview and Scrutiny Committee",
        "scrutiny", "Health and Social Care", "dso_3", 1, (17, 0), 84, -133, 3,
        "Reviews adult social care and public health, and the local NHS services that "
        "residents of the district use.",
    ),
    (
        "planning", "Planning Panel", "panel", None, "dso_2", 0, (10, 0), 63, -160, 2,
        "Decides planning applications that are not delegated to officers, usually where "
        "there are significant objections or a councillor has asked for a panel decision.",
    ),
    (
        "licensing", "Licensing Committee", "regulatory", None, "dso_1", 1, (14, 0), 91,
        -120, 0,
        "Sets licensing policy and decides contested applications for premises, taxi and "
        "street trading licences through its hearing panels.",
    ),
]  # fmt: skip

TERMS_OF_REFERENCE = (
    "<p>The committee acts within the terms set by the Council's constitution, Part 3, "
    "and reports to Full Council each year on its work.</p>"
)

# Which councillors sit where, by index into COUNCILLORS; the first is chair, then vice-chair.
MEMBERS = {
    "executive": [0, 6, 12, 15, 27, 8, 20],
    "scrutiny_children": [2, 9, 13, 18, 22, 25, 29],
    "scrutiny_health": [7, 3, 17, 19, 23, 26, 11],
    "planning": [1, 10, 14, 21, 24, 28, 16],
    "licensing": [16, 4, 5, 13, 19, 28, 29, 25, 22],
}
