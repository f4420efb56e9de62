//! The app's state without any drawing: settings, the open cases, the wizard position, the
//! derivation cache, autosave and the messages to show. Every rule comes from the engine.

use super::strings::Msg;
use crate::cases::{Case, Store, StoreError};
use crate::catalog::{Catalog, CatalogError, Lang, Question, QuestionKind};
use crate::engine::{self, AnswerError, Answers, Derivation, DeriveError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

/// UI settings remembered between runs (eframe storage). Cases are never stored here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// Text size, 1.0 – 2.0 (applied with `Context::set_zoom_factor`).
    pub zoom: f32,
    pub dark: bool,
    /// The case open when the app was closed.
    pub last_case: Option<String>,
    /// Whether the list of saved checklists is shown.
    pub show_list: bool,
    /// The printer last chosen (when there is more than one).
    pub printer: Option<String>,
    /// The window's inner size in points at 100 % text (physical pixels / the screen's scale),
    /// so that the text size never changes the window's size across restarts.
    pub window: Option<[f32; 2]>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            zoom: 1.0,
            dark: false,
            last_case: None,
            show_list: true,
            printer: None,
            window: None,
        }
    }
}

pub const MIN_ZOOM: f32 = 1.0;
pub const MAX_ZOOM: f32 = 2.0;
pub const ZOOM_STEP: f32 = 0.25;
/// Seconds after the last edit before it is written.
pub const AUTOSAVE_DELAY: f64 = 0.5;

impl Settings {
    /// The zoom clamped to the allowed range (a hand-edited settings file cannot break the UI).
    pub fn clamped_zoom(&self) -> f32 {
        if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            1.0
        }
    }
    pub fn zoom_in(&mut self) {
        self.zoom = ((self.clamped_zoom() + ZOOM_STEP) / ZOOM_STEP).round() * ZOOM_STEP;
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    }
    pub fn zoom_out(&mut self) {
        self.zoom = ((self.clamped_zoom() - ZOOM_STEP) / ZOOM_STEP).round() * ZOOM_STEP;
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    }
}

/// Which page the central panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// No case open.
    Welcome,
    /// One question of the wizard.
    Wizard,
    /// The answers, each with a change link.
    Review,
    Checklist,
    /// The front desk's common situations (常用情形).
    Quick,
}

/// Why the wizard did not move on.
#[derive(Debug, Clone, PartialEq)]
pub enum WizardError {
    ChooseOne,
    DateRequired,
    Answer(Vec<AnswerError>),
}

/// Where the wizard stands in the open case.
#[derive(Debug, Clone, Default)]
pub struct Wizard {
    /// Id of the question shown.
    pub question: String,
    /// Opened from the review page: "next" returns there once nothing new is to be asked.
    pub from_review: bool,
    /// What the user typed in date fields, by question id (kept until it is valid).
    pub date_text: HashMap<String, String>,
    pub error: Option<WizardError>,
    /// Optional questions the user skipped in this session.
    pub skipped: BTreeSet<String>,
    /// The furthest progress shown in this session (0–1): the bar never moves backwards when
    /// an answer brings in more questions.
    pub progress: f32,
}

/// A derivation as cached: recomputed only when the answers (or today) change.
pub type Derived = Rc<Result<Derivation, DeriveError>>;

struct CacheEntry {
    answers: Answers,
    today: NaiveDate,
    result: Derived,
}

/// A case just deleted, for undo.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub case: Case,
    /// Index it had in the list.
    pub index: usize,
    /// Whether the store moved it to its trash (else it was never saved and lives only here).
    pub in_store: bool,
}

/// A dismissable message.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    pub id: u64,
    pub msg: Msg,
    pub error: bool,
    /// When it was shown (seconds of the app's clock): information fades after a while.
    pub created: f64,
    /// A file the message is about: offered to open, with its folder.
    pub path: Option<PathBuf>,
}

/// A case's line in the side panel.
#[derive(Debug, Clone, Default)]
pub struct CaseSummary {
    /// Labels of the first choice answers, joined.
    pub scenario: String,
    pub answered: bool,
    pub complete: bool,
    /// Ticked / tickable items (when the checklist can be made).
    pub progress: Option<(usize, usize)>,
    /// The nearest limit: date and days left.
    pub next_deadline: Option<(NaiveDate, i64)>,
}

