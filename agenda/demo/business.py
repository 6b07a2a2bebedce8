"""The words of the demo council's business: items of business per kind of committee.

Each entry becomes an agenda item in the shape of the sample item: a report with a letter
({doc}), numbered recommendations, a scrutiny area, a contact officer, a minutes narrative,
numbered resolutions, an action owner and supporting documents. {area} and {committee} are
filled in per meeting.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Business:
    title: str
    submitter: str  # who "will submit a report"
    contact: str  # officer key in content.OFFICERS
    scrutiny: str | None
    about: str  # what the report does, present tense
    recommendations: tuple
    minutes: tuple  # paragraphs after the opening sentence
    resolutions: tuple
    action: str
    documents: tuple = ("Report",)
    topic: str | None = None
    key_decision: bool = False
    follow_up_months: int | None = None  # a resolution asks for a report back


EXPLOITATION = Business(
    title="Protecting children and vulnerable adults from exploitation",
    submitter="The Chief Executive",
    contact="safeguarding",
    scrutiny="Children's Services",
    about=(
        "updates the {committee} on the district's response to child exploitation and "
        "widens it to every form of exploitation of children and adults, including how the "
        "Calderbrook Safeguarding Partnership holds agencies to account"
    ),
    recommendations=(
        "The {committee} is invited to consider the report and how members can support "
        "local work to prevent exploitation.",
        "The {committee} shall receive a further update on the response to exploitation "
        "in 12 months' time.",
        "Partners will bid for further national funding so that the services described in "
        "Document “{doc}” can continue.",
    ),
    minutes=(
        "The Complex Safeguarding Manager explained that the report came to each area "
        "committee every year. A review of recent cases in the district would be published "
        "in the spring and its lessons would shape the partnership's plan.",
        "Members heard that early help remained the best protection. Children who were not "
        "in school were tracked closely, and the team now met weekly with the Youth Service "
        "and the police neighbourhood teams to share concerns.",
        "A Member asked how residents could raise a worry about a young person. Officers "
        "replied that anyone could contact the front door service by phone or online, and "
        "that concerns about crime could also be reported anonymously.",
        "Another Member welcomed the work in schools but asked how outcomes were measured. "
        "Officers said that every funded project reported against agreed measures and "
        "that the results would be included in next year's update.",
    ),
    resolutions=(
        "That the {committee} considered Document “{doc}” and asked that the Area "
        "Coordinator's office and social care teams meet each quarter on local concerns.",
        "That the {committee} receives a further update on the response to exploitation "
        "in 12 months' time.",
        "That it be noted that partners will bid for further national funding to continue "
        "the services described in Document “{doc}”.",
    ),
    action="Chief Executive",
    documents=("Report: protecting children and adults from exploitation", "Appendix: data"),
    topic="Exploitation of children and vulnerable adults",
    follow_up_months=12,
)

AREA = (
    Business(
        title="{area} area ward plans and area budget",
        submitter="The Strategic Director, Place",
        contact="area_{area_key}",
        scrutiny="Regeneration and Environment",
        about=(
            "reports progress on the ward plans for the {area} area and proposes how the "
            "remaining area budget for this year should be spent"
        ),
        recommendations=(
            "That progress on the ward plans be noted.",
            "That the allocations from the area budget in Appendix 1 be approved.",
            "That ward councillors agree the priorities for next year's plans.",
        ),
        minutes=(
            "The Area Coordinator introduced the report and thanked the community groups "
            "who had helped with litter picks, the food pantry and the summer holiday "
            "activities.",
            "Members discussed the proposed grants. A Member asked that the grant to the "
            "allotment society be conditional on opening a plot for the local school, which "
            "the Area Coordinator agreed to arrange.",
            "In answer to a question, officers confirmed that unspent money would not be "
            "lost at year end but carried forward to the same ward.",
        ),
        resolutions=(
            "That progress on the ward plans be noted.",
            "That the allocations in Appendix 1 be approved, with the allotment grant "
            "conditional on a plot for the local school.",
            "That ward councillors agree next year's priorities with the Area Coordinator.",
        ),
        action="Area Coordinator",
        documents=("Report: ward plans", "Appendix 1: area budget allocations"),
    ),
    Business(
        title="Community safety and neighbourhood policing in the {area} area",
        submitter="The Strategic Director, Place",
        contact="community_safety",
        scrutiny="Corporate",
        about=(
            "gives an update on crime, anti-social behaviour and the joint work of the "
            "council's wardens and the neighbourhood policing teams in the {area} area"
        ),
        recommendations=(
            "That the report be noted.",
            "That the {committee} supports the extension of the public spaces protection "
            "order around the bus station.",
            "That a further report be brought in six months.",
        ),
        minutes=(
            "The Community Safety Manager said that reported anti-social behaviour had "
            "fallen since the spring, largely because of youth activities in the parks and "
            "more warden patrols in the evenings.",
            "The neighbourhood inspector described recent operations against drug dealing "
            "and explained how residents' reports helped to build cases even when no "
            "immediate arrest followed.",
            "Members raised speeding on residential roads. Officers agreed to share the "
            "speed survey results with ward councillors and to consider community "
            "speed-watch schemes.",
        ),
        resolutions=(
            "That the report be noted.",
            "That the extension of the public spaces protection order be supported.",
            "That a further report be brought to the {committee} in six months.",
        ),
        action="Community Safety Manager",
        follow_up_months=6,
    ),
    Business(
        title="Highways maintenance programme for the {area} area",
        submitter="The Strategic Director, Place",
        contact="highways",
        scrutiny="Regeneration and Environment",
        about=(
            "sets out the proposed resurfacing, footway and drainage schemes for the {area} "
            "area and asks members to agree the order of priority"
        ),
        recommendations=(
            "That the schemes in Appendix A be approved in the order shown.",
            "That the Highways Services Manager be authorised to substitute schemes of "
            "similar cost if one cannot proceed.",
            "That members be told of start dates two weeks in advance.",
        ),
        minutes=(
            "The Highways Services Manager explained that the list had been drawn up from "
            "condition surveys, accident records and members' requests, and that costs had "
            "risen by around a tenth since last year.",
            "A Member asked for a footway near a primary school to be brought forward. The "
            "officer agreed that it scored highly and could swap with a scheme whose "
            "drainage design was not yet ready.",
        ),
        resolutions=(
            "That the schemes in Appendix A be approved, with the school footway moved up "
            "the list.",
            "That the Highways Services Manager may substitute schemes of similar cost.",
            "That ward members be told of start dates two weeks in advance.",
        ),
        action="Highways Services Manager",
        documents=("Report: highways programme", "Appendix A: scheme list"),
    ),
)

SCRUTINY_CHILDREN = (
    Business(
        title="Children missing education and elective home education",
        submitter="The Strategic Director, Children's Services",
        contact="dir_children",
        scrutiny="Children's Services",
        about=(
            "reports the number of children missing education and educated at home, and how "
            "the council tracks and supports them"
        ),
        recommendations=(
            "That the Committee notes the report.",
            "That the Committee comments on the proposed register of children educated at home.",
            "That a progress report be brought in 12 months.",
        ),
        minutes=(
            "Officers reported that the number of children missing education had fallen "
            "while the number educated at home had risen for the third year running.",
            "Members asked how the council knew that children educated at home were safe "
            "and learning. Officers explained the visits offered to families and the limits "
            "of the current law, which did not require families to accept them.",
            "The Committee welcomed the proposal for a register and asked that families be "
            "consulted on how it would work.",
        ),
        resolutions=(
            "That the report be noted.",
            "That the Committee supports a register of children educated at home, subject "
            "to consultation with families.",
            "That a progress report be brought in 12 months.",
        ),
        action="Strategic Director, Children's Services",
        follow_up_months=12,
    ),
    Business(
        title="Early help hubs: demand and performance",
        submitter="The Strategic Director, Children's Services",
        contact="dir_children",
        scrutiny="Children's Services",
        about="reviews the first year of the district's three early help hubs",
        recommendations=(
            "That the Committee notes the performance of the hubs.",
            "That the Committee recommends to the Executive that the hubs open on Saturdays.",
            "That members visit a hub before the next meeting.",
        ),
        minutes=(
            "The Strategic Director said that the hubs had received more requests for help "
            "than expected, mostly about housing, debt and children's mental health.",
            "Members praised the staff but were concerned about waiting times. Officers "
            "said that two posts were being recruited and that waits had begun to fall.",
        ),
        resolutions=(
            "That the performance of the hubs be noted.",
            "That the Executive be recommended to open the hubs on Saturdays.",
            "That members visit a hub before the next meeting.",
        ),
        action="Strategic Director, Children's Services",
    ),
)

SCRUTINY_HEALTH = (
    Business(
        title="Winter pressures on adult social care",
        submitter="The Strategic Director, Adult Social Care and Health",
        contact="dir_adults",
        scrutiny="Health and Social Care",
        about=(
            "explains how the council and the local NHS plan to keep people safe at home "
            "and leave hospital promptly over the winter"
        ),
        recommendations=(
            "That the winter plan be noted.",
            "That the Committee comments on the plan for discharge from hospital.",
            "That an update be brought after the winter.",
        ),
        minutes=(
            "The Strategic Director described the extra home care hours bought for the "
            "winter and the new team that arranged care before patients left hospital.",
            "A representative of the hospital trust said that delayed discharges had "
            "fallen by a third compared with last winter.",
            "Members asked about unpaid carers. Officers agreed to add a section on support "
            "for carers to the next update.",
        ),
        resolutions=(
            "That the winter plan be noted.",
            "That the Committee supports the hospital discharge arrangements.",
            "That an update, including support for unpaid carers, be brought after the winter.",
        ),
        action="Strategic Director, Adult Social Care and Health",
    ),
    Business(
        title="Annual report of the Director of Public Health",
        submitter="The Strategic Director, Adult Social Care and Health",
        contact="dir_adults",
        scrutiny="Health and Social Care",
        about="presents this year's public health annual report on healthy ageing",
        recommendations=(
            "That the annual report be noted.",
            "That the Committee considers how its work programme can reflect the report.",
            "That partners be asked to respond to the report's recommendations.",
        ),
        minutes=(
            "Members heard that healthy life expectancy varied by more than ten years "
            "between wards, and that falls among older people were a growing cause of "
            "hospital admissions.",
            "The Committee discussed strength and balance classes and asked that they be "
            "offered in community centres as well as leisure centres.",
        ),
        resolutions=(
            "That the annual report be noted.",
            "That falls prevention be added to the Committee's work programme.",
            "That partners be asked to respond to the report's recommendations.",
        ),
        action="Director of Public Health",
    ),
)

EXECUTIVE = (
    Business(
        title="Budget monitoring report",
        submitter="The Director of Finance",
        contact="dir_finance",
        scrutiny="Corporate",
        about="forecasts spending against this year's budget and the use of reserves",
        recommendations=(
            "That the forecast position be noted.",
            "That the budget transfers in Appendix 2 be approved.",
            "That directors continue to hold vacancies where it is safe to do so.",
        ),
        minutes=(
            "The Director of Finance reported a forecast overspend, mainly in children's "
            "placements and home-to-school transport, partly offset by savings elsewhere.",
            "The Portfolio Holder said that the pressures were shared by councils across "
            "the country and that the council continued to press for fairer funding.",
        ),
        resolutions=(
            "That the forecast position be noted.",
            "That the budget transfers in Appendix 2 be approved.",
            "That directors continue to hold vacancies where it is safe to do so.",
        ),
        action="Director of Finance",
        documents=("Report: budget monitoring", "Appendix 2: budget transfers"),
    ),
    Business(
        title="Calderbrook town centre regeneration: next phase",
        submitter="The Strategic Director, Place",
        contact="dir_place",
        scrutiny="Regeneration and Environment",
        about=(
            "reports progress on the town centre masterplan and seeks approval to start "
            "the next phase around the old market hall"
        ),
        recommendations=(
            "That progress on the masterplan be noted.",
            "That the next phase around the old market hall be approved.",
            "That the Strategic Director, Place report back on procurement in six months.",
        ),
        minutes=(
            "The Strategic Director described the work so far: the new bus interchange was "
            "open and the first homes above shops were let.",
            "The Leader said the market hall scheme would keep traders in the centre during "
            "the works, and that a temporary market would open on Centenary Square.",
            "Members of the opposition who attended asked about the cost of the scheme. The "
            "Director of Finance said that it was funded by a government grant and "
            "borrowing repaid from rents.",
        ),
        resolutions=(
            "That progress on the masterplan be noted.",
            "That the next phase around the old market hall be approved.",
            "That the Strategic Director, Place report back on procurement in six months.",
        ),
        action="Strategic Director, Place",
        documents=("Report: town centre regeneration", "Appendix: masterplan map"),
        topic="Calderbrook town centre regeneration",
        key_decision=True,
        follow_up_months=6,
    ),
    Business(
        title="Housing allocations policy review",
        submitter="The Strategic Director, Place",
        contact="housing",
        scrutiny="Regeneration and Environment",
        about="proposes changes to how social homes are allocated, after public consultation",
        recommendations=(
            "That the results of the consultation be noted.",
            "That the revised allocations policy be recommended to Full Council.",
            "That the policy be reviewed two years after it takes effect.",
        ),
        minutes=(
            "The Head of Housing summarised more than six hundred responses to the "
            "consultation, most of which supported priority for care leavers and armed "
            "forces families.",
            "The Portfolio Holder for Housing thanked residents and said that the policy "
            "had been changed to protect people already on the register.",
        ),
        resolutions=(
            "That the results of the consultation be noted.",
            "That the revised allocations policy be recommended to Full Council.",
            "That the policy be reviewed two years after it takes effect.",
        ),
        action="Head of Housing",
        key_decision=True,
    ),
)

COUNCIL = (
    Business(
        title="Report of the Leader of the Council",
        submitter="The Chief Executive",
        contact="chief_executive",
        scrutiny="Corporate",
        about="sets out the Leader's report on the work of the Executive since the last meeting",
        recommendations=(
            "That the Leader's report be received.",
            "That members' questions on the report be answered at the meeting or in writing.",
            "That the Executive's decisions listed in the appendix be noted.",
        ),
        minutes=(
            "The Leader presented the report and highlighted the opening of the bus "
            "interchange and the council's improved rating for children's services.",
            "The leaders of the opposition groups asked about council tax and the condition "
            "of roads. The Leader answered at the meeting and agreed to reply in writing on "
            "the pothole figures.",
        ),
        resolutions=(
            "That the Leader's report be received.",
            "That written answers be circulated to all members within ten working days.",
            "That the Executive's decisions be noted.",
        ),
        action="Chief Executive",
    ),
    Business(
        title="Notice of motion: warm homes for every ward",
        submitter="The Director of Legal and Governance",
        contact="dir_legal",
        scrutiny="Regeneration and Environment",
        about=(
            "presents a motion on fuel poverty, proposed and seconded under the council "
            "procedure rules"
        ),
        recommendations=(
            "That the Council debates the motion.",
            "That, if carried, the motion be referred to the Executive.",
            "That the Executive reports back on the cost of the proposals.",
        ),
        minutes=(
            "The mover said that one household in six in the district struggled to heat "
            "their home and called for a district-wide insulation drive.",
            "An amendment asking that private landlords be included was moved, seconded and "
            "accepted by the mover. After debate the motion as amended was put to the vote.",
        ),
        resolutions=(
            "That the motion, as amended to include private rented homes, be carried.",
            "That the motion be referred to the Executive.",
            "That the Executive reports back on the cost of the proposals.",
        ),
        action="Strategic Director, Place",
    ),
)

LICENSING = (
    Business(
        title="Statement of licensing policy: consultation results",
        submitter="The Director of Legal and Governance",
        contact="licensing",
        scrutiny="Corporate",
        about="reports the consultation on the draft statement of licensing policy",
        recommendations=(
            "That the consultation responses be noted.",
            "That the revised statement be recommended to Full Council.",
            "That the cumulative impact assessment for the town centre be kept.",
        ),
        minutes=(
            "The Licensing Manager summarised the responses from residents, the police and "
            "the trade. Most supported keeping the cumulative impact assessment.",
            "Members asked about late-night food outlets near homes. Officers explained how "
            "conditions could be used case by case.",
        ),
        resolutions=(
            "That the consultation responses be noted.",
            "That the revised statement be recommended to Full Council.",
            "That the cumulative impact assessment for the town centre be kept.",
        ),
        action="Licensing Manager",
    ),
    Business(
        title="Taxi and private hire vehicle age and emissions policy",
        submitter="The Director of Legal and Governance",
        contact="licensing",
        scrutiny="Regeneration and Environment",
        about="proposes lower emission standards for licensed vehicles over four years",
        recommendations=(
            "That the phased emission standards be approved.",
            "That drivers be offered advice on grants for cleaner vehicles.",
            "That the policy be reviewed in two years.",
        ),
        minutes=(
            "Representatives of the trade spoke about the cost of replacing vehicles. The "
            "Committee heard that the first standard would not apply for two years.",
            "Members asked for wheelchair-accessible vehicles to be protected. Officers "
            "agreed to add an exemption for them.",
        ),
        resolutions=(
            "That the phased emission standards be approved, with an exemption for "
            "wheelchair-accessible vehicles.",
            "That drivers be offered advice on grants for cleaner vehicles.",
            "That the policy be reviewed in two years.",
        ),
        action="Licensing Manager",
    ),
)

# Planning applications: site, proposal, ward, outcome.
PLANNING_SITES = (
    ("Land off Moorside Lane", "Erection of 24 homes with access and open space",
     "Thornley Moor", "approved"),
    ("Former Victoria Mill, Mill Street", "Conversion to 40 flats with ground-floor cafe",
     "Millbeck", "approved"),
    ("12 Wellgate Road", "Change of use from shop to hot food takeaway", "Northfield",
     "refused"),
    ("Southmere Retail Park", "Drive-through restaurant and 30 parking spaces", "Southmere",
     "approved"),
    ("Hollins Farm, Hollins Lane", "Two agricultural buildings and a farm shop",
     "Hollins Bridge", "approved"),
    ("Rydal Clough Quarry", "Extension of working area and restoration scheme",
     "Rydal Clough", "deferred"),
    ("Eastfold Working Men's Club", "Demolition and erection of 9 townhouses", "Eastfold",
     "approved"),
    ("Upper Calder Garden Centre", "Replacement glasshouse and café", "Upper Calder",
     "approved"),
    ("Brackenfield Primary School", "Two-storey classroom extension", "Brackenfield",
     "approved"),
    ("Ashworth Road car park", "Electric vehicle charging hub", "Ashworth", "approved"),
    ("The Old Vicarage, Church Street", "Six holiday lodges in the grounds", "Millbeck",
     "refused"),
    ("Unit 4, Canal Wharf", "Change of use to gym and climbing wall", "Eastfold", "approved"),
    ("Land at Thornley Top", "Solar farm with battery storage", "Thornley Moor", "approved"),
    ("Northfield Methodist Church", "Conversion to community hub and two flats",
     "Northfield", "approved"),
)  # fmt: skip

# The exempt (Part B) item, taken at one Executive meeting.
EXEMPT = Business(
    title="Disposal of the former Wharf Street depot",
    submitter="The Strategic Director, Place",
    contact="dir_place",
    scrutiny="Corporate",
    about=("sets out the bids received for the former depot and recommends a preferred purchaser"),
    recommendations=(
        "That the preferred bid be accepted.",
        "That the Director of Legal and Governance completes the sale.",
        "That receipts be used for the town centre programme.",
    ),
    minutes=(
        "Members considered the bids and the valuer's advice on the terms offered.",
        "The Director of Finance confirmed how the receipt would be used.",
    ),
    resolutions=(
        "That the preferred bid be accepted.",
        "That the Director of Legal and Governance completes the sale.",
        "That the receipt be used for the town centre programme.",
    ),
    action="Strategic Director, Place",
    documents=("Exempt report: bids for the Wharf Street depot",),
)
EXEMPT_PARAGRAPH = 3
EXEMPT_PUBLIC_INTEREST = (
    "The report contains the bids of named companies. Publishing them before the sale is "
    "complete could weaken the council's position and the bidders' business interests, and "
    "that outweighs the public interest in disclosure. The outcome will be reported publicly "
    "when the sale completes."
)

POOLS = {
    "full_council": COUNCIL,
    "executive": EXECUTIVE,
    "area_committee": AREA,
    "scrutiny_children": SCRUTINY_CHILDREN,
    "scrutiny_health": SCRUTINY_HEALTH,
    "regulatory": LICENSING,
}
