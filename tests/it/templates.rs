//! A site's own template or static file replaces the built-in one of the same name.

use crate::support::{text, TempSite};

#[test]
fn a_template_in_the_site_overrides_the_built_in_one() {
    let site = TempSite::example();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>本站自定义的404</h1>{% endblock main %}",
    );
    site.write("static/style.css", "body { color: black; }\n");
    site.build_ok();
    assert!(site.read("public/404.html").contains("本站自定义的404"));
    assert_eq!(site.read("public/style.css"), "body { color: black; }\n");
    // Pages the site did not override still come from the built-in templates.
    assert!(site.read("public/ganzhou/2021/index.html").contains("表三"));
}

#[test]
fn a_broken_template_names_the_template_and_keeps_the_old_site() {
    let site = TempSite::example();
    fails_naming_the_template_and_keeps_the_old_site(
        &site,
        "404.html",
        "{% extends \"base.html\" %}{% block main %}{{ oops( }}{% endblock main %}",
    );
}

/// Builds the site, then puts `template` in `templates/<name>`: the next build fails with exit
/// code 2, naming the template, and `public/` stays exactly as it was.
fn fails_naming_the_template_and_keeps_the_old_site(site: &TempSite, name: &str, template: &str) {
    site.build_ok();
    let before = crate::support::tree(&site.path().join("public"));
    site.write(&format!("templates/{name}"), template);
    let out = site.run(&["build"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("模板错误") && stderr.contains(name),
        "{stderr}"
    );
    assert!(crate::support::tree(&site.path().join("public")) == before);
}

#[test]
fn an_error_while_a_year_page_is_written_names_the_template_and_keeps_the_old_site() {
    // Year pages are written as they are rendered (a national one is tens of megabytes): an
    // error half-way through must still stop the build with the template's name, and leave
    // the published site as it was.
    let site = TempSite::example();
    fails_naming_the_template_and_keeps_the_old_site(
        &site,
        "year.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ yearpage.year }}</h1>\
         {{ yearpage.no_such_field.deeper }}{% endblock main %}",
    );
    // Fixed, the next build goes through.
    std::fs::remove_file(site.path().join("templates/year.html")).unwrap();
    site.build_ok();
}