pub struct State {
    pub catalog: Catalog,
    pub catalog_errors: Vec<CatalogError>,
    pub store: Option<Store>,
    pub read_only: bool,
    pub cases: Vec<Case>,
    /// Id of the open case.
    pub current: Option<String>,
    pub screen: Screen,
    pub wizard: Wizard,
    pub today: NaiveDate,
    pub fixed_today: bool,
    pub settings: Settings,
    pub banners: Vec<Banner>,
    next_banner: u64,
    /// Failed saves by case id: the case stays in memory and is retried on the next edit.
    pub save_errors: BTreeMap<String, (String, StoreError)>,
    pub deleted: Option<Deleted>,
    cache: HashMap<String, CacheEntry>,
    /// Side-panel summaries, valid while `edits`, the language and today are unchanged.
    summaries: HashMap<String, (u64, Lang, NaiveDate, CaseSummary)>,
    /// Bumped on every change to any case.
    edits: u64,
    dirty: BTreeSet<String>,
    last_edit: f64,
    /// Time of the last frame (seconds, egui's clock), for edits made outside a frame.
    pub now: f64,
}

impl State {
    /// Loads the catalog (overrides from `<data_dir>/checklists`) and the cases (from
    /// `<data_dir>/cases`). Nothing here fails: problems become banners.
    pub fn load(
        data_dir: Option<PathBuf>,
        catalog: Option<Catalog>,
        today: Option<NaiveDate>,
        settings: Settings,
    ) -> State {
        let (catalog, catalog_errors) = match catalog {
            Some(c) => (c, Vec::new()),
            None => Catalog::load_with_overrides(
                data_dir.as_ref().map(|d| d.join("checklists")).as_deref(),
            ),
        };
        let mut state = State {
            catalog,
            catalog_errors,
            store: None,
            read_only: false,
            cases: Vec::new(),
            current: None,
            screen: Screen::Welcome,
            wizard: Wizard::default(),
            today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
            fixed_today: today.is_some(),
            settings,
            banners: Vec::new(),
            next_banner: 0,
            save_errors: BTreeMap::new(),
            deleted: None,
            cache: HashMap::new(),
            summaries: HashMap::new(),
            edits: 0,
            dirty: BTreeSet::new(),
            last_edit: 0.0,
            now: 0.0,
        };
        match data_dir.map(|d| d.join("cases")) {
            None => {
                state.read_only = true;
                state.push_banner(Msg::NoDataDir, true);
            }
            Some(dir) => match Store::open(&dir) {
                Ok((store, report)) => {
                    state.read_only = report.read_only;
                    for q in &report.quarantined {
                        state.push_banner(
                            Msg::Quarantined {
                                file: file_name(&q.original),
                                moved_to: q.moved_to.display().to_string(),
                                reason: q.reason.clone(),
                            },
                            true,
                        );
                    }
                    for id in &report.recovered_from_backup {
                        let label = report
                            .cases
                            .iter()
                            .find(|c| &c.id == id)
                            .map_or(id.clone(), |c| c.label.clone());
                        state.push_banner(Msg::Recovered { label }, false);
                    }
                    for n in &report.newer_schema {
                        state.push_banner(
                            Msg::NewerSchema {
                                file: file_name(&n.path),
                            },
                            false,
                        );
                    }
                    for w in &report.warnings {
                        state.push_banner(Msg::StoreWarning(w.clone()), false);
                    }
                    state.cases = report.cases;
                    state.store = Some(store);
                }
                Err(e) => {
                    state.read_only = true;
                    state.push_banner(
                        Msg::StoreOpenFailed {
                            dir: dir.display().to_string(),
                            err: super::strings::store_error(state.settings.lang, &e),
                        },
                        true,
                    );
                }
            },
        }
        if let Some(id) = state.settings.last_case.clone()
            && state.case(&id).is_some()
        {
            state.select(&id);
        }
        state
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn push_banner(&mut self, msg: Msg, error: bool) {
        self.next_banner += 1;
        self.banners.push(Banner {
            id: self.next_banner,
            msg,
            error,
            created: self.now,
            path: None,
        });
    }

    /// A message about a file, offering to open it and its folder.
    pub fn push_file_banner(&mut self, msg: Msg, error: bool, path: PathBuf) {
        self.push_banner(msg, error);
        if let Some(b) = self.banners.last_mut() {
            b.path = Some(path);
        }
    }

    pub fn dismiss_banner(&mut self, id: u64) {
        self.banners.retain(|b| b.id != id);
    }

    /// Recomputes today (unless fixed), so deadlines stay right in a window left open overnight.
    pub fn refresh_today(&mut self) {
        if !self.fixed_today {
            self.today = chrono::Local::now().date_naive();
        }
    }

    // ---- cases ----

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn current_case(&self) -> Option<&Case> {
        self.current.as_deref().and_then(|id| self.case(id))
    }

    /// Edits a case, marks it for saving and drops nothing else. A read-only window (another one
    /// holds the data) changes nothing: its editing controls are disabled and say why.
    pub fn edit(&mut self, id: &str, f: impl FnOnce(&mut Case)) {
        if self.read_only {
            return;
        }
        let Some(case) = self.cases.iter_mut().find(|c| c.id == id) else {
            return;
        };
        let before = case.clone();
        f(case);
        if *case != before {
            case.touch();
            self.mark_dirty(id);
        }
    }

    fn mark_dirty(&mut self, id: &str) {
        self.edits += 1;
        if self.read_only {
            return;
        }
        self.dirty.insert(id.to_string());
        self.last_edit = self.now;
    }

    /// A fresh case, opened in the wizard at the first question.
    pub fn new_case(&mut self) -> String {
        if self.read_only {
            return String::new();
        }
        let n = self.cases.len() + 1;
        let mut label = super::strings::untitled(self.lang(), n);
        let mut k = n;
        while self.cases.iter().any(|c| c.label == label) {
            k += 1;
            label = super::strings::untitled(self.lang(), k);
        }
        let case = Case::new(label);
        let id = case.id.clone();
        self.cases.insert(0, case);
        self.mark_dirty(&id);
        self.select(&id);
        id
    }

    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        if self.read_only {
            return None;
        }
        let src = self.case(id)?.clone();
        let mut copy = Case::new(format!(
            "{}{}",
            src.label,
            super::strings::s(self.lang()).copy_suffix
        ));
        copy.answers = src.answers.clone();
        copy.items = src.items.clone();
        let new_id = copy.id.clone();
        let at = self.cases.iter().position(|c| c.id == id).unwrap_or(0);
        self.cases.insert(at, copy);
        self.mark_dirty(&new_id);
        self.select(&new_id);
        Some(new_id)
    }

