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

#[test]
fn one_derivation_allocates_little() {
    let catalog = Catalog::bundled().unwrap();
    let today = "2025-04-01".parse().unwrap();
    // The benchmark's answer set (benches/engine.rs).
    let answers = Answers::from_pairs([
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
    ]);
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
