//! The README's sessions (every ```console block) are run as written by
//! trycmd, in order, in a sandbox holding a copy of the repository's plans,
//! data and examples: the tour stays true, and no test writes shipped data.

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_readme_sessions_are_real() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sandbox = tempfile::tempdir().unwrap();
    let readme = sandbox.path().join("README.md");
    std::fs::copy(root.join("README.md"), &readme).unwrap();
    // README.in/ is the folder the sessions start in; an README.out/ makes
    // trycmd run them in a writable copy of it.
    let start = sandbox.path().join("README.in");
    for dir in ["targets", "data", "examples"] {
        copy_dir(&root.join(dir), &start.join(dir));
    }
    std::fs::create_dir_all(sandbox.path().join("README.out")).unwrap();
    std::fs::write(sandbox.path().join("README.out/.keep"), "").unwrap();
    let cp = ["/bin/cp", "/usr/bin/cp"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("cp");
    trycmd::TestCases::new()
        .register_bin("plantrack", trycmd::cargo::cargo_bin("plantrack"))
        .register_bin("cp", Path::new(cp))
        .env("NO_COLOR", "1")
        .case(&readme);
}
