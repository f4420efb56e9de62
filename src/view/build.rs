//! Building the view of a derivation: its cards in the words a person reads.

use super::citations::Numbering;
use super::model::*;
use super::strings::{self, colon, list_sep, s};
use super::summary::{plan_by, plan_by_span, summary};
use super::wording;
use crate::cases::ItemState;
use crate::catalog::{Catalog, Form, Lang, MaterialGroup, NoticeKind, Qualifier, SharedStr, Text};
use crate::engine::{DateStatus, DatedVersion, Derivation, DerivedDeadline, DerivedNotice, Reason};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A fact with its place in front and, on a sheet with open questions, the open answers it
/// applies under: "若办理途径为窗口：【上海】…".
fn placed(t: &Text, scope: Option<&Text>, when: Option<&Qualifier>, lang: Lang) -> SharedStr {
    match when {
        None => scoped(t, scope, lang),
        Some(q) => strings::qualified(lang, Some(q), &scoped(t, scope, lang)).into(),
    }
}

/// "就医类型：住院；…": the answers that made an entry apply.
fn reasons_text(reasons: &[Reason], lang: Lang) -> String {
    fn parts(r: &Reason, lang: Lang) -> [&str; 3] {
        [
            r.question_label.get(lang),
            colon(lang),
            r.value_label.get(lang),
        ]
    }
    let len = reasons.len() * list_sep(lang).len();
    let mut out = String::with_capacity(
        len + reasons
            .iter()
            .flat_map(|r| parts(r, lang))
            .map(str::len)
            .sum::<usize>(),
    );
    for r in reasons {
        if !out.is_empty() {
            out.push_str(list_sep(lang));
        }
        for part in parts(r, lang) {
            out.push_str(part);
        }
    }
    out
}

fn version_view(
    dl: &DerivedDeadline,
    i: usize,
    v: &DatedVersion,
    safest: Option<usize>,
    nos: &Arc<Numbering>,
    blank: bool,
) -> VersionView {
    let lang = nos.lang;
    let t = s(lang);
    let mark = (dl.conflict && safest == Some(i)).then(|| {
        if dl.kind.is_limit() {
            t.safest_limit.into()
        } else {
            t.safest_estimate.into()
        }
    });
    VersionView {
        span: wording::span_text(v.span, v.span_max, lang),
        text: placed(&v.text, v.scope.as_ref(), v.when.as_ref(), lang),
        when: (!blank).then(|| wording::version_date_text(v, lang)),
        urgency: Urgency::of(v),
        safest: mark,
        counted_from: match (&v.from_label, v.start, blank) {
            (Some(from), Some(start), false) => Some(format!(
                "{}{}{} {start}",
                t.counted_from,
                colon(lang),
                from.get(lang)
            )),
            _ => None,
        },
        assumption: v.assumption.as_ref().map(|a| a.get(lang).to_string()),
        consequence: v
            .consequence
            .as_ref()
            .map(|c| format!("{}{}{}", t.if_missed, colon(lang), c.get(lang))),
        cites: nos.short(&v.sources),
        sources: nos.long([&v.sources], false),
    }
}

fn deadline_card(
    catalog: &Catalog,
    d: &Derivation,
    dl: &DerivedDeadline,
    nos: &Arc<Numbering>,
    blank: bool,
) -> DeadlineCard {
    let lang = nos.lang;
    // On a blank sheet, versions that apply under some open answers only are listed with them;
    // the headline plans by the others (by all of them when none is unconditional).
    let plain = dl.versions.iter().any(|v| v.when.is_none());
    let split = blank && plain && dl.versions.iter().any(|v| v.when.is_some());
    let safest = if split {
        plan_by_span(dl, |v| v.when.is_none())
    } else {
        plan_by(dl)
    };
    let rules_when = if split {
        dl.versions
            .iter()
            .filter(|v| v.when.is_some())
            .map(|v| strings::qualified(lang, v.when.as_ref(), &wording::rule_text(v, lang)))
            .collect()
    } else {
        Vec::new()
    };
    let versions: Vec<VersionView> = dl
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| version_view(dl, i, v, safest, nos, blank))
        .collect();
    let lead_at = safest.or((!dl.versions.is_empty()).then_some(0));
    let lead = lead_at.map(|i| &dl.versions[i]);
    // The lead version's lines as its view has them, instead of writing them again.
    let lead_view = lead_at.map(|i| &versions[i]);
    let urgency = if blank {
        Urgency::NoDate
    } else {
        lead.map_or(Urgency::NoDate, Urgency::of)
    };
    let headline = match (blank, lead, lead_view) {
        (true, Some(v), _) => {
            strings::qualified(lang, v.when.as_ref(), &wording::rule_text(v, lang))
        }
        (false, _, Some(view)) => view.when.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let conflict = dl.conflict.then(|| {
        strings::versions_note(
            lang,
            dl.versions.len(),
            dl.kind.is_limit(),
            safest.is_some(),
        )
    });
    let write_in = (blank && dl.kind.is_limit())
        .then(|| {
            lead.and_then(|v| {
                let from = v.from.as_deref().or(v.needs.first().map(String::as_str))?;
                let label = catalog.question(from)?.label().get(lang).to_string();
                Some(strings::write_in(lang, &label))
            })
        })
        .flatten();
    DeadlineCard {
        id: dl.id.clone(),
        // The place of the version planned by goes with the title: the headline's date is its.
        title: scoped(&dl.label, lead.and_then(|v| v.scope.as_ref()), lang),
        urgency,
        headline,
        consequence: lead_view.and_then(|view| view.consequence.clone()),
        conflict,
        enter_date: if blank {
            None
        } else {
            lead.filter(|v| v.status == DateStatus::NeedsDate)
                .and_then(|v| enter_date(d, v, lang))
        },
        write_in,
        versions,
        when: dl.when.as_ref().map(|q| strings::qualifier(lang, q)),
        rules_when,
    }
}

