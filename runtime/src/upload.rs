//! Large uploads through an upload session (`createUploadSession` on a driveItem, a
//! message or event attachment): the content goes in ranges to the session's `uploadUrl`,
//! and after a failure the upload goes on from where the service says it stands
//! (`nextExpectedRanges`).
//!
//! ```no_run
//! use graphgen_runtime::upload::UploadTask;
//! use graphgen_runtime::Client;
//!
//! # async fn run(client: Client, upload_url: String, data: Vec<u8>) -> Result<(), graphgen_runtime::Error> {
//! let done = UploadTask::new(&client, upload_url, data.len() as u64)
//!     .chunk_size(10 * 320 * 1024)?
//!     .on_progress(|sent, total| println!("{sent}/{total}"))
//!     .upload_bytes::<serde_json::Value>(&data)
//!     .await?;
//! println!("{:?}", done.item.map(|item| item["id"].clone()));
//! # Ok(()) }
//! ```

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::client::Client;
use crate::error::Error;
use crate::request::Method;
use crate::retry::RetryPolicy;

/// Every range but the last must be a multiple of 320 KiB.
pub const CHUNK_UNIT: usize = 320 * 1024;
/// The largest range the service takes in one request (60 MiB).
pub const MAX_CHUNK: usize = 192 * CHUNK_UNIT;

/// What `createUploadSession` answers (and the session's status, from a `GET` of its URL).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSession {
    #[serde(default)]
    pub upload_url: Option<String>,
    #[serde(default)]
    pub expiration_date_time: Option<String>,
    /// `"start-"` or `"start-end"`, byte offsets the service still needs.
    #[serde(default)]
    pub next_expected_ranges: Vec<String>,
}

impl UploadSession {
    /// The start of the first range the service still needs; `None` when it needs none.
    pub fn next_offset(&self) -> Result<Option<u64>, Error> {
        let Some(range) = self.next_expected_ranges.first() else {
            return Ok(None);
        };
        let start = range.split('-').next().unwrap_or_default().trim();
        start.parse().map(Some).map_err(|_| Error::Upload {
            message: format!("the session names an unreadable range {range:?}"),
        })
    }
}

/// How the upload ended: the created item (a driveItem's JSON; attachment sessions answer
/// with no body and a `Location`).
#[derive(Debug, Clone, PartialEq)]
pub struct UploadOutcome<T> {
    pub status: u16,
    pub item: Option<T>,
    pub location: Option<String>,
}

type Progress = dyn Fn(u64, u64) + Send + Sync;

/// Uploads `size` bytes to one upload session.
pub struct UploadTask {
    client: Client,
    upload_url: String,
    size: u64,
    chunk_size: usize,
    max_failures: u32,
    progress: Option<Box<Progress>>,
}

impl fmt::Debug for UploadTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The upload URL authorizes the upload by itself: it is kept out of logs.
        f.debug_struct("UploadTask")
            .field("size", &self.size)
            .field("chunk_size", &self.chunk_size)
            .finish_non_exhaustive()
    }
}

impl UploadTask {
    /// `upload_url` is the session's `uploadUrl`; the Graph token is never sent to it.
    /// Ranges are 5 MiB unless [`UploadTask::chunk_size`] says otherwise.
    pub fn new(client: &Client, upload_url: impl Into<String>, size: u64) -> Self {
        UploadTask {
            // The task resumes on its own after a lost answer; the client must not resend a range.
            client: client.with_retry(RetryPolicy::none()),
            upload_url: upload_url.into(),
            size,
            chunk_size: 16 * CHUNK_UNIT,
            max_failures: 5,
            progress: None,
        }
    }

    /// Bytes per request: a multiple of 320 KiB, at most 60 MiB.
    pub fn chunk_size(mut self, bytes: usize) -> Result<Self, Error> {
        if bytes == 0 || bytes % CHUNK_UNIT != 0 || bytes > MAX_CHUNK {
            return Err(Error::Upload {
                message: format!(
                    "a chunk of {bytes} bytes is not a multiple of 320 KiB (327680) up to 60 MiB"
                ),
            });
        }
        self.chunk_size = bytes;
        Ok(self)
    }

    /// How many failures in a row (dropped connections, timeouts, 5xx) the task resumes
    /// from before it gives up (default 5).
    pub fn max_failures(mut self, failures: u32) -> Self {
        self.max_failures = failures;
        self
    }

