//! Hand-written cases from ../shared/FACTS.md: real situations and what the derived checklist must
//! say about them — materials, steps, warnings and deadline dates. Each test names the facts it
//! checks. Dates are chosen so the expected deadline dates can be worked out by hand.

use chrono::NaiveDate;
use yibao_checklist::catalog::{Catalog, DeadlineKind, Lang, NoticeKind};
use yibao_checklist::engine::{
    AnswerErrorKind, Answers, DateStatus, DatedVersion, Derivation, DerivedDeadline, derive,
};

fn catalog() -> Catalog {
    Catalog::bundled().expect("bundled data is valid")
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Derives a complete case; panics with the pending questions if it is not complete.
fn case(pairs: &[(&str, &str)], today: &str) -> Derivation {
    let c = catalog();
    let answers = Answers::from_pairs(pairs.iter().copied());
    let out = derive(&c, &answers, d(today)).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        out.is_complete(),
        "still to answer: {:?}",
        out.pending_required
    );
    assert!(!out.materials.is_empty() && !out.steps.is_empty());
    out
}

fn material_ids(d: &Derivation) -> Vec<&str> {
    d.materials.iter().map(|m| m.id.as_str()).collect()
}

fn has_material(d: &Derivation, id: &str) -> bool {
    d.materials.iter().any(|m| m.id == id)
}

fn material<'a>(d: &'a Derivation, id: &str) -> &'a yibao_checklist::engine::DerivedMaterial {
    d.materials
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no material {id}; have {:?}", material_ids(d)))
}

fn notice_ids(d: &Derivation, kind: NoticeKind) -> Vec<&str> {
    d.notices
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.id.as_str())
        .collect()
}

fn deadline<'a>(d: &'a Derivation, id: &str) -> &'a DerivedDeadline {
    d.deadlines.iter().find(|x| x.id == id).unwrap_or_else(|| {
        panic!(
            "no deadline {id}; have {:?}",
            d.deadlines.iter().map(|x| &x.id).collect::<Vec<_>>()
        )
    })
}

/// The version of a deadline whose text contains `needle` (zh).
fn version<'a>(dl: &'a DerivedDeadline, needle: &str) -> &'a DatedVersion {
    dl.versions
        .iter()
        .find(|v| v.text.zh.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "{}: no version with {needle}; have {:?}",
                dl.id,
                dl.versions.iter().map(|v| &v.text.zh).collect::<Vec<_>>()
            )
        })
}

/// The one deadline of a kind, national or the region's own (which replaces the national one).
fn of_kind(d: &Derivation, kind: DeadlineKind) -> &DerivedDeadline {
    let all: Vec<_> = d.deadlines.iter().filter(|x| x.kind == kind).collect();
    assert_eq!(all.len(), 1, "one deadline of kind {kind:?}");
    all[0]
}

fn claim(d: &Derivation) -> &DerivedDeadline {
    of_kind(d, DeadlineKind::ClaimDeadline)
}

/// The emergency claim with other dates.
fn emergency_claim_with_dates(
    dates: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    pairs.retain(|(q, _)| !q.ends_with("_date"));
    pairs.extend_from_slice(dates);
    pairs
}

fn steps_zh(d: &Derivation) -> Vec<&str> {
    d.steps.iter().map(|s| s.title.zh.as_ref()).collect()
}

fn all_channels(d: &Derivation) -> Vec<String> {
    d.steps
        .iter()
        .flat_map(|s| s.channels.iter().map(|c| c.name.zh.to_string()))
        .collect()
}

fn text(d: &Derivation) -> String {
    derivation_text(d, Lang::Zh)
}

/// The checklist as terminal text, through the same view as the app and the sheet.
fn derivation_text(d: &Derivation, lang: Lang) -> String {
    let catalog = Catalog::bundled().expect("bundled data");
    let v = yibao_checklist::view::build(
        &catalog,
        d,
        &yibao_checklist::view::ViewInput {
            lang,
            ..Default::default()
        },
    );
    yibao_checklist::cli::text::view_text(&v)
}

const CROSS_REGION_EMERGENCY: &[(&str, &str)] = &[
    ("scenario", "cross_region"),
    ("region", "national"),
    ("insurance", "employee"),
    ("visit", "inpatient"),
    ("emergency", "yes"),
    ("filed", "no"),
    ("settlement", "manual"),
    ("channel", "window"),
    ("proxy", "no"),
    ("third_party", "no"),
    ("special_drugs", "no"),
    ("admission_date", "2025-03-01"),
    ("discharge_date", "2025-03-10"),
    ("invoice_date", "2025-03-10"),
];