fn notice_card(n: &DerivedNotice, nos: &Arc<Numbering>) -> NoticeCard {
    let lang = nos.lang;
    let versions: Vec<Cited> = n
        .versions
        .iter()
        .map(|v| Cited {
            text: placed(&v.text, v.scope.as_ref(), v.when.as_ref(), lang),
            cites: nos.short(&v.sources),
        })
        .collect();
    NoticeCard {
        id: n.id.clone(),
        kind: n.kind,
        // One place for every version: the title says it too (a card shown by its title alone).
        title: {
            let first = n.versions.first().and_then(|v| v.scope.as_ref());
            let same = n.versions.iter().all(|v| v.scope.as_ref() == first);
            scoped(&n.title, first.filter(|_| same), lang)
        },
        text: (!n.conflict).then(|| versions.first().cloned()).flatten(),
        conflict: n
            .conflict
            .then(|| strings::versions_note(lang, n.versions.len(), false, false)),
        versions,
        // Every version's sources, as listed.
        sources: nos.long(n.versions.iter().map(|v| &v.sources), false),
        when: n.when.as_ref().map(|q| strings::qualifier(lang, q)),
    }
}

/// The labels of a material's detail lines, made once per view and shared by every card.
struct DetailLabels {
    what_it_is: SharedStr,
    form: SharedStr,
    requirements: SharedStr,
    where_to_get: SharedStr,
    alternatives: SharedStr,
    why_needed: SharedStr,
    because: SharedStr,
}

impl DetailLabels {
    fn new(lang: Lang) -> DetailLabels {
        let t = s(lang);
        DetailLabels {
            what_it_is: t.what_it_is.into(),
            form: t.form.into(),
            requirements: t.requirements.into(),
            where_to_get: t.where_to_get.into(),
            alternatives: t.alternatives.into(),
            why_needed: t.why_needed.into(),
            because: t.because.into(),
        }
    }
}

