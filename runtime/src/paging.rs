//! Collections across pages: `@odata.nextLink` followed page by page, `@odata.deltaLink`
//! handed back.

use std::collections::BTreeSet;

use futures_util::stream::{self, Stream, StreamExt};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Error;
use crate::page::Page;
use crate::request::{Json, Request};

/// Every item of a collection, and the delta link its last page gave (delta queries).
#[derive(Debug, Clone, PartialEq)]
pub struct Collected<T> {
    pub items: Vec<T>,
    /// `@odata.deltaLink` of the last page: pass it to [`Client::get_link`] later to get
    /// the changes since.
    pub delta_link: Option<String>,
    /// How many pages were read.
    pub pages: usize,
}

enum Next<T> {
    First(Request<Json<Page<T>>>),
    Link(String),
    Done,
}

struct Walk<T> {
    client: Client,
    /// Headers of the first request (`ConsistencyLevel`, `Prefer`) go with every page.
    headers: Vec<(String, String)>,
    next: Next<T>,
    /// Links already followed: a service that sends one again would loop forever.
    seen: BTreeSet<String>,
}

impl Client {
    /// Sends the request for the first page of a collection.
    pub async fn send_page<T: DeserializeOwned, Q>(
        &self,
        request: Request<Json<Page<T>>, Q>,
    ) -> Result<Page<T>, Error> {
        self.send(request).await
    }

    /// Gets the page after `page`; `None` on the last page. `headers` are the ones the
    /// first request carried, when they matter for the next pages (`ConsistencyLevel`).
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        page: &Page<T>,
        headers: &[(String, String)],
    ) -> Result<Option<Page<T>>, Error> {
        match &page.next_link {
            Some(link) => self
                .get_link::<Json<Page<T>>>(link, headers)
                .await
                .map(Some),
            None => Ok(None),
        }
    }

    /// Every page of a collection, first to last. Ends after the first error.
    pub fn pages<T, Q>(
        &self,
        request: Request<Json<Page<T>>, Q>,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let walk = Walk {
            client: self.clone(),
            headers: request.headers().to_vec(),
            next: Next::First(request.into_undocumented()),
            seen: BTreeSet::new(),
        };
        stream::unfold(walk, |mut walk| async move {
            let result = match std::mem::replace(&mut walk.next, Next::Done) {
                Next::Done => return None,
                Next::First(request) => walk.client.send(request).await,
                Next::Link(link) => {
                    walk.client
                        .get_link::<Json<Page<T>>>(&link, &walk.headers)
                        .await
                }
            };
            match result {
                Ok(page) => {
                    if let Some(link) = &page.next_link {
                        if !walk.seen.insert(link.clone()) {
                            let error = Error::InvalidUrl {
                                url: link.clone(),
                                reason: "next link already followed".into(),
                            };
                            return Some((Err(error), walk));
                        }
                        walk.next = Next::Link(link.clone());
                    }
                    Some((Ok(page), walk))
                }
                Err(error) => Some((Err(error), walk)),
            }
        })
    }

    /// Every item of a collection, across pages. Ends after the first error.
    pub fn items<T, Q>(
        &self,
        request: Request<Json<Page<T>>, Q>,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.pages(request).flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(page) => page.value.into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
    }

    /// Reads every page into memory; keeps the last page's delta link.
    pub async fn collect_all<T, Q>(
        &self,
        request: Request<Json<Page<T>>, Q>,
    ) -> Result<Collected<T>, Error>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let mut collected = Collected {
            items: Vec::new(),
            delta_link: None,
            pages: 0,
        };
        let mut pages = std::pin::pin!(self.pages(request));
        while let Some(page) = pages.next().await {
            let page = page?;
            collected.pages += 1;
            collected.items.extend(page.value);
            collected.delta_link = page.delta_link;
        }
        Ok(collected)
    }
}