    /// Called with (bytes the service has, total) after each range it accepts.
    pub fn on_progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Uploads content held in memory.
    pub async fn upload_bytes<T: DeserializeOwned>(
        self,
        data: &[u8],
    ) -> Result<UploadOutcome<T>, Error> {
        let chunk = Bytes::copy_from_slice(data);
        self.upload_stream(futures_util::stream::iter([Ok::<_, std::io::Error>(chunk)]))
            .await
    }

    /// Uploads content read from a stream (a file, a network body). Only the range in
    /// flight is held in memory; a resume never goes back before it.
    pub async fn upload_stream<T, S, E>(self, stream: S) -> Result<UploadOutcome<T>, Error>
    where
        T: DeserializeOwned,
        S: Stream<Item = Result<Bytes, E>> + Send + Unpin,
        E: fmt::Display,
    {
        let mut source = Window::new(stream);
        let mut offset = 0u64;
        let mut failures = 0u32;
        loop {
            let end = (offset + self.chunk_size as u64).min(self.size);
            let data = source.range(offset, end).await?;
            let headers = [(
                "Content-Range".to_string(),
                format!("bytes {offset}-{}/{}", end.saturating_sub(1), self.size),
            )];
            let answer = self
                .client
                .send_to_url(Method::Put, &self.upload_url, &headers, data)
                .await;
            match answer {
                Ok(response) if response.status == 202 => {
                    failures = 0;
                    let session = read_session(&response.body)?;
                    offset = session.next_offset()?.unwrap_or(end);
                    if offset >= self.size {
                        return Err(Error::Upload {
                            message: "the service has every byte but did not finish the upload"
                                .into(),
                        });
                    }
                    self.report(offset);
                }
                Ok(response) => {
                    self.report(self.size);
                    return finished(response);
                }
                Err(error) => {
                    failures += 1;
                    if !is_resumable(&error) || failures > self.max_failures {
                        return Err(error);
                    }
                    tokio::time::sleep(self.pause(&error, failures)).await;
                    match self.status().await {
                        Ok(Some(next)) => offset = next,
                        // The service needs nothing more: the last range arrived, its answer did not.
                        Ok(None) => {
                            self.report(self.size);
                            return Ok(UploadOutcome {
                                status: 200,
                                item: None,
                                location: None,
                            });
                        }
                        Err(status_error) if is_resumable(&status_error) => {}
                        Err(status_error) => return Err(status_error),
                    }
                }
            }
        }
    }

    /// Asks the session where it stands: the first offset it still needs.
    pub async fn status(&self) -> Result<Option<u64>, Error> {
        let response = self
            .client
            .send_to_url(Method::Get, &self.upload_url, &[], Vec::new())
            .await
            .map_err(expired)?;
        read_session(&response.body)?.next_offset()
    }

    /// Ends the session; the service discards what it received.
    pub async fn cancel(self) -> Result<(), Error> {
        self.client
            .send_to_url(Method::Delete, &self.upload_url, &[], Vec::new())
            .await
            .map(|_| ())
    }

    fn report(&self, sent: u64) {
        if let Some(progress) = &self.progress {
            progress(sent.min(self.size), self.size);
        }
    }

    /// The service's `Retry-After`, else a short backoff.
    fn pause(&self, error: &Error, failures: u32) -> Duration {
        error
            .graph()
            .and_then(|g| g.retry_after)
            .unwrap_or_else(|| Duration::from_millis(200) * failures)
            .min(Duration::from_secs(120))
    }
}

/// Lost answers, timeouts, throttling, server errors and a refused range (416) are resumed
/// from the session's status; other refusals end the upload.
fn is_resumable(error: &Error) -> bool {
    error.is_connection()
        || error.is_timeout()
        || matches!(error.status(), Some(416 | 429 | 500..=599))
}

/// A session that is gone (404) has expired or been cancelled.
fn expired(error: Error) -> Error {
    if error.status() == Some(404) {
        Error::Upload {
            message: "the upload session has expired or was cancelled (404)".into(),
        }
    } else {
        error
    }
}

fn read_session(body: &[u8]) -> Result<UploadSession, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Upload {
        message: format!("the session's answer is not an upload session: {e}"),
    })
}

fn finished<T: DeserializeOwned>(
    response: crate::transport::HttpResponse,
) -> Result<UploadOutcome<T>, Error> {
    let item = if response.body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(
            serde_json::from_slice(&response.body).map_err(|e| Error::Decode {
                status: response.status,
                message: e.to_string(),
                snippet: crate::error::snippet(&response.body),
            })?,
        )
    };
    Ok(UploadOutcome {
        status: response.status,
        location: response.header("location").map(str::to_string),
        item,
    })
}