fn material_card(
    m: &crate::engine::DerivedMaterial,
    state: ItemState,
    labels: &DetailLabels,
    nos: &Arc<Numbering>,
) -> MaterialCard {
    let lang = nos.lang;
    let mut badges = Vec::new();
    // A form that depends on open answers is written with them (`forms_when`).
    let one_form = m.forms_when.is_empty();
    if m.form != Form::Unspecified && one_form {
        badges.push(strings::form_label(lang, m.form).into());
    }
    if let Some(n) = m.count.filter(|_| one_form) {
        badges.push(strings::count_badge(lang, n).into());
    }
    let notes = [&m.format, &m.obtain, &m.alternatives];
    let mut details = Vec::with_capacity(4 + notes.iter().map(|n| n.len()).sum::<usize>());
    let mut add = |label: &SharedStr, text: SharedStr, cites: SharedStr| {
        details.push(Detail {
            label: label.clone(),
            text,
            cites,
        })
    };
    if let Some(desc) = &m.description {
        add(&labels.what_it_is, shared(desc, lang), SharedStr::default());
    }
    let unspecified = m.form == Form::Unspecified && one_form;
    if unspecified {
        let form = strings::form_label(lang, Form::Unspecified);
        add(&labels.form, form.into(), SharedStr::default());
    }
    let kinds = [
        &labels.requirements,
        &labels.where_to_get,
        &labels.alternatives,
    ];
    for (label, notes) in kinds.into_iter().zip(notes) {
        for n in notes {
            add(
                label,
                placed(&n.text, n.scope.as_ref(), n.when.as_ref(), lang),
                nos.short(&n.sources),
            );
        }
    }
    add(
        &labels.why_needed,
        shared(&m.why, lang),
        nos.short(&m.sources),
    );
    if !m.reasons.is_empty() {
        let why = reasons_text(&m.reasons, lang);
        add(&labels.because, why.into(), SharedStr::default());
    }
    // Its own sources, then its notes', each once (`DerivedMaterial::all_sources`).
    let cites =
        std::iter::once(&m.sources).chain(notes.iter().flat_map(|n| n.iter()).map(|n| &n.sources));
    MaterialCard {
        id: m.id.clone(),
        name: scoped(&m.name, m.scope.as_ref(), lang),
        badges,
        // The first format rule, as its detail line has it.
        key_rule: details
            .get(usize::from(m.description.is_some()) + usize::from(unspecified))
            .filter(|_| !m.format.is_empty())
            .map(|x| Cited {
                text: x.text.clone(),
                cites: x.cites.clone(),
            }),
        done: state.done,
        note: state.note,
        sources: nos.long(cites, true),
        details,
        when: m.when.as_ref().map(|q| strings::qualifier(lang, q)),
        forms_when: m
            .forms_when
            .iter()
            .map(|f| {
                let mut text = strings::form_label(lang, f.form).to_string();
                if let Some(n) = f.count {
                    text.push_str(" · ");
                    text.push_str(&strings::count_badge(lang, n));
                }
                strings::qualified(lang, Some(&f.when), &text)
            })
            .collect(),
    }
}

fn step_card(st: &crate::engine::DerivedStep, state: ItemState, nos: &Arc<Numbering>) -> StepCard {
    let lang = nos.lang;
    // "name（contact）；name".
    let channels = (!st.channels.is_empty()).then(|| {
        let mut out = String::new();
        for c in &st.channels {
            if !out.is_empty() {
                out.push_str(list_sep(lang));
            }
            let name = scoped(&c.name, c.scope.as_ref(), lang);
            strings::write_channel(&mut out, lang, &name, c.contact.as_deref());
        }
        out
    });
    StepCard {
        id: st.id.clone(),
        number: st.number,
        title: scoped(&st.title, st.scope.as_ref(), lang),
        done: state.done,
        note: state.note,
        channels,
        detail: st.detail.as_ref().map(|x| shared(x, lang)),
        cites: nos.short(&st.sources),
        sources: nos.long([&st.sources], false),
        when: st.when.as_ref().map(|q| strings::qualifier(lang, q)),
    }
}

/// "[1] 上海医保卡异地费用如何报销流程（2024-05-01）", with the snippets cited from it.
fn source_line(i: usize, src: &crate::engine::SourceRef, lang: Lang) -> SourceLine {
    let t = s(lang);
    let date = src
        .date
        .as_ref()
        .map_or(String::new(), |d| strings::paren(lang, d));
    SourceLine {
        number: i + 1,
        text: format!("[{}] {}{date}", i + 1, src.title),
        snippets: (!src.snippets.is_empty()).then(|| {
            let list: Vec<&str> = src.snippets.iter().map(|x| x.as_str()).collect();
            format!("{}{}{}", t.related, colon(lang), list.join(list_sep(lang)))
        }),
    }
}

