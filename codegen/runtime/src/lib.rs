//! `graphgen-runtime`: what graphgen-generated code calls.
//!
//! Not implemented yet (issue 4): transport, auth, clouds, path encoding, retries,
//! errors and long-running operation handles.
