//! The catalog's rules (`validate`), in Chinese; the English is the data editors' wording in
//! `catalog::problem::Rule`'s `Display`.

use crate::catalog::Lang;
use crate::catalog::problem::{Part, Rule};

fn part(p: &Part) -> String {
    match p {
        Part::Option(id) => return format!("选项“{id}”"),
        Part::Prompt => "问题文字",
        Part::HelpText => "帮助文字",
        Part::ShortLabel => "简称",
        Part::AskWhen => "提问条件 ask_when",
        Part::NotBefore => "not_before（不早于）",
        Part::Name => "名称",
        Part::Region => "该地区",
        Part::Channel => "该渠道",
        Part::Why => "用途说明 why",
        Part::Description => "说明",
        Part::When => "适用条件 when",
        Part::Material => "该材料",
        Part::FormRule => "一条原件/复印件规则",
        Part::FormatRule => "一条格式要求",
        Part::Obtain => "一条获取途径",
        Part::Alternative => "一条替代办法",
        Part::Title => "标题",
        Part::Detail => "详细说明",
        Part::Step => "该步骤",
        Part::Label => "名称 label",
        Part::Version => "一个说法",
        Part::VersionWhen => "一个说法的适用条件",
        Part::From => "起算日期 from",
        Part::VersionNote => "一个说法的附注",
        Part::Note => "一条附注",
        Part::QuickSheet => "该常用情形",
        Part::NotSameAs => "不得相同的条件 not_same_as",
    }
    .to_string()
}

/// A broken rule in the user's language.
pub fn rule(lang: Lang, r: &Rule) -> String {
    use Rule as R;
    if lang == Lang::En {
        return r.to_string();
    }
    match r {
        R::MissingText {
            id,
            part: p,
            missing,
        } => format!(
            "“{id}”：{}没有{}文字",
            part(p),
            missing.pick("中文（zh）", "英文（en）")
        ),
        R::NoSource { id, part: p } => format!("“{id}”：{}没有注明来源", part(p)),
        R::UnknownSource {
            id,
            part: p,
            source_id,
        } => format!("“{id}”：{}引用了不存在的来源“{source_id}”", part(p)),
        R::UnknownSnippet {
            id,
            part: p,
            snippet,
            source_id,
        } => format!(
            "“{id}”：{}引用了摘录“{snippet}”，但来源“{source_id}”中没有这一条",
            part(p)
        ),
        R::UnknownQuestion {
            id,
            part: p,
            question,
        } => format!("“{id}”：{}提到了不存在的问题“{question}”", part(p)),
        R::AskedLater {
            id,
            part: p,
            question,
        } => format!(
            "“{id}”：{}提到的问题“{question}”排在它之后，还没有问到",
            part(p)
        ),
        R::DateAsChoice {
            id,
            part: p,
            question,
        } => format!("“{id}”：{}把日期问题“{question}”当作选择题来比较", part(p)),
        R::UnknownOption {
            id,
            part: p,
            question,
            option,
            options,
        } => format!(
            "“{id}”：{}提到问题“{question}”不存在的选项“{option}”（可用选项：{}）",
            part(p),
            options.join(", ")
        ),
        R::NotADate {
            id,
            part: p,
            question,
        } => format!("“{id}”：{}“{question}”不是日期问题", part(p)),
        R::ReplacesUnknown { id, target } => {
            format!("“{id}”：replaces 指向不存在的条目“{target}”")
        }
        R::NoScope {
            id,
            part: p,
            places,
        } => format!(
            "“{id}”：{}只引用了关于某一地的来源（{}），但没有写明适用范围 scope",
            part(p),
            places.join("、")
        ),
        R::CodeVersionOutOfRange { version } => {
            format!("清单码表的版本 {version} 不可用：版本只能是 1、2 或 3")
        }
        R::CodeTableChanged {
            version,
            previous,
            what,
        } => format!(
            "清单码表版本 {version} 没有在版本 {previous} 的基础上只增不改（{what}）：已印出的清单码依赖旧版本，旧的问题和选项不能删改或换序"
        ),
        R::NotInCode {
            version,
            question,
            option,
        } => match option {
            Some(o) => format!(
                "清单码（码表版本 {version}）装不下回答 {question}={o}：有这个回答的清单不会生成清单码；请在 handoff 中新增一个版本"
            ),
            None => format!(
                "清单码（码表版本 {version}）装不下问题“{question}”：请在 handoff 中新增一个版本"
            ),
        },
        R::ReplacesItself { id } => format!("“{id}”：replaces 指向了它自己"),
        R::ReplaceEachOther {
            id,
            other,
            other_place,
        } => format!("“{id}”和“{other}”（{other_place}）互相替代：两者都适用时，哪一条都不会显示"),
        R::ReplaceLosesThird {
            id,
            target,
            target_place,
            lost,
        } => {
            let lost = lost.join("”“");
            format!(
                "“{id}”：替代了“{target}”（{target_place}），而后者又替代“{lost}”：两者都适用时，“{lost}”不会显示，也没有条目顶替它（请一并替代它，或不要替代“{target}”）"
            )
        }
        R::SourceWithoutTitle { id } => format!("来源“{id}”没有标题"),
        R::ChoiceWithoutOptions { id } => format!("选择题“{id}”没有选项"),
        R::DateWithOptions { id } => format!("日期问题“{id}”不应有选项"),
        R::RepeatedOption { id, option } => format!("问题“{id}”的选项“{option}”重复了"),
        R::RegionNotOffered { id } => {
            format!("地区“{id}”不是任何参保地问题（insured_region）的选项")
        }
        R::UnknownChannel { id, channel } => format!("“{id}”：提到了不存在的渠道“{channel}”"),
        R::DeadlineWithoutVersions { id } => format!("期限“{id}”没有任何说法（versions）"),
        R::SpanMaxWithoutLength { id } => {
            format!("期限“{id}”：span_max 所配的期限没有长度")
        }
        R::SpanMaxBelowSpan { id, max, min } => {
            format!("期限“{id}”：span_max {max} 小于期限长度 {min}")
        }
        R::MinimumWithoutLimit { id } => {
            format!("期限“{id}”：`minimum` 只能用于有长度的时限（报销时限或有效期）")
        }
        R::NoticeWithoutText { id } => format!("提示“{id}”没有文字"),
        R::QuickSheetWithoutAnswers { id } => format!("快捷单“{id}”没有任何回答"),
        R::QuickSheetUnknownQuestion { id, question } => {
            format!("快捷单“{id}”：没有“{question}”这个问题")
        }
        R::QuickSheetUnknownOption {
            id,
            question,
            option,
        } => format!("快捷单“{id}”：问题“{question}”没有“{option}”这个选项"),
        R::ExtendsUnknownQuestion { option, question } => {
            format!("选项“{option}”要加到不存在的问题“{question}”上")
        }
        R::NeverAsked { id } => {
            format!("问题“{id}”永远不会被问到：没有任何回答能满足它的 ask_when")
        }
        R::EmptyChecklist { answers } => format!(
            "这组回答得到的清单是空的（没有材料或没有步骤）：{}",
            answers.join(" ")
        ),
    }
}
