//! `import` of an Excel file whose one sheet, `xl/worksheets/sheet1.xml`, is the input: packed,
//! stored uncompressed, with a date and a number style, so that the sheet's XML (cells, merged
//! regions, numbers and dates) is reached.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: nianbao_fuzz::name_panics(), |data: &[u8]| {
    let xlsx = nianbao_fuzz::xlsx_with(data);
    nianbao_fuzz::imported(nianbao::fuzz::import_bytes(&xlsx, "report.xlsx"));
});
