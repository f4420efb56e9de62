//! Wizard navigation: which question, answers set and removed, next, back and skip.

use super::*;

impl State {
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
        // The bar keeps its furthest point: an answer can bring in more questions.
        let asked = self.asked();
        if let Some(pos) = asked.iter().position(|q| q.id == qid) {
            let now = (pos + 1) as f32 / asked.len() as f32;
            self.wizard.progress = self.wizard.progress.max(now);
        }
    }

    /// What the date field of `qid` holds now (kept as typed until it is valid). A change
    /// clears the message about the text before.
    pub fn type_date(&mut self, qid: &str, text: String) {
        self.wizard.error = None;
        self.wizard.date_text.insert(qid.to_string(), text);
    }

    /// Sets a choice answer. Answers that no longer apply are pruned; ticks are never touched.
    pub(crate) fn set_choice(&mut self, qid: &str, option: &str) {
        let changes = !self.read_only
            && self
                .current_case()
                .is_some_and(|c| c.answers.get(qid) != Some(option));
        if changes {
            self.wizard.error = None;
        }
        self.set_answer_value(qid, option);
    }

    /// Replaces the refused answer on screen by the one its question offers instead.
    pub(crate) fn choose_instead(&mut self, qid: &str, option: &str) {
        if self.read_only {
            return;
        }
        let refused = self.wizard.question.clone();
        self.remove_answer(&refused);
        self.set_choice(qid, option);
        self.wizard.error = None;
        self.start_wizard();
    }

    pub(super) fn remove_answer(&mut self, qid: &str) {
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
    pub(crate) fn date_errors(&self, qid: &str, value: &str) -> Vec<AnswerError> {
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
    pub(crate) fn wizard_next(&mut self) -> bool {
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
                // An answer the checks refuse (the insured region as the place of treatment):
                // the data's explanation, under the question.
                let errors: Vec<AnswerError> = self
                    .current_case()
                    .map(|c| engine::check_answers(&self.catalog, &c.answers, self.today))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|e| e.question == qid)
                    .collect();
                if !errors.is_empty() {
                    self.wizard.error = Some(WizardError::Answer(errors));
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
                    // A date a deadline is counted from is not dropped by one stray Enter.
                    if self.deadline_needs(&qid) && self.wizard.skip_asked.insert(qid.clone()) {
                        self.wizard.error = Some(WizardError::SkipDate);
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

    /// Whether a claim deadline of the open case can only be worked out with date `qid`.
    pub(crate) fn deadline_needs(&mut self, qid: &str) -> bool {
        let Some(id) = self.current.clone() else {
            return false;
        };
        let Some(derived) = self.derived(&id) else {
            return false;
        };
        let Ok(d) = &*derived else { return false };
        d.deadlines
            .iter()
            .filter(|dl| dl.kind == crate::catalog::DeadlineKind::ClaimDeadline)
            .flat_map(|dl| &dl.versions)
            .any(|v| v.from.is_none() && v.needs.iter().any(|n| n == qid))
    }

    pub(super) fn set_answer_value(&mut self, qid: &str, value: &str) {
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
    pub(crate) fn wizard_skip_optional_dates(&mut self) {
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
    pub(crate) fn wizard_skip(&mut self) {
        let qid = self.wizard.question.clone();
        self.remove_answer(&qid);
        self.wizard.date_text.remove(&qid);
        self.wizard.skipped.insert(qid.clone());
        self.wizard.error = None;
        self.advance_from(&qid);
    }

    pub(super) fn advance_from(&mut self, qid: &str) {
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

    pub(crate) fn wizard_back(&mut self) {
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
}
