//! How the heavy work of a call runs: with the GIL released, interruptible
//! by Ctrl-C, and with any panic contained.
//!
//! Python runs signal handlers on the main thread only, between bytecodes,
//! so a long Rust call would hold off Ctrl-C until it returns. Instead,
//! [`interruptible`] runs the job on a worker thread (unless it is too small
//! to be worth one) and keeps the calling thread polling
//! `PyErr_CheckSignals` every [`POLL`]: when a handler raises
//! (KeyboardInterrupt for SIGINT), it raises the job's [`Interrupt`], the
//! job drains at the next document or block of rows, and the exception the
//! handler raised is re-raised. The job only borrows its inputs and returns
//! a new value, so an interrupted call changes nothing: every object stays as
//! it was before the call.
//!
//! With a [`Bar`] (``progress=True``), the same polling moves a tqdm bar
//! to the units the job has reported done through [`Interrupt::advance`].
//!
//! A panic must not reach Python as pyo3's `PanicException`, a
//! `BaseException` that `except Exception` does not catch: both runners
//! catch it (on the worker, on the threads of rayon's pool, which hand their
//! panics to the thread that waits for them, and in place) and raise
//! `textlens.InternalError` instead.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;

use crate::error::Error;
use crate::interrupt::Interrupt;

/// How often the waiting thread checks for signals: the latency of Ctrl-C,
/// plus the job's time to reach its next check.
const POLL: Duration = Duration::from_millis(50);

/// Jobs smaller than this (in bytes of text, or cells of a score matrix)
/// run in place: a few milliseconds of work, where starting a thread (some
/// 30 µs) would be most of the cost of a call on a short batch.
const IN_PLACE: usize = 64 << 10;

/// The job runs on this big a stack, as on Python's main thread (the
/// default for spawned threads is 2 MiB).
const STACK: usize = 8 << 20;

/// Run `job` with the GIL released, stopping it when a signal handler
/// raises (Ctrl-C). Call it for work over many documents; `job` must pass
/// the [`Interrupt`] to the core, which checks it between documents. `size`
/// is how much work there is (see [`text_bytes`]): below [`IN_PLACE`] the
/// job runs in place, as [`contained`] does.
///
/// On the main thread, the exception a signal handler raised is re-raised
/// once the job has stopped (a fraction of a second). On other threads
/// Python runs no handlers, and the call runs to the end. A panic becomes
/// `InternalError`.
pub(crate) fn interruptible<T: Send>(
    py: Python<'_>,
    size: usize,
    job: impl FnOnce(&Interrupt) -> Result<T, Error> + Send,
) -> PyResult<T> {
    interruptible_with(py, size, None, job)
}

/// A progress bar that an [`interruptible_with`] call moves: a tqdm bar made
/// by ``textlens._progress.bar`` (an ImportError naming the extra without
/// tqdm), counting the units the job reports through
/// [`Interrupt::advance`].
pub(crate) struct Bar {
    bar: Py<PyAny>,
    shown: usize,
}

impl Bar {
    /// A bar of `total` units called `desc`, or `None` when `progress` is false.
    pub(crate) fn new(
        py: Python<'_>,
        progress: bool,
        total: usize,
        desc: &str,
        unit: &str,
    ) -> PyResult<Option<Bar>> {
        if !progress {
            return Ok(None);
        }
        let bar = py
            .import("textlens._progress")?
            .getattr("bar")?
            .call1((total, desc, unit))?;
        Ok(Some(Bar {
            bar: bar.unbind(),
            shown: 0,
        }))
    }

    /// Move the bar to `done`. An exception here (a KeyboardInterrupt that
    /// arrived while tqdm ran, above all) stops the job like a signal does.
    fn show(&mut self, py: Python<'_>, done: usize) -> PyResult<()> {
        if done > self.shown {
            let step = done - self.shown;
            self.shown = done;
            self.bar.bind(py).call_method1("update", (step,))?;
        }
        Ok(())
    }

    /// Move the bar to `done` and close it.
    fn close(mut self, py: Python<'_>, done: usize) -> PyResult<()> {
        let shown = self.show(py, done);
        self.bar.bind(py).call_method0("close")?;
        shown
    }
}

