//! A front desk's year of saved cases: N realistic case files (the file format the app writes,
//! four common situations, dates spread over 2026, some ticks and notes), written straight into
//! a store folder (without the store's per-file fsync, so 10,000 take a second, not minutes).
//! Shared by the case-list tests and `benches/store.rs`.
#![allow(dead_code)]

use std::path::Path;
use yibao_checklist::cases::{Case, ItemState};
use yibao_checklist::engine::Answers;

/// The four situations, as a front desk meets them most.
fn situation(k: usize, admission: &str, discharge: &str) -> Answers {
    let base: &[(&str, &str)] = match k % 4 {
        // Cross-region emergency admission, not filed, manual claim at a window, by a proxy.
        0 => &[
            ("scenario", "cross_region"),
            ("region", "national"),
            ("insurance", "employee"),
            ("visit", "inpatient"),
            ("emergency", "yes"),
            ("filed", "no"),
            ("settlement", "manual"),
            ("channel", "window"),
            ("proxy", "yes"),
            ("third_party", "no"),
        ],
        // Insured in Shanghai, treated elsewhere, manual claim at a window.
        1 => &[
            ("scenario", "cross_region"),
            ("region", "shanghai"),
            ("treatment_region", "other"),
            ("insurance", "employee"),
            ("visit", "inpatient"),
            ("emergency", "no"),
            ("filed", "no"),
            ("settlement", "manual"),
            ("channel", "window"),
            ("proxy", "no"),
            ("third_party", "no"),
        ],
        // Local inpatient, manual claim at a window.
        2 => &[
            ("scenario", "local"),
            ("region", "national"),
            ("insurance", "employee"),
            ("visit", "inpatient"),
            ("settlement", "manual"),
            ("channel", "window"),
            ("proxy", "no"),
            ("third_party", "no"),
        ],
        // Cross-region inpatient, filed, direct settlement.
        _ => &[
            ("scenario", "cross_region"),
            ("region", "national"),
            ("insurance", "resident"),
            ("visit", "inpatient"),
            ("emergency", "no"),
            ("filed", "yes"),
            ("settlement", "direct"),
        ],
    };
    let mut a = Answers::from_pairs(base.iter().copied());
    a.set("admission_date", admission);
    a.set("discharge_date", discharge);
    a
}

const NOTES: &[&str] = &[
    "原件在抽屉里",
    "家属下周来取",
    "发票缺一张，已电话提醒",
    "代办人：女儿，电话已登记",
    "等医院盖章",
];

/// The label of the n-th generated case: mostly 患者<n>, some family names.
pub fn label(n: usize) -> String {
    match n % 10 {
        3 => format!("王{n} 住院"),
        7 => format!("李阿姨{n}"),
        _ => format!("患者{n}"),
    }
}

/// The n-th case (deterministic).
pub fn case(n: usize) -> Case {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let admitted = start + chrono::Days::new(((n * 37) % 320) as u64);
    let discharged = admitted + chrono::Days::new((n % 12) as u64 + 1);
    let mut c = Case::new(label(n));
    c.id = format!("2026{:04}-gen-{n:06}", (n % 1200) + 100);
    c.answers = situation(n, &admitted.to_string(), &discharged.to_string());
    let touched = discharged + chrono::Days::new((n % 20) as u64);
    c.created = format!("{admitted}T09:{:02}:00+08:00", n % 60);
    c.updated = format!("{touched}T{:02}:{:02}:00+08:00", 8 + n % 10, (n * 7) % 60);
    for (k, item) in ["t_id_card", "invoice", "discharge_summary", "bank_card"]
        .iter()
        .enumerate()
    {
        if (n + k).is_multiple_of(3) {
            c.items.insert(
                item.to_string(),
                ItemState {
                    done: true,
                    note: if (n + k).is_multiple_of(6) {
                        NOTES[(n + k) % NOTES.len()].to_string()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                },
            );
        }
    }
    c
}

/// Writes cases 0..n into `dir` (created) as the app would save them. Returns their ids.
pub fn write_cases(dir: &Path, n: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    (0..n)
        .map(|i| {
            let c = case(i);
            let mut text = ron::ser::to_string_pretty(&c, config.clone()).unwrap();
            text.push('\n');
            std::fs::write(dir.join(format!("{}.ron", c.id)), text).unwrap();
            c.id
        })
        .collect()
}
