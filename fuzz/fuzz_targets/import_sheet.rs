//! `import` of a spreadsheet (.xlsx, .xls, .ods, read with calamine): any bytes in a file named `report.xlsx`
//! are read by their content, recognised as a report and checked, as `nianbao import --dry-run`
//! does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: nianbao_fuzz::name_panics(), |data: &[u8]| {
    nianbao_fuzz::imported(nianbao::fuzz::import_bytes(data, "report.xlsx"));
});
