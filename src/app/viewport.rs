//! Keeping a row in view: pure arithmetic shared by `update` and the draw.

/// The scroll offset that shows rows `top..=target` in a window of `height`
/// rows, moving the old `offset` as little as possible. `top` (at most
/// `target`) is a row worth showing with the target, such as its heading;
/// it gives way when the window is too short for both.
pub fn scroll_to(offset: usize, top: usize, target: usize, height: usize) -> usize {
    if height == 0 {
        return target;
    }
    let top = if target - top.min(target) >= height {
        target
    } else {
        top.min(target)
    };
    if top < offset {
        top
    } else if target >= offset + height {
        target + 1 - height
    } else {
        offset
    }
}

/// The largest useful scroll offset of `len` lines in `height` rows.
pub fn max_scroll(len: usize, height: usize) -> usize {
    len.saturating_sub(height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_when_visible() {
        assert_eq!(scroll_to(5, 7, 7, 10), 5);
        assert_eq!(scroll_to(5, 14, 14, 10), 5);
    }

    #[test]
    fn scrolls_down_just_enough() {
        assert_eq!(scroll_to(5, 15, 15, 10), 6);
        assert_eq!(scroll_to(0, 99, 99, 10), 90);
    }

    #[test]
    fn scrolls_up_to_show_the_heading() {
        assert_eq!(scroll_to(5, 3, 4, 10), 3);
        // Heading one row above a target at the top of the window.
        assert_eq!(scroll_to(4, 3, 4, 10), 3);
    }

    #[test]
    fn too_short_for_heading_shows_the_target() {
        assert_eq!(scroll_to(9, 3, 4, 1), 4);
        assert_eq!(scroll_to(0, 3, 4, 1), 4);
    }

    #[test]
    fn zero_height() {
        assert_eq!(scroll_to(3, 5, 5, 0), 5);
        assert_eq!(max_scroll(3, 10), 0);
        assert_eq!(max_scroll(30, 10), 20);
    }
}