    /// Adds a case read from a file (it has a fresh id already) and opens it.
    pub fn add_imported(&mut self, case: Case) {
        if self.read_only {
            return;
        }
        let id = case.id.clone();
        self.cases.insert(0, case);
        self.mark_dirty(&id);
        self.select(&id);
    }

    pub fn rename(&mut self, id: &str, label: &str) {
        let label = label.trim();
        if label.is_empty() {
            return;
        }
        self.edit(id, |c| c.label = label.to_string());
    }

    /// Deletes a case (into the store's trash) and keeps it for undo.
    pub fn delete(&mut self, id: &str) {
        if self.read_only {
            return;
        }
        let Some(index) = self.cases.iter().position(|c| c.id == id) else {
            return;
        };
        // Write pending edits first, so undo brings back the latest version.
        if self.dirty.contains(id) {
            self.save_one(id);
        }
        let label = self.cases[index].label.clone();
        let in_store = match &self.store {
            Some(store) if !self.read_only => match store.delete(id) {
                Ok(()) => true,
                Err(StoreError::NotFound(_)) => false,
                Err(e) => {
                    let err = super::strings::store_error(self.lang(), &e);
                    self.push_banner(Msg::DeleteFailed { label, err }, true);
                    return;
                }
            },
            _ => false,
        };
        let case = self.cases.remove(index);
        self.dirty.remove(id);
        self.save_errors.remove(id);
        self.cache.remove(id);
        if self.current.as_deref() == Some(id) {
            self.current = None;
            self.screen = Screen::Welcome;
            self.settings.last_case = None;
        }
        self.deleted = Some(Deleted {
            case,
            index,
            in_store,
        });
    }

    pub fn undo_delete(&mut self) {
        let Some(d) = self.deleted.take() else { return };
        let mut case = d.case;
        let mut need_save = true;
        if d.in_store
            && let Some(store) = &self.store
            && let Ok(restored) = store.undelete(&case.id)
        {
            case = restored;
            need_save = false;
        }
        let id = case.id.clone();
        self.cases.insert(d.index.min(self.cases.len()), case);
        if need_save {
            self.mark_dirty(&id);
        }
        self.select(&id);
    }

