//! What a screen reader needs beyond egui's own widget info: headings with levels, questions as
//! named radio groups, live messages, disclosure and invalid states, and the focus moved to a new
//! page's heading. Small helpers over egui's AccessKit nodes; they cost nothing when no
//! assistive technology is listening (egui builds no nodes then).

use egui::accesskit::{Invalid, Live, Role};
use egui::{Context, Id, Response, RichText, Ui};

/// The window's accessible name (the root node; the X title alone does not name the frame on the
/// AT-SPI bus).
pub fn name_window(ctx: &Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(title));
}

/// A section title: a heading of `level` (1 the page, 2 its sections, 3 groups in them).
pub fn heading(ui: &mut Ui, text: RichText, level: usize) -> Response {
    let name = text.text().to_string();
    let r = ui.add(egui::Label::new(text).wrap());
    as_heading(ui.ctx(), &r, &name, level);
    r
}

/// Makes an already drawn label a heading (e.g. one laid out inside a row with a button).
pub fn as_heading(ctx: &Context, r: &Response, name: &str, level: usize) {
    ctx.accesskit_node_builder(r.id, |n| {
        n.set_role(Role::Heading);
        n.clear_value();
        n.set_label(name);
        n.set_level(level);
    });
}

/// Frames a new page's title asks for the focus until it has it.
const FOCUS_TRIES: u8 = 4;

fn pending_key() -> Id {
    Id::unique("a11y_focus_page_heading")
}

fn heading_key() -> Id {
    Id::unique("a11y_focused_page_heading")
}

fn page_key() -> Id {
    Id::unique("a11y_page_shown")
}

/// Call once a frame with what identifies the page shown: when it changed, the next
/// [`page_title`] drawn takes the keyboard focus (a screen reader then reads the new page's
/// title instead of the unnamed window).
pub fn page_shown(ctx: &Context, page: &str) {
    let last = ctx.data(|d| d.get_temp::<String>(page_key()));
    if last.as_deref() != Some(page) {
        ctx.data_mut(|d| {
            d.insert_temp(page_key(), page.to_string());
            d.insert_temp(pending_key(), FOCUS_TRIES);
        });
    }
}

/// A page's title: a heading that takes the focus when the page is new (see [`page_shown`]).
/// It is focusable so that the focus stays on it and Tab goes on from it to the page's first
/// control.
pub fn page_title(ui: &mut Ui, text: RichText, level: usize) -> Response {
    let name = text.text().to_string();
    let r = ui.add(
        egui::Label::new(text)
            .wrap()
            .sense(egui::Sense::focusable_noninteractive()),
    );
    as_heading(ui.ctx(), &r, &name, level);
    // Asked for again until it holds (a first frame can lay the page out twice, e.g. while the
    // text size is applied), a few frames at most.
    let tries = ui.data(|d| d.get_temp::<u8>(pending_key()).unwrap_or(0));
    if tries > 0 {
        let left = if r.has_focus() { 0 } else { tries - 1 };
        if !r.has_focus() {
            r.request_focus();
        }
        ui.data_mut(|d| {
            d.insert_temp(pending_key(), left);
            d.insert_temp(heading_key(), r.id);
        });
    }
    r
}

/// A new page whose own code puts the focus somewhere (the wizard's first option, the start
/// page's button): no heading takes it.
pub fn keep_focus(ctx: &Context) {
    ctx.data_mut(|d| d.insert_temp(pending_key(), 0u8));
}

/// Nothing that takes keys has the focus: nothing, or only a page title (which reads, and does
/// not take Space, Enter or the arrows).
pub fn nothing_focused(ctx: &Context) -> bool {
    match ctx.memory(|m| m.focused()) {
        None => true,
        Some(id) => ctx.data(|d| d.get_temp::<Id>(heading_key())) == Some(id),
    }
}

/// `add` inside a group of `role` (a radio group for a question's options) named `name` (the
/// question) and described by `description` (its help), labelled by the heading `label` too.
pub fn group<R>(
    ui: &mut Ui,
    role: Role,
    name: &str,
    description: Option<&str>,
    label: Option<Id>,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    let builder = egui::UiBuilder::new()
        .accessibility_role(role)
        .accessibility_label(name);
    ui.scope_builder(builder, |ui| {
        let id = ui.unique_id();
        ui.ctx().accesskit_node_builder(id, |n| {
            if let Some(d) = description {
                n.set_description(d);
            }
            if let Some(l) = label {
                n.push_labelled_by(l.accesskit_id());
            }
        });
        add(ui)
    })
    .inner
}

/// A button that opens or closes something: says whether it is open. The state is AccessKit's
/// `expanded`; the description says it in words too, because the AT-SPI adapter (accesskit
/// 0.25) does not map `expanded` to a state.
pub fn disclosure(r: &Response, expanded: bool, words: &str) {
    r.ctx.accesskit_node_builder(r.id, |n| {
        n.set_expanded(expanded);
        n.set_description(words);
    });
}

/// A message a screen reader announces when it appears or changes: politely (information,
/// an undo offer) or at once (`Live::Assertive`, errors).
pub fn message(ui: &mut Ui, text: RichText, live: Live) -> Response {
    let r = ui.add(egui::Label::new(text).wrap());
    live_region(&r, live);
    r
}

/// Marks a drawn widget as a live region.
pub fn live_region(r: &Response, live: Live) {
    r.ctx.accesskit_node_builder(r.id, |n| n.set_live(live));
}

/// A field whose value is wrong: marked invalid and described by the message saying why.
pub fn mark_invalid(r: &Response, message: &str, message_id: Option<Id>) {
    r.ctx.accesskit_node_builder(r.id, |n| {
        n.set_invalid(Invalid::True);
        n.set_description(message);
        if let Some(m) = message_id {
            n.push_described_by(m.accesskit_id());
            n.set_error_message(m.accesskit_id());
        }
    });
}

/// A list box (the front desk's list): its rows are options, one of them selected.
pub fn list_box(ui: &mut Ui, name: &str, add: impl FnOnce(&mut Ui)) {
    let builder = egui::UiBuilder::new()
        .accessibility_role(Role::ListBox)
        .accessibility_label(name);
    ui.scope_builder(builder, add);
}

/// A row of a [`list_box`]: an option named `name`, selected or not, that takes the focus itself
/// (the arrow keys move it from row to row). `add` draws the row. Returns the row's id.
pub fn list_option<R>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    selected: bool,
    add: impl FnOnce(&mut Ui) -> R,
) -> (Id, egui::InnerResponse<R>) {
    let builder = egui::UiBuilder::new()
        .id_salt(salt)
        .accessibility_role(Role::ListBoxOption)
        .accessibility_label(name)
        .sense(egui::Sense::focusable_noninteractive());
    let mut row = Id::NULL;
    let inner = ui.scope_builder(builder, |ui| {
        row = ui.unique_id();
        ui.ctx().accesskit_node_builder(row, |n| {
            n.set_selected(selected);
            n.add_action(egui::accesskit::Action::Focus);
        });
        add(ui)
    });
    (row, inner)
}
