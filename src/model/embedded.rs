//! The dataset and its sources, built into the binary so it runs from any directory.

/// The embedded dataset file.
pub const EVENTS_JSON: &str = include_str!("../../assets/events.json");

/// The embedded source files, by their path relative to `events.json`.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "sources/000_30cca676efc8b28f.txt",
        include_str!("../../assets/sources/000_30cca676efc8b28f.txt"),
    ),
    (
        "sources/001_039dbbb766f3f0b2.txt",
        include_str!("../../assets/sources/001_039dbbb766f3f0b2.txt"),
    ),
    (
        "sources/002_3141760c5da7a10b.txt",
        include_str!("../../assets/sources/002_3141760c5da7a10b.txt"),
    ),
    (
        "sources/003_ad5980f071b3974c.txt",
        include_str!("../../assets/sources/003_ad5980f071b3974c.txt"),
    ),
    (
        "sources/004_606086f214f093e0.txt",
        include_str!("../../assets/sources/004_606086f214f093e0.txt"),
    ),
];

/// The text of an embedded source file.
pub fn source(file: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_assets_sources_is_embedded_unchanged() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sources");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = SOURCES
            .iter()
            .map(|(f, _)| f.trim_start_matches("sources/").to_string())
            .collect();
        assert_eq!(on_disk, embedded);
        for (f, text) in SOURCES {
            let disk =
                std::fs::read_to_string(format!("{dir}/{}", f.trim_start_matches("sources/")))
                    .unwrap();
            assert_eq!(&disk, text, "{f} differs from the embedded copy");
        }
    }
}
