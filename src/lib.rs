//! diplograph: turns a corpus of diplomatic statements into a knowledge graph.
//!
//! The pipeline, one module per stage:
//! read → segment → extract → relate → resolve → graph → export / store.
//! See ARCHITECTURE.md for the map.

pub mod error;
pub mod fixtures;
pub mod graph;
pub mod model;
pub mod store;
pub mod vocab;

pub use error::{Error, Result};
pub mod annotations;
pub mod dates;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod push;
pub mod read;
pub mod relate;
pub mod resolve;
pub mod segment;
pub mod serve;
