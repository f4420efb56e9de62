//! Embeds every RON file under `checklists/` so the binary runs from any folder with nothing
//! beside it. Adding a file (a new region, say) needs no code change.
use std::{env, fs, path::Path};

fn collect(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("checklists/ is readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let dir = Path::new(&root).join("checklists");
    println!("cargo:rerun-if-changed=checklists");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let mut code = String::from("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f
            .strip_prefix(&format!("{}/", root.replace('\\', "/")))
            .expect("collected under the package");
        // Joined when the library compiles: the library embeds the data of the checkout it is
        // compiled from, even when a build folder is shared with another one (CI's fresh clone).
        code.push_str(&format!(
            "    ({rel:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {rel:?}))),\n"
        ));
    }
    code.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("bundled.rs"),
        code,
    )
    .unwrap();
}
