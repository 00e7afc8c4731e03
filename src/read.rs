//! The read stage: finds input files and turns each into a [`Source`].
//!
//! This is the only stage that touches input files. Messy input is not an
//! error: [`discover`] returns the files it found plus [`Diagnostic`]s for
//! what it could not take, and [`read_file`] returns the text plus warnings
//! (invalid UTF-8 is decoded lossily). Only a file that cannot be read at
//! all, or that is binary, is an [`Error`], and every error names the file.
//!
//! HTML is reduced to text by [`html_to_text`], with html5gum's tokenizer.
//! Plain text is kept byte for byte (a leading BOM aside): the offsets of
//! every later stage refer to [`Source::text`].

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::error::Error;
use crate::model::Source;

/// How far into a file a NUL byte marks it as binary.
const BINARY_PROBE: usize = 8 * 1024;

/// Extensions taken when walking a directory (compared case-insensitively).
const TEXT_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];
const HTML_EXTENSIONS: [&str; 2] = ["html", "htm"];

/// One input file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path relative to the input directory given (`/`-separated), or
    /// the file name for a file given directly; `-` for stdin. Unique in a run.
    pub name: String,
}

/// Something to tell the user about one input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub message: String,
    /// True when the path was left out of the run; false for a warning only.
    pub skipped: bool,
}

impl Diagnostic {
    fn skipped(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic { path: path.to_path_buf(), message: message.into(), skipped: true }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.skipped { "skipped" } else { "warning" };
        write!(f, "{}: {what}: {}", self.path.display(), self.message)
    }
}

/// Finds the files to read among `inputs`.
///
/// A file given directly is taken whatever its extension. A directory is
/// walked recursively, taking `.txt`, `.html` and `.htm` files and skipping
/// hidden files and directories (names starting with `.`); symbolic links to
/// files are taken, links to directories are not followed. The result is
/// sorted by name, without duplicates. A path that does not exist, a
/// directory that cannot be listed, or two different files with the same
/// name give a diagnostic with `skipped` set. A link whose target is missing
/// is still returned, so that [`read_file`] reports it.
pub fn discover(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for input in inputs {
        match fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, input, &mut files, &mut diagnostics),
            Ok(_) => files.push(InputFile { path: input.clone(), name: file_name(input) }),
            Err(err) => {
                let message = if fs::symlink_metadata(input).is_ok() {
                    format!("broken symbolic link ({err})")
                } else {
                    err.to_string()
                };
                diagnostics.push(Diagnostic::skipped(input, message));
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    let mut unique: Vec<InputFile> = Vec::with_capacity(files.len());
    for file in files {
        match unique.last() {
            Some(last) if last.name == file.name => {
                if !same_file(&last.path, &file.path) {
                    let message = format!("same name `{}` as {}", file.name, last.path.display());
                    diagnostics.push(Diagnostic::skipped(&file.path, message));
                }
            }
            _ => unique.push(file),
        }
    }
    (unique, diagnostics)
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<InputFile>, diagnostics: &mut Vec<Diagnostic>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::skipped(dir, format!("cannot list directory: {err}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(Diagnostic::skipped(dir, format!("cannot list directory: {err}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(err) => {
                diagnostics.push(Diagnostic::skipped(&path, err.to_string()));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(root, &path, files, diagnostics);
            continue;
        }
        if file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            diagnostics.push(Diagnostic::skipped(&path, "symbolic link to a directory, not followed"));
            continue;
        }
        if has_extension(&path, &TEXT_EXTENSIONS) {
            files.push(InputFile { name: relative_name(root, &path), path });
        }
    }
}

fn file_name(path: &Path) -> String {
    match path.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => path.to_string_lossy().into_owned(),
    }
}

/// `path` relative to `root`, components joined by `/`.
fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// What reading one file gave: its text and any warnings about it.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    pub source: Source,
    pub warnings: Vec<Diagnostic>,
}

