//! A blocking client for scripts and other code without an async runtime (feature
//! `blocking`).
//!
//! It wraps an async [`crate::Client`] and its own small Tokio runtime (one worker
//! thread, which also keeps pooled connections alive between calls). Calling it from
//! inside an async runtime would deadlock or panic in Tokio, so it returns
//! [`Error::Config`] there instead.
//!
//! ```no_run
//! # fn run() -> graphgen_runtime::Result<()> {
//! use graphgen_runtime::{ApiVersion, Method, Path, Request};
//! let client = graphgen_runtime::blocking::Client::new(graphgen_runtime::Client::new("token")?)?;
//! let me: graphgen_runtime::serde_json::Value =
//!     client.send_json(Request::new(Method::Get, ApiVersion::V1, Path::new().literal("me")))?;
//! # let _ = me; Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::operation::{OperationResource, PollPolicy};
use crate::request::Request;

/// The blocking counterpart of [`crate::Client`]. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Client").field("inner", &self.inner).finish_non_exhaustive()
    }
}

impl Client {
    /// Wraps an async client, starting the runtime that drives it.
    pub fn new(inner: crate::Client) -> Result<Client> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("graphgen-runtime-blocking")
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the blocking runtime: {e}")))?;
        Ok(Client { inner, runtime: Arc::new(runtime) })
    }

    /// The async client underneath.
    pub fn async_client(&self) -> &crate::Client {
        &self.inner
    }

    fn block_on<F: Future>(&self, future: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "the blocking client was called from inside an async runtime; use the async Client"
                    .into(),
            ));
        }
        Ok(self.runtime.block_on(future))
    }

    /// See [`crate::Client::send_json`].
    pub fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.block_on(self.inner.send_json(request))?
    }

    /// See [`crate::Client::send_no_content`].
    pub fn send_no_content(&self, request: Request) -> Result<()> {
        self.block_on(self.inner.send_no_content(request))?
    }

    /// See [`crate::Client::send_operation`].
    pub fn send_operation<T: DeserializeOwned>(&self, request: Request) -> Result<Operation<T>> {
        let operation = self.block_on(self.inner.send_operation(request))??;
        Ok(Operation { inner: operation, client: self.clone() })
    }

    /// See [`crate::Client::send_created`].
    pub fn send_created<T: DeserializeOwned>(&self, request: Request) -> Result<crate::Created<T>> {
        self.block_on(self.inner.send_created(request))?
    }

    /// See [`crate::Client::send_value`].
    pub fn send_value<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.block_on(self.inner.send_value(request))?
    }

    /// See [`crate::Client::send_bytes`].
    pub fn send_bytes(&self, request: Request) -> Result<Vec<u8>> {
        self.block_on(self.inner.send_bytes(request))?
    }
}

/// The blocking counterpart of [`crate::Operation`].
pub struct Operation<T> {
    inner: crate::Operation<T>,
    client: Client,
}

impl<T: fmt::Debug> fmt::Debug for Operation<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T> Operation<T> {
    /// The async handle underneath (id, location, body, client context).
    pub fn handle(&self) -> &crate::Operation<T> {
        &self.inner
    }

    /// Takes the async handle.
    pub fn into_handle(self) -> crate::Operation<T> {
        self.inner
    }

    /// See [`crate::Operation::status`].
    pub fn status(&self) -> Result<OperationResource> {
        self.client.block_on(self.inner.status())?
    }

    /// See [`crate::Operation::wait`].
    pub fn wait(&self) -> Result<OperationResource> {
        self.client.block_on(self.inner.wait())?
    }

    /// See [`crate::Operation::wait_with`].
    pub fn wait_with(&self, policy: &PollPolicy) -> Result<OperationResource> {
        self.client.block_on(self.inner.wait_with(policy))?
    }
}
