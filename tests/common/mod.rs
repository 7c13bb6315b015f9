//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod headless;
pub mod pty;

use std::path::Path;

/// The example workbook from `workbooks/README.md`, so the documentation stays valid.
pub fn readme_example() -> String {
    let readme = include_str!("../../workbooks/README.md");
    let start = readme.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = readme[start..].find("```").expect("closed block") + start;
    readme[start..end].to_string()
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// Makes a FIFO at `path`: a name that, opened for reading, waits for a writer.
pub fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a path without NUL");
    // SAFETY: a valid C string and a mode; mkfifo only creates the FIFO.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}
