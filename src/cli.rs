//! The command line: every command, flag and help text, in one place.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Date, DateBasis, Kind};
use crate::query::filter::Filter;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  problems found (validate, or a dataset that does not load), unknown event id,
     or no event matched the filters
  2  usage error, or a file that cannot be read or written

Examples:
  hotlines                          browse the built-in dataset
  hotlines my-events.json           browse a dataset file (ours, or TimelineJS JSON)
  hotlines my-events.json --watch   browse it, reloading on every save (e edits it)
  hotlines list --party KR --party CN --from 2014
  hotlines show kr-cn-2015-12-31-hotline-opens
  hotlines validate assets/events.json
  hotlines export --format markdown -o chronology.md";

/// Walk the history of military hotlines in East Asia, quoting the sources verbatim.
#[derive(Debug, Parser)]
#[command(name = "hotlines", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// Dataset to open: our JSON format or a TimelineJS JSON file (detected from its
    /// content). Without it, the dataset built into the program.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Dataset to use for every command (same as FILE).
    #[arg(short = 'f', long = "file", value_name = "FILE", global = true)]
    pub file_flag: Option<PathBuf>,

    /// Reload the dataset when FILE or one of its source files changes, keeping the
    /// selected event; a save that does not load is reported in the status line while
    /// the last good data stays on screen. Needs FILE and a terminal.
    #[arg(long)]
    pub watch: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The dataset file named by FILE or `-f`, if any.
    pub fn dataset_path(&self) -> Option<&std::path::Path> {
        self.file_flag.as_deref().or(self.file.as_deref())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the events in date order, filtered.
    #[command(after_help = "\
Dates (--from, --to) are EDTF: 2015-02-04, 2014-07, 2013, 2015-01/2015-06.
An event passes --from X when its latest possible day is on or after the first
day of X, and --to Y when its earliest possible day is on or before the last day
of Y; an open or unknown end of an event never excludes it.

Exits 1 when no event matches.

Examples:
  hotlines list
  hotlines list --kind meeting --kind agreement
  hotlines list --party KR --party CN --from 2014 --to 2015-06
  hotlines list --search hotline --format json | jq '.[].id'
  hotlines list --format tsv | cut -f1,2
  hotlines list --columns id,date,title")]
    List(ListArgs),

    /// Show one event in full, with its quotes and their sources.
    #[command(after_help = "\
Exits 1 when there is no event with that id, naming the closest ids.

Examples:
  hotlines show kr-cn-2015-12-31-hotline-opens
  hotlines show kr-cn-2015-12-31-hotline-opens --format json")]
    Show(ShowArgs),

    /// Check dataset files and report every problem as file:line:column.
    #[command(after_help = "\
Each problem is printed as `file:line:column: path: message`, then a summary line.
Exits 0 when every file is clean, 1 when there are problems, 2 when a file cannot
be read.

Examples:
  hotlines validate assets/events.json
  hotlines validate a.json b.json --format json")]
    Validate(ValidateArgs),

    /// Write the dataset (optionally filtered) in another format.
    #[command(after_help = "\
Formats:
  json        our dataset format, normalized (with -o, the source files are written
              beside OUT so that the result validates)
  csv, tsv    one row per event, every field in full (--bom, for spreadsheet
              programs: a UTF-8 byte order mark first, and a ' before any cell
              they would run as a formula)
  markdown    a readable chronology, quotes as block quotes, then the sources
  timelinejs  a TimelineJS3 JSON file
  ics         an iCalendar file: an all-day event for each event dated to the day
              (or to a range of days), tentative when approximate or uncertain;
              the others are left out and counted on stderr

Examples:
  hotlines export --format markdown -o chronology.md
  hotlines export --format csv --bom -o events.csv
  hotlines export --format timelinejs --party KR --party CN -o timeline.json
  hotlines export --format ics --from 2015 > hotlines.ics")]
    Export(ExportArgs),

    /// Convert a file of another program into our dataset format.
    #[command(after_help = "\
What cannot be carried over (media, HTML markup, eras, backgrounds, times of day)
is reported on stderr. The text of every slide is written to a generated source
file, sources/<name>.txt beside OUT, so that every quote is verbatim.

Examples:
  hotlines import timelinejs timeline.json -o events.json
  hotlines validate events.json")]
    Import(ImportArgs),

    /// List the source documents in date order and how many events quote each.
    #[command(after_help = "\
Sources are listed by publication date (undated ones last), then by id.

Examples:
  hotlines sources
  hotlines sources --format csv")]
    Sources(SourcesArgs),

    /// List the hotlines: who each links, its ends, and where it stands.
    #[command(after_help = "\
A line's status is that of its latest milestone, in the events' date order; its
date is that event's date as the timeline shows it.

Examples:
  hotlines lines
  hotlines lines --format json | jq '.[] | {id, current}'")]
    Lines(LinesArgs),

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  hotlines completions bash > ~/.local/share/bash-completion/completions/hotlines
  hotlines completions zsh > ~/.zfunc/_hotlines
  hotlines completions fish > ~/.config/fish/completions/hotlines.fish")]
    Completions(CompletionsArgs),
}