/// Reads one file into a [`Source`] named `file.name`.
///
/// A NUL byte in the first 8 KiB gives [`Error::Binary`]; invalid UTF-8 is
/// decoded lossily with a warning giving the byte offset of the first bad
/// sequence; a leading BOM is dropped. HTML (by extension `.html`/`.htm`, or
/// content starting with `<!DOCTYPE html` or `<html`) goes through
/// [`html_to_text`]; other text is kept as is.
pub fn read_file(file: &InputFile) -> Result<ReadOutcome, Error> {
    let meta = fs::metadata(&file.path).map_err(|e| Error::io(&file.path, e))?;
    if meta.is_dir() {
        return Err(Error::io(&file.path, io::Error::other("is a directory, not a file")));
    }
    if meta.len() > MAX_SOURCE_BYTES as u64 {
        return Err(too_large(&file.path));
    }
    let bytes = fs::read(&file.path).map_err(|e| Error::io(&file.path, e))?;
    decode(&file.path, &file.name, &bytes, has_extension(&file.path, &HTML_EXTENSIONS))
}

/// Reads standard input into a [`Source`] named `-`, as [`read_file`] does.
pub fn read_stdin() -> Result<ReadOutcome, Error> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io("-", e))?;
    decode(Path::new("-"), "-", &bytes, false)
}

/// The largest file read: a page, however long, is far smaller (a whole
/// book is a few MB), and a source's tokens and records take many times its
/// size while it is analysed. Offsets within a source are kept as `u32`
/// (see `pipeline`); a source's kept strings (names, anchors, keys,
/// sentences: at most a few times its text) stay far under 4 GiB.
pub const MAX_SOURCE_BYTES: usize = 64 << 20;

fn too_large(path: &Path) -> Error {
    Error::io(path, io::Error::other(format!("larger than {} MiB; not read", MAX_SOURCE_BYTES >> 20)))
}

fn decode(path: &Path, name: &str, bytes: &[u8], html_by_extension: bool) -> Result<ReadOutcome, Error> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(too_large(path));
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if let Some(offset) = probe.iter().position(|&b| b == 0) {
        return Err(Error::Binary { path: path.to_path_buf(), offset });
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(err) => {
            warnings.push(Diagnostic {
                path: path.to_path_buf(),
                message: format!("invalid UTF-8 at byte {}; bad sequences replaced by U+FFFD", err.valid_up_to()),
                skipped: false,
            });
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let text = if html_by_extension || looks_like_html(&text) { html_to_text(&text) } else { text };
    Ok(ReadOutcome { source: Source { name: name.to_string(), text }, warnings })
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    let head = start.get(..14).unwrap_or(start);
    head.len() >= 14 && head.eq_ignore_ascii_case("<!doctype html")
        || start.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("<html"))
}

/// Elements whose whole content is dropped.
const DROPPED: [&[u8]; 9] =
    [b"script", b"style", b"noscript", b"template", b"head", b"svg", b"nav", b"iframe", b"math"];

/// Elements that end a paragraph: a blank line before and after.
const PARAGRAPH_BLOCKS: [&[u8]; 30] = [
    b"p",
    b"div",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"main",
    b"aside",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"ul",
    b"ol",
    b"dl",
    b"table",
    b"blockquote",
    b"pre",
    b"hr",
    b"form",
    b"figure",
    b"figcaption",
    b"address",
    b"title",
    b"body",
    b"fieldset",
    b"details",
    b"summary",
];

/// Elements that end a line: a line break before and after.
const LINE_BLOCKS: [&[u8]; 8] = [b"li", b"dt", b"dd", b"tr", b"caption", b"option", b"legend", b"thead"];

/// Table cells: a space between them.
const CELLS: [&[u8]; 2] = [b"td", b"th"];

