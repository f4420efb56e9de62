//! The app's state without any drawing: settings, the open cases, the wizard position, the
//! derivation cache, autosave and the messages to show, one file per concern. Every rule comes
//! from the engine.

mod cache;
mod cases;
mod list;
mod saving;
mod settings;
mod wizard;

use crate::cases::{Case, Store, StoreError};
use crate::catalog::{Catalog, CatalogError, Lang, Question, QuestionKind};
use crate::engine::{self, AnswerError, Answers, Derivation, DeriveError};
use crate::view::strings::Msg;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

pub use list::{EAGER_MAX, Loaded};
use saving::file_name;
pub use settings::*;

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
    /// Enter on an empty date a deadline is counted from: asked once before it is skipped.
    SkipDate,
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
    /// Date questions whose skipping was questioned once (Enter again skips them).
    pub skip_asked: BTreeSet<String>,
    /// The furthest progress shown in this session (0–1): the bar never moves backwards when
    /// an answer brings in more questions.
    pub progress: f32,
}

/// A derivation as cached: recomputed only when the answers (or today) change.
pub(crate) type Derived = Rc<Result<Derivation, DeriveError>>;

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
    /// Every saved case as the list shows it (from the index; see `list.rs`).
    pub index: Vec<crate::cases::index::Entry>,
    fingerprint: String,
    index_dirty: bool,
    last_index_write: f64,
    /// A large store is read on a thread started with the first frame.
    pending_load: bool,
    loader: Option<list::Loader>,
    /// Cases changed here while the store is being loaded: their entries are newer than the
    /// loading thread's.
    touched: BTreeSet<String>,
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
            None => Catalog::load_user_data(data_dir.as_deref()),
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
            index: Vec::new(),
            fingerprint: String::new(),
            index_dirty: false,
            last_index_write: 0.0,
            pending_load: false,
            loader: None,
            touched: BTreeSet::new(),
        };
        match data_dir.map(|d| d.join("cases")) {
            None => {
                state.read_only = true;
                state.push_banner(Msg::NoDataDir, true);
            }
            Some(dir) => match state.open_store(&dir) {
                Ok(()) => {}
                Err(e) => {
                    state.read_only = true;
                    state.push_banner(
                        Msg::StoreOpenFailed {
                            dir: dir.display().to_string(),
                            err: crate::view::strings::store_error(state.settings.lang, &e),
                        },
                        true,
                    );
                }
            },
        }
        if let Some(id) = state.settings.last_case.clone()
            && state.entry(&id).is_some()
        {
            state.select(&id);
        }
        state
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Grows with every change to any case: what was worked out from the cases is valid while
    /// it, the language and today stay the same.
    pub(crate) fn revision(&self) -> u64 {
        self.edits
    }

    pub(crate) fn push_banner(&mut self, msg: Msg, error: bool) {
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
    pub(crate) fn push_file_banner(&mut self, msg: Msg, error: bool, path: PathBuf) {
        self.push_banner(msg, error);
        if let Some(b) = self.banners.last_mut() {
            b.path = Some(path);
        }
    }

    pub(crate) fn dismiss_banner(&mut self, id: u64) {
        self.banners.retain(|b| b.id != id);
    }

    /// The frame's clock (seconds), and today recomputed (unless fixed), so that deadlines stay
    /// right in a window left open overnight.
    pub fn begin_frame(&mut self, now: f64) {
        self.now = now;
        if !self.fixed_today {
            self.today = chrono::Local::now().date_naive();
        }
    }

    /// Information messages older than `life` go; errors stay until dismissed.
    pub fn expire_banners(&mut self, life: impl Fn(&Banner) -> f64) {
        let now = self.now;
        self.banners
            .retain(|b| b.error || now - b.created < life(b));
    }
}

/// Tidies a typed date: full-width digits, `/`, `.` and `年月日` separators, and one-digit months
/// and days become `YYYY-MM-DD`. Anything else is returned trimmed, for the engine to reject in
/// words. Never changes which day is meant.
pub(crate) fn normalize_date(input: &str) -> String {
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