/// The name of a material or step by id (for items no longer derived), else the id.
fn item_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    catalog
        .materials
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.get(lang).to_string())
        .or_else(|| {
            catalog
                .steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.get(lang).to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Builds the view of a derivation. Texts the catalog has are shared with it, not copied.
pub fn build(catalog: &Catalog, d: &Derivation, input: &ViewInput) -> View {
    let lang = input.lang;
    let t = s(lang);
    let nos = Arc::new(Numbering::new(d, lang));
    let blank = input.blank;
    let empty = BTreeMap::new();
    let items = if blank {
        &empty
    } else {
        input.items.unwrap_or(&empty)
    };
    let state = |id: &str| items.get(id).cloned().unwrap_or_default();

    let is_date = |q: &str| {
        catalog
            .question(q)
            .is_some_and(|q| q.kind == crate::catalog::QuestionKind::Date)
    };
    // The header: the answers, without dates on a blank sheet.
    let situation: Vec<Fact> = d
        .answers
        .iter()
        .filter(|a| !(blank && is_date(&a.question)))
        .map(|a| {
            let value = shared(&a.value_label, lang);
            Fact {
                question: a.question.clone(),
                label: shared(&a.question_label, lang),
                needs_label: value.chars().count() <= 2 || is_date(&a.question),
                value,
            }
        })
        .collect();

    let labels = DetailLabels::new(lang);
    let mut groups = Vec::new();
    for g in MaterialGroup::ALL {
        let list: Vec<MaterialCard> = d
            .materials_in(g)
            .map(|m| material_card(m, state(&m.id), &labels, &nos))
            .collect();
        if !list.is_empty() {
            groups.push(MaterialGroupView {
                title: strings::group_label(lang, g).into(),
                items: list,
            });
        }
    }

    let steps: Vec<StepCard> = d
        .steps
        .iter()
        .map(|st| step_card(st, state(&st.id), &nos))
        .collect();

    let deadlines: Vec<DeadlineCard> = d
        .deadlines
        .iter()
        .map(|dl| deadline_card(catalog, d, dl, &nos, blank))
        .collect();

    let warnings: Vec<NoticeCard> = d.warnings().map(|n| notice_card(n, &nos)).collect();
    let rules: Vec<NoticeCard> = d
        .notices
        .iter()
        .filter(|n| n.kind != NoticeKind::Warning)
        .map(|n| notice_card(n, &nos))
        .collect();

    // Ticks and notes on items the answers no longer call for: kept, listed.
    let required =
        |k: &str| d.materials.iter().any(|m| m.id == *k) || d.steps.iter().any(|s| s.id == *k);
    let stale: Vec<StaleItem> = items
        .iter()
        .filter(|(k, v)| !v.is_blank() && !required(k))
        .map(|(k, v)| StaleItem {
            id: k.clone(),
            name: item_name(catalog, k, lang),
            done: v.done,
            note: v.note.clone(),
        })
        .collect();

    let summary = summary(d, &groups, &steps, &deadlines, blank, lang);

    let mut sections = Vec::new();
    let mut push = |id: SectionId, intro: Option<&str>, body: Body| {
        sections.push(Section {
            id,
            title: id.title(lang).into(),
            intro: intro.map(SharedStr::from),
            body,
        })
    };
    push(SectionId::Summary, None, Body::Summary(Box::new(summary)));
    if !warnings.is_empty() {
        push(SectionId::Warnings, None, Body::Notices(warnings));
    }
    let no_materials = groups.is_empty().then_some(t.no_materials);
    push(SectionId::Materials, no_materials, Body::Materials(groups));
    if !steps.is_empty() {
        push(SectionId::Steps, None, Body::Steps(steps));
    }
    if !deadlines.is_empty() {
        push(SectionId::Deadlines, None, Body::Deadlines(deadlines));
    }
    if !rules.is_empty() {
        push(SectionId::Rules, None, Body::Notices(rules));
    }
    if !stale.is_empty() {
        push(
            SectionId::NoLongerNeeded,
            Some(t.no_longer_intro),
            Body::Stale(stale),
        );
    }
    if !d.sources.is_empty() {
        let lines = d
            .sources
            .iter()
            .enumerate()
            .map(|(i, src)| source_line(i, src, lang))
            .collect();
        push(
            SectionId::Sources,
            Some(t.sources_intro),
            Body::Sources(lines),
        );
    }

    // Installed data packs are named beside the version: their facts are not the bundled
    // data's (`+ “XX市 2027 节假日”（… 制作）`).
    let data_version = format!(
        "{}{}",
        d.data_version,
        strings::pack_footer(lang, &catalog.packs)
    );
    let code = super::code_result(catalog, d, blank);
    View {
        lang,
        title: t.sheet_title.into(),
        // The caller decides: a front-desk sheet may carry the name the clerk typed.
        label: input.label.map(str::to_string),
        blank,
        situation,
        open: d
            .open
            .iter()
            .map(|q| OpenChoice {
                question: q.id.to_string(),
                label: shared(&q.label, lang),
                options: q.options.iter().map(|o| shared(o, lang)).collect(),
            })
            .collect(),
        open_intro: (!d.open.is_empty()).then(|| t.open_intro.into()),
        unused: d.unused.iter().map(|(q, v)| format!("{q}={v}")).collect(),
        pending_required: d.pending_required.clone(),
        sections,
        region_note: d
            .region
            .as_ref()
            .and_then(|r| r.note.as_ref())
            .map(|n| shared(n, lang)),
        disclaimer: shared(&d.disclaimer, lang),
        data_line: strings::data_version_line(lang, &data_version, d.today),
        data_version,
        today: d.today,
        no_code: code
            .as_ref()
            .err()
            .and_then(|e| super::no_code(catalog, e, lang)),
        code: code.ok(),
    }
}