/// FACTS P10 / C-R2: emergency care in another province without filing, paid first and claimed
/// at the window: the emergency certificate marked 急诊, the bills, the records; the sources
/// disagree on whether unfiled emergencies count as filed, and the app shows every version.
#[test]
fn emergency_cross_province_inpatient_manual_claim() {
    let out = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    for id in [
        "id_card",
        "insurance_card",
        "invoice",
        "itemized_bill",
        "diagnosis_cert",
        "discharge_summary",
        "inpatient_records",
        "emergency_cert",
    ] {
        assert!(
            has_material(&out, id),
            "{id} missing: {:?}",
            material_ids(&out)
        );
    }
    // The sources tie the bank account to online claims, not to a window (issue 21).
    assert!(!has_material(&out, "bank_account"));
    let ec = material(&out, "emergency_cert");
    assert!(ec.format.iter().any(|f| f.text.zh.contains("标注“急诊”")));
    // The "why" panel cites the material's own sources and its notes', each once.
    let all = ec.all_sources();
    assert!(ec.sources.iter().all(|c| all.contains(c)));
    assert!(
        ec.format
            .iter()
            .flat_map(|f| &f.sources)
            .all(|c| all.contains(c))
    );
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
    assert!(
        ec.reasons
            .iter()
            .any(|r| r.question == "emergency" && r.value == "yes"),
        "the why names the emergency answer"
    );
    // No third party, no proxy: their materials are not asked for.
    assert!(!has_material(&out, "accident_report"));
    assert!(!has_material(&out, "proxy_id"));
    // Unfiled but emergency: the unfiled-non-emergency warning does not apply; the rule on
    // emergencies without filing does, with all its conflicting versions.
    assert!(!notice_ids(&out, NoticeKind::Warning).contains(&"w_nofile_nonemergency"));
    let rule = out
        .notices
        .iter()
        .find(|n| n.id == "r_emergency_nofile")
        .unwrap();
    assert!(rule.conflict && rule.versions.len() >= 3);
    // The first step is making up the filing afterwards (seed 001).
    assert!(
        steps_zh(&out)[0].contains("补办备案"),
        "{:?}",
        steps_zh(&out)
    );
    assert!(
        out.steps
            .iter()
            .any(|s| s.title.zh.contains("医保经办机构"))
    );
}

/// FACTS §4.C (C-T1): the claim deadline is kept in every version with its source, the safest
/// (earliest) is named, and the dates run from the right day.
#[test]
fn claim_deadline_versions_and_the_safest_date() {
    let out = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    let dl = deadline(&out, "claim_deadline");
    assert_eq!(dl.kind, DeadlineKind::ClaimDeadline);
    assert!(dl.conflict);
    assert!(dl.versions.len() >= 4, "every version is kept");
    // 30 days after discharge (seed 003 相关): 2025-03-10 + 30 days.
    let v30 = version(dl, "30天");
    assert_eq!(v30.date, Some(d("2025-04-09")));
    assert_eq!(v30.days_left, Some(20));
    // 出院后3-6个月 (seed 003): a range from discharge.
    let v36 = version(dl, "3-6个月");
    assert_eq!(
        (v36.date, v36.date_max),
        (Some(d("2025-06-10")), Some(d("2025-09-10")))
    );
    // 6 months after discharge (seed 004).
    let v6 = version(dl, "6个月内需提交申请");
    assert_eq!(v6.date, Some(d("2025-09-10")));
    assert_eq!(v6.from.as_deref(), Some("discharge_date"));
    // 1 year after the care (seed 002), counted from admission for a stay (the cautious choice).
    let v1 = version(dl, "1年内");
    assert_eq!(v1.date, Some(d("2026-03-01")));
    assert_eq!(v1.from.as_deref(), Some("admission_date"));
    // The safest is the earliest limit.
    assert_eq!(dl.safest_version().unwrap().date, Some(d("2025-04-09")));
    let t = text(&out);
    assert!(t.contains("2025-04-09") && t.contains("最稳妥"), "{t}");
}

