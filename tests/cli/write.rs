//! Files hotlines writes: whole or not at all, never clobbering what is there.

use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;

use crate::hotlines;
use hotlines::model::Dataset;
use hotlines::model::synthetic;

/// Copies the CLI fixture (its dataset and sources) into `dir`.
fn copy_fixture(dir: &Path) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cli");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    for entry in std::fs::read_dir(from.join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("sources").join(entry.file_name())).unwrap();
    }
    let events = dir.join("events.json");
    std::fs::copy(from.join("events.json"), &events).unwrap();
    events
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn an_export_cut_short_leaves_the_old_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let input = synthetic::write_folder(&dir.path().join("in"), 3000).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    for format in ["json", "csv", "markdown"] {
        let out = dir.path().join(format!("out/export.{format}"));
        let old = format!("an earlier {format} export, kept\n").repeat(20);
        std::fs::write(&out, &old).unwrap();
        // The shell limits the size of any file the program writes to a
        // few kilobytes: the export dies partway (EFBIG, or SIGXFSZ).
        let status = Command::new("sh")
            .args(["-c", r#"ulimit -f 4; exec "$0" "$@""#])
            .arg(env!("CARGO_BIN_EXE_hotlines"))
            .args(["-f"])
            .arg(&input)
            .args(["export", "--format", format, "-o"])
            .arg(&out)
            .status();
        let status = status.unwrap();
        assert!(!status.success(), "{format}: the export was not cut short");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), old, "{format}");
    }
    // The same export without the limit replaces it.
    let out = dir.path().join("out/export.csv");
    hotlines()
        .arg("-f")
        .arg(&input)
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 3001);
}

#[test]
fn exporting_a_dataset_onto_itself_normalises_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let events = copy_fixture(dir.path());
    let before = Dataset::load(&events).unwrap();
    let original = std::fs::read_to_string(&events).unwrap();
    hotlines()
        .arg("-f")
        .arg(&events)
        .args(["export", "--format", "json", "-o"])
        .arg(&events)
        .assert()
        .success();
    let after = Dataset::load(&events).unwrap();
    assert_eq!(after.to_json_value(), before.to_json_value());
    let normalised = std::fs::read_to_string(&events).unwrap();
    assert_eq!(
        normalised,
        before.to_json_string_with(&(0..before.events().len()).collect::<Vec<_>>())
    );
    assert_ne!(normalised, original, "the fixture is not in normal form");
    hotlines().arg("validate").arg(&events).assert().code(0);
    assert_eq!(
        names(dir.path()),
        ["events.json", "sources"],
        "no temporary file is left"
    );
}

/// A small TimelineJS file whose one slide says `text`.
fn timeline(text: &str) -> String {
    format!(
        r#"{{"events": [{{"start_date": {{"year": 2015}}, "text": {{"headline": "{text}", "text": "<p>{text}, said the minister.</p>"}}}}]}}"#
    )
}

#[test]
fn imports_into_one_folder_never_clobber_each_others_sources() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (sub, text) in [(&a, "Talks began"), (&b, "Talks ended")] {
        std::fs::create_dir(sub).unwrap();
        // The same input name in both folders: the sources are named after
        // the output instead.
        std::fs::write(sub.join("timeline.json"), timeline(text)).unwrap();
    }
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let import = |input: &Path, output: &Path| {
        let done = hotlines()
            .args(["import", "timelinejs"])
            .arg(input)
            .arg("-o")
            .arg(output)
            .output()
            .unwrap();
        assert!(done.status.success(), "{done:?}");
        String::from_utf8(done.stderr).unwrap()
    };
    let first = out.join("first.json");
    let second = out.join("Second One.json");
    let said = import(&a.join("timeline.json"), &first);
    assert!(
        said.contains(&format!(
            "wrote {} and its source {}",
            first.display(),
            out.join("sources/first.txt").display()
        )),
        "{said}"
    );
    import(&b.join("timeline.json"), &second);
    assert_eq!(names(&out.join("sources")), ["first.txt", "second-one.txt"]);

    // A source of that name with other text is kept, and another name used.
    let third = out.join("third.json");
    std::fs::write(out.join("sources/third.txt"), "someone else's notes").unwrap();
    let said = import(&a.join("timeline.json"), &third);
    let used = out.join("sources/third-2.txt");
    assert!(
        said.contains(&format!("its source {}", used.display())),
        "{said}"
    );
    assert!(said.contains("holds other text"), "{said}");
    assert_eq!(
        std::fs::read_to_string(out.join("sources/third.txt")).unwrap(),
        "someone else's notes"
    );
    // Importing again over the same output reuses its identical source.
    import(&a.join("timeline.json"), &first);
    assert_eq!(
        names(&out.join("sources")),
        ["first.txt", "second-one.txt", "third-2.txt", "third.txt"]
    );

    for (path, file, text) in [
        (&first, "sources/first.txt", "Talks began"),
        (&second, "sources/second-one.txt", "Talks ended"),
        (&third, "sources/third-2.txt", "Talks began"),
    ] {
        hotlines().arg("validate").arg(path).assert().code(0);
        let d = Dataset::load(path).unwrap();
        assert_eq!(d.sources()[0].file, file);
        assert_eq!(d.events()[0].title, text);
    }
}

