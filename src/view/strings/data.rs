//! Words for data packs (数据更新): their refusals, the preview before installing, the list of
//! installed packs and the footer note. The app and the command line render these lines.

use super::{catalog_error, colon, no_date};
use crate::catalog::Lang;
use crate::catalog::pack::{Contents, Installed, Manifest, PackError, PackLabel};

/// Why a pack is refused, in one or more lines (data problems one per line, with file:line:col).
pub fn pack_error(lang: Lang, e: &PackError) -> String {
    let mb = |max: u64| max / (1024 * 1024);
    match (e, lang) {
        (PackError::NotAPack, Lang::Zh) => "这不是数据更新包（.yibao-data）".into(),
        (PackError::NotAPack, Lang::En) => "this is not a data pack (.yibao-data)".into(),
        (PackError::CannotRead { kind }, _) => super::io_reason(lang, &std::io::Error::from(*kind)),
        (PackError::TooLarge { max }, Lang::Zh) => {
            format!("数据更新包太大（上限 {} MB），未安装", mb(*max))
        }
        (PackError::TooLarge { max }, Lang::En) => {
            format!(
                "the data pack is too large (at most {} MB); nothing was installed",
                mb(*max)
            )
        }
        (PackError::TooManyEntries { max }, Lang::Zh) => {
            format!("数据更新包里的文件太多（上限 {max} 个），未安装")
        }
        (PackError::TooManyEntries { max }, Lang::En) => {
            format!("the data pack holds too many files (at most {max}); nothing was installed")
        }
        (PackError::UnsafePath { name }, Lang::Zh) => {
            format!("数据更新包里的“{name}”指向包以外的位置，已拒绝，未做任何更改")
        }
        (PackError::UnsafePath { name }, Lang::En) => format!(
            "the data pack's “{name}” points outside the pack; refused, nothing was changed"
        ),
        (PackError::Unexpected { name }, Lang::Zh) => format!(
            "数据更新包里有不该有的“{name}”（只能有 manifest.ron 和 files/ 下的 .ron 文件），未安装"
        ),
        (PackError::Unexpected { name }, Lang::En) => format!(
            "the data pack holds “{name}”, which does not belong there (only manifest.ron and .ron files under files/); nothing was installed"
        ),
        (PackError::EntryTooLarge { name, max }, Lang::Zh) => {
            format!("数据更新包里的“{name}”太大（上限 {} MB），未安装", mb(*max))
        }
        (PackError::EntryTooLarge { name, max }, Lang::En) => format!(
            "“{name}” in the data pack is too large (at most {} MB); nothing was installed",
            mb(*max)
        ),
        (PackError::Damaged, Lang::Zh) => "数据更新包已损坏（或已加密），未安装".into(),
        (PackError::Damaged, Lang::En) => {
            "the data pack is damaged (or encrypted); nothing was installed".into()
        }
        (PackError::NoManifest, Lang::Zh) => "数据更新包里没有 manifest.ron，未安装".into(),
        (PackError::NoManifest, Lang::En) => {
            "the data pack has no manifest.ron; nothing was installed".into()
        }
        (PackError::NoDataFiles, Lang::Zh) => "没有任何数据文件（.ron）".into(),
        (PackError::NoDataFiles, Lang::En) => "there are no data files (.ron)".into(),
        (PackError::NotUtf8 { name }, Lang::Zh) => {
            format!("数据更新包里的“{name}”不是 UTF-8 文本，未安装")
        }
        (PackError::NotUtf8 { name }, Lang::En) => {
            format!("“{name}” in the data pack is not UTF-8 text; nothing was installed")
        }
        (PackError::BadName { name }, Lang::Zh) => format!(
            "名称“{name}”不可用：只能用小写字母、数字和 - _ .（不以 . 开头，最多 64 个字符）"
        ),
        (PackError::BadName { name }, Lang::En) => format!(
            "the name “{name}” cannot be used: lower-case letters, digits and - _ . only (not starting with ., at most 64)"
        ),
        (PackError::ManifestMismatch, Lang::Zh) => {
            "数据更新包的说明（manifest.ron）与其内容不符，未安装".into()
        }
        (PackError::ManifestMismatch, Lang::En) => {
            "the data pack's manifest does not match what it holds; nothing was installed".into()
        }
        (PackError::Data(errors), _) => {
            let mut s = lang
                .pick(
                    "数据有错误，未做任何更改：",
                    "the data has errors; nothing was changed:",
                )
                .to_string();
            for e in errors {
                s.push_str("\n  ");
                s.push_str(&catalog_error(lang, e));
            }
            s
        }
        (PackError::NotInstalled { name }, Lang::Zh) => {
            format!("没有安装名为“{name}”的数据更新（用 data list 查看）")
        }
        (PackError::NotInstalled { name }, Lang::En) => {
            format!("no data pack named “{name}” is installed (see data list)")
        }
        (PackError::CannotWrite { path, kind }, _) => format!(
            "{}{}{}",
            lang.pick("无法写入 ", "cannot write "),
            path.display(),
            format_args!(
                "{}{}",
                colon(lang),
                super::io_reason(lang, &std::io::Error::from(*kind))
            )
        ),
        (PackError::NoDataDir, Lang::Zh) => "找不到数据文件夹，无法安装数据更新".into(),
        (PackError::NoDataDir, Lang::En) => {
            "there is no data folder to install data packs into".into()
        }
    }
}