/// The filter flags shared by `list` and `export`.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only events of this kind (repeat for any of several).
    #[arg(long = "kind", value_name = "KIND", value_parser = kind_parser())]
    pub kinds: Vec<Kind>,

    /// Only events with this party, a country code (repeat: all of them, so
    /// `--party KR --party CN` is the KR–CN pair).
    #[arg(long = "party", value_name = "CC", value_parser = parse_party)]
    pub parties: Vec<String>,

    /// Only events of this thread, by id (repeat for any of several).
    #[arg(long = "thread", value_name = "ID")]
    pub threads: Vec<String>,

    /// Only events whose date has this basis: stated in the text, derived
    /// from it, or from external knowledge (repeat for any of several).
    #[arg(long = "basis", value_name = "BASIS", value_parser = basis_parser())]
    pub bases: Vec<DateBasis>,

    /// Only events that can fall on or after this EDTF date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,

    /// Only events that can fall on or before this EDTF date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,

    /// Only events in a dispute: sources that disagree about them, each
    /// quoted with what it implies (`hotlines show ID` prints them).
    #[arg(long)]
    pub disputed: bool,

    /// Only events where this text occurs in the id, title, summary, place,
    /// date note, tags, quotes, or the names and aliases of the event's people
    /// (the same fields as / in the interactive timeline). Smart case: case is
    /// ignored unless TEXT has an uppercase letter.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        Filter {
            kinds: self.kinds.clone(),
            parties: self.parties.clone(),
            threads: self.threads.clone(),
            bases: self.bases.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            disputed: self.disputed,
            search: self.search.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Columns fitted to the terminal's width, text cut where needed; to a
    /// pipe or a file, nothing is cut.
    Table,
    /// A JSON array of the events in our format.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row; tab, newline, carriage return and
    /// backslash inside a field are written as \t, \n, \r and \\.
    Tsv,
}

/// A column of `list`'s table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListColumn {
    /// The event's id (for `hotlines show ID`).
    Id,
    /// The date as the timeline shows it.
    Date,
    Kind,
    /// The country codes, in the dataset's order: KR–CN.
    Parties,
    Title,
}

impl ListColumn {
    /// The table's columns when `--columns` is not given (as its default
    /// value says).
    pub const DEFAULT: [ListColumn; 4] = [
        ListColumn::Date,
        ListColumn::Kind,
        ListColumn::Parties,
        ListColumn::Title,
    ];
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// The table's columns, in order, separated by commas (the table format
    /// only: json, csv and tsv have every field).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "COLUMN,...",
        default_value = "date,kind,parties,title"
    )]
    pub columns: Vec<ListColumn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The event id.
    pub id: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The dataset files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Tsv,
    Markdown,
    Timelinejs,
    Ics,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// For spreadsheet programs (Excel): begin a csv or tsv export with a
    /// UTF-8 byte order mark, by which they know the file is UTF-8, and put
    /// a ' before any cell they would run as a formula (=, +, -, @).
    #[arg(long)]
    pub bom: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A TimelineJS3 JSON file.
    Timelinejs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format of the file to import.
    #[arg(value_enum)]
    pub from: ImportFormat,

    /// The file to import.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,

    /// Write the dataset here (and its source file under sources/ beside it)
    /// instead of printing the dataset to standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Output format: table (columns fitted to the terminal), json (an array
    /// of the sources in our format, each with the number of events and
    /// quotes citing it), csv or tsv (a row per source with a header row).
    #[arg(
        long,
        value_enum,
        default_value_t = ListFormat::Table,
        hide_possible_values = true
    )]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct LinesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    PossibleValuesParser::new(Kind::ALL.map(Kind::as_str))
        .map(|s| Kind::parse(&s).expect("clap checked the possible values"))
}

