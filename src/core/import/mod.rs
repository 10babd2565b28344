//! A certificate the admin brings (bought from a CA, a corporate CA's, a cloud's free
//! one, a Cloudflare origin certificate): read from what they downloaded, checked as
//! browsers would before anything is written, and installed where Dify's nginx really
//! loads it.

mod install;
mod judge;
mod material;
mod plan;

pub use install::{
    ImportJob, Replacing, forget_replacement, import_changes, judge_installed, previous_pair,
    replaced_at, swap_previous, write_files,
};
pub use judge::{Checked, ENDS_SOON_DAYS, ImportFinding, Weight, browser_refusal, check, covers};
pub use material::{
    Input, LooksLike, Material, MaterialError, SecretKey, read_material, read_material_with,
};
pub use plan::{ImportInput, ImportPlan, ImportRefusal, import_steps, plan};