/// "“XX市 2027 节假日” 2026.12-1".
pub fn pack_title(lang: Lang, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!("“{}”（版本 {}）", m.title, m.version),
        Lang::En => format!("“{}” (version {})", m.title, m.version),
    }
}

/// Who made it and when: a pack's facts are its maker's, not the bundled data's.
pub fn pack_made_by(lang: Lang, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!("由 {} 制作（{}），不是本程序自带的数据", m.made_by, m.made),
        Lang::En => format!(
            "made by {} ({}); not the data that comes with this program",
            m.made_by, m.made
        ),
    }
}

pub fn pack_sources(lang: Lang, m: &Manifest) -> Option<String> {
    (!m.sources.is_empty()).then(|| {
        format!(
            "{}{}{}",
            lang.pick("来源", "Sources"),
            colon(lang),
            m.sources.join(lang.pick("；", "; "))
        )
    })
}

fn contents_parts(lang: Lang, c: &Contents) -> Vec<String> {
    let mut parts = Vec::new();
    for y in &c.holiday_years {
        parts.push(match lang {
            Lang::Zh => format!("{y}年节假日安排"),
            Lang::En => format!("the {y} holiday calendar"),
        });
    }
    for r in &c.regions {
        parts.push(format!("{}{r}", lang.pick("地区 ", "region ")));
    }
    for e in &c.entries {
        parts.push(e.clone());
    }
    parts
}

/// "新增：2027年节假日安排" and "替换：…" lines.
pub fn pack_contents(lang: Lang, adds: &Contents, replaces: &Contents) -> Vec<String> {
    let sep = lang.pick("、", ", ");
    let mut out = Vec::new();
    let a = contents_parts(lang, adds);
    if !a.is_empty() {
        out.push(format!(
            "{}{}{}",
            lang.pick("新增", "Adds"),
            colon(lang),
            a.join(sep)
        ));
    }
    let r = contents_parts(lang, replaces);
    if !r.is_empty() {
        out.push(format!(
            "{}{}{}",
            lang.pick("替换内置数据", "Replaces bundled data"),
            colon(lang),
            r.join(sep)
        ));
    }
    out
}

/// Why a deadline moved.
pub enum MovedBecause {
    /// The pack brings these years' holiday calendars.
    Calendar(Vec<i32>),
    /// The pack changes the deadline itself.
    Entry,
    Unknown,
}

