//! What the 数据更新 page shows (in `UiState` while it is open): the installed packs, the pack
//! chosen and its preview, the last error and what was last done. `data.rs` draws it; commands
//! change it.

use crate::catalog::Lang;
use crate::catalog::pack::{self, Installed, Pack};
use crate::datapack::{self, Preview};
use crate::view::strings;
use std::path::{Path, PathBuf};

/// The page's state (in `UiState` while it is open).
#[derive(Debug, Default)]
pub struct DataPage {
    pub installed: Vec<Installed>,
    pub list_error: Option<String>,
    /// The chosen pack and its preview.
    pub chosen: Option<Chosen>,
    /// Why the chosen file was refused, or why installing failed.
    pub error: Option<String>,
    /// What was last done ("已安装…", "已移除…").
    pub done: Option<String>,
}

#[derive(Debug)]
pub struct Chosen {
    pub path: PathBuf,
    pub pack: Pack,
    pub preview: Preview,
    pub lang: Lang,
}

impl DataPage {
    pub fn open(data_dir: Option<&Path>, lang: Lang) -> DataPage {
        let mut p = DataPage::default();
        p.refresh(data_dir, lang);
        p
    }

    /// Reads the installed packs again.
    pub fn refresh(&mut self, data_dir: Option<&Path>, lang: Lang) {
        self.list_error = None;
        self.installed = match data_dir.map(datapack::list) {
            Some(Ok(l)) => l,
            Some(Err(e)) => {
                self.list_error = Some(strings::pack_error(lang, &e));
                Vec::new()
            }
            None => Vec::new(),
        };
    }

    /// Reads the chosen file and previews it (nothing is written).
    pub fn choose(
        &mut self,
        path: &Path,
        data_dir: Option<&Path>,
        today: chrono::NaiveDate,
        lang: Lang,
    ) {
        self.chosen = None;
        self.error = None;
        self.done = None;
        let Some(dir) = data_dir else {
            self.error = Some(strings::pack_error(lang, &pack::PackError::NoDataDir));
            return;
        };
        match pack::read_pack(path) {
            Ok(pack) => {
                let preview = datapack::preview(&pack, dir, today, lang);
                self.chosen = Some(Chosen {
                    path: path.to_path_buf(),
                    pack,
                    preview,
                    lang,
                });
            }
            Err(e) => {
                self.error = Some(format!(
                    "{}{}{}",
                    path.display(),
                    strings::colon(lang),
                    strings::pack_error(lang, &e)
                ))
            }
        }
    }
}