/// Reduces an HTML page to plain text.
///
/// Character references are decoded; the content of `script`, `style`,
/// `noscript`, `template`, `head`, `svg`, `math`, `iframe` and `nav` is
/// dropped; block elements give line breaks (a blank line around
/// paragraph-level blocks such as `p`, `div`, `h1`, `ul`, `table`; a single
/// line break around `li`, `tr`, `dt`, `dd` and for each `br`, two `br` in a
/// row giving a blank line); `td`/`th` give a space. Inside a line, runs of
/// white space (no-break space included) collapse to one space; lines are
/// trimmed, there is never more than one blank line in a row, and the result
/// is trimmed. Inline elements add nothing. Inside `pre`, line breaks are kept.
pub fn html_to_text(html: &str) -> String {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut text = TextBuilder::default();
    // Open dropped elements, by name; content is kept only when empty.
    let mut dropped: Vec<Vec<u8>> = Vec::new();
    let mut pre_depth = 0usize;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let token = match token {
            Ok(token) => token,
            Err(never) => match never {},
        };
        match token {
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                if name == b"body" {
                    // A `<head>` left open ends where the body starts.
                    dropped.retain(|n| n != b"head");
                }
                if DROPPED.contains(&name) {
                    if !tag.self_closing {
                        dropped.push(name.to_vec());
                    }
                    continue;
                }
                if !dropped.is_empty() {
                    continue;
                }
                if name == b"pre" {
                    pre_depth += 1;
                }
                text.tag(name, true);
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                if DROPPED.contains(&name) {
                    if let Some(i) = dropped.iter().rposition(|n| n == name) {
                        dropped.truncate(i);
                    }
                    continue;
                }
                if !dropped.is_empty() {
                    continue;
                }
                if name == b"pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                text.tag(name, false);
            }
            Token::String(s) if dropped.is_empty() => text.push_str(&String::from_utf8_lossy(&s), pre_depth > 0),
            _ => {}
        }
    }
    text.out
}

/// Builds the text, holding back white space and breaks until the next
/// visible character, so that lines come out trimmed and breaks never pile up.
#[derive(Default)]
struct TextBuilder {
    out: String,
    /// Line breaks owed before the next character: 0, 1 or 2 (a blank line).
    breaks: u8,
    space: bool,
}

impl TextBuilder {
    fn tag(&mut self, name: &[u8], start: bool) {
        if name == b"br" {
            if start {
                self.breaks = (self.breaks + 1).min(2);
            }
        } else if PARAGRAPH_BLOCKS.contains(&name) {
            self.breaks = 2;
        } else if LINE_BLOCKS.contains(&name) {
            self.breaks = self.breaks.max(1);
        } else if CELLS.contains(&name) {
            self.space = true;
        }
    }