/// FACTS §2.2: a retiree settled elsewhere files with the household register pages, online
/// through the national app or mini-program; the filing validity runs from the filing date.
#[test]
fn retiree_filing_online() {
    let out = case(
        &[
            ("scenario", "filing"),
            ("region", "national"),
            ("insurance", "employee"),
            ("filing_type", "retiree"),
            ("channel", "online"),
            ("proxy", "no"),
            ("filing_date", "2026-03-02"),
        ],
        "2026-03-01",
    );
    let hukou = material(&out, "hukou_pages");
    assert!(hukou.name.zh.contains("户口簿"));
    assert!(hukou.reasons.iter().any(|r| r.value == "retiree"));
    assert!(has_material(&out, "filing_notice_ack"));
    assert!(has_material(&out, "filing_pledge"));
    // Claim materials have nothing to do with a filing.
    assert!(!has_material(&out, "invoice"));
    assert!(!has_material(&out, "residence_proof"));
    let channels = all_channels(&out);
    assert!(channels.iter().any(|c| c.contains("国家医保服务平台APP")));
    assert!(
        channels
            .iter()
            .any(|c| c.contains("国家异地就医备案小程序"))
    );
    assert!(
        out.steps
            .iter()
            .any(|s| s.title.zh.contains("【异地备案】"))
    );
    // Filing validity: "at least 6 months" (seed 002, a floor) vs 1 year (seed 001) vs "each
    // filing lasts six months" (seed 002 相关). The floor is no expiry: no countdown.
    let fv = deadline(&out, "filing_validity");
    assert!(fv.conflict);
    let floor = version(fv, "至少6个月");
    assert_eq!(floor.date, Some(d("2026-09-02")));
    assert_eq!(floor.status, DateStatus::ValidAtLeast);
    assert_eq!(floor.days_left, None);
    assert_eq!(version(fv, "1年").date, Some(d("2027-03-02")));
    // On the same date, the version that ends then is the one to plan by.
    let safest = fv.safest_version().unwrap();
    assert_eq!(safest.date, Some(d("2026-09-02")));
    assert!(
        safest.text.zh.contains("有效期为六个月"),
        "{:?}",
        safest.text
    );
    assert_eq!(safest.status, DateStatus::Open);
    // 长期有效 for long-term residence comes from an article on care in Shanghai (D45): not
    // for someone treated elsewhere.
    assert!(
        fv.versions
            .iter()
            .all(|v| v.status != DateStatus::Indefinite)
    );
    let t = text(&out);
    assert!(t.contains("至少有效到 2026-09-02"), "{t}");
    // Retirees should file before care (warning).
    assert!(notice_ids(&out, NoticeKind::Warning).contains(&"w_retiree_before_care"));
}

/// FACTS P9: an online claim with special drugs: the approval form, the integrity pledge, photos
/// taken clearly with four corners; online claims run 6 months from the end of the visit.
#[test]
fn online_outpatient_claim_with_special_drugs() {
    let out = case(
        &[
            ("scenario", "local"),
            ("region", "national"),
            ("insurance", "employee"),
            ("visit", "outpatient"),
            ("emergency", "no"),
            ("settlement", "manual"),
            ("channel", "online"),
            ("proxy", "no"),
            ("third_party", "no"),
            ("special_drugs", "yes"),
            ("visit_date", "2025-05-06"),
            ("invoice_date", "2025-05-06"),
        ],
        "2025-05-10",
    );
    assert!(
        material(&out, "special_drug_form")
            .name
            .zh
            .contains("特殊药品审批单")
    );
    assert!(
        material(&out, "integrity_pledge")
            .name
            .zh
            .contains("诚信承诺书")
    );
    let invoice = material(&out, "invoice");
    assert!(
        invoice
            .format
            .iter()
            .any(|f| f.text.zh.contains("清晰四角拍摄"))
    );
    assert!(invoice.format.iter().any(|f| f.text.zh.contains("鲜章")));
    assert!(has_material(&out, "outpatient_records"));
    assert!(!has_material(&out, "inpatient_records"), "outpatient only");
    assert!(!has_material(&out, "discharge_summary"), "outpatient only");
    assert!(steps_zh(&out).iter().any(|s| s.contains("诚信承诺书")));
    assert!(all_channels(&out).iter().any(|c| c.contains("12393")));
    let dl = deadline(&out, "claim_deadline");
    assert_eq!(version(dl, "6个月内需提交申请").date, Some(d("2025-11-06")));
    // No submission date yet: processing times ask for it by name.
    let review = out
        .deadlines
        .iter()
        .flat_map(|x| &x.versions)
        .find(|v| v.status == DateStatus::NeedsDate)
        .expect("a time that needs the submission date");
    assert_eq!(review.needs, vec!["submitted_date".to_string()]);
    assert_eq!(&*review.needs_labels[0].zh, "材料提交日期");
    assert!(text(&out).contains("填写材料提交日期后可算出日期"));
    assert!(derivation_text(&out, Lang::En).contains("enter the submission date to see the date"));
}

/// FACTS §2.3: third-party liability (a traffic accident) adds the police accident report;
/// a proxy adds the proxy's ID card and the step for the proxy.
#[test]
fn traffic_accident_claimed_by_a_proxy() {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    for (q, v) in pairs.iter_mut() {
        if *q == "third_party" || *q == "proxy" {
            *v = "yes";
        }
    }
    let out = case(&pairs, "2025-03-20");
    let report = material(&out, "accident_report");
    assert!(report.name.zh.contains("交警事故认定书"));
    assert!(report.reasons.iter().any(|r| r.question == "third_party"));
    let proxy = material(&out, "proxy_id");
    assert!(proxy.reasons.iter().any(|r| r.question == "proxy"));
    assert!(steps_zh(&out).iter().any(|s| s.contains("交警事故认定书")));
    assert!(steps_zh(&out).iter().any(|s| s.contains("代办")));
}