    /// Opens a case: the checklist when it can be made, else the wizard.
    pub fn select(&mut self, id: &str) {
        if self.case(id).is_none() {
            return;
        }
        self.current = Some(id.to_string());
        self.settings.last_case = Some(id.to_string());
        self.wizard = Wizard::default();
        let answered = self.case(id).is_some_and(|c| !c.answers.0.is_empty());
        let complete = self
            .derived(id)
            .is_some_and(|d| matches!(&*d, Ok(d) if d.is_complete()));
        if answered && complete {
            self.screen = Screen::Checklist;
        } else {
            self.start_wizard();
        }
    }

    // ---- derivation ----

    /// The checklist of a case, derived once per answer set (and day).
    pub fn derived(&mut self, id: &str) -> Option<Derived> {
        let case = self.cases.iter().find(|c| c.id == id)?;
        if let Some(e) = self.cache.get(id)
            && e.answers == case.answers
            && e.today == self.today
        {
            return Some(e.result.clone());
        }
        // Answers to questions the data no longer has are kept in the file but not used.
        let known = Answers(
            case.answers
                .0
                .iter()
                .filter(|(q, _)| self.catalog.question(q).is_some())
                .map(|(q, v)| (q.clone(), v.clone()))
                .collect(),
        );
        let result = Rc::new(engine::derive(&self.catalog, &known, self.today));
        self.cache.insert(
            id.to_string(),
            CacheEntry {
                answers: case.answers.clone(),
                today: self.today,
                result: result.clone(),
            },
        );
        Some(result)
    }

    /// A case's line in the side panel (cached until the next edit).
    pub fn summary(&mut self, id: &str) -> CaseSummary {
        let key = (self.edits, self.lang(), self.today);
        if let Some((e, l, t, s)) = self.summaries.get(id)
            && (*e, *l, *t) == key
        {
            return s.clone();
        }
        let s = self.make_summary(id);
        self.summaries
            .insert(id.to_string(), (key.0, key.1, key.2, s.clone()));
        s
    }

    fn make_summary(&mut self, id: &str) -> CaseSummary {
        let lang = self.lang();
        let Some(derived) = self.derived(id) else {
            return CaseSummary::default();
        };
        let case = self.case(id).expect("derived implies the case exists");
        let mut s = CaseSummary {
            answered: !case.answers.0.is_empty(),
            ..Default::default()
        };
        if let Ok(d) = &*derived {
            s.scenario = d
                .answers
                .iter()
                .filter(|a| {
                    self.catalog
                        .question(&a.question)
                        .is_some_and(|q| q.kind == QuestionKind::Choice)
                })
                .take(3)
                .map(|a| a.value_label.get(lang).to_string())
                .collect::<Vec<_>>()
                .join(" · ");
            s.complete = d.is_complete();
            if s.complete {
                let ids = d.tickable_ids();
                let done = ids.iter().filter(|i| case.is_done(i)).count();
                s.progress = Some((done, ids.len()));
            }
            s.next_deadline = d
                .next_deadline()
                .and_then(|(_, v)| Some((v.date?, v.days_left?)));
        }
        s
    }

    // ---- wizard ----

    /// The questions asked for the open case's answers, in order.
    pub fn asked(&self) -> Vec<&Question> {
        match self.current_case() {
            Some(c) => engine::asked_questions(&self.catalog, &c.answers),
            None => Vec::new(),
        }
    }

    /// Opens the wizard at the first unanswered question (or the first question).
    pub fn start_wizard(&mut self) {
        let Some(case) = self.current_case() else {
            return;
        };
        let next = engine::next_questions(&self.catalog, &case.answers);
        let q = next
            .first()
            .map(|q| q.id.clone())
            .or_else(|| self.catalog.questions.first().map(|q| q.id.clone()));
        match q {
            Some(q) => self.goto_question(&q, false),
            None => self.screen = Screen::Review,
        }
    }

    pub fn goto_question(&mut self, qid: &str, from_review: bool) {
        self.wizard.question = qid.to_string();
        self.wizard.from_review = from_review;
        self.wizard.error = None;
        if let Some(v) = self
            .current_case()
            .and_then(|c| c.answers.get(qid))
            .map(str::to_string)
        {
            self.wizard.date_text.insert(qid.to_string(), v);
        }
        self.screen = Screen::Wizard;
    }