/// "出院报销期限 2027-01-08 → 2027-01-12（2027年节假日安排已更新）".
pub fn pack_moved_line(
    lang: Lang,
    name: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    because: &MovedBecause,
) -> String {
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or_else(|| no_date(lang).into(), |d| d.to_string());
    let reason = match (because, lang) {
        (MovedBecause::Entry, _) => lang
            .pick(
                "（此期限由该数据更新修改）",
                " (this deadline is changed by the pack)",
            )
            .to_string(),
        (MovedBecause::Calendar(years), Lang::Zh) if !years.is_empty() => format!(
            "（{}年节假日安排已更新）",
            years
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、")
        ),
        (MovedBecause::Calendar(years), Lang::En) if !years.is_empty() => format!(
            " (the {} holiday calendar is updated)",
            years
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => String::new(),
    };
    format!("{name} {} → {}{reason}", date(from), date(to))
}

/// A material, step, notice or deadline (`kind` as recheck names it: `material`, …) that a
/// pack adds to a case (`new`) or takes away.
pub fn pack_item_line(lang: Lang, kind: &str, name: &str, new: bool) -> String {
    let k = match (kind, lang) {
        ("material", Lang::Zh) => "材料",
        ("step", Lang::Zh) => "步骤",
        ("notice", Lang::Zh) => "提示",
        (_, Lang::Zh) => "期限",
        ("material", Lang::En) => "material",
        ("step", Lang::En) => "step",
        ("notice", Lang::En) => "notice",
        (_, Lang::En) => "deadline",
    };
    match (lang, new) {
        (Lang::Zh, true) => format!("新增{k}：{name}"),
        (Lang::Zh, false) => format!("不再需要的{k}：{name}"),
        (Lang::En, true) => format!("new {k}: {name}"),
        (Lang::En, false) => format!("{k} no longer needed: {name}"),
    }
}

/// A saved case's name over its changes.
pub fn pack_case_heading(label: &str) -> String {
    format!("“{label}”")
}

pub fn pack_cases_heading(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, 0) => "已保存的清单都不受影响".into(),
        (Lang::En, 0) => "No saved case changes".into(),
        (Lang::Zh, n) => format!("会改变的已保存清单（{n} 个）："),
        (Lang::En, n) => format!("Saved cases that change ({n}):"),
    }
}

pub fn pack_problems_heading(lang: Lang) -> &'static str {
    lang.pick(
        "数据有错误，不能安装（不会做任何更改）：",
        "The data has errors and cannot be installed (nothing will change):",
    )
}

pub fn pack_mismatch(lang: Lang) -> &'static str {
    lang.pick(
        "数据更新包的说明（manifest.ron）与其内容不符，不能安装",
        "The pack's manifest does not match what it holds; it cannot be installed",
    )
}

pub fn pack_overrides_broken(lang: Lang) -> &'static str {
    lang.pick(
        "您自己的清单文件（checklists/）有错误，预览未包括它们；数据更新仍可安装",
        "Your own checklist files (checklists/) have errors and are left out of this preview; the pack can still be installed",
    )
}

pub fn pack_replaces_installed(lang: Lang, version: &str) -> String {
    match lang {
        Lang::Zh => format!("将替换已安装的同名数据更新（版本 {version}）"),
        Lang::En => format!("Replaces the installed pack of the same name (version {version})"),
    }
}

pub fn pack_data_pack(lang: Lang) -> &'static str {
    lang.pick("数据更新", "Data pack")
}

/// `data install` without `--yes`.
pub fn pack_preview_only(lang: Lang) -> &'static str {
    lang.pick(
        "以上为预览，未做任何更改。确认安装请加 --yes。",
        "This is a preview; nothing was changed. Add --yes to install.",
    )
}

pub fn pack_installed(lang: Lang, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!("已安装数据更新 {}", pack_title(lang, m)),
        Lang::En => format!("Installed the data pack {}", pack_title(lang, m)),
    }
}