/// FACTS §2.2: long-term residents file with proof of residence; a residence permit, a
/// temporary residence permit or a personal pledge are named as alternatives.
#[test]
fn long_term_resident_filing_with_alternatives() {
    let out = case(
        &[
            ("scenario", "filing"),
            ("region", "national"),
            ("insurance", "resident"),
            ("filing_type", "long_term_resident"),
            ("channel", "window"),
            ("proxy", "no"),
        ],
        "2026-03-01",
    );
    let proof = material(&out, "residence_proof");
    assert!(proof.name.zh.contains("居住证明"));
    let alts: Vec<&str> = proof
        .alternatives
        .iter()
        .map(|a| a.text.zh.as_ref())
        .collect();
    assert!(alts.iter().any(|a| a.contains("暂住证")), "{alts:?}");
    assert!(alts.iter().any(|a| a.contains("承诺书")), "{alts:?}");
    // Online-only pages are not part of a window filing.
    assert!(!has_material(&out, "filing_notice_ack"));
    assert!(!has_material(&out, "hukou_pages"));
    // No filing date: the validity asks for it instead of guessing.
    let fv = deadline(&out, "filing_validity");
    assert!(
        fv.versions
            .iter()
            .filter(|v| v.date.is_none())
            .all(|v| matches!(
                v.status,
                DateStatus::NeedsDate | DateStatus::Indefinite | DateStatus::NoStart
            ))
    );
}

/// FACTS §2.2: people posted to work elsewhere bring a posting certificate (or one of its
/// alternatives); referrals bring the referral certificate.
#[test]
fn resident_worker_and_referral_filings() {
    let base = [
        ("scenario", "filing"),
        ("region", "national"),
        ("insurance", "employee"),
        ("channel", "window"),
        ("proxy", "no"),
    ];
    let mut worker = base.to_vec();
    worker.push(("filing_type", "resident_worker"));
    let out = case(&worker, "2026-03-01");
    assert!(material(&out, "posting_proof").name.zh.contains("派出证明"));
    assert!(!has_material(&out, "referral_cert"));

    let mut referral = base.to_vec();
    referral.push(("filing_type", "referral"));
    let out = case(&referral, "2026-03-01");
    assert!(material(&out, "referral_cert").name.zh.contains("转诊证明"));
    assert!(!has_material(&out, "posting_proof"));
}

/// FACTS C-R1 / P5: non-emergency care elsewhere without filing may not be reimbursed.
#[test]
fn unfiled_non_emergency_care_is_warned_about() {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    for (q, v) in pairs.iter_mut() {
        if *q == "emergency" {
            *v = "no";
        }
    }
    let out = case(&pairs, "2025-03-20");
    let warnings = notice_ids(&out, NoticeKind::Warning);
    assert!(warnings.contains(&"w_nofile_nonemergency"), "{warnings:?}");
    assert!(!has_material(&out, "emergency_cert"));
    // The summary comes first, then the warnings, then the materials.
    let t = text(&out);
    let at = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s} missing in\n{t}"));
    assert!(at("== 当前情况 ==") < at("== 重要提醒 =="));
    assert!(at("== 重要提醒 ==") < at("== 需要准备的材料 =="));
}

/// FACTS P5: direct settlement after filing needs only the card or code at the hospital: no
/// invoices to collect, no claim deadline.
#[test]
fn direct_settlement_after_filing() {
    let out = case(
        &[
            ("scenario", "cross_region"),
            ("region", "national"),
            ("insurance", "employee"),
            ("visit", "inpatient"),
            ("emergency", "no"),
            ("filed", "yes"),
            ("settlement", "direct"),
            ("proxy", "no"),
            ("third_party", "no"),
            ("special_drugs", "no"),
            ("admission_date", "2025-03-01"),
            ("discharge_date", "2025-03-10"),
        ],
        "2025-03-05",
    );
    assert!(has_material(&out, "insurance_card"));
    assert!(!has_material(&out, "invoice"));
    assert!(!has_material(&out, "bank_account"));
    assert!(out.deadlines.iter().all(|x| x.id != "claim_deadline"));
    assert!(!notice_ids(&out, NoticeKind::Warning).contains(&"w_nofile_nonemergency"));
    // The channel question is only for claims and filings.
    assert!(out.answers.iter().all(|a| a.question != "channel"));
}

/// FACTS §6 上海: the region's hotline and channels replace nothing national but are added.
#[test]
fn shanghai_region_adds_its_hotline_and_channels() {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    for (q, v) in pairs.iter_mut() {
        if *q == "region" {
            *v = "shanghai";
        }
    }
    let out = case(&pairs, "2025-03-20");
    let region = out.region.as_ref().expect("a region");
    assert_eq!(region.id, "shanghai");
    assert!(region.hotlines.iter().any(|h| h == "021-12393"));
    assert!(text(&out).contains("021-12393"));
    // Shanghai's claim deadline replaces the national one: seed 000's 6 months from the
    // receipt, seed 003's "some cities such as Shanghai: 3 months", and the national versions.
    let dl = claim(&out);
    assert_eq!(dl.id, "sh_claim_deadline");
    let receipt = version(dl, "收据开具之日起6个月");
    assert_eq!(receipt.from.as_deref(), Some("invoice_date"));
    assert_eq!(receipt.date, Some(d("2025-09-10")));
    assert_eq!(version(dl, "上海要求3个月").date, Some(d("2025-06-10")));
    assert_eq!(version(dl, "1年内").date, Some(d("2026-03-01")));
    // "Most regions: 30 days" (seed 003 相关) stays too, and is the safest.
    assert_eq!(version(dl, "30天").date, Some(d("2025-04-09")));
    assert_eq!(dl.safest_version().unwrap().date, Some(d("2025-04-09")));
    // The same case in another region has no Shanghai hotline.
    let national = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    assert!(!text(&national).contains("021-12393"));
}