/// The part of a stream between the last acknowledged offset and the range being sent.
struct Window<S> {
    stream: S,
    /// Offset of `held[0]`.
    start: u64,
    held: Vec<u8>,
    ended: bool,
}

impl<S, E> Window<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: fmt::Display,
{
    fn new(stream: S) -> Self {
        Window {
            stream,
            start: 0,
            held: Vec::new(),
            ended: false,
        }
    }

    /// Bytes `from..to`; what lies before `from` is dropped for good.
    async fn range(&mut self, from: u64, to: u64) -> Result<Vec<u8>, Error> {
        if from < self.start {
            return Err(Error::Upload {
                message: format!(
                    "the service asks for offset {from}, before {} which it had acknowledged",
                    self.start
                ),
            });
        }
        let drop = usize::try_from(from - self.start).unwrap_or(usize::MAX);
        if drop >= self.held.len() {
            // Skips what the stream has not yet yielded, up to `from`.
            let mut skip = drop - self.held.len();
            self.held.clear();
            while skip > 0 {
                let Some(chunk) = self.pull().await? else {
                    break;
                };
                if chunk.len() <= skip {
                    skip -= chunk.len();
                } else {
                    self.held.extend_from_slice(&chunk[skip..]);
                    skip = 0;
                }
            }
        } else {
            self.held.drain(..drop);
        }
        self.start = from;
        let want = usize::try_from(to - from).unwrap_or(usize::MAX);
        while self.held.len() < want {
            match self.pull().await? {
                Some(chunk) => self.held.extend_from_slice(&chunk),
                None => break,
            }
        }
        if self.held.len() < want {
            return Err(Error::Upload {
                message: format!(
                    "the content ended at byte {}, before the {to} the upload was sized for",
                    from + self.held.len() as u64
                ),
            });
        }
        Ok(self.held[..want].to_vec())
    }

    async fn pull(&mut self) -> Result<Option<Bytes>, Error> {
        if self.ended {
            return Ok(None);
        }
        match self.stream.next().await {
            Some(Ok(chunk)) => Ok(Some(chunk)),
            Some(Err(e)) => Err(Error::Upload {
                message: format!("reading the content failed: {e}"),
            }),
            None => {
                self.ended = true;
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(data: &[u8], size: usize) -> impl Stream<Item = Result<Bytes, String>> + Unpin {
        let chunks: Vec<Result<Bytes, String>> = data
            .chunks(size)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        futures_util::stream::iter(chunks)
    }

    #[tokio::test]
    async fn the_window_serves_ranges_and_goes_back_only_to_what_it_holds() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let mut window = Window::new(pieces(&data, 7));
        assert_eq!(window.range(0, 100).await.ok(), Some(data[0..100].to_vec()));
        // A resume inside the range in flight.
        assert_eq!(
            window.range(40, 140).await.ok(),
            Some(data[40..140].to_vec())
        );
        assert_eq!(
            window.range(500, 600).await.ok(),
            Some(data[500..600].to_vec())
        );
        assert!(window.range(10, 20).await.is_err());
        assert!(window.range(990, 1001).await.is_err(), "past the end");
    }

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        let client = Client::builder().build().expect("client");
        let task = || UploadTask::new(&client, "https://example.invalid/up", 10);
        assert!(task().chunk_size(CHUNK_UNIT).is_ok());
        assert!(task().chunk_size(MAX_CHUNK).is_ok());
        assert!(task().chunk_size(1_000_000).is_err());
        assert!(task().chunk_size(0).is_err());
        assert!(task().chunk_size(MAX_CHUNK + CHUNK_UNIT).is_err());
    }

    #[test]
    fn sessions_read_their_next_offset() {
        let session: UploadSession = serde_json::from_str(
            r#"{"expirationDateTime":"2015-01-29T09:21:55.523Z","nextExpectedRanges":["12345-55232","77829-99375"]}"#,
        )
        .unwrap_or_else(|_| UploadSession { upload_url: None, expiration_date_time: None, next_expected_ranges: vec![] });
        assert_eq!(session.next_offset().ok(), Some(Some(12345)));
        let bad = UploadSession {
            next_expected_ranges: vec!["x-".into()],
            ..session.clone()
        };
        assert!(bad.next_offset().is_err());
    }
}
