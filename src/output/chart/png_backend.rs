//! A bitmap backend that draws text itself. plotters 0.3.7 places each glyph
//! of a bitmap text at the pen position without the glyph's side bearing, so
//! letters such as `i` and `t` drift and words look broken ("acceler ation").
//! Everything but text goes to plotters' own `BitMapBackend`; text is laid out
//! here with ab_glyph, bearings and kerning included. SVG output is untouched:
//! an SVG viewer lays out its own text.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};

use super::fonts;

pub struct PngBackend<'a> {
    inner: BitMapBackend<'a>,
    /// Pixels of the bitmap per pixel drawn: a chart laid out at `size` is
    /// drawn `scale` times as large, for print (1 on screen).
    scale: f64,
    size: (u32, u32),
}

impl<'a> PngBackend<'a> {
    /// A backend of `size` pixels drawing into `buf`, which holds
    /// `size * scale` pixels a side.
    pub fn new(buf: &'a mut [u8], size: (u32, u32), scale: f64) -> PngBackend<'a> {
        PngBackend {
            inner: BitMapBackend::with_buffer(buf, scaled_size(size, scale)),
            scale,
            size,
        }
    }

    fn at(&self, (x, y): BackendCoord) -> BackendCoord {
        let k = self.scale;
        (
            (f64::from(x) * k).round() as i32,
            (f64::from(y) * k).round() as i32,
        )
    }

    fn wider<'s, S>(&self, style: &'s S) -> Wider<'s, S> {
        Wider {
            style,
            scale: self.scale,
        }
    }

    fn len(&self, n: u32) -> u32 {
        if self.scale == 1.0 {
            return n;
        }
        (f64::from(n) * self.scale).round().max(1.0) as u32
    }
}

/// The bitmap's size for a picture of `size` drawn `scale` times as large.
pub fn scaled_size((w, h): (u32, u32), scale: f64) -> (u32, u32) {
    let k = |n: u32| (f64::from(n) * scale).round().max(1.0) as u32;
    (k(w), k(h))
}

/// A style with its stroke drawn `scale` times as wide.
struct Wider<'s, S> {
    style: &'s S,
    scale: f64,
}

impl<S: BackendStyle> BackendStyle for Wider<'_, S> {
    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn stroke_width(&self) -> u32 {
        let w = self.style.stroke_width();
        if self.scale == 1.0 {
            return w;
        }
        (f64::from(w) * self.scale).round().max(1.0) as u32
    }
}

type Error<'a> = DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>;

impl<'a> DrawingBackend for PngBackend<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<'a>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Error<'a>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<'a>> {
        if self.scale == 1.0 {
            return self.inner.draw_pixel(point, color);
        }
        let (a, b) = (self.at(point), self.at((point.0 + 1, point.1 + 1)));
        self.inner.draw_rect(a, (b.0 - 1, b.1 - 1), &color, true)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error<'a>> {
        let style = self.wider(style);
        self.inner.draw_line(self.at(from), self.at(to), &style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<'a>> {
        let style = self.wider(style);
        let br = self.at((br.0 + 1, br.1 + 1));
        self.inner
            .draw_rect(self.at(ul), (br.0 - 1, br.1 - 1), &style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error<'a>> {
        let style = self.wider(style);
        let path: Vec<BackendCoord> = path.into_iter().map(|p| self.at(p)).collect();
        self.inner.draw_path(path, &style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<'a>> {
        let style = self.wider(style);
        self.inner
            .draw_circle(self.at(c), self.len(r), &style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error<'a>> {
        let vert: Vec<BackendCoord> = vert.into_iter().map(|p| self.at(p)).collect();
        self.inner.fill_polygon(vert, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Error<'a>> {
        self.inner.blit_bitmap(self.at(pos), size, src)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Error<'a>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let bytes = fonts::bytes(matches!(style.style(), FontStyle::Bold));
        let Ok(font) = FontRef::try_from_slice(bytes) else {
            return self.inner.draw_text(text, style, pos);
        };
        // Laid out at the picture's size, drawn at the bitmap's.
        let size = (style.size() * self.scale) as f32;
        let pos = self.at(pos);
        let scaled = font.as_scaled(PxScale::from(size));
        // The same box plotters measures with, so anchoring agrees with layout.
        let width = text_width(&font, size, text);
        let height = size / 1.24;
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        let baseline = dy + height * 0.78;
        let trans = style.transform();
        let (w, h) = self.inner.get_size();
        let mut pen = dx;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                pen += scaled.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(PxScale::from(size), point(pen, baseline));
            pen += scaled.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let mut pixels = Vec::new();
            outline.draw(|x, y, coverage| {
                pixels.push((
                    x as i32 + b.min.x as i32,
                    y as i32 + b.min.y as i32,
                    coverage,
                ))
            });
            for (x, y, coverage) in pixels {
                if coverage <= 0.0 {
                    continue;
                }
                let (tx, ty) = trans.transform(x, y);
                let (px, py) = (pos.0 + tx, pos.1 + ty);
                if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                    let c = BackendColor {
                        alpha: color.alpha * f64::from(coverage.min(1.0)),
                        rgb: color.rgb,
                    };
                    self.inner.draw_pixel((px, py), c)?;
                }
            }
        }
        Ok(())
    }
}

/// Width of `text` at `size`, kerning included: what plotters' own estimate gives.
fn text_width(font: &FontRef, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut x = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    x
}