fn basis_parser() -> impl TypedValueParser<Value = DateBasis> {
    PossibleValuesParser::new(DateBasis::ALL.map(DateBasis::as_str)).map(|s| {
        DateBasis::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .expect("clap checked the possible values")
    })
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.message)
}

fn parse_party(s: &str) -> Result<String, String> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!(
            "`{s}` is not a country code (two letters, like KR)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn file_comes_from_the_positional_or_the_global_flag() {
        let cli = Cli::try_parse_from(["hotlines", "a.json"]).unwrap();
        assert_eq!(cli.dataset_path().unwrap().to_str(), Some("a.json"));
        let cli = Cli::try_parse_from(["hotlines", "list", "-f", "b.json"]).unwrap();
        assert_eq!(cli.dataset_path().unwrap().to_str(), Some("b.json"));
        let cli = Cli::try_parse_from(["hotlines", "--file", "c.json", "sources"]).unwrap();
        assert_eq!(cli.dataset_path().unwrap().to_str(), Some("c.json"));
    }

    #[test]
    fn watch_is_a_flag_of_the_top_level_command() {
        let cli = Cli::try_parse_from(["hotlines", "a.json", "--watch"]).unwrap();
        assert!(cli.watch);
        let cli = Cli::try_parse_from(["hotlines", "-f", "a.json", "--watch"]).unwrap();
        assert!(cli.watch && cli.dataset_path().is_some());
        assert!(Cli::try_parse_from(["hotlines", "list", "--watch"]).is_err());
    }

    #[test]
    fn filter_flags_parse_into_a_filter() {
        let cli = Cli::try_parse_from([
            "hotlines",
            "list",
            "--kind",
            "meeting",
            "--kind",
            "plan",
            "--party",
            "kr",
            "--party",
            "CN",
            "--from",
            "2014-07",
            "--to",
            "2015",
            "--search",
            "line",
            "--thread",
            "a",
            "--thread",
            "b",
            "--basis",
            "stated",
            "--basis",
            "external",
            "--disputed",
        ])
        .unwrap();
        let Some(Command::List(args)) = cli.command else {
            panic!("expected list");
        };
        let f = args.filter.to_filter();
        assert_eq!(f.kinds, [Kind::Meeting, Kind::Plan]);
        assert_eq!(f.parties, ["KR", "CN"]);
        assert_eq!(f.from.unwrap().to_string(), "2014-07");
        assert_eq!(f.search.as_deref(), Some("line"));
        assert_eq!(f.threads, ["a", "b"]);
        assert_eq!(f.bases, [DateBasis::Stated, DateBasis::External]);
        assert!(f.disputed);
        assert!(Cli::try_parse_from(["hotlines", "list", "--basis", "guess"]).is_err());
        assert!(Cli::try_parse_from(["hotlines", "list", "--kind", "party"]).is_err());
        assert!(Cli::try_parse_from(["hotlines", "list", "--from", "2015-13"]).is_err());
        assert!(Cli::try_parse_from(["hotlines", "list", "--party", "KOR"]).is_err());
    }

    #[test]
    fn list_columns_default_to_the_four_and_parse_a_comma_list() {
        let columns = |args: &[&str]| match Cli::try_parse_from(args).unwrap().command {
            Some(Command::List(a)) => a.columns,
            _ => panic!("expected list"),
        };
        assert_eq!(columns(&["hotlines", "list"]), ListColumn::DEFAULT);
        assert_eq!(
            columns(&["hotlines", "list", "--columns", "title,id"]),
            [ListColumn::Title, ListColumn::Id]
        );
    }
}
