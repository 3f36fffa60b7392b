//! The drawing surface of every chart: a small SVG writer for charts that read at any width.
//!
//! A chart is as wide as the page lets it be (`width="100%"`; the stylesheet centres it and caps
//! it at 40rem) and as tall as its content, and nothing in it is scaled: text is [`FONT`] CSS
//! pixels on a 320-px phone, on a desktop and on paper. So horizontal positions are shares of
//! the width (`x="37.5%"`, optionally nudged by pixels with `dx`), while vertical positions and
//! sizes are pixels. Every layout is worked out at the narrowest width a chart is shown at,
//! [`MIN_WIDTH`]: wider, things only move apart. No font metrics exist at build time, so text
//! widths are estimated generously (a CJK character 1em, ASCII 0.6em, `%` 1em); the browser test
//! measures the real boxes.
//!
//! Series differ by colour and by fill pattern (SVG `<pattern>`s defined once per chart), so
//! they stay apart in black-and-white print. Every number written is an integer or a fixed
//! number of hundredths, so the same input gives byte-identical SVG.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use crate::markup::escape;

/// The narrowest width a chart is drawn at, in CSS pixels: a 320-px phone less the page margins.
pub(crate) const MIN_WIDTH: i32 = 288;
/// The size of all chart text, in CSS pixels.
pub(crate) const FONT: i32 = 14;
/// The height of a line of chart text; its baseline is [`BASELINE`] below the line's top.
pub(crate) const LINE: i32 = 20;
/// Where the baseline sits in a line of text.
pub(crate) const BASELINE: i32 = 15;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Rgb(r, g, b) = *self;
        if [r, g, b].iter().all(|c| c % 17 == 0) {
            write!(f, "#{:x}{:x}{:x}", r / 17, g / 17, b / 17)
        } else {
            write!(f, "#{r:02x}{g:02x}{b:02x}")
        }
    }
}

/// Text and axis colour (16:1 on white).
pub(crate) const INK: Rgb = Rgb(0x1f, 0x1f, 0x1f);
/// Secondary text (7.5:1 on white).
pub(crate) const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);
/// Grid lines: decoration only, never the only carrier of a value.
pub(crate) const GRID: Rgb = Rgb(0xd0, 0xd0, 0xd0);

/// Series colours, each at least 4.5:1 against white (so white text on them is readable too).
pub(crate) const PALETTE: [Rgb; 8] = [
    Rgb(0x0b, 0x4f, 0x9c), // blue
    Rgb(0xa4, 0x4a, 0x00), // brown-orange
    Rgb(0x1b, 0x6e, 0x35), // green
    Rgb(0x76, 0x2a, 0x83), // purple
    Rgb(0xa4, 0x16, 0x1a), // red
    Rgb(0x4d, 0x4d, 0x4d), // grey
    Rgb(0x00, 0x62, 0x6b), // teal
    Rgb(0x6b, 0x52, 0x00), // olive
];

/// How a series' colour is filled, so that series stay apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    Solid,
    Rising,
    Horizontal,
    Falling,
    Vertical,
    Cross,
    Dots,
    Grid,
}

/// One pattern per palette colour: within a chart, each category has its own colour and its
/// own pattern (there are as many of each as any chart has categories).
const PATTERNS: [Pattern; 8] = [
    Pattern::Solid,
    Pattern::Rising,
    Pattern::Horizontal,
    Pattern::Falling,
    Pattern::Vertical,
    Pattern::Cross,
    Pattern::Dots,
    Pattern::Grid,
];

/// The look of series `i`: a colour and a pattern.
pub(crate) fn series_style(i: usize) -> (Rgb, Pattern) {
    (PALETTE[i % PALETTE.len()], PATTERNS[i % PATTERNS.len()])
}