    fn push_str(&mut self, s: &str, preformatted: bool) {
        for c in s.chars() {
            if preformatted && c == '\n' {
                self.breaks = (self.breaks + 1).min(2);
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{C}' | '\u{A0}') {
                self.space = true;
            } else {
                self.push_char(c);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if !self.out.is_empty() {
            if self.breaks > 0 {
                self.out.push_str(if self.breaks > 1 { "\n\n" } else { "\n" });
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.breaks = 0;
        self.space = false;
        self.out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_size_limit_is_refused_by_name_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        // Sparse: no gigabyte is written or read.
        std::fs::File::create(&path).unwrap().set_len(MAX_SOURCE_BYTES as u64 + 1).unwrap();
        let file = InputFile { path: path.clone(), name: "huge.txt".to_string() };
        let Err(error) = read_file(&file) else { panic!("a file over the limit was read") };
        let error = error.to_string();
        assert!(error.starts_with(&path.display().to_string()), "{error}");
        assert!(error.contains("larger than 64 MiB"), "{error}");
    }

    fn check(html: &str, expected: &str) {
        assert_eq!(html_to_text(html), expected, "html_to_text({html:?})");
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        check("<p>One</p><p>Two</p>", "One\n\nTwo");
        check("<div><div><p>One</p></div></div>\n\n<div>Two</div>", "One\n\nTwo");
        check("<h1>Title</h1>Body text", "Title\n\nBody text");
    }

    #[test]
    fn line_breaks_and_list_items_give_one_line_break() {
        check("a<br>b<br/>c", "a\nb\nc");
        check("a<br><br>b", "a\n\nb");
        check("a<br><br><br><br>b", "a\n\nb");
        check("<ul><li>one</li><li>two</li></ul>after", "one\ntwo\n\nafter");
        check("<ul>\n  <li>one\n  <li>two\n</ul>", "one\ntwo");
    }

    #[test]
    fn white_space_collapses_and_lines_are_trimmed() {
        check("  a \n\t b  ", "a b");
        check("<p>  a  </p>  <p>\n b </p>", "a\n\nb");
        check("a&nbsp;&nbsp; b", "a b");
        check("", "");
        check("<p> </p><br>", "");
    }

    #[test]
    fn inline_elements_add_nothing() {
        check("<p>The <b>OEWG</b>'s <a href=\"x\">re</a><i>port</i></p>", "The OEWG's report");
        check("a<span> b </span>c", "a b c");
    }

    #[test]
    fn entities_are_decoded() {
        check("A &amp; B &quot;C&quot; D&#8217;s &lt;E&gt; &#x41;", "A & B \"C\" D\u{2019}s <E> A");
    }

    #[test]
    fn scripts_styles_head_and_nav_are_dropped() {
        check("<head><title>T</title><style>p{}</style></head><body>x</body>", "x");
        check("<script>if (a < b) { document.write('<p>no</p>') }</script>yes", "yes");
        check("<noscript><p>Enable JS</p></noscript>ok", "ok");
        check("<nav><ul><li><a>Home</a></li></ul></nav><p>text</p>", "text");
        check("<template><p>t</p></template><svg><text>s</text></svg>ok", "ok");
        check("<head><meta charset=utf-8><title>T</title><body>body", "body");
        check("<nav><nav>x</nav>y</nav>z", "z");
        check("a<svg/>b", "ab");
    }

    #[test]
    fn table_cells_are_separated_by_a_space() {
        check("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        check("<pre>a\n  b\n\n\n\nc</pre>", "a\nb\n\nc");
    }

    #[test]
    fn comments_and_doctype_add_nothing() {
        check("<!DOCTYPE html><!-- hidden --><html><body>x<!-- y -->z</body></html>", "xz");
    }

    #[test]
    fn realistic_statement_page() {
        let html = include_str!("../tests/fixtures/statement.html");
        let expected = "Statement by Mr. John Smith, Director of the Department of International \
Information Security, at the Third Session of the Open-ended Working Group, Geneva, 5 May 2021\n\n\
Distinguished Chair, colleagues & friends,\n\n\
The \"Group\u{2019}s\" work is the one inclusive process under the UN auspices.\n\n\
We support the Chair\u{2019}s draft report & its annexes.\n\
We propose a convention on international information security.\n\n\
Latest news\n\n\
16.01.2020 - Foreign Minister Sergey Lavrov\u{2019}s remarks at the Raisina Dialogue, New Delhi, January 15, 2020\n\
15.01.2020 - Interview of Foreign Minister Sergey Lavrov with the Times of India, January 15, 2020\n\n\
Ministry of Foreign Affairs\n\
Phone: +7 (499) 244-16-06\n\n\
Name Date\n\
Statement 5 May 2021";
        check(html, expected);
    }

    use proptest::prelude::Strategy;

    proptest::proptest! {
        /// Whatever the markup, the text keeps the layout invariants.
        #[test]
        fn html_to_text_layout_invariants(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "<p>", "</p>", "<div>", "</div>", "<br>", "<li>", "</li>", "<td>", "<b>", "</b>",
                    "<nav>", "</nav>", "<script>", "</script>", "<pre>", "</pre>", "&nbsp;", "&amp;",
                    " ", "\n", "\t", "\u{a0}", "<!-- c -->", "<h1>", "</h1>", "<",
                ]).prop_map(String::from),
                "[a-zé’ ]{0,6}",
            ],
            0..40,
        )) {
            let text = html_to_text(&parts.concat());
            proptest::prop_assert_eq!(text.trim(), text.as_str());
            proptest::prop_assert!(!text.contains("\n\n\n"), "{:?}", text);
            proptest::prop_assert!(!text.contains("  "), "{:?}", text);
            proptest::prop_assert!(!text.contains('\t') && !text.contains('\u{a0}'), "{:?}", text);
            for line in text.lines() {
                proptest::prop_assert_eq!(line.trim(), line);
            }
        }
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    fn names(files: &[InputFile]) -> Vec<&str> {
        files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn discover_walks_directories_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b.txt", b"b");
        write(root, "a.HTML", b"a");
        write(root, "sub/c.htm", b"c");
        write(root, "sub/deeper/d.txt", b"d");
        write(root, "notes.md", b"skip");
        write(root, "image.png", b"skip");
        write(root, ".hidden.txt", b"skip");
        write(root, ".git/e.txt", b"skip");
        let (files, diagnostics) = discover(&[root.to_path_buf()]);
        assert_eq!(names(&files), ["a.HTML", "b.txt", "sub/c.htm", "sub/deeper/d.txt"]);
        assert_eq!(files[3].path, root.join("sub/deeper/d.txt"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn discover_takes_a_file_given_directly_whatever_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let md = write(dir.path(), "sub/notes.md", b"x");
        let txt = write(dir.path(), "sub/a.txt", b"x");
        let (files, diagnostics) = discover(&[md.clone(), txt.clone(), dir.path().join("sub"), md]);
        assert_eq!(names(&files), ["a.txt", "notes.md"]);
        assert_eq!(files[0].path, txt);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn discover_reports_missing_paths_and_name_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "one/a.txt", b"1");
        let b = write(dir.path(), "two/a.txt", b"2");
        let missing = dir.path().join("missing");
        let (files, diagnostics) = discover(&[missing.clone(), a.clone(), b.clone()]);
        assert_eq!(files, [InputFile { path: a, name: "a.txt".into() }]);
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        assert_eq!(diagnostics[0].path, missing);
        assert!(diagnostics[0].skipped);
        assert_eq!(diagnostics[1].path, b);
        assert!(diagnostics[1].skipped && diagnostics[1].message.contains("same name"));
    }

    #[cfg(unix)]
    #[test]
    fn discover_returns_dangling_links_and_read_file_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("gone.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &link).unwrap();
        let (files, diagnostics) = discover(&[dir.path().to_path_buf()]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(names(&files), ["gone.txt"]);
        let err = read_file(&files[0]).unwrap_err();
        assert!(err.to_string().contains("gone.txt"), "{err}");

        // Given directly, the broken link is a skipped diagnostic.
        let (files, diagnostics) = discover(std::slice::from_ref(&link));
        assert!(files.is_empty());
        assert_eq!(diagnostics[0].path, link);
        assert!(diagnostics[0].skipped && diagnostics[0].message.contains("broken symbolic link"));
    }

    fn read(dir: &Path, name: &str, bytes: &[u8]) -> Result<ReadOutcome, Error> {
        let path = write(dir, name, bytes);
        read_file(&InputFile { path, name: name.to_string() })
    }

    #[test]
    fn read_file_keeps_text_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Title\r\n\n  body  \u{2019}\t\n";
        let outcome = read(dir.path(), "a.txt", text.as_bytes()).unwrap();
        assert_eq!(outcome.source.text, text);
        assert_eq!(outcome.source.name, "a.txt");
        assert!(outcome.warnings.is_empty());
    }

    #[test]
    fn read_file_of_an_empty_file_gives_an_empty_source() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read(dir.path(), "empty.txt", b"").unwrap();
        assert_eq!(outcome.source.text, "");
        assert!(outcome.warnings.is_empty());
    }

    #[test]
    fn read_file_strips_a_bom() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read(dir.path(), "bom.txt", b"\xEF\xBB\xBFText").unwrap();
        assert_eq!(outcome.source.text, "Text");
    }

    #[test]
    fn read_file_rejects_binary_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), "bin.txt", b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }), "{err:?}");
        assert!(err.to_string().contains("bin.txt"), "{err}");
    }

    #[test]
    fn read_file_decodes_invalid_utf8_lossily_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read(dir.path(), "latin1.txt", b"caf\xE9 ok").unwrap();
        assert_eq!(outcome.source.text, "caf\u{FFFD} ok");
        assert_eq!(outcome.warnings.len(), 1);
        let warning = &outcome.warnings[0];
        assert!(!warning.skipped);
        assert!(warning.path.ends_with("latin1.txt"));
        assert!(warning.to_string().contains("latin1.txt"));
        assert!(warning.message.contains("byte 3"), "{}", warning.message);
    }

    #[test]
    fn read_file_of_a_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        fs::create_dir(&path).unwrap();
        let err = read_file(&InputFile { path, name: "x.txt".into() }).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("x.txt"), "{err}");
    }

    #[test]
    fn read_file_turns_html_into_text() {
        let dir = tempfile::tempdir().unwrap();
        let page = b"<html><head><title>T</title></head><body><p>A &amp; B</p><p>C</p></body></html>";
        assert_eq!(read(dir.path(), "page.htm", page).unwrap().source.text, "A & B\n\nC");
        // Recognised by content whatever the extension.
        let doctype = b"\n  <!doctype HTML><p>x</p><p>y</p>";
        assert_eq!(read(dir.path(), "page.txt", doctype).unwrap().source.text, "x\n\ny");
        // A text file that merely mentions tags is kept as is.
        let text = b"Use <p> for paragraphs";
        assert_eq!(read(dir.path(), "tags.txt", text).unwrap().source.text, "Use <p> for paragraphs");
    }
}
