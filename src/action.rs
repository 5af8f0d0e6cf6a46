//! Everything a person can ask of the interface, as one enum.
//!
//! Keys become actions in [`crate::keymap`]; mouse events become actions in
//! [`crate::tui`]; [`crate::app::App::update`] is the only place that acts on them.

/// What the interface is doing: decides which keys mean what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing the timeline and the details pane.
    Normal,
    /// Typing a search query.
    Search,
    /// The filter menu is open.
    Filter,
    /// Reading the whole source article of the selected event.
    Reader,
    /// The key help overlay is open.
    Help,
    /// The board of lines: one row per hotline, its milestones in columns.
    Board,
    /// Typing a date to go to (`:2014`).
    Goto,
    /// Typing the name of a file to write the view to (`x`).
    Export,
    /// The time axis: the events as marks on a horizontal line of time.
    Axis,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Normal,
        Mode::Search,
        Mode::Filter,
        Mode::Reader,
        Mode::Help,
        Mode::Board,
        Mode::Goto,
        Mode::Export,
        Mode::Axis,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Timeline and details",
            Mode::Search => "Search (typing)",
            Mode::Filter => "Filter menu",
            Mode::Reader => "Source reader",
            Mode::Help => "Help",
            Mode::Board => "Board of lines",
            Mode::Goto => "Go to a date (typing)",
            Mode::Export => "Write the view to a file (typing)",
            Mode::Axis => "Time axis",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One step down (selection, or scroll in a text pane).
    Down,
    Up,
    PageDown,
    PageUp,
    First,
    Last,
    /// h: one step left (the board's milestone, the time axis's pan).
    Left,
    /// l: one step right (the board's milestone, the time axis's pan).
    Right,
    /// A digit of a count prefix (`5j`).
    Count(u8),
    /// Switches focus between the timeline and the details pane.
    ToggleFocus,
    /// Opens the source reader on the selected event.
    Open,
    /// b: opens the board of lines.
    BoardOpen,
    SearchStart,
    SearchChar(char),
    SearchBackspace,
    /// Enter while typing: keep the query and its matches.
    SearchAccept,
    SearchNext,
    SearchPrev,
    /// `:`: opens the prompt for a date to go to; typed characters, Enter
    /// and Backspace arrive as the search's actions.
    GotoStart,
    /// `x`: opens the prompt for a file to write the view to.
    ExportStart,
    /// Tab in the export prompt: the next format, as the file's extension.
    ExportFormatNext,
    /// Ctrl-u in the export prompt: empties the file's name.
    ExportClear,
    FilterOpen,
    /// Toggles the filter item under the menu cursor.
    FilterToggle,
    FilterClear,
    ThreadPrev,
    ThreadNext,
    /// Opens or folds the date reasoning in the details pane.
    ToggleReasoning,
    NextQuote,
    PrevQuote,
    /// Copies a citation of the current quote (OSC 52).
    Copy,
    /// Opens the dataset file in an editor at the selected event.
    Edit,
    Help,
    /// t: opens the time axis on the selected event.
    AxisOpen,
    /// + or =: zooms the time axis in, centred on the selected event.
    ZoomIn,
    /// -: zooms the time axis out.
    ZoomOut,
    /// v: the time axis's lanes by thread or by country pair.
    Lanes,
    /// Esc: leaves the current mode, or clears the search.
    Back,
    /// q: leaves the current mode; in the timeline, quits.
    Quit,
    /// Ctrl-c: quits from anywhere.
    ForceQuit,
    /// Ctrl-z: gives the terminal back to the shell and stops, as less and
    /// vim do; `fg` brings the interface back.
    Suspend,
    /// A mouse click at a terminal cell.
    Click {
        col: u16,
        row: u16,
    },
    /// A wheel step over a cell (`down` away from the reader).
    Wheel {
        col: u16,
        row: u16,
        down: bool,
    },
}