/// The `<pattern>` element of series `i`, or `None` for a solid fill. A page defines each
/// pattern once, in its first chart (see [`defs`]); every chart of the page refers to it.
fn pattern_def(i: usize) -> Option<String> {
    let (color, pattern) = series_style(i);
    // White strokes on the colour, 6 px apart; diagonals are a rotated horizontal stripe.
    let (rotate, marks) = match pattern {
        Pattern::Solid => return None,
        Pattern::Rising => (
            Some(45),
            r##"<path d="M0 3h6" stroke="#fff" stroke-width="2"/>"##,
        ),
        Pattern::Falling => (
            Some(-45),
            r##"<path d="M0 3h6" stroke="#fff" stroke-width="2"/>"##,
        ),
        Pattern::Horizontal => (
            None,
            r##"<path d="M0 3h6" stroke="#fff" stroke-width="2"/>"##,
        ),
        Pattern::Vertical => (
            None,
            r##"<path d="M3 0v6" stroke="#fff" stroke-width="2"/>"##,
        ),
        Pattern::Cross => (
            Some(45),
            r##"<path d="M0 3h6M3 0v6" stroke="#fff" stroke-width="1.5"/>"##,
        ),
        Pattern::Grid => (
            None,
            r##"<path d="M0 3h6M3 0v6" stroke="#fff" stroke-width="1.5"/>"##,
        ),
        Pattern::Dots => (None, r##"<circle cx="3" cy="3" r="1.5" fill="#fff"/>"##),
    };
    let transform = rotate
        .map(|r| format!(r#" patternTransform="rotate({r})""#))
        .unwrap_or_default();
    Some(format!(
        r#"<pattern id="chart-p{i}" width="6" height="6" patternUnits="userSpaceOnUse"{transform}><rect width="6" height="6" fill="{color}"/>{marks}</pattern>"#
    ))
}

/// The `<defs>` of the patterns `used` by the charts of a page.
pub(crate) fn defs(used: &BTreeSet<usize>) -> String {
    let patterns: String = used.iter().filter_map(|i| pattern_def(*i)).collect();
    if patterns.is_empty() {
        String::new()
    } else {
        format!("<defs>{patterns}</defs>\n")
    }
}

/// The estimated width of `text` in pixels at [`FONT`]: wide enough for any CJK font the page
/// may fall back to (CJK characters 1em, ASCII 0.6em, `%` 1em).
pub(crate) fn text_width(text: &str) -> i32 {
    px(text.chars().map(em).sum())
}

/// The estimated width of `c` in ems.
fn em(c: char) -> f64 {
    match c {
        '%' => 1.0,
        c if c.is_ascii() => 0.6,
        _ => 1.0,
    }
}

/// A width in ems as whole pixels.
fn px(ems: f64) -> i32 {
    (ems * f64::from(FONT)).ceil() as i32
}

/// Splits `text` into lines no wider than `max` pixels, breaking between characters (Chinese
/// has no spaces to break at); a `·` is a preferred break.
pub(crate) fn wrap(text: &str, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // The width of the line being filled, in ems, added up character by character as
    // `text_width` would.
    let mut width = 0.0;
    for part in text.split_inclusive('·') {
        let mut line = lines.pop().unwrap_or_default();
        if !line.is_empty() && px(part.chars().fold(width, |w, c| w + em(c))) > max {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
        }
        for c in part.chars() {
            if !line.is_empty() && px(width + em(c)) > max {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(c);
            width += em(c);
        }
        lines.push(line);
    }
    lines
}

/// A horizontal length: pixels, or hundredths of a percent of the chart's width (10000 is the
/// whole width), so that percentages are exact integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Len {
    Px(i32),
    Pct(i32),
}

/// The whole width.
pub(crate) const FULL: i32 = 10_000;

impl Len {
    /// Where this lands, in pixels, on a chart `width` pixels wide.
    pub(crate) fn at(self, width: i32) -> f64 {
        match self {
            Len::Px(p) => f64::from(p),
            Len::Pct(h) => f64::from(h) * f64::from(width) / f64::from(FULL),
        }
    }
}

impl fmt::Display for Len {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Len::Px(p) => write!(f, "{p}"),
            Len::Pct(0) => write!(f, "0"),
            Len::Pct(h) => {
                let (sign, h) = if h < 0 { ("-", -h) } else { ("", h) };
                let frac = format!("{:02}", h % 100);
                let frac = frac.trim_end_matches('0');
                let dot = if frac.is_empty() { "" } else { "." };
                write!(f, "{sign}{}{dot}{frac}%", h / 100)
            }
        }
    }
}

/// Which point of a text its position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The start, or whatever the enclosing group says.
    Start,
    Middle,
    End,
}

/// How a text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look {
    /// Ink on white.
    Plain,
    /// Secondary (units, notes).
    Muted,
    /// A heading.
    Bold,
    /// A border in this colour, inside a [`Canvas::group`] that gives the border's width
    /// (white text on a series' colour, or ink with a white border across lines).
    Border(Rgb),
}

/// A group's attributes for text on a series' colour: white, with a border of the colour so
/// that the pattern does not run into the letters.
pub(crate) const ON_SERIES: &str =
    r##"fill="#fff" stroke-width="5" stroke-linejoin="round" paint-order="stroke""##;
