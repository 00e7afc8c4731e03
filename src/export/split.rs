//! A line-based export (N-Quads, N-Triples) cut into numbered chunk files
//! of at most a given size, optionally gzipped, for a store's own bulk
//! loader (`oxigraph load`, `tdb2.tdbloader`, Virtuoso's `ld_dir`, QLever).
//!
//! Chunks are cut between lines only, so each is a valid file on its own.
//! The whole set is written into a temporary directory beside the target
//! and renamed into place once complete: a failed or interrupted export
//! leaves the previous set (or nothing) and never a mix. The target must be
//! new, empty, or an earlier split export; anything else in it is refused
//! rather than deleted.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::{Error, Result};

/// How to cut.
#[derive(Debug, Clone, Copy)]
pub struct SplitOptions {
    /// The most bytes of text (before compression) a chunk holds; a single
    /// longer line gets a chunk of its own.
    pub max_bytes: u64,
    /// Gzip each chunk (`.gz`).
    pub gzip: bool,
    /// The chunks' extension: `nq` or `nt`.
    pub extension: &'static str,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitReport {
    /// The chunk files, in order.
    pub chunks: Vec<PathBuf>,
    /// Bytes of text written (before compression).
    pub bytes: u64,
}

/// Writes what `write` produces as chunks `part-00001.EXT[.gz]`, … in `dir`.
pub fn write_split(
    dir: &Path,
    options: SplitOptions,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<SplitReport> {
    if options.max_bytes == 0 {
        return Err(Error::Usage("--split-bytes must be at least 1".into()));
    }
    check_target(dir)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "split".into());
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;

    let result = (|| {
        let mut splitter = Splitter::new(&staging, options);
        write(&mut splitter).map_err(|e| match e {
            Error::Output(io) => Error::io(dir, io),
            other => other,
        })?;
        let (names, bytes) = splitter.finish()?;
        install(&staging, dir, &parent, &name)?;
        Ok(SplitReport { chunks: names.iter().map(|n| dir.join(n)).collect(), bytes })
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Is `name` a chunk this module writes?
fn is_chunk(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("part-") else { return false };
    let rest = rest.strip_suffix(".gz").unwrap_or(rest);
    let Some((number, extension)) = rest.split_once('.') else { return false };
    number.len() >= 5 && number.bytes().all(|b| b.is_ascii_digit()) && matches!(extension, "nq" | "nt")
}

/// The target may be missing, empty, or hold chunks of an earlier export.
fn check_target(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let name = entry.map_err(|e| Error::io(dir, e))?.file_name().to_string_lossy().into_owned();
        if !is_chunk(&name) {
            return Err(Error::Usage(format!(
                "{}: holds {name}, which is not a chunk of a split export; give a new or empty directory \
                 (nothing was written)",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Puts the finished set in place of `dir`: the old set (if any) is moved
/// aside, the new one renamed in, the old one removed.
fn install(staging: &Path, dir: &Path, parent: &Path, name: &str) -> Result<()> {
    if dir.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
        if let Err(e) = std::fs::rename(staging, dir) {
            // Put the old set back rather than leave nothing.
            let _ = std::fs::rename(&old, dir);
            return Err(Error::io(dir, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(staging, dir).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// One chunk file being written.
enum Chunk {
    Plain(BufWriter<File>),
    Gzip(GzEncoder<BufWriter<File>>),
}

impl Chunk {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Chunk::Plain(w) => w.write_all(bytes),
            Chunk::Gzip(w) => w.write_all(bytes),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        let buffered = match self {
            Chunk::Plain(w) => w,
            Chunk::Gzip(w) => w.finish()?,
        };
        buffered.into_inner().map_err(|e| e.into_error())?.sync_all()
    }
}

/// A `Write` that cuts the stream into chunk files at line ends.
struct Splitter<'a> {
    dir: &'a Path,
    options: SplitOptions,
    names: Vec<String>,
    current: Option<(Chunk, u64)>,
    /// The start of a line not yet ended.
    pending: Vec<u8>,
    bytes: u64,
}

impl<'a> Splitter<'a> {
    fn new(dir: &'a Path, options: SplitOptions) -> Self {
        Splitter { dir, options, names: Vec::new(), current: None, pending: Vec::new(), bytes: 0 }
    }

    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let full = self.current.as_ref().is_some_and(|(_, n)| *n > 0 && n + line.len() as u64 > self.options.max_bytes);
        if full {
            if let Some((chunk, _)) = self.current.take() {
                chunk.finish()?;
            }
        }
        if self.current.is_none() {
            self.current = Some((self.open()?, 0));
        }
        if let Some((chunk, written)) = self.current.as_mut() {
            chunk.write_all(line)?;
            *written += line.len() as u64;
        }
        self.bytes += line.len() as u64;
        Ok(())
    }

    fn open(&mut self) -> std::io::Result<Chunk> {
        let gz = if self.options.gzip { ".gz" } else { "" };
        let name = format!("part-{:05}.{}{gz}", self.names.len() + 1, self.options.extension);
        let file = BufWriter::new(File::create(self.dir.join(&name))?);
        self.names.push(name);
        Ok(if self.options.gzip {
            Chunk::Gzip(GzEncoder::new(file, Compression::default()))
        } else {
            Chunk::Plain(file)
        })
    }

    fn finish(mut self) -> Result<(Vec<String>, u64)> {
        let dir = self.dir;
        let io = |e| Error::io(dir, e);
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.line(&rest).map_err(io)?;
        }
        if let Some((chunk, _)) = self.current.take() {
            chunk.finish().map_err(io)?;
        }
        Ok((self.names, self.bytes))
    }
}

impl Write for Splitter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(end + 1);
            if self.pending.is_empty() {
                self.line(head)?;
            } else {
                // The line's start came in earlier writes (a writer that
                // formats a line piece by piece); the buffer is kept for
                // the next one.
                let mut line = std::mem::take(&mut self.pending);
                line.extend_from_slice(head);
                self.line(&line)?;
                line.clear();
                self.pending = line;
            }
            rest = tail;
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn lines(n: usize) -> String {
        (0..n).map(|i| format!("<urn:s{i}> <urn:p> \"{}\" <urn:g> .\n", "x".repeat(i % 7))).collect()
    }

    fn read_chunk(path: &Path) -> String {
        let bytes = std::fs::read(path).unwrap();
        if path.extension().is_some_and(|e| e == "gz") {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
            text
        } else {
            String::from_utf8(bytes).unwrap()
        }
    }

    fn check(text: &str, max_bytes: u64, gzip: bool) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("chunks");
        let options = SplitOptions { max_bytes, gzip, extension: "nq" };
        // Written in awkward pieces, so that lines straddle write calls.
        let report = write_split(&dir, options, |out| {
            for piece in text.as_bytes().chunks(13) {
                out.write_all(piece).map_err(Error::Output)?;
            }
            Ok(())
        })
        .unwrap();
        let parts: Vec<String> = report.chunks.iter().map(|c| read_chunk(c)).collect();
        for (chunk, part) in report.chunks.iter().zip(&parts) {
            assert!(part.ends_with('\n'), "{} is cut inside a line", chunk.display());
            assert!(part.len() as u64 <= max_bytes || part.lines().count() == 1, "{} is too big", chunk.display());
        }
        // Each chunk is as full as it can be: the next line would not have fitted.
        for pair in parts.windows(2) {
            let next_line = pair[1].split_inclusive('\n').next().unwrap();
            assert!((pair[0].len() + next_line.len()) as u64 > max_bytes, "a chunk was cut early");
        }
        assert_eq!(parts.concat(), text);
        assert_eq!(report.bytes, text.len() as u64);
        let names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), report.chunks.len());
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1, "a temporary directory was left");
    }

    #[test]
    fn chunks_are_cut_at_line_ends_and_join_back() {
        check(&lines(200), 1000, false);
        check(&lines(200), 1000, true);
        check(&lines(3), 1, false);
        check(&lines(1), 1 << 20, true);
    }

    #[test]
    fn a_failed_export_leaves_the_previous_set() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("chunks");
        let options = SplitOptions { max_bytes: 100, gzip: false, extension: "nq" };
        let first =
            write_split(&dir, options, |out| out.write_all(lines(20).as_bytes()).map_err(Error::Output)).unwrap();
        let failed = write_split(&dir, options, |out| {
            out.write_all(lines(50).as_bytes()).map_err(Error::Output)?;
            Err(Error::Usage("interrupted".into()))
        });
        assert!(failed.is_err());
        let now: Vec<PathBuf> = {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
            v.sort();
            v
        };
        assert_eq!(now, first.chunks);
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        // A later export replaces the set whole: no stale chunk stays.
        let second =
            write_split(&dir, options, |out| out.write_all(lines(2).as_bytes()).map_err(Error::Output)).unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), second.chunks.len());
        assert!(second.chunks.len() < first.chunks.len());
    }

    #[test]
    fn a_directory_with_other_files_is_refused_untouched() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("graph.nq"), "keep").unwrap();
        let options = SplitOptions { max_bytes: 100, gzip: false, extension: "nq" };
        let message = write_split(root.path(), options, |out| out.write_all(b"x\n").map_err(Error::Output))
            .unwrap_err()
            .to_string();
        assert!(message.contains("graph.nq") && message.contains("not a chunk"), "{message}");
        assert_eq!(std::fs::read_to_string(root.path().join("graph.nq")).unwrap(), "keep");
    }

    #[test]
    fn chunk_names_are_recognised() {
        assert!(is_chunk("part-00001.nq") && is_chunk("part-00012.nt.gz") && is_chunk("part-123456.nq"));
        assert!(!is_chunk("part-1.nq") && !is_chunk("graph.nq") && !is_chunk("part-00001.ttl"));
    }
}
