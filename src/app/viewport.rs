//! Keeping a row in view: pure arithmetic for `update`, which clamps every
//! scroll position (the painter only reads them).

use crate::action::Action;

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

/// Where a cursor or scroll offset at `pos` goes for a motion repeated `n`
/// times, with pages of `page` rows, `wheel` rows a wheel step, and never
/// past `max`; `None` when the action is not a motion.
pub fn motion(
    pos: usize,
    action: Action,
    n: usize,
    page: usize,
    max: usize,
    wheel: usize,
) -> Option<usize> {
    let to = match action {
        Action::Down => pos.saturating_add(n),
        Action::Up => pos.saturating_sub(n),
        Action::PageDown => pos.saturating_add(n.saturating_mul(page)),
        Action::PageUp => pos.saturating_sub(n.saturating_mul(page)),
        Action::First => 0,
        Action::Last => max,
        Action::Wheel { down: true, .. } => pos.saturating_add(wheel),
        Action::Wheel { down: false, .. } => pos.saturating_sub(wheel),
        _ => return None,
    };
    Some(to.min(max))
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
    fn motions_stay_between_zero_and_max() {
        let wheel = |down| Action::Wheel {
            col: 0,
            row: 0,
            down,
        };
        assert_eq!(motion(5, Action::Down, 3, 10, 20, 3), Some(8));
        assert_eq!(motion(19, Action::Down, 3, 10, 20, 3), Some(20));
        assert_eq!(motion(2, Action::Up, 3, 10, 20, 3), Some(0));
        assert_eq!(motion(5, Action::PageDown, 2, 10, 20, 3), Some(20));
        assert_eq!(motion(15, Action::PageUp, 1, 10, 20, 3), Some(5));
        assert_eq!(motion(15, Action::First, 1, 10, 20, 3), Some(0));
        assert_eq!(motion(0, Action::Last, 1, 10, 20, 3), Some(20));
        assert_eq!(motion(5, wheel(true), 1, 10, 20, 3), Some(8));
        assert_eq!(motion(1, wheel(false), 1, 10, 20, 3), Some(0));
        assert_eq!(
            motion(usize::MAX - 1, Action::PageDown, usize::MAX, 9, 4, 3),
            Some(4)
        );
        assert_eq!(motion(5, Action::Quit, 1, 10, 20, 3), None);
    }

    #[test]
    fn zero_height() {
        assert_eq!(scroll_to(3, 5, 5, 0), 5);
        assert_eq!(max_scroll(3, 10), 0);
        assert_eq!(max_scroll(30, 10), 20);
    }
}
