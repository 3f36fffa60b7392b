//! `import` of a Word file whose `word/document.xml` is the input: the bytes are packed, stored
//! uncompressed, into a `.docx`, so that the XML reader and the recognition of paragraphs and
//! tables are reached (a mutated zip of the real files mostly fails its checksums first).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: nianbao_fuzz::name_panics(), |data: &[u8]| {
    let docx = nianbao_fuzz::docx_with(data);
    nianbao_fuzz::imported(nianbao::fuzz::import_bytes(&docx, "report.docx"));
});
