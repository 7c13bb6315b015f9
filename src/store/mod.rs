//! Reading and writing workbook files: the RON text form, loading with checks that name
//! the file, line and column of every problem, and saving.

mod error;
mod format;
mod load;
mod save;
mod validate;

pub use error::{LoadError, Problem, SaveError};
pub use format::{from_ron, to_ron, to_ron_value};
pub use load::{MAX_FILE_BYTES, load, load_bytes};
pub use save::{save, write_atomically};
pub use validate::validate;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_fixture() {
        let wb = crate::model::fixture::workbook();
        println!("{}", to_ron(&wb).unwrap());
    }
}