/// FACTS §6 广东 / D08: 粤医保 for online claims, and 佛山等地 180 days for 零星报销 next to the
/// national 6 months; the month-end clamp makes 2025-08-31 + 6 months 2026-02-28.
#[test]
fn guangdong_online_claim_and_month_end_clamp() {
    let out = case(
        &[
            ("scenario", "local"),
            ("region", "guangdong"),
            ("insurance", "employee"),
            ("visit", "outpatient"),
            ("emergency", "no"),
            ("settlement", "manual"),
            ("channel", "online"),
            ("proxy", "no"),
            ("third_party", "no"),
            ("special_drugs", "no"),
            ("visit_date", "2025-08-31"),
            ("invoice_date", "2025-08-31"),
        ],
        "2025-09-10",
    );
    assert!(all_channels(&out).iter().any(|c| c.contains("粤医保")));
    let dl = claim(&out);
    assert_eq!(version(dl, "180天").date, Some(d("2026-02-27")));
    assert_eq!(version(dl, "6个月内需提交申请").date, Some(d("2026-02-28")));
    assert_eq!(dl.safest_version().unwrap().date, Some(d("2026-02-27")));
    assert_eq!(dl.safest_version().unwrap().days_left, Some(170));
}

/// A deadline that has passed reads as overdue, with the number of days.
#[test]
fn a_passed_deadline_is_overdue() {
    let out = case(CROSS_REGION_EMERGENCY, "2025-04-19");
    let dl = deadline(&out, "claim_deadline");
    let v30 = version(dl, "30天");
    assert_eq!(v30.status, DateStatus::Overdue);
    assert_eq!(v30.days_left, Some(-10));
    let t = text(&out);
    assert!(t.contains("已逾期10天"), "{t}");
    // The summary says it, and that a later version some sources give is still open.
    let summary = t.split("== 重要提醒 ==").next().unwrap();
    assert!(summary.contains("已逾期10天"), "{summary}");
    assert!(summary.contains("其他来源"), "{summary}");
    // The 6-month version is still open: the app does not call the whole claim lost.
    assert_eq!(version(dl, "6个月内需提交申请").status, DateStatus::Open);
    // Within 14 days it is "due soon".
    let soon = case(CROSS_REGION_EMERGENCY, "2025-04-01");
    assert_eq!(
        version(deadline(&soon, "claim_deadline"), "30天").status,
        DateStatus::DueSoon
    );
}

/// Payout in 30 working days (seed 003) across the 2025 National Day holiday: 10-01..10-08 are
/// off and Sunday 09-28 and Saturday 10-11 are make-up working days (HOLIDAYS.md).
#[test]
fn payout_in_working_days_skips_the_national_day_holiday() {
    let pairs = emergency_claim_with_dates(&[
        ("admission_date", "2025-09-01"),
        ("discharge_date", "2025-09-10"),
        ("invoice_date", "2025-09-10"),
        ("submitted_date", "2025-09-26"),
    ]);
    let out = case(&pairs, "2025-09-26");
    let v = version(of_kind(&out, DeadlineKind::PayoutTime), "30个工作日");
    // Working days after Fri 09-26: 09-28 (make-up Sun), 09-29, 09-30 = 3; 10-09, 10-10,
    // 10-11 (make-up Sat) = 6; then weeks of 5 from 10-13: 10-17 = 11, 10-24 = 16, 10-31 = 21,
    // 11-07 = 26, 11-13 = 30.
    assert_eq!(v.date, Some(d("2025-11-13")));
    assert_eq!(v.status, DateStatus::Expected);
    assert!(!v.weekends_only);
}

/// For a year without holiday data (2027) working days skip weekends only, and the output says so.
#[test]
fn working_days_in_a_year_without_holiday_data_say_so() {
    let pairs = emergency_claim_with_dates(&[
        ("admission_date", "2026-12-20"),
        ("discharge_date", "2026-12-28"),
        ("invoice_date", "2026-12-28"),
        ("submitted_date", "2026-12-30"),
    ]);
    let out = case(&pairs, "2026-12-30");
    let v = version(of_kind(&out, DeadlineKind::PayoutTime), "30个工作日");
    assert!(v.weekends_only);
    // 12-31 = 1, then Mondays to Fridays of 2027: 2027-02-10 is the 29th, 02-11 the 30th.
    assert_eq!(v.date, Some(d("2027-02-10")));
    assert!(text(&out).contains("仅跳过周末"));
}