#[test]
fn fields_a_user_added_survive_a_json_export_at_every_level() {
    use serde_json::{Value, json};
    let dir = tempfile::tempdir().unwrap();
    let events = copy_fixture(dir.path());
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&events).unwrap()).unwrap();
    let added = |what: &str, i: usize| json!({"by": "editor", "about": what, "n": i, "list": [1, "two", null]});
    v["x_reviewed"] = added("top", 0);
    for list in ["sources", "people", "threads", "events"] {
        for (i, item) in v[list].as_array_mut().unwrap().iter_mut().enumerate() {
            item["x_note"] = added(list, i);
            if list == "events" {
                for (j, q) in item["quotes"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .enumerate()
                {
                    q["x_page"] = added("quote", j);
                }
            }
        }
    }
    assert!(!v["people"].as_array().unwrap().is_empty());
    assert!(!v["threads"].as_array().unwrap().is_empty());
    std::fs::write(&events, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    hotlines().arg("validate").arg(&events).assert().code(0);

    // Normalised in place, then read back.
    hotlines()
        .arg("-f")
        .arg(&events)
        .args(["export", "--format", "json", "-o"])
        .arg(&events)
        .assert()
        .success();
    hotlines().arg("validate").arg(&events).assert().code(0);
    let out: Value = serde_json::from_str(&std::fs::read_to_string(&events).unwrap()).unwrap();
    let last_key = |o: &Value| o.as_object().unwrap().keys().next_back().unwrap().clone();
    assert_eq!(out["x_reviewed"], v["x_reviewed"]);
    assert_eq!(
        last_key(&out),
        "x_reviewed",
        "added fields follow the known ones"
    );
    for list in ["sources", "people", "threads", "events"] {
        let before = v[list].as_array().unwrap();
        let after = out[list].as_array().unwrap();
        assert_eq!(after.len(), before.len(), "{list}");
        for b in before {
            let a = after.iter().find(|a| a["id"] == b["id"]).unwrap();
            assert_eq!(a["x_note"], b["x_note"], "{list} {}", b["id"]);
            assert_eq!(last_key(a), "x_note", "{list} {}", b["id"]);
            if list == "events" {
                for (qa, qb) in a["quotes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .zip(b["quotes"].as_array().unwrap())
                {
                    assert_eq!(qa["x_page"], qb["x_page"]);
                    assert_eq!(qa["text"], qb["text"]);
                }
            }
        }
    }
}

#[test]
fn a_filtered_export_drops_orders_and_outcomes_that_name_left_out_events() {
    // The embedded plans and agreements name meetings in `after` and
    // openings in `outcome`: exported without them, the file still loads.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.json");
    hotlines()
        .args([
            "export",
            "--format",
            "json",
            "--kind",
            "plan",
            "--kind",
            "agreement",
            "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    hotlines().arg("validate").arg(&path).assert().success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let events = v["events"].as_array().unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for e in events {
        for a in e["after"].as_array().into_iter().flatten() {
            assert!(ids.contains(&a.as_str().unwrap()), "{a} in {}", e["id"]);
        }
        assert!(e.get("outcome").is_none(), "the opening is not exported");
    }
    // The plan of H1 2015 keeps what is not about other events.
    let plan = events
        .iter()
        .find(|e| e["id"] == "kr-cn-2015-h1-hotline-expected-to-open")
        .unwrap();
    assert!(plan["expected"].is_string());
}