/// [`interruptible`], moving `bar` (when there is one) while the job runs.
/// With a bar the job always runs on the worker thread, whatever its size.
pub(crate) fn interruptible_with<T: Send>(
    py: Python<'_>,
    size: usize,
    mut bar: Option<Bar>,
    job: impl FnOnce(&Interrupt) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let stop = Interrupt::new();
    if size < IN_PLACE && bar.is_none() {
        return contained(py, || job(&stop));
    }
    let mut signalled: Option<PyErr> = None;
    let outcome = py.detach(|| {
        let run = || catch_unwind(AssertUnwindSafe(|| job(&stop)));
        // Taken by the worker, or by this thread when no worker starts.
        let slot = Mutex::new(Some(run));
        let take = || slot.lock().ok().and_then(|mut r| r.take());
        std::thread::scope(|scope| {
            let (done, outcome) = sync_channel(1);
            let worker = std::thread::Builder::new()
                .name("textlens".into())
                .stack_size(STACK)
                .spawn_scoped(scope, move || {
                    if let Some(run) = take() {
                        // The receiver below waits for this: it is never gone.
                        let _ = done.send(run());
                    }
                });
            if worker.is_err() {
                // No thread to be had (a process limit): run here, uninterruptible.
                return take().map(|run| run());
            }
            loop {
                match outcome.recv_timeout(POLL) {
                    Ok(result) => return Some(result),
                    Err(RecvTimeoutError::Timeout) => {
                        if signalled.is_none() {
                            let checked = Python::attach(|py| {
                                if let Some(bar) = bar.as_mut() {
                                    bar.show(py, stop.done())?;
                                }
                                py.check_signals()
                            });
                            if let Err(e) = checked {
                                signalled = Some(e);
                                stop.raise();
                            }
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
        })
    });
    let closed = bar.map_or(Ok(()), |bar| bar.close(py, stop.done()));
    let result = outcome
        .ok_or_else(|| Error::Internal {
            component: "textlens",
            message: "the worker thread ended without a result".into(),
        })?
        .map_err(panicked)?;
    if let Some(e) = signalled {
        // Raised whether or not the job saw the interrupt before it ended:
        // Python would raise it at its next instruction anyway.
        return Err(e);
    }
    let result = result?;
    closed?;
    Ok(result)
}

/// Run `job` with the GIL released, in place: for calls on one document,
/// too short to be worth a thread (and not interruptible). A panic becomes
/// `InternalError`.
pub(crate) fn contained<T: Send>(
    py: Python<'_>,
    job: impl FnOnce() -> Result<T, Error> + Send,
) -> PyResult<T> {
    Ok(py.detach(|| catch_unwind(AssertUnwindSafe(job)).map_err(panicked))??)
}

/// The size of a job over `texts`, for [`interruptible`].
pub(crate) fn text_bytes<S: AsRef<str>>(texts: &[S]) -> usize {
    texts.iter().map(|t| t.as_ref().len()).sum()
}

/// The error a caught panic becomes.
fn panicked(payload: Box<dyn Any + Send>) -> Error {
    // An error unwound on purpose (see `crate::limits::refuse`).
    let payload = match payload.downcast::<Error>() {
        Ok(err) => return *err,
        Err(payload) => payload,
    };
    let message = match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(s) => (*s).to_owned(),
            Err(_) => "a panic without a message".to_owned(),
        },
    };
    Error::Internal {
        component: "textlens",
        message,
    }
}

/// Panic where asked, to show that no panic reaches Python: ``"inline"`` in
/// the calling thread (as a one-document call), ``"worker"`` in the worker
/// thread of an interruptible call, ``"rayon"`` in a task on rayon's pool
/// inside one. Not public API: the tests call it.
#[pyfunction]
pub(crate) fn _panic_for_tests(py: Python<'_>, place: &str) -> PyResult<()> {
    use rayon::prelude::*;
    match place {
        "inline" => contained(py, || -> Result<(), Error> { panic!("test panic inline") }),
        "worker" => interruptible(py, usize::MAX, |_| -> Result<(), Error> {
            panic!("test panic in worker")
        }),
        "rayon" => interruptible(py, usize::MAX, |_| {
            (0..1000u32).into_par_iter().for_each(|i| {
                if i == 777 {
                    panic!("test panic in rayon task {i}");
                }
            });
            Ok(())
        }),
        other => Err(Error::invalid(
            "place",
            format!("{other:?} is not 'inline', 'worker' or 'rayon'"),
        )
        .into()),
    }
}
