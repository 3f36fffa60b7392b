//! The drawing surface every chart uses: plotters' pure-Rust SVG backend in pixel coordinates,
//! with the project's palette, fill patterns and text-width estimates.
//!
//! Charts are laid out here rather than by plotters' `ChartBuilder` because no font metrics
//! exist at build time (the browser lays out `<text>`); the layout estimates text widths
//! generously (CJK ≈ 1em, ASCII ≈ 0.6em) so that labels never overlap, which the browser test
//! measures. Every coordinate is an integer, so the same input gives byte-identical SVG.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The font list written on every `<text>`: common CJK system fonts, then a generic family.
const FONT: &str =
    "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";

/// plotters writes `font-size` as the given size divided by 1.24; 12, 14 and 16 survive that
/// round trip exactly (13 does not), so only these sizes are used.
pub(crate) const SMALL: u32 = 12;
/// Headings inside a chart.
pub(crate) const LARGE: u32 = 14;

/// Text and axis colour (16:1 on white).
pub(crate) const INK: RGBColor = RGBColor(0x1f, 0x1f, 0x1f);
/// Secondary text (7.5:1 on white).
pub(crate) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid lines: decoration only, never the only carrier of a value.
pub(crate) const GRID: RGBColor = RGBColor(0xd0, 0xd0, 0xd0);

/// Series colours, each at least 4.5:1 against white (so white text on them is readable too).
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(0x0b, 0x4f, 0x9c), // blue
    RGBColor(0xa4, 0x4a, 0x00), // brown-orange
    RGBColor(0x1b, 0x6e, 0x35), // green
    RGBColor(0x76, 0x2a, 0x83), // purple
    RGBColor(0xa4, 0x16, 0x1a), // red
    RGBColor(0x4d, 0x4d, 0x4d), // grey
];

/// The fill pattern of series `i`, so that series stay apart in black-and-white print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    Solid,
    Rising,
    Horizontal,
    Falling,
    Vertical,
    Cross,
}

/// The look of series `i`: a colour and a pattern.
pub(crate) fn series_style(i: usize) -> (RGBColor, Pattern) {
    const PATTERNS: [Pattern; 6] = [
        Pattern::Solid,
        Pattern::Rising,
        Pattern::Horizontal,
        Pattern::Falling,
        Pattern::Vertical,
        Pattern::Cross,
    ];
    (PALETTE[i % PALETTE.len()], PATTERNS[i % PATTERNS.len()])
}

/// The estimated width of `text` at `size` pixels: wide enough for any CJK font the page may
/// fall back to (CJK characters 1em, ASCII 0.6em, `%` 1em).
pub(crate) fn text_width(text: &str, size: u32) -> i32 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            '%' => 1.0,
            c if c.is_ascii() => 0.6,
            _ => 1.0,
        })
        .sum();
    (em * f64::from(size)).ceil() as i32
}

/// Splits `text` into lines no wider than `max` pixels, breaking between characters (Chinese
/// has no spaces to break at); a `·` is a preferred break.
pub(crate) fn wrap(text: &str, max: i32, size: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in text.split_inclusive('·') {
        let mut line = lines.pop().unwrap_or_default();
        if !line.is_empty() && text_width(&format!("{line}{part}"), size) > max {
            lines.push(std::mem::take(&mut line));
        }
        for c in part.chars() {
            if !line.is_empty() && text_width(&format!("{line}{c}"), size) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
        lines.push(line);
    }
    lines
}

/// Where a text's anchor sits relative to the text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Anchor {
    /// Left edge, vertically centred.
    Left,
    /// Right edge, vertically centred.
    Right,
    /// Horizontally centred, text above the point.
    Above,
    /// Horizontally centred, text below the point.
    Below,
    /// Centred both ways.
    Center,
}

impl Anchor {
    fn pos(self) -> Pos {
        match self {
            Anchor::Left => Pos::new(HPos::Left, VPos::Center),
            Anchor::Right => Pos::new(HPos::Right, VPos::Center),
            Anchor::Above => Pos::new(HPos::Center, VPos::Bottom),
            Anchor::Below => Pos::new(HPos::Center, VPos::Top),
            Anchor::Center => Pos::new(HPos::Center, VPos::Center),
        }
    }
}

/// A chart being drawn. Drawing into a `String` cannot fail in practice; if plotters ever
/// reports an error, the first one is kept and returned by [`draw`].
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    error: Option<String>,
}

/// Draws a `width` × `height` chart with `paint` and returns plotters' SVG.
pub(crate) fn draw(
    width: i32,
    height: i32,
    paint: impl FnOnce(&mut Canvas),
) -> Result<String, String> {
    let mut buf = String::new();
    {
        let size = (width.max(1) as u32, height.max(1) as u32);
        let area = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        let mut canvas = Canvas { area, error: None };
        canvas.keep(|a| a.fill(&WHITE));
        paint(&mut canvas);
        canvas.keep(|a| a.present());
        if let Some(e) = canvas.error {
            return Err(e);
        }
    }
    Ok(buf)
}

type AreaResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