/// Front-desk scripts pass full answer sets: answers the case does not ask are listed as unused,
/// never an error, and change nothing.
#[test]
fn answers_the_case_does_not_ask_are_unused_not_errors() {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    pairs.push(("filing_type", "retiree"));
    pairs.push(("filing_date", "2025-01-01"));
    let with_extra = case(&pairs, "2025-03-20");
    let plain = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    let unused: Vec<&str> = with_extra.unused.iter().map(|(q, _)| q.as_str()).collect();
    assert!(unused.contains(&"filing_type"), "{unused:?}");
    assert_eq!(material_ids(&with_extra), material_ids(&plain));
    assert!(!has_material(&with_extra, "hukou_pages"));
}

/// A partial answer set says which questions come next, in order.
#[test]
fn a_partial_case_names_the_next_questions() {
    let c = catalog();
    let answers = Answers::from_pairs([("scenario", "cross_region")]);
    let out = derive(&c, &answers, d("2025-03-20")).unwrap();
    assert!(!out.is_complete());
    assert_eq!(
        out.pending_required.first().map(String::as_str),
        Some("region")
    );
    assert!(out.pending.iter().any(|q| q == "visit"));
    assert!(out.pending.iter().any(|q| q == "settlement"));
    assert!(
        !out.pending.iter().any(|q| q == "filing_type"),
        "not asked for care already had"
    );
}

/// Bad dates name the field: an impossible date, discharge before admission, a date far ahead.
#[test]
fn bad_dates_are_errors_that_name_the_field() {
    let c = catalog();
    let with = |q: &'static str, v: &'static str| {
        let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
        pairs.retain(|(k, _)| *k != q);
        pairs.push((q, v));
        derive(&c, &Answers::from_pairs(pairs), d("2025-03-20"))
            .unwrap_err()
            .0
    };
    let e = with("discharge_date", "2025-02-30");
    assert_eq!(e[0].question, "discharge_date");
    assert!(matches!(e[0].kind, AnswerErrorKind::InvalidDate { .. }));

    let e = with("discharge_date", "2025-02-20");
    assert_eq!(e[0].question, "discharge_date");
    assert!(
        matches!(&e[0].kind, AnswerErrorKind::DateOrder { other, .. } if other == "admission_date")
    );

    let e = with("invoice_date", "2031-01-01");
    assert_eq!(e[0].question, "invoice_date");
    assert!(matches!(
        e[0].kind,
        AnswerErrorKind::DateTooFarInFuture { .. }
    ));

    let e = with("visit", "daycare");
    assert!(
        matches!(&e[0].kind, AnswerErrorKind::UnknownOption { valid, .. } if valid.contains(&"inpatient".to_string()))
    );
}

/// Every entry the checklist shows cites a source document, and the sources are listed.
#[test]
fn everything_shown_cites_a_seed() {
    let out = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    assert!(out.materials.iter().all(|m| !m.sources.is_empty()));
    assert!(out.steps.iter().all(|s| !s.sources.is_empty()));
    assert!(
        out.deadlines
            .iter()
            .flat_map(|x| &x.versions)
            .all(|v| !v.sources.is_empty())
    );
    let ids: Vec<&str> = out.sources.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"003") && ids.contains(&"000"), "{ids:?}");
    assert!(out.disclaimer.zh.contains("12393"));
}

/// A filing by someone insured in Zhejiang, online, for a temporary trip to Shanghai.
fn zhejiang_filing_for(treatment: Option<&'static str>) -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![
        ("scenario", "filing"),
        ("region", "zhejiang"),
        ("insurance", "employee"),
        ("filing_type", "temporary"),
        ("channel", "online"),
        ("proxy", "no"),
        ("filing_date", "2026-03-02"),
    ];
    if let Some(t) = treatment {
        pairs.push(("treatment_region", t));
    }
    pairs
}

fn notice<'a>(d: &'a Derivation, id: &str) -> Option<&'a yibao_checklist::engine::DerivedNotice> {
    d.notices.iter().find(|n| n.id == id)
}