    /// Sets a choice answer. Answers that no longer apply are pruned; ticks are never touched.
    pub fn set_choice(&mut self, qid: &str, option: &str) {
        if self.read_only {
            return;
        }
        let Some(id) = self.current.clone() else {
            return;
        };
        let catalog = &self.catalog;
        let Some(case) = self.cases.iter_mut().find(|c| c.id == id) else {
            return;
        };
        if case.answers.get(qid) == Some(option) {
            return;
        }
        let mut answers = case.answers.clone();
        answers.set(qid, option);
        case.answers = engine::prune_answers(catalog, &answers);
        case.touch();
        self.wizard.error = None;
        self.mark_dirty(&id);
    }

    fn remove_answer(&mut self, qid: &str) {
        let Some(id) = self.current.clone() else {
            return;
        };
        let catalog = &self.catalog;
        let Some(case) = self.cases.iter_mut().find(|c| c.id == id) else {
            return;
        };
        if case.answers.remove(qid).is_some() {
            case.answers = engine::prune_answers(catalog, &case.answers);
            case.touch();
            self.mark_dirty(&id);
        }
    }

    /// The errors a date would have, as the engine checks it against the other answers.
    pub fn date_errors(&self, qid: &str, value: &str) -> Vec<AnswerError> {
        let Some(case) = self.current_case() else {
            return Vec::new();
        };
        let mut answers = case.answers.clone();
        answers.set(qid, value);
        engine::check_answers(&self.catalog, &answers, self.today)
            .into_iter()
            .filter(|e| {
                e.question == qid || matches!(&e.kind, engine::AnswerErrorKind::DateOrder { other, .. } if other == qid)
            })
            .collect()
    }

    /// "Next": checks the answer on screen, then moves on. Returns whether it moved.
    pub fn wizard_next(&mut self) -> bool {
        let qid = self.wizard.question.clone();
        let Some(q) = self.catalog.question(&qid).cloned() else {
            self.screen = Screen::Review;
            return true;
        };
        let answered = self
            .current_case()
            .is_some_and(|c| c.answers.is_answered(&qid));
        match q.kind {
            QuestionKind::Choice => {
                if !answered {
                    self.wizard.error = Some(WizardError::ChooseOne);
                    return false;
                }
            }
            QuestionKind::Date => {
                let typed = self.wizard.date_text.get(&qid).cloned().unwrap_or_default();
                let value = normalize_date(&typed);
                if value.is_empty() {
                    if q.required {
                        self.wizard.error = Some(WizardError::DateRequired);
                        return false;
                    }
                    self.remove_answer(&qid);
                    self.wizard.skipped.insert(qid.clone());
                } else {
                    let errors = self.date_errors(&qid, &value);
                    if !errors.is_empty() {
                        self.wizard.error = Some(WizardError::Answer(errors));
                        return false;
                    }
                    self.wizard.date_text.insert(qid.clone(), value.clone());
                    self.set_answer_value(&qid, &value);
                }
            }
        }
        self.wizard.error = None;
        self.advance_from(&qid);
        true
    }

    fn set_answer_value(&mut self, qid: &str, value: &str) {
        if self.read_only {
            return;
        }
        let Some(id) = self.current.clone() else {
            return;
        };
        let catalog = &self.catalog;
        let Some(case) = self.cases.iter_mut().find(|c| c.id == id) else {
            return;
        };
        if case.answers.get(qid) == Some(value) {
            return;
        }
        let mut answers = case.answers.clone();
        answers.set(qid, value);
        case.answers = engine::prune_answers(catalog, &answers);
        case.touch();
        self.mark_dirty(&id);
    }

    /// Skips this and the following optional date questions in one go (each costs a click
    /// otherwise); stops at the first question that is not an optional date.
    pub fn wizard_skip_optional_dates(&mut self) {
        for _ in 0..self.catalog.questions.len() {
            if self.screen != Screen::Wizard {
                break;
            }
            let q = self.catalog.question(&self.wizard.question).cloned();
            match q {
                Some(q) if q.kind == QuestionKind::Date && !q.required => self.wizard_skip(),
                _ => break,
            }
        }
    }

    /// Skips an optional question (its answer, if any, is removed).
    pub fn wizard_skip(&mut self) {
        let qid = self.wizard.question.clone();
        self.remove_answer(&qid);
        self.wizard.date_text.remove(&qid);
        self.wizard.skipped.insert(qid.clone());
        self.wizard.error = None;
        self.advance_from(&qid);
    }