/// A group's attributes for line-chart points: the first series' colour with a white ring.
pub(crate) const DOTS: &str = r##"fill="#0b4f9c" stroke="#fff" stroke-width="2""##;
/// A group's attributes for ink with a white border, readable across grid and data lines.
pub(crate) const HALO: &str =
    r##"stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke""##;

/// A line of text: `text`, then optionally `value` in bold after a small gap.
#[derive(Debug, Clone)]
pub(crate) struct Label<'a> {
    pub x: Len,
    /// Pixels added to `x`.
    pub dx: i32,
    /// The baseline.
    pub y: i32,
    pub anchor: Anchor,
    pub look: Look,
    pub text: &'a str,
    pub value: Option<&'a str>,
}

impl<'a> Label<'a> {
    /// Plain text starting at `x`, with its baseline at `y`.
    pub(crate) fn new(x: Len, y: i32, text: &'a str) -> Label<'a> {
        Label {
            x,
            dx: 0,
            y,
            anchor: Anchor::Start,
            look: Look::Plain,
            text,
            value: None,
        }
    }
}

/// A chart being drawn: its markup so far and the patterns it uses.
///
/// A tall chart is drawn in pieces, one `<svg>` each, stacked without a gap: an SVG is never
/// split over two printed pages, so the pieces let a page break fall between them (between the
/// groups or rows of a chart) instead of pushing the whole chart to the next page. Drawing code
/// says where a cut may go ([`Canvas::may_cut`]) and keeps using the chart's own y coordinates;
/// the canvas writes them relative to the piece.
#[derive(Default)]
pub(crate) struct Canvas {
    body: String,
    patterns: BTreeSet<usize>,
    /// Where the current piece starts, in the chart's coordinates.
    top: i32,
    /// Finished pieces: their height and their markup.
    pieces: Vec<(i32, String)>,
    /// Texts written together at the end of the piece, in `<g>`s with shared attributes.
    deferred: Vec<(String, String)>,
}

/// A piece of a chart may be cut off once it is this tall (a sixth of an A4 page, so that a page
/// break never leaves much of a page empty).
pub(crate) const PIECE: i32 = 150;

/// A finished drawing: its pieces (height and markup, see [`Canvas`]) and the patterns it uses.
pub(crate) struct Drawing {
    pub pieces: Vec<(i32, String)>,
    pub patterns: BTreeSet<usize>,
}

#[cfg(test)]
impl Drawing {
    /// Every piece's markup, in order.
    pub(crate) fn markup(&self) -> String {
        self.pieces.iter().map(|p| p.1.as_str()).collect()
    }
}

impl Canvas {
    /// An empty chart.
    pub(crate) fn new() -> Canvas {
        Canvas::default()
    }

    /// Ends the current piece at `y` if it is tall enough ([`PIECE`]): what follows may go on the
    /// next printed page.
    pub(crate) fn may_cut(&mut self, y: i32) {
        if y - self.top >= PIECE {
            self.flush();
            let body = std::mem::take(&mut self.body);
            self.pieces.push((y - self.top, body));
            self.top = y;
        }
    }

    /// Writes the deferred texts of the current piece.
    fn flush(&mut self) {
        for (attrs, texts) in std::mem::take(&mut self.deferred) {
            let _ = write!(self.body, "<g {attrs}>\n{texts}</g>\n");
        }
    }

    /// The fill of series `i`: its colour, or its pattern with the colour as a fallback (if a
    /// page's template leaves out the chart that defines the patterns).
    fn fill(&mut self, i: usize) -> String {
        let (color, pattern) = series_style(i);
        if pattern == Pattern::Solid {
            color.to_string()
        } else {
            let i = i % PATTERNS.len();
            self.patterns.insert(i);
            format!("url(#chart-p{i}) {color}")
        }
    }

    /// Elements drawn by `draw`, inside a `<g>` with `attrs`, which they inherit (not across a
    /// cut).
    pub(crate) fn group(&mut self, attrs: &str, draw: impl FnOnce(&mut Canvas)) {
        let _ = writeln!(self.body, "<g {attrs}>");
        draw(self);
        self.body.push_str("</g>\n");
    }

    /// A rectangle filled with series `i`'s colour and pattern.
    pub(crate) fn bar(&mut self, (x, y): (Len, i32), (w, h): (Len, i32), i: usize) {
        let fill = self.fill(i);
        self.rect_with((x, y), (w, h), &fill);
    }