impl Canvas<'_> {
    fn keep(
        &mut self,
        op: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> AreaResult,
    ) {
        if let Err(e) = op(&self.area) {
            self.error.get_or_insert(e.to_string());
        }
    }

    /// A filled rectangle.
    pub(crate) fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) {
        self.keep(|a| a.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled())));
    }

    /// A rectangle filled with a series' colour and pattern.
    pub(crate) fn swatch(&mut self, from: (i32, i32), to: (i32, i32), series: usize) {
        let (color, pattern) = series_style(series);
        self.rect(from, to, color);
        for seg in hatch(from, to, pattern) {
            self.line(&seg, WHITE, 1);
        }
    }

    /// A polyline.
    pub(crate) fn line(&mut self, points: &[(i32, i32)], color: RGBColor, width: u32) {
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: width,
        };
        self.keep(|a| a.draw(&PathElement::new(points.to_vec(), style)));
    }

    /// A filled circle with a white ring, for line-chart points.
    pub(crate) fn dot(&mut self, at: (i32, i32), color: RGBColor) {
        self.keep(|a| a.draw(&Circle::new(at, 5, WHITE.filled())));
        self.keep(|a| a.draw(&Circle::new(at, 4, color.filled())));
    }

    /// A line of text.
    pub(crate) fn text(
        &mut self,
        text: &str,
        at: (i32, i32),
        anchor: Anchor,
        size: u32,
        color: RGBColor,
    ) {
        self.styled_text(text, at, anchor, size, color, FontStyle::Normal);
    }

    /// A line of bold text.
    pub(crate) fn bold(&mut self, text: &str, at: (i32, i32), anchor: Anchor, size: u32) {
        self.styled_text(text, at, anchor, size, INK, FontStyle::Bold);
    }

    fn styled_text(
        &mut self,
        text: &str,
        at: (i32, i32),
        anchor: Anchor,
        size: u32,
        color: RGBColor,
        weight: FontStyle,
    ) {
        // plotters divides the size by 1.24 when it writes `font-size`.
        let font = FontDesc::new(FontFamily::Name(FONT), f64::from(size) * 1.24, weight);
        let style = TextStyle::from(font).color(&color).pos(anchor.pos());
        self.keep(|a| a.draw(&Text::new(text.to_string(), at, style)));
    }
}

/// The line segments of `pattern` inside a rectangle, 6 pixels apart.
fn hatch((x0, y0): (i32, i32), (x1, y1): (i32, i32), pattern: Pattern) -> Vec<[(i32, i32); 2]> {
    const STEP: usize = 6;
    if x1 - x0 < 4 || y1 - y0 < 4 {
        return Vec::new();
    }
    let rising = || {
        // x + y = c, clipped to the rectangle.
        (x0 + y0 + 3..x1 + y1).step_by(STEP).map(move |c| {
            let (xa, xb) = ((c - y1).max(x0), (c - y0).min(x1));
            [(xa, c - xa), (xb, c - xb)]
        })
    };
    let falling = || {
        // y - x = c, clipped to the rectangle.
        (y0 - x1 + 3..y1 - x0).step_by(STEP).map(move |c| {
            let (xa, xb) = ((y0 - c).max(x0), (y1 - c).min(x1));
            [(xa, xa + c), (xb, xb + c)]
        })
    };
    match pattern {
        Pattern::Solid => Vec::new(),
        Pattern::Rising => rising().collect(),
        Pattern::Falling => falling().collect(),
        Pattern::Cross => rising().chain(falling()).collect(),
        Pattern::Horizontal => (y0 + 3..y1)
            .step_by(STEP)
            .map(|y| [(x0, y), (x1, y)])
            .collect(),
        Pattern::Vertical => (x0 + 3..x1)
            .step_by(STEP)
            .map(|x| [(x, y0), (x, y1)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance and contrast ratio.
    fn contrast(c: RGBColor) -> f64 {
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
    fn wraps_long_labels_and_prefers_the_middle_dot() {
        assert_eq!(
            wrap("行政诉讼·复议后起诉", 60, 12),
            ["行政诉讼·", "复议后起诉"]
        );
        assert_eq!(wrap("予以公开", 60, 12), ["予以公开"]);
        assert_eq!(wrap("一二三四五六七", 36, 12), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn estimates_cjk_wider_than_ascii() {
        assert_eq!(text_width("予以公开", 12), 48);
        assert_eq!(text_width("2021", 12), 29);
        assert_eq!(text_width("97.17%", 12), 48);
    }

    #[test]
    fn hatch_lines_stay_inside_their_rectangle() {
        for p in [
            Pattern::Rising,
            Pattern::Falling,
            Pattern::Cross,
            Pattern::Horizontal,
            Pattern::Vertical,
        ] {
            for [a, b] in hatch((10, 20), (47, 38), p) {
                for (x, y) in [a, b] {
                    assert!(
                        (10..=47).contains(&x) && (20..=38).contains(&y),
                        "{p:?}: {x},{y}"
                    );
                }
            }
        }
    }

    #[test]
    fn draws_clean_font_sizes() {
        let svg = draw(100, 40, |c| {
            c.text("年", (5, 20), Anchor::Left, SMALL, INK);
            c.bold("年", (50, 20), Anchor::Left, LARGE);
        })
        .unwrap();
        assert!(
            svg.contains(r#"font-size="12""#) && svg.contains(r#"font-size="14""#),
            "{svg}"
        );
    }
}