/// FACTS §6 就医地上海, C-T5, C-T6: someone insured in Zhejiang and treated in Shanghai sees the
/// facts about care in Shanghai — the 2–3 (D32) and 1–3 (D33) working-day reviews, the ≥6-month
/// temporary filing (D44, a floor), the review named in the result step, the maternity tip whose
/// direction the source leaves open (S20) — while the insured region stays Zhejiang.
#[test]
fn insured_in_zhejiang_treated_in_shanghai_sees_the_shanghai_facts() {
    let out = case(&zhejiang_filing_for(Some("shanghai")), "2026-03-01");
    // The region card is the insured region's, never the place of treatment's.
    assert_eq!(out.region.as_ref().map(|r| r.id.as_str()), Some("zhejiang"));
    assert!(!text(&out).contains("021-12393"));
    assert!(
        out.answers
            .iter()
            .any(|a| a.question == "treatment_region" && a.value_label.zh == "上海")
    );

    // Filed Monday 2026-03-02: 2–3 working days is Wed–Thu, 1–3 is Tue–Thu.
    let processing = deadline(&out, "filing_processing");
    let d32 = version(processing, "2-3个工作日");
    assert_eq!(d32.date, Some(d("2026-03-04")));
    assert_eq!(d32.date_max, Some(d("2026-03-05")));
    let d33 = version(processing, "1-3个工作日");
    assert_eq!(d33.date, Some(d("2026-03-03")));
    assert!(processing.conflict);
    // An estimate: plan on the latest date any source gives.
    assert_eq!(
        processing.safest_version().unwrap().date_max,
        Some(d("2026-03-05"))
    );

    // D44 (≥6个月) is a floor for care in Shanghai, next to D41's floor and the real limits.
    let validity = deadline(&out, "filing_validity");
    let d44 = version(validity, "≥6个月");
    assert_eq!(d44.status, DateStatus::ValidAtLeast);
    assert_eq!(d44.date, Some(d("2026-09-02")));
    assert_eq!(d44.days_left, None);
    assert_ne!(
        validity.safest_version().unwrap().status,
        DateStatus::ValidAtLeast
    );

    let result = out
        .steps
        .iter()
        .find(|s| s.id == "in_sh_filing_online_result")
        .expect("the result step that names the review days");
    assert!(
        result
            .detail
            .as_ref()
            .is_some_and(|t| t.zh.contains("2-3个工作日"))
    );
    assert!(out.steps.iter().all(|s| s.id != "filing_online_result"));
    let maternity = notice(&out, "sh_maternity").expect("S20 for care in Shanghai");
    assert!(maternity.versions[0].text.zh.contains("没有说清"));
    let t = text(&out);
    assert!(t.contains("到上海就医"), "{t}");
    assert!(t.contains("至少有效到 2026-09-02"), "{t}");
}

/// The same filing for care elsewhere (`other`) or with the question skipped, as every script and
/// saved case from before the question: none of the Shanghai-only facts, and still complete.
#[test]
fn treated_elsewhere_or_skipped_sees_no_shanghai_only_facts() {
    for treatment in [Some("other"), None] {
        let out = case(&zhejiang_filing_for(treatment), "2026-03-01");
        let processing = deadline(&out, "filing_processing");
        assert_eq!(processing.versions.len(), 1, "{treatment:?}");
        assert_eq!(processing.versions[0].status, DateStatus::Immediate);
        assert!(!processing.conflict);
        let validity = deadline(&out, "filing_validity");
        assert!(
            validity
                .versions
                .iter()
                .all(|v| !v.text.zh.contains("上海")),
            "{treatment:?}"
        );
        assert!(out.steps.iter().any(|s| s.id == "filing_online_result"));
        assert!(
            out.steps
                .iter()
                .all(|s| s.id != "in_sh_filing_online_result")
        );
        assert!(notice(&out, "sh_maternity").is_none());
        let t = text(&out);
        assert!(!t.contains("到上海就医"), "{treatment:?}: {t}");
        assert!(!t.contains("上海异地就医备案后怎么看病"), "{treatment:?}");
        // Optional: asked, but never what keeps the checklist from being complete.
        assert!(out.pending_required.is_empty());
        assert_eq!(
            out.pending.contains(&"treatment_region".to_string()),
            treatment.is_none()
        );
    }
}

/// FACTS C-R8: the Shanghai hospital fact (no need to name a hospital in advance) is a version of
/// the hospital-choice rule only for care in Shanghai; elsewhere the rule keeps its other versions.
#[test]
fn shanghai_hospital_choice_only_for_care_in_shanghai() {
    let pairs = |t: &'static str| {
        vec![
            ("scenario", "cross_region"),
            ("region", "national"),
            ("treatment_region", t),
            ("insurance", "resident"),
            ("visit", "outpatient"),
            ("emergency", "no"),
            ("filed", "yes"),
            ("settlement", "direct"),
            ("third_party", "no"),
        ]
    };
    let shanghai = case(&pairs("shanghai"), "2026-03-01");
    let rule = notice(&shanghai, "r_hospital_choice").unwrap();
    assert!(
        rule.versions
            .iter()
            .any(|v| v.text.zh.contains("无需提前指定"))
    );
    assert!(rule.versions.iter().any(|v| {
        v.sources
            .iter()
            .any(|c| c.contains("上海异地就医备案后怎么看病"))
    }));
    let elsewhere = case(&pairs("other"), "2026-03-01");
    let rule = notice(&elsewhere, "r_hospital_choice").unwrap();
    assert!(rule.versions.iter().all(|v| !v.text.zh.contains("上海")));
    assert!(rule.conflict, "the other versions still disagree");
    // "上海参保" networking fact is for people insured in Shanghai only.
    let net = notice(&elsewhere, "w_networking").unwrap();
    assert!(net.versions.iter().all(|v| !v.text.zh.contains("上海参保")));
}

