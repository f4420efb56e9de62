//! The `data` commands: make, install, list and remove data packs (数据更新). Installing and
//! removing only preview until `--yes`.

use super::CliError;
use super::export::{checked_output, write_checked};
use crate::catalog::Lang;
use crate::catalog::pack::{self, PackError};
use crate::datapack;
use crate::outpath::OutKind;
use crate::view::strings;
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Make a data pack (.yibao-data) from a folder of override files, after validating it.
    Pack {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Who made it, free text ("XX市人民医院 医保办"); shown wherever its facts are.
        #[arg(long)]
        made_by: String,
        /// Its name when installed (default: the folder's name): a-z, 0-9, - _ .
        #[arg(long)]
        name: Option<String>,
        /// What sheets call it ("XX市 2027 节假日"; default: the name).
        #[arg(long)]
        title: Option<String>,
        /// Its version (default: the day it is made, YYYY.MM.DD).
        #[arg(long = "pack-version", value_name = "VERSION")]
        pack_version: Option<String>,
        /// Replace an existing file at --out even if it is not a data pack.
        #[arg(long)]
        force: bool,
        #[arg(long, default_value = "zh", value_parser = super::lang_parser())]
        lang: Lang,
    },
    /// Show what a data pack would change, and install it with --yes.
    Install {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        yes: bool,
        /// The day deadlines are counted against in the preview (default: today).
        #[arg(long)]
        today: Option<String>,
        #[arg(long, default_value = "zh", value_parser = super::lang_parser())]
        lang: Lang,
    },
    /// List the installed data packs.
    List {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "zh", value_parser = super::lang_parser())]
        lang: Lang,
    },
    /// Remove an installed data pack (with --yes), restoring the data from before it.
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(long)]
        yes: bool,
        #[arg(long, default_value = "zh", value_parser = super::lang_parser())]
        lang: Lang,
    },
}

impl DataCommand {
    pub fn lang(&self) -> Lang {
        match self {
            DataCommand::Pack { lang, .. }
            | DataCommand::Install { lang, .. }
            | DataCommand::List { lang, .. }
            | DataCommand::Remove { lang, .. } => *lang,
        }
    }
}

fn err(lang: Lang, e: &PackError) -> CliError {
    CliError::other(strings::pack_error(lang, e))
}

fn data_dir(lang: Lang) -> Result<PathBuf, CliError> {
    crate::paths::data_dir().ok_or_else(|| err(lang, &PackError::NoDataDir))
}

pub(crate) fn execute(cmd: DataCommand) -> Result<String, CliError> {
    match cmd {
        DataCommand::Pack {
            dir,
            out,
            made_by,
            name,
            title,
            pack_version,
            force,
            lang,
        } => make(&dir, &out, &made_by, name, title, pack_version, force, lang),
        DataCommand::Install {
            file,
            yes,
            today,
            lang,
        } => {
            let today = match today {
                None => chrono::Local::now().date_naive(),
                Some(x) => crate::engine::parse_date(&x)
                    .map_err(|_| CliError::input(strings::bad_today(lang, &x)))?,
            };
            let pack = pack::read_pack(&file).map_err(|e| err(lang, &e))?;
            let dir = data_dir(lang)?;
            let preview = datapack::preview(&pack, &dir, today, lang);
            let text = datapack::preview_text(lang, &preview);
            if !preview.installable() {
                return Err(CliError::other(text.trim_end()));
            }
            if !yes {
                return Ok(format!("{text}{}\n", strings::pack_preview_only(lang)));
            }
            datapack::install(&pack, &dir).map_err(|e| err(lang, &e))?;
            Ok(format!(
                "{text}{}\n",
                strings::pack_installed(lang, &pack.manifest)
            ))
        }
        DataCommand::List { json, lang } => {
            let packs = datapack::list(&data_dir(lang)?).map_err(|e| err(lang, &e))?;
            if json {
                let v: Vec<_> = packs.iter().map(|p| &p.manifest).collect();
                return Ok(serde_json::to_string_pretty(&v).expect("serializable") + "\n");
            }
            Ok(strings::pack_list_text(lang, &packs))
        }
        DataCommand::Remove { name, yes, lang } => {
            let dir = data_dir(lang)?;
            let p = datapack::find(&dir, &name).map_err(|e| err(lang, &e))?;
            if !yes {
                return Ok(format!(
                    "{}\n",
                    strings::pack_remove_preview(lang, &p.manifest)
                ));
            }
            datapack::remove(&dir, &name).map_err(|e| err(lang, &e))?;
            Ok(format!("{}\n", strings::pack_removed(lang, &p.manifest)))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn make(
    dir: &Path,
    out: &Path,
    made_by: &str,
    name: Option<String>,
    title: Option<String>,
    version: Option<String>,
    force: bool,
    lang: Lang,
) -> Result<String, CliError> {
    let out = checked_output(out, OutKind::DataPack, force, lang)?;
    let today = chrono::Local::now().date_naive();
    let name = name.unwrap_or_else(|| {
        dir.canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().to_lowercase()))
            .unwrap_or_default()
    });
    let title = title.unwrap_or_else(|| name.clone());
    let version = version.unwrap_or_else(|| today.format("%Y.%m.%d").to_string());
    let pack =
        datapack::make(dir, &name, &title, &version, made_by, today).map_err(|e| err(lang, &e))?;
    let bytes = pack::pack_bytes(&pack).map_err(|e| {
        err(
            lang,
            &PackError::CannotWrite {
                path: out.path().to_path_buf(),
                kind: e.kind(),
            },
        )
    })?;
    write_checked(&out, &bytes, lang)?;
    Ok(format!(
        "{}\n",
        strings::pack_made(lang, &out.path().display().to_string(), &pack.manifest)
    ))
}