pub fn pack_remove_preview(lang: Lang, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!(
            "将移除数据更新 {}，恢复安装前的数据。未做任何更改；确认移除请加 --yes。",
            pack_title(lang, m)
        ),
        Lang::En => format!(
            "Would remove the data pack {} and restore the data from before it. Nothing was changed; add --yes to remove it.",
            pack_title(lang, m)
        ),
    }
}

pub fn pack_removed(lang: Lang, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!("已移除数据更新 {}", pack_title(lang, m)),
        Lang::En => format!("Removed the data pack {}", pack_title(lang, m)),
    }
}

pub fn pack_made(lang: Lang, path: &str, m: &Manifest) -> String {
    match lang {
        Lang::Zh => format!("已生成数据更新包 {path}：{}", pack_title(lang, m)),
        Lang::En => format!("Wrote the data pack {path}: {}", pack_title(lang, m)),
    }
}

/// `data list`: one line per pack, or that there are none.
pub fn pack_list_text(lang: Lang, packs: &[Installed]) -> String {
    if packs.is_empty() {
        return format!("{}\n", pack_none_installed(lang));
    }
    let mut s = String::new();
    for p in packs {
        s.push_str(&format!(
            "{}  {}  {}\n",
            p.manifest.name,
            pack_title(lang, &p.manifest),
            pack_made_by(lang, &p.manifest)
        ));
    }
    s
}

pub fn pack_none_installed(lang: Lang) -> &'static str {
    lang.pick("没有安装任何数据更新", "No data packs are installed")
}

/// The footer note of a sheet printed with packs installed: ` + “XX市 2027 节假日”（XX市人民医院 医保办）`.
pub fn pack_footer(lang: Lang, packs: &[PackLabel]) -> String {
    packs
        .iter()
        .map(|p| match lang {
            Lang::Zh => format!(" + “{}”（{} 制作）", p.title, p.made_by),
            Lang::En => format!(" + “{}” (made by {})", p.title, p.made_by),
        })
        .collect()
}

/// The app's 数据更新 page.
pub struct DataWords {
    pub button: &'static str,
    pub button_hint: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub choose: &'static str,
    pub pick_title: &'static str,
    pub no_files_here: &'static str,
    pub file_filter: &'static str,
    pub install: &'static str,
    pub cancel: &'static str,
    pub remove: &'static str,
    pub close: &'static str,
    pub installed_heading: &'static str,
    pub preview_heading: &'static str,
}

pub fn data_words(lang: Lang) -> DataWords {
    match lang {
        Lang::Zh => DataWords {
            button: "数据更新",
            button_hint: "安装或移除数据更新包（新一年的节假日、新的地区、更正的期限）",
            title: "数据更新",
            intro: "数据更新包（.yibao-data）由医院、医保经办机构或其他人制作，补充或更正本程序自带的数据。安装前会先显示它会改变哪些已保存清单。",
            choose: "选择数据更新包…",
            pick_title: "选择要安装的数据更新包（.yibao-data）：",
            no_files_here: "这个文件夹里没有数据更新包（.yibao-data）。",
            file_filter: "数据更新包",
            install: "安装",
            cancel: "取消",
            remove: "移除",
            close: "返回",
            installed_heading: "已安装的数据更新",
            preview_heading: "安装前预览（尚未做任何更改）",
        },
        Lang::En => DataWords {
            button: "Data updates",
            button_hint: "Install or remove data packs (next year's holidays, a new region, a corrected deadline)",
            title: "Data updates",
            intro: "A data pack (.yibao-data) is made by a hospital, an insurance office or someone else, and adds to or corrects the data that comes with this program. Before installing, it shows which saved cases it would change.",
            choose: "Choose a data pack…",
            pick_title: "Choose the data pack to install (.yibao-data):",
            no_files_here: "No data packs (.yibao-data) in this folder.",
            file_filter: "Data pack",
            install: "Install",
            cancel: "Cancel",
            remove: "Remove",
            close: "Back",
            installed_heading: "Installed data packs",
            preview_heading: "Preview (nothing has changed yet)",
        },
    }
}