    fn rect_with(&mut self, (x, y): (Len, i32), (w, h): (Len, i32), fill: &str) {
        let x = if x == Len::Px(0) {
            String::new()
        } else {
            format!(r#" x="{x}""#)
        };
        let y = y - self.top;
        let _ = writeln!(
            self.body,
            r#"<rect{x} y="{y}" width="{w}" height="{h}" fill="{fill}"/>"#
        );
    }

    /// A straight line.
    pub(crate) fn line(
        &mut self,
        (x1, y1): (Len, i32),
        (x2, y2): (Len, i32),
        color: Rgb,
        width: i32,
    ) {
        let (y1, y2) = (y1 - self.top, y2 - self.top);
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}" stroke-width="{width}"/>"#
        );
    }

    /// A straight line styled by its [`Canvas::group`].
    pub(crate) fn segment(&mut self, (x1, y1): (Len, i32), (x2, y2): (Len, i32)) {
        let (y1, y2) = (y1 - self.top, y2 - self.top);
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#
        );
    }

    /// A line-chart point, coloured by its [`Canvas::group`] (see [`DOTS`]).
    pub(crate) fn dot(&mut self, (x, y): (Len, i32)) {
        let y = y - self.top;
        let _ = writeln!(self.body, r#"<circle cx="{x}" cy="{y}" r="5"/>"#);
    }

    /// The mark of a broken axis: a bold `//` across a vertical axis at `(x, y)`, on a white
    /// ground that cuts the axis.
    pub(crate) fn axis_break(&mut self, (x, y): (Len, i32)) {
        let y = y - self.top;
        let _ = writeln!(
            self.body,
            r##"<text x="{x}" y="{y}" text-anchor="middle" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">//</text>"##
        );
    }

    /// A line of text.
    pub(crate) fn label(&mut self, l: &Label) {
        let text = self.text(l);
        self.body.push_str(&text);
    }

    /// A line of text written at the end of the piece, in a `<g>` with `attrs` shared by every
    /// text deferred with them (so each text carries only what differs).
    pub(crate) fn defer(&mut self, attrs: &str, l: &Label) {
        let text = self.text(l);
        match self.deferred.iter_mut().find(|(a, _)| a == attrs) {
            Some((_, texts)) => texts.push_str(&text),
            None => self.deferred.push((attrs.to_string(), text)),
        }
    }

    fn text(&self, l: &Label) -> String {
        let dx = if l.dx == 0 {
            String::new()
        } else {
            format!(r#" dx="{}""#, l.dx)
        };
        let anchor = match l.anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let look = match l.look {
            Look::Plain => String::new(),
            Look::Muted => format!(r#" fill="{MUTED}""#),
            Look::Bold => r#" font-weight="bold""#.to_string(),
            Look::Border(c) => format!(r#" stroke="{c}""#),
        };
        let value = l
            .value
            .map(|v| format!(r#"<tspan dx="8" font-weight="bold">{}</tspan>"#, escape(v)))
            .unwrap_or_default();
        let x = if l.x == Len::Px(0) {
            String::new()
        } else {
            format!(r#" x="{}""#, l.x)
        };
        format!(
            "<text{x}{dx} y=\"{}\"{anchor}{look}>{}{value}</text>\n",
            l.y - self.top,
            escape(l.text)
        )
    }

    /// The drawing, `height` pixels tall.
    pub(crate) fn finish(mut self, height: i32) -> Drawing {
        self.flush();
        self.pieces.push((height - self.top, self.body));
        Drawing {
            pieces: self.pieces,
            patterns: self.patterns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance and contrast ratio.
    fn contrast(c: Rgb) -> f64 {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
        1.05 / (l + 0.05)
    }

    #[test]
    fn every_series_colour_has_contrast_for_text_against_white() {
        for c in PALETTE.iter().chain([&INK, &MUTED]) {
            assert!(contrast(*c) >= 4.5, "{c:?}: {:.2}", contrast(*c));
        }
    }

    #[test]
    fn every_series_has_its_own_colour_and_pattern() {
        let styles: BTreeSet<String> = (0..PALETTE.len())
            .map(|i| format!("{:?}", series_style(i)))
            .collect();
        let patterns: BTreeSet<String> = (0..PALETTE.len())
            .map(|i| format!("{:?}", series_style(i).1))
            .collect();
        assert_eq!(styles.len(), PALETTE.len());
        assert_eq!(patterns.len(), PALETTE.len());
    }

    #[test]
    fn wraps_as_measuring_each_candidate_line_whole_would() {
        // The line widths are added up as they grow; measured whole each time, they give the
        // same lines.
        fn by_measuring(text: &str, max: i32) -> Vec<String> {
            let mut lines: Vec<String> = Vec::new();
            for part in text.split_inclusive('·') {
                let mut line = lines.pop().unwrap_or_default();
                if !line.is_empty() && text_width(&format!("{line}{part}")) > max {
                    lines.push(std::mem::take(&mut line));
                }
                for c in part.chars() {
                    if !line.is_empty() && text_width(&format!("{line}{c}")) > max {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(c);
                }
                lines.push(line);
            }
            lines
        }
        let pieces = [
            "行政",
            "诉讼",
            "·",
            "a",
            "%",
            "12345",
            "（一）",
            "予以公开",
            "··",
            "x y",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for max in [8, 14, 42, 70, 100, 288] {
                assert_eq!(
                    wrap(&text, max),
                    by_measuring(&text, max),
                    "{text:?} at {max}"
                );
            }
        }
    }

    #[test]
    fn wraps_long_labels_and_prefers_the_middle_dot() {
        assert_eq!(wrap("行政诉讼·复议后起诉", 70), ["行政诉讼·", "复议后起诉"]);
        assert_eq!(wrap("予以公开", 70), ["予以公开"]);
        assert_eq!(wrap("一二三四五六七", 42), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn estimates_cjk_wider_than_ascii() {
        assert_eq!(text_width("予以公开"), 56);
        assert_eq!(text_width("2021"), 34);
        assert_eq!(text_width("97.17%"), 56);
    }

    #[test]
    fn writes_percentages_exactly_and_short() {
        assert_eq!(Rgb(0xff, 0xff, 0xff).to_string(), "#fff");
        assert_eq!(PALETTE[0].to_string(), "#0b4f9c");
        let shown: Vec<String> = [0, 5, 50, 1234, 10_000, -250]
            .map(|h| Len::Pct(h).to_string())
            .to_vec();
        assert_eq!(shown, ["0", "0.05%", "0.5%", "12.34%", "100%", "-2.5%"]);
        assert_eq!(Len::Pct(2500).at(288), 72.0);
    }

    #[test]
    fn patterns_are_defined_once_and_only_when_used() {
        let mut c = Canvas::new();
        c.bar((Len::Px(0), 0), (Len::Pct(5000), 10), 0);
        c.bar((Len::Px(0), 20), (Len::Pct(5000), 10), 3);
        c.bar((Len::Px(0), 40), (Len::Pct(2000), 10), 3);
        let d = c.finish(60);
        let body = d.markup();
        assert_eq!(body.matches(r#"fill="url(#chart-p3) #762a83""#).count(), 2);
        assert!(body.contains(r##"width="50%" height="10" fill="#0b4f9c""##));
        let defs = defs(&d.patterns);
        assert_eq!(defs.matches("<pattern ").count(), 1, "{defs}");
        assert!(defs.contains(r#"<pattern id="chart-p3""#));
        assert_eq!(
            super::defs(&BTreeSet::from([0])),
            "",
            "solid needs no pattern"
        );
    }

    #[test]
    fn escapes_text_and_writes_values_after_a_gap() {
        let mut c = Canvas::new();
        c.label(&Label {
            value: Some("3 件"),
            ..Label::new(Len::Pct(10_000), 15, "A&B")
        });
        assert_eq!(
            c.finish(20).pieces,
            [(20, "<text x=\"100%\" y=\"15\">A&amp;B<tspan dx=\"8\" font-weight=\"bold\">3 件</tspan></text>\n".to_string())]
        );
    }

    #[test]
    fn a_tall_chart_is_cut_into_pieces_with_their_own_coordinates() {
        let mut c = Canvas::new();
        c.defer("font-weight=\"bold\"", &Label::new(Len::Px(0), 20, "a"));
        c.may_cut(100);
        c.label(&Label::new(Len::Px(0), 120, "b"));
        c.may_cut(PIECE + 10);
        c.label(&Label::new(Len::Px(0), PIECE + 30, "c"));
        c.defer(
            "font-weight=\"bold\"",
            &Label::new(Len::Px(0), PIECE + 40, "d"),
        );
        let d = c.finish(PIECE + 50);
        assert_eq!(
            d.pieces,
            [
                (
                    PIECE + 10,
                    "<text y=\"120\">b</text>\n<g font-weight=\"bold\">\n<text y=\"20\">a</text>\n</g>\n"
                        .to_string()
                ),
                (
                    40,
                    "<text y=\"20\">c</text>\n<g font-weight=\"bold\">\n<text y=\"30\">d</text>\n</g>\n"
                        .to_string()
                ),
            ]
        );
    }
}
