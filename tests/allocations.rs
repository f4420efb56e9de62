//! How many heap allocations one derivation makes: most of a derivation's time went into
//! allocating and freeing, so this guards the budget that keeps `derive_one` under 10 µs
//! (`cargo bench --bench engine`) without timing anything on a shared machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::{Answers, derive};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The count is global: one test counts at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The benchmark's answer set (benches/engine.rs).
fn bench_answers() -> Answers {
    Answers::from_pairs([
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
        ("admission_date", "2025-03-01"),
        ("discharge_date", "2025-03-10"),
        ("invoice_date", "2025-03-10"),
    ])
}

#[test]
fn one_derivation_allocates_little() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let catalog = Catalog::bundled().unwrap();
    let today = "2025-04-01".parse().unwrap();
    let answers = bench_answers();
    // Warm up (the first call may initialise lazily held state).
    drop(derive(&catalog, &answers, today).unwrap());
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let d = derive(&catalog, &answers, today).unwrap();
    let count = ALLOCATIONS.load(Ordering::Relaxed) - before;
    let entries = d.materials.len() + d.steps.len() + d.deadlines.len() + d.notices.len();
    eprintln!("{count} allocations for {entries} entries");
    assert!(entries > 30, "a full checklist ({entries} entries)");
    // 83 when this was written (dated versions, reason lists, the output vectors); the
    // derivation before the engine was compiled made 585.
    assert!(count <= 120, "{count} allocations for one derivation");
}

/// The same for building the checklist view of that derivation (`view_build_one`, < 10 µs).
#[test]
fn one_view_allocates_little() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let catalog = Catalog::bundled().unwrap();
    let d = derive(&catalog, &bench_answers(), "2025-04-01".parse().unwrap()).unwrap();
    let input = yibao_checklist::view::ViewInput::default();
    drop(yibao_checklist::view::build(&catalog, &d, &input));
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let v = yibao_checklist::view::build(&catalog, &d, &input);
    let count = ALLOCATIONS.load(Ordering::Relaxed) - before;
    eprintln!("{count} allocations for the view");
    assert!(v.sections.len() > 5, "a full checklist");
    // 107 when this was written (153 before the wording helpers wrote into the caller's string):
    // the lines the view composes (dates, counts, headlines) and its vectors; texts are shared
    // with the catalog, long source lists written when shown. 134 once scoped facts carry their
    // place in front (【上海】…, issue 21).
    assert!(count <= 150, "{count} allocations for one view");
}