    fn advance_from(&mut self, qid: &str) {
        let Some(case) = self.current_case() else {
            return;
        };
        let asked: Vec<String> = engine::asked_questions(&self.catalog, &case.answers)
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let pos = asked.iter().position(|q| q == qid);
        let later = pos.map_or(&asked[..], |p| &asked[p + 1..]);
        let target = if self.wizard.from_review {
            // Back to the review once nothing new is asked after this question.
            later
                .iter()
                .find(|q| !case.answers.is_answered(q) && !self.wizard.skipped.contains(*q))
                .cloned()
        } else {
            later.first().cloned()
        };
        match target {
            Some(next) => {
                let from_review = self.wizard.from_review;
                self.goto_question(&next, from_review);
            }
            None => {
                self.wizard.from_review = false;
                self.screen = Screen::Review;
            }
        }
    }

    pub fn wizard_back(&mut self) {
        let qid = self.wizard.question.clone();
        let asked: Vec<String> = self.asked().iter().map(|q| q.id.clone()).collect();
        match asked.iter().position(|q| *q == qid) {
            Some(p) if p > 0 => {
                let from_review = self.wizard.from_review;
                self.goto_question(&asked[p - 1].clone(), from_review);
            }
            _ => {}
        }
    }

    // ---- ticks and notes ----

    pub fn set_done(&mut self, item: &str, done: bool) {
        if let Some(id) = self.current.clone() {
            self.edit(&id, |c| c.set_done(item, done));
        }
    }

    pub fn set_note(&mut self, item: &str, note: &str) {
        if let Some(id) = self.current.clone() {
            self.edit(&id, |c| c.set_note(item, note));
        }
    }

    // ---- saving ----

    /// Writes edits `AUTOSAVE_DELAY` after the last one. Returns the seconds until the next
    /// write is due, for `request_repaint_after`.
    pub fn autosave(&mut self, now: f64) -> Option<f64> {
        self.now = now;
        if self.dirty.is_empty() {
            return None;
        }
        let due = self.last_edit + AUTOSAVE_DELAY;
        if now >= due {
            self.flush();
            None
        } else {
            Some(due - now)
        }
    }

    pub fn has_unsaved(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Writes every edited case now (exit, delete, tests).
    pub fn flush(&mut self) {
        for id in std::mem::take(&mut self.dirty) {
            self.save_one(&id);
        }
    }

    fn save_one(&mut self, id: &str) {
        self.dirty.remove(id);
        let (Some(store), Some(case)) = (&self.store, self.cases.iter().find(|c| c.id == id))
        else {
            return;
        };
        if self.read_only {
            return;
        }
        match store.save(case) {
            Ok(()) => {
                self.save_errors.remove(id);
            }
            Err(e) => {
                self.save_errors
                    .insert(id.to_string(), (case.label.clone(), e));
            }
        }
    }

    /// Tries the failed saves again.
    pub fn retry_saves(&mut self) {
        let ids: Vec<String> = self.save_errors.keys().cloned().collect();
        for id in ids {
            self.save_one(&id);
        }
    }
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Tidies a typed date: full-width digits, `/`, `.` and `年月日` separators, and one-digit months
/// and days become `YYYY-MM-DD`. Anything else is returned trimmed, for the engine to reject in
/// words. Never changes which day is meant.
pub fn normalize_date(input: &str) -> String {
    let s: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日', '－', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == 3
        && parts[0].len() == 4
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
    {
        return format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_tidied_without_changing_the_day() {
        assert_eq!(normalize_date(" 2025/3/1 "), "2025-03-01");
        assert_eq!(normalize_date("2025年3月10日"), "2025-03-10");
        assert_eq!(normalize_date("２０２５-０３-１０"), "2025-03-10");
        assert_eq!(normalize_date("2025-02-30"), "2025-02-30");
        assert_eq!(normalize_date("3/1/2025"), "3/1/2025");
        assert_eq!(normalize_date("abc"), "abc");
        assert_eq!(normalize_date(""), "");
    }

    #[test]
    fn zoom_stays_in_range() {
        let mut s = Settings::default();
        for _ in 0..10 {
            s.zoom_in();
        }
        assert_eq!(s.zoom, MAX_ZOOM);
        for _ in 0..10 {
            s.zoom_out();
        }
        assert_eq!(s.zoom, MIN_ZOOM);
        s.zoom = f32::NAN;
        assert_eq!(s.clamped_zoom(), 1.0);
    }
}