/// FACTS D50: 深圳等地 ask for 6 months' residence with a temporary residence permit. The snippet
/// does not say whether 深圳 is where one is insured or treated (issue 21): both see it, and the
/// text says so.
#[test]
fn shenzhen_residence_rule_shows_both_ways_with_its_doubt() {
    let pairs = |region: &'static str, t: &'static str| {
        vec![
            ("scenario", "filing"),
            ("region", region),
            ("treatment_region", t),
            ("insurance", "resident"),
            ("filing_type", "long_term_resident"),
            ("channel", "window"),
            ("proxy", "no"),
        ]
    };
    let there = case(&pairs("national", "guangdong"), "2026-03-01");
    let tip = notice(&there, "gd_shenzhen_residence").expect("D50 for care in Guangdong");
    assert!(tip.versions[0].text.zh.contains("连续居住满6个月以上"));
    let insured_only = case(&pairs("guangdong", "other"), "2026-03-01");
    let tip = notice(&insured_only, "gd_shenzhen_residence").expect("D50 for insured in Guangdong");
    assert!(
        tip.versions[0]
            .text
            .zh
            .contains("没有说清深圳是参保地还是就医地")
    );
    let elsewhere = case(&pairs("national", "other"), "2026-03-01");
    assert!(notice(&elsewhere, "gd_shenzhen_residence").is_none());
}

/// S20: the Shanghai maternity snippet does not say which way it goes, so people insured in
/// Shanghai see it too; the review times for people from elsewhere (D32, D33) they do not.
#[test]
fn insured_in_shanghai_keeps_its_own_facts_only() {
    let mut pairs = zhejiang_filing_for(None);
    for (q, v) in pairs.iter_mut() {
        if *q == "region" {
            *v = "shanghai";
        }
    }
    let out = case(&pairs, "2026-03-01");
    assert!(notice(&out, "sh_maternity").is_some());
    let processing = deadline(&out, "sh_filing_processing");
    assert!(
        processing
            .versions
            .iter()
            .all(|v| v.status == DateStatus::Immediate)
    );
    let validity = deadline(&out, "sh_filing_validity");
    assert!(
        validity
            .versions
            .iter()
            .all(|v| !v.text.zh.contains("≥6个月"))
    );
    // D43 (临时备案通常为6个月) is a real limit; D41 is a floor.
    assert_eq!(version(validity, "通常为6个月").status, DateStatus::Open);
    assert_eq!(
        version(validity, "至少6个月").status,
        DateStatus::ValidAtLeast
    );
}

/// C-R14: the two articles of the Social Insurance Law are shown side by side on a claim.
#[test]
fn the_two_legal_bases_are_shown_side_by_side() {
    let out = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    let rule = notice(&out, "r_legal_basis").expect("legal basis rule");
    assert_eq!(rule.kind, NoticeKind::Rule);
    assert!(rule.conflict);
    assert!(rule.versions[0].text.zh.contains("第六十四条"));
    assert!(rule.versions[1].text.zh.contains("第二十九条"));
}

/// C-T2 / D02: the Shanghai step and the deadline agree on when the 6 months start.
#[test]
fn shanghai_unfiled_emergency_step_and_deadline_agree() {
    let mut pairs = CROSS_REGION_EMERGENCY.to_vec();
    for (q, v) in pairs.iter_mut() {
        if *q == "region" {
            *v = "shanghai";
        }
    }
    let out = case(&pairs, "2025-03-20");
    let step = out
        .steps
        .iter()
        .find(|s| s.id == "sh_claim_emergency_nofile")
        .unwrap();
    let detail = step.detail.as_ref().unwrap();
    assert!(
        detail.zh.contains("本应用从发票（收据）日期算"),
        "{detail:?}"
    );
    let d02 = version(claim(&out), "回上海医保中心");
    assert_eq!(d02.from.as_deref(), Some("invoice_date"));
    assert_eq!(d02.date, Some(d("2025-09-10")));
    // Seed 000's "住院费用需等待审核通过后到账" is a Shanghai tip; the tickable claim_track step
    // keeps its id (saved ticks stay) and no longer says it to everyone.
    assert!(notice(&out, "sh_inpatient_paid_after_review").is_some());
    let track = out.steps.iter().find(|s| s.id == "claim_track").unwrap();
    assert!(!track.detail.as_ref().unwrap().zh.contains("审核通过后到账"));
    let national = case(CROSS_REGION_EMERGENCY, "2025-03-20");
    assert!(notice(&national, "sh_inpatient_paid_after_review").is_none());
}
