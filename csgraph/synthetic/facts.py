"""The facts of one synthetic authority, written in the order a case study tells them: the authority,
its safeguarding partnership, strategies and priorities, services, the practice partnership and its
partners, schools, pilots with their roll-outs, training and reviews, posts and a board, changes,
challenges, and mechanisms with their outcomes.

The random choices are made in a fixed order, so the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random

from .authoring import Authoring
from .names import (
    ACCREDITORS,
    APPROACH_TEXT,
    CHALLENGES,
    CHANGES,
    CONTEXTS,
    ENDS,
    HARMS,
    MECHANISMS,
    PARTICIPANTS,
    PILOT_APPROACHES,
    PRIORITIES,
    SAINTS,
    SCHOOL_KINDS,
    SERVICES,
    STEMS,
    STRATEGIES,
    TOOLS,
)
from .plan import Pools, plan
from .writing import (
    _ALT,
    _AWARD,
    _DESC,
    _HAS_MEMBER,
    _LABEL,
    _ORIGINAL,
    _POST_IN,
    _RDF_TYPE,
    _RESULTING,
    _SUB_ORG,
    _UNIT_OF,
    Writer,
    _c,
    _cls,
    _date,
    _esc,
    _id,
    _int,
    _p,
    _year,
)

__all__ = ["generate"]


def generate(n: int, seed: int, years: tuple[int, int], w: Writer) -> None:
    """Write ``n`` authorities' facts to ``w``, choosing with ``random.Random(seed)``."""
    rng = random.Random(seed)
    authorities = plan(n, rng)
    pools = Pools(authorities, rng)
    urn = 100000
    total_schools = sum(a.schools for a in authorities)
    gap = max(1, (899999 - 100000) // max(1, total_schools))
    gap = min(gap, 6)
    described: set[str] = set()
    for a in authorities:
        x = Authoring(a, pools, rng, years, urn, gap, w, described)
        for section in _SECTIONS:
            section(x)
        urn = x.urn
        w.flush()


def _the_authority(x: Authoring) -> None:
    """The authority."""
    a, case, add, me, place = x.a, x.case, x.add, x.me, x.place
    randint, sample, describe = x.randint, x.sample, x.describe
    g_intro = case.g("case-study", "introduction")
    describe(me, "LocalAuthority", a.label, g_intro)
    add(f"{me} {_ALT} {_esc(place)} {g_intro} .\n")
    if a.kind:
        add(f"{me} {_p('authorityType')} {_c('authority-type', a.kind)} {g_intro} .\n")
    add(f"{me} {_p('nation')} {_c('nation', a.nation)} {g_intro} .\n")
    add(f"{me} {_p('region')} {_esc(a.region)} {g_intro} .\n")
    for ap in sample(("contextual-safeguarding", "signs-of-safety", "trauma-informed",
                      "relationship-based", "whole-system"), randint(0, 2)):
        add(f"{me} {_p('usesApproach')} {_c('approach', ap)} {g_intro} .\n")
    g_codes = case.g("la-codes")
    add(f"{me} {_p('gssCode')} {_esc(a.gss)} {g_codes} .\n")
    if a.dfe:
        add(f"{me} {_p('dfeCode')} {_esc(a.dfe)} {g_codes} .\n")
    add(f"{me} {_p('registerCode')} {_esc(a.register)} {g_codes} .\n")


def _safeguarding_partnership(x: Authoring) -> None:
    """The safeguarding partnership (described by its lead authority's case)."""
    a, case, add = x.a, x.case, x.add
    random_, randint, describe, pools = x.random_, x.randint, x.describe, x.pools
    g_arr = case.g("arrangements")
    lead = a.partnership_lead
    scp = _id(f"{lead.tid}-scp")
    if lead is a:
        places = " and ".join(x.place for x in a.partnership)
        describe(scp, "Partnership", f"{places} Safeguarding Children Partnership", g_arr)
        add(f"{scp} {_ALT} {_esc(''.join(x.place[0] for x in a.partnership) + 'SCP')} {g_arr} .\n")
        for member in a.partnership:
            add(f"{scp} {_HAS_MEMBER} {_id(member.tid)} {g_arr} .\n")
        for pool, sector in ((pools.police, "police"), (pools.health, "health")):
            done = set()
            for member in a.partnership:
                ptid, plabel = pool[member.police if sector == "police" else member.health]
                if ptid in done:
                    continue
                done.add(ptid)
                node = _id(ptid)
                add(f"{scp} {_HAS_MEMBER} {node} {g_arr} .\n")
                if ptid not in case.described:
                    case.described.add(ptid)
                    describe(node, "PartnerOrganisation", plabel, g_arr)
                    add(f"{node} {_p('sector')} {_c('sector', sector)} {g_arr} .\n")
        established = dt.date(2019, 6, 29) if random_() < 0.6 else dt.date(2019, 9, randint(1, 29))
        add(f"{scp} {_p('established')} {_date(established)} {g_arr} .\n")
        if random_() < 0.4:
            add(f"{scp} {_p('usesApproach')} {_c('approach', 'contextual-safeguarding')} {g_arr} .\n")
        if random_() < 0.3:
            lscb = _id(f"{lead.tid}-lscb")
            describe(lscb, "Partnership", f"{a.place} Local Safeguarding Children Board", g_arr)
            reform = _id(f"{lead.tid}-scp-reform")
            describe(reform, "Change", "The safeguarding children board becomes the partnership", g_arr)
            add(f"{reform} {_p('changeType')} {_c('change', 'partnership-reform')} {g_arr} .\n")
            add(f"{reform} {_ORIGINAL} {lscb} {g_arr} .\n")
            add(f"{reform} {_RESULTING} {scp} {g_arr} .\n")
            add(f"{reform} {_p('startDate')} {_date(established)} {g_arr} .\n")
    x.lead = lead
    x.scp = scp


def _strategies(x: Authoring) -> None:
    """Strategies, priorities and aims."""
    a, case, add, me, tid = x.a, x.case, x.add, x.me, x.tid
    place, choice, random_, randint, sample = x.place, x.choice, x.random_, x.randint, x.sample
    describe, y0, y1 = x.describe, x.y0, x.y1
    lead = x.lead
    scp = x.scp
    g_vis = case.g("case-study", "vision")
    cs_focus = random_() < 0.45
    priorities: list[str] = []
    owners = [me] + ([scp] if lead is a else [])
    n_strategies = randint(1, 2) + (1 if lead is a else 0)
    names = sample(STRATEGIES, n_strategies)
    previous = None
    for k, name in enumerate(names):
        s = _id(f"{tid}-strategy-{k + 1}")
        owner = owners[1] if k == len(names) - 1 and len(owners) > 1 else me
        start = randint(y0, y1 - 1)
        end = randint(start + 1, min(start + 4, y1))
        describe(s, "Strategy", f"{place} {name} {start}-{end}", g_vis)
        add(f"{s} {_p('ownedBy')} {owner} {g_vis} .\n")
        add(f"{s} {_p('startYear')} {_year(start)} {g_vis} .\n")
        add(f"{s} {_p('endYear')} {_year(end)} {g_vis} .\n")
        chosen = sample(range(3, len(PRIORITIES)), randint(2, 3))
        if cs_focus and k == 0:
            chosen[0] = randint(0, 2)
        add(f"{s} {_p('priorityCount')} {_int(len(chosen) + randint(0, 3))} {g_vis} .\n")
        if previous is not None and random_() < 0.2:
            add(f"{s} {_p('partOf')} {previous} {g_vis} .\n")
        previous = s
        for j, pi in enumerate(chosen):
            label, topics, harms = PRIORITIES[pi]
            pr = _id(f"{tid}-strategy-{k + 1}-priority-{j + 1}")
            describe(pr, "Priority", label, g_vis)
            for t in topics:
                add(f"{pr} {_p('topic')} {_c('topic', t)} {g_vis} .\n")
            for h in harms:
                add(f"{pr} {_p('addressesHarm')} {_c('harm', h)} {g_vis} .\n")
            add(f"{s} {_p('hasPriority')} {pr} {g_vis} .\n")
            priorities.append(pr)
        if random_() < 0.5:
            aim = _id(f"{tid}-strategy-{k + 1}-aim")
            describe(aim, "Aim", "Protect young people in the places where they meet harm", g_vis)
            add(f"{aim} {_p('topic')} {_c('topic', 'prevention')} {g_vis} .\n")
            add(f"{aim} {_p('targetsContext')} {_c('context', choice(CONTEXTS))} {g_vis} .\n")
            add(f"{s} {_p('hasAim')} {aim} {g_vis} .\n")
        for h in sample(HARMS, randint(0, 2)):
            add(f"{s} {_p('addressesHarm')} {_c('harm', h)} {g_vis} .\n")
        if random_() < 0.3:
            add(f"{s} {_p('targetsContext')} {_c('context', choice(CONTEXTS))} {g_vis} .\n")
    x.priorities = priorities


def _services(x: Authoring) -> None:
    """Services, teams, posts and the board."""
    case, add, me, tid, place = x.case, x.add, x.me, x.tid, x.place
    choice, random_, randint, sample, describe = x.choice, x.random_, x.randint, x.sample, x.describe
    g_put = case.g("case-study", "put-in-place")
    services, service_labels = [], {}
    for stype, pattern, approaches in sample(SERVICES, randint(4, 6)):
        sv = _id(f"{tid}-{stype}")
        service_labels[sv] = pattern.format(p=place)
        describe(sv, "Service", service_labels[sv], g_put)
        add(f"{sv} {_UNIT_OF} {me} {g_put} .\n")
        add(f"{sv} {_p('serviceType')} {_c('service-type', stype)} {g_put} .\n")
        for ap in approaches[:randint(0, len(approaches))]:
            add(f"{sv} {_p('usesApproach')} {_c('approach', ap)} {g_put} .\n")
        if random_() < 0.25:
            add(f"{sv} {_p('usesTool')} {_c('tool', choice(TOOLS))} {g_put} .\n")
        if random_() < 0.03:
            add(f"{sv} {_AWARD} {_esc('Children and Young People Now Award (synthetic)')} {g_put} .\n")
        services.append(sv)
    x.g_put = g_put
    x.services = services
    x.service_labels = service_labels


def _practice_partnership(x: Authoring) -> None:
    """The practice partnership and its partners."""
    a, add, tid, place, choice = x.a, x.add, x.tid, x.place, x.choice
    randint, sample, describe, partner, pools = x.randint, x.sample, x.describe, x.partner, x.pools
    g_put = x.g_put
    services = x.services
    pp = _id(f"{tid}-practice-partnership")
    describe(pp, "Partnership", f"{place} Contextual Safeguarding practice partnership", g_put)
    add(f"{pp} {_DESC} {_esc('Services and partners working together on extra-familial harm.')} {g_put} .\n")
    for sv in sample(services, 2):
        add(f"{pp} {_HAS_MEMBER} {sv} {g_put} .\n")
    partners = []
    for _ in range(randint(1, 3)):
        chosen = pools.partner(x.rng, a.index)
        if _id(chosen[0]) not in partners:
            pnode = partner(chosen, g_put)
            partners.append(pnode)
            add(f"{pp} {_HAS_MEMBER} {pnode} {g_put} .\n")
    add(f"{pp} {_p('usesApproach')} {_c('approach', choice(PILOT_APPROACHES))} {g_put} .\n")
    x.pp = pp
    x.partners = partners


def _schools(x: Authoring) -> None:
    """Schools."""
    a, case, add, me, choice = x.a, x.case, x.add, x.me, x.choice
    random_, randint, T = x.random_, x.randint, _RDF_TYPE
    urn = x.urn
    gap = x.gap
    g_sch = case.g("schools")
    schools = []
    st, lab, urn_p, ph, area = _cls("School"), _LABEL, _p("urn"), _p("phase"), _p("inArea")
    phases = (("primary",) * 16) + (("secondary",) * 3) + ("all-through",)
    for _ in range(a.schools):
        urn += randint(1, gap)
        phase = choice(phases)
        if random_() < 0.3:
            name = f"St {choice(SAINTS)}'s {choice(SCHOOL_KINDS[phase])}"
        else:
            name = f"{choice(STEMS)}{choice(ENDS)} {choice(SCHOOL_KINDS[phase])}"
        node = _id(f"school-{urn}")
        add(f"{node} {T} {st} {g_sch} .\n")
        add(f"{node} {lab} {_esc(name)} {g_sch} .\n")
        add(f"{node} {urn_p} \"{urn}\" {g_sch} .\n")
        if random_() < 0.92:
            add(f"{node} {ph} {_c('phase', phase)} {g_sch} .\n")
        add(f"{node} {area} {me} {g_sch} .\n")
        schools.append(node)
    x.schools = schools
    x.urn = urn


def _training(x: Authoring, pl: str, k: int, approach: str, partners: list[str], g_put: str) -> None:
    """A pilot's accredited training, and its accreditor (described by the first case naming it)."""
    add, case, tid, choice, random_ = x.add, x.case, x.tid, x.choice, x.random_
    describe = x.describe
    tr = _id(f"{tid}-pilot-{k + 1}-training")
    matching = [x for x in ACCREDITORS if x[3] == approach]
    acc_label, acc_alt, acc_sector, acc_expertise, acc_mark = (
        matching[0] if matching and random_() < 0.8 else choice(ACCREDITORS))
    acc_tid = "accreditor-" + acc_alt.lower()
    text = APPROACH_TEXT[acc_expertise]
    describe(tr, "Training", f"{text[0].upper()}{text[1:]} training for school staff", g_put)
    add(f"{tr} {_p('approach')} {_c('approach', acc_expertise)} {g_put} .\n")
    add(f"{tr} {_p('accreditedBy')} {_id(acc_tid)} {g_put} .\n")
    add(f"{tr} {_p('audience')} {_c('participant', 'school-staff')} {g_put} .\n")
    add(f"{tr} {_p('partOf')} {pl} {g_put} .\n")
    if partners:
        add(f"{tr} {_p('ledBy')} {choice(partners)} {g_put} .\n")
    add(f"{tr} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
    if acc_tid not in case.described:
        case.described.add(acc_tid)
        acc = _id(acc_tid)
        describe(acc, "Accreditor", acc_label, g_put)
        add(f"{acc} {_ALT} {_esc(acc_alt)} {g_put} .\n")
        add(f"{acc} {_p('sector')} {_c('sector', acc_sector)} {g_put} .\n")
        add(f"{acc} {_p('expertise')} {_c('approach', acc_expertise)} {g_put} .\n")
        add(f"{acc} {_p('qualityMark')} {_esc(acc_mark)} {g_put} .\n")


def _pilots(x: Authoring) -> None:
    """Pilots, roll-outs, training and reviews."""
    case, add, me, tid, place = x.case, x.add, x.me, x.tid, x.place
    choice, random_, randint, sample, describe = x.choice, x.random_, x.randint, x.sample, x.describe
    y0, y1 = x.y0, x.y1
    g_put = x.g_put
    pp = x.pp
    services = x.services
    schools = x.schools
    priorities = x.priorities
    partners = x.partners
    pilots, rollouts = [], []
    g_ev = None
    for k in range(randint(1, 2)):
        pl = _id(f"{tid}-pilot-{k + 1}")
        approach = choice(PILOT_APPROACHES)
        describe(pl, "Pilot", f"{place} {APPROACH_TEXT[approach]} schools pilot", g_put)
        add(f"{pl} {_p('approach')} {_c('approach', approach)} {g_put} .\n")
        add(f"{pl} {_p('ledBy')} {pp if random_() < 0.7 else choice(services)} {g_put} .\n")
        add(f"{pl} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
        in_pilot = sample(schools, min(len(schools), randint(3, 12)))
        add(f"{pl} {_p('settingCount')} {_int(len(in_pilot))} {g_put} .\n")
        status = choice(("piloted", "piloted", "completed", "rolled-out", "in-development"))
        add(f"{pl} {_p('status')} {_c('status', status)} {g_put} .\n")
        start = dt.date(randint(y0, y1 - 1), randint(1, 12), randint(1, 28))
        add(f"{pl} {_p('startDate')} {_date(start)} {g_put} .\n")
        if status in ("completed", "rolled-out"):
            end = start + dt.timedelta(days=randint(180, 720))
            add(f"{pl} {_p('endDate')} {_date(end)} {g_put} .\n")
        if priorities and random_() < 0.85:
            for pr in sample(priorities, min(len(priorities), randint(1, 2))):
                add(f"{pl} {_p('respondsTo')} {pr} {g_put} .\n")
        add(f"{pl} {_p('targetsContext')} {_c('context', 'school')} {g_put} .\n")
        if random_() < 0.4:
            add(f"{pl} {_p('targetsContext')} {_c('context', choice(CONTEXTS[:4]))} {g_put} .\n")
        add(f"{pl} {_p('addressesHarm')} {_c('harm', choice(HARMS))} {g_put} .\n")
        for who in sample(("pupils", "school-staff", "parents-carers", "young-people"), randint(1, 2)):
            add(f"{pl} {_p('audience')} {_c('participant', who)} {g_put} .\n")
        if random_() < 0.4:
            add(f"{pl} {_p('usesTool')} {_c('tool', choice(TOOLS))} {g_put} .\n")
        for sc in in_pilot:
            add(f"{pl} {_p('inSetting')} {sc} {g_put} .\n")
        if random_() < 0.6:
            ro = _id(f"{tid}-pilot-{k + 1}-rollout")
            ro_status = ("planned" if status in ("piloted", "in-development") else "rolled-out"
                         if status == "rolled-out" else choice(("rolled-out", "completed", "planned")))
            describe(ro, "Rollout", f"Roll-out of the {place} pilot to further schools", g_put)
            add(f"{ro} {_p('status')} {_c('status', ro_status)} {g_put} .\n")
            add(f"{ro} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
            more = randint(5, 30)
            add(f"{ro} {_p('settingCount')} {_int(more)} {g_put} .\n")
            if ro_status != "planned":
                for sc in sample(schools, min(len(schools), more // 3)):
                    add(f"{ro} {_p('inSetting')} {sc} {g_put} .\n")
            add(f"{pl} {_p('hasRollout')} {ro} {g_put} .\n")
            rollouts.append(ro)
        _training(x, pl, k, approach, partners, g_put)
        if random_() < 0.5:
            g_ev = g_ev or case.g("evaluation")
            rv = _id(f"{tid}-pilot-{k + 1}-review")
            describe(rv, "Review", f"Evaluation of the {place} schools pilot", g_ev)
            add(f"{rv} {_p('evaluates')} {pl} {g_ev} .\n")
            add(f"{rv} {_p('ledBy')} {choice(partners) if partners and random_() < 0.5 else me} {g_ev} .\n")
            add(f"{rv} {_p('status')} {_c('status', choice(('in-development', 'completed')))} {g_ev} .\n")
            add(f"{rv} {_p('settingType')} {_c('context', 'school')} {g_ev} .\n")
        pilots.append(pl)
    x.pilots = pilots
    x.rollouts = rollouts


def _posts_and_board(x: Authoring) -> None:
    """Posts and the board."""
    add, me, tid, place, choice = x.add, x.me, x.tid, x.place, x.choice
    random_, randint, describe = x.random_, x.randint, x.describe
    g_put = x.g_put
    services = x.services
    pilots = x.pilots
    scp = x.scp
    for k in range(randint(1, 3)):
        po = _id(f"{tid}-post-{k + 1}")
        role = choice(("lead", "lead", "champion", "chair", "director"))
        title = {"lead": "Contextual Safeguarding lead", "champion": "Contextual Safeguarding champion",
                 "chair": "Chair of the exploitation panel", "director": "Director of children's services"}
        describe(po, "Post", f"{title[role]}, {place}", g_put)
        add(f"{po} {_POST_IN} {choice(services)} {g_put} .\n")
        add(f"{po} {_p('heldWithin')} {me} {g_put} .\n")
        add(f"{po} {_p('roleType')} {_c('role-type', role)} {g_put} .\n")
        add(f"{po} {_p('topic')} {_c('topic', 'contextual-safeguarding')} {g_put} .\n")
        add(f"{po} {_p('oversees')} {choice(pilots)} {g_put} .\n")
    if random_() < 0.5:
        bd = _id(f"{tid}-board")
        describe(bd, "Board", f"{place} exploitation steering group", g_put)
        add(f"{bd} {_SUB_ORG} {scp} {g_put} .\n")
        add(f"{bd} {_p('topic')} {_c('topic', 'child-exploitation')} {g_put} .\n")
        add(f"{bd} {_p('oversees')} {choice(pilots)} {g_put} .\n")


def _changes(x: Authoring) -> None:
    """Changes."""
    add, me, tid, choice, random_ = x.add, x.me, x.tid, x.choice, x.random_
    randint, sample, describe, y0, y1 = x.randint, x.sample, x.describe, x.y0, x.y1
    g_put = x.g_put
    services = x.services
    service_labels = x.service_labels
    priorities = x.priorities
    changes = []
    for k, (ctype, pattern) in enumerate(sample(CHANGES, randint(1, 3))):
        ch = _id(f"{tid}-change-{k + 1}")
        sv = choice(services)
        describe(ch, "Change", pattern.format(s=service_labels[sv]), g_put)
        add(f"{ch} {_p('changeType')} {_c('change', ctype)} {g_put} .\n")
        add(f"{ch} {_p('changed')} {sv} {g_put} .\n")
        add(f"{ch} {_p('ledBy')} {me} {g_put} .\n")
        if random_() < 0.5:
            add(f"{ch} {_p('year')} {_year(randint(y0, y1))} {g_put} .\n")
        else:
            add(f"{ch} {_p('startDate')} {_date(dt.date(randint(y0, y1), randint(1, 12), randint(1, 28)))} "
                f"{g_put} .\n")
        if priorities and random_() < 0.7:
            add(f"{ch} {_p('respondsTo')} {choice(priorities)} {g_put} .\n")
        add(f"{ch} {_p('approach')} {_c('approach', choice(PILOT_APPROACHES))} {g_put} .\n")
        add(f"{ch} {_p('status')} {_c('status', choice(('completed', 'in-development', 'planned')))} "
            f"{g_put} .\n")
        changes.append(ch)
    x.changes = changes


def _challenges(x: Authoring) -> None:
    """Challenges."""
    case, add, tid, choice, randint = x.case, x.add, x.tid, x.choice, x.randint
    sample, describe = x.sample, x.describe
    pilots = x.pilots
    rollouts = x.rollouts
    changes = x.changes
    g_ch = case.g("case-study", "challenges")
    for k, (ctype, label) in enumerate(sample(CHALLENGES, randint(1, 3))):
        cl = _id(f"{tid}-challenge-{k + 1}")
        describe(cl, "Challenge", label, g_ch)
        add(f"{cl} {_p('challengeType')} {_c('challenge', ctype)} {g_ch} .\n")
        add(f"{cl} {_p('affects')} {choice(pilots + rollouts + changes)} {g_ch} .\n")


def _mechanisms_and_record(x: Authoring) -> None:
    """Mechanisms and outcomes."""
    case, add, tid, place, choice = x.case, x.add, x.tid, x.place, x.choice
    random_, randint, sample, describe, y1 = x.random_, x.randint, x.sample, x.describe, x.y1
    pilots = x.pilots
    g_me = case.g("case-study", "mechanisms")
    for k, (mtype, label) in enumerate(sample(MECHANISMS, randint(1, 3))):
        mc = _id(f"{tid}-mechanism-{k + 1}")
        describe(mc, "Mechanism", label, g_me)
        add(f"{mc} {_p('mechanismType')} {_c('mechanism', mtype)} {g_me} .\n")
        add(f"{mc} {_p('inContext')} {_c('context', choice(CONTEXTS))} {g_me} .\n")
        for who in sample(PARTICIPANTS, randint(1, 3)):
            add(f"{mc} {_p('involves')} {_c('participant', who)} {g_me} .\n")
        add(f"{mc} {_p('supports')} {choice(pilots)} {g_me} .\n")
        if random_() < 0.6:
            oc = _id(f"{tid}-mechanism-{k + 1}-outcome")
            describe(oc, "Outcome", "Staff and young people report safer relationships", g_me)
            add(f"{oc} {_p('outcomeFor')} {_c('participant', choice(('pupils', 'school-staff', 'young-people')))}"
                f" {g_me} .\n")
            add(f"{oc} {_p('inContext')} {_c('context', 'school')} {g_me} .\n")
            add(f"{mc} {_p('ledTo')} {oc} {g_me} .\n")

    genre = "systems-and-structure" if random_() < 0.6 else "practice"
    title = (f"Systems and structure in {place}" if genre == "systems-and-structure"
             else f"Contextual Safeguarding practice in {place}")
    case.record(title, genre, dt.date(y1, randint(1, 12), randint(1, 28)))



_SECTIONS = (_the_authority, _safeguarding_partnership, _strategies, _services, _practice_partnership,
             _schools, _pilots, _posts_and_board, _changes, _challenges, _mechanisms_and_record)
