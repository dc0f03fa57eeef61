//! Running SQL on a pooled connection and collecting node-postgres-shaped
//! results: one [`ResultSet`] per statement, rows decoded column-wise.
//!
//! Like pg: no parameters → simple query protocol (several statements
//! allowed); parameters → one unnamed extended-protocol statement. Results
//! are always in text format and decoded by [`crate::core::decode`].

use std::sync::Arc;

use tokio_postgres::{Client, FieldInfo, RawMessage, RawParam};

use crate::core::decode::{ColumnData, ResultSetBuilder};
use crate::core::error::{CoreError, CoreResult, ErrorKind};
use crate::core::pg_error::{from_pg_error, Phase};
use crate::core::pool::Pool;
use crate::core::value::BindParam;

/// One statement's result, as node-postgres' `Result` carries it.
pub struct ResultSet {
    pub command: Option<String>,
    pub row_count: Option<u64>,
    pub oid: Option<u32>,
    pub fields: Arc<[FieldInfo]>,
    pub rows: usize,
    pub columns: Vec<ColumnData>,
}

/// Parses a CommandComplete tag the way pg does
/// (`/^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/`): "INSERT 0 1" → (INSERT, 1, oid 0).
pub fn parse_tag(tag: &str) -> (Option<String>, Option<u64>, Option<u32>) {
    let mut parts = tag.split(' ');
    let command = parts
        .next()
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphabetic()));
    let Some(command) = command else {
        return (None, None, None);
    };
    let nums: Vec<u64> = parts.map_while(|p| p.parse::<u64>().ok()).take(2).collect();
    match nums.as_slice() {
        [oid, rows] => (
            Some(command.to_string()),
            Some(*rows),
            u32::try_from(*oid).ok(),
        ),
        [rows] => (Some(command.to_string()), Some(*rows), None),
        _ => (Some(command.to_string()), None, None),
    }
}

/// Receives the first rows of a large result while the rest is still
/// arriving: `(result set index, rows so far)`. The final [`ResultSet`] of
/// that index then holds only the rows after the last chunk.
pub type Sink = Box<dyn FnMut(usize, ResultSet) + Send>;

/// Rows per chunk handed to a [`Sink`].
pub const CHUNK_ROWS: usize = 500;

/// Runs `sql` (with `params` when given) on one connection.
pub async fn run_on(
    client: &Client,
    sql: &str,
    params: Option<&[BindParam]>,
    mut sink: Option<&mut Sink>,
) -> CoreResult<Vec<ResultSet>> {
    let mut stream = match params {
        None => client.simple_query_raw_full(sql),
        Some(ps) => {
            let raw: Vec<RawParam> = ps
                .iter()
                .map(|p| match p {
                    BindParam::Null => RawParam::Null,
                    BindParam::Text(s) | BindParam::Number(s) => RawParam::Text(s.clone()),
                    BindParam::Bool(b) => RawParam::Text(b.to_string()),
                    BindParam::Binary(b) | BindParam::BinaryArray(b) => {
                        RawParam::Binary(b.clone().into())
                    }
                })
                .collect();
            client.query_raw_text(sql, &raw)
        }
    }
    .map_err(|e| from_pg_error(&e, Phase::Query))?;

    let mut out = Vec::new();
    let mut current: Option<(Arc<[FieldInfo]>, ResultSetBuilder)> = None;
    let mut ranges: Vec<Option<std::ops::Range<usize>>> = Vec::new();
    // A value that fails to decode is reported after the server's reply has
    // been read to the end, so the connection stays usable.
    let mut decode_error: Option<CoreError> = None;
    loop {
        let msg = match stream.next().await {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => return Err(from_pg_error(&e, Phase::Query)),
        };
        match msg {
            RawMessage::RowDescription(fields) => {
                let oids: Vec<u32> = fields.iter().map(|f| f.type_oid).collect();
                current = Some((fields, ResultSetBuilder::new(&oids, 16)));
            }
            RawMessage::DataRow(body) => {
                if decode_error.is_some() {
                    continue;
                }
                let Some((_, builder)) = current.as_mut() else {
                    return Err(CoreError::connection(
                        "protocol error: DataRow without RowDescription",
                    ));
                };
                use tokio_postgres::fallible_iterator::FallibleIterator;
                ranges.clear();
                let mut it = body.ranges();
                while let Some(r) = it
                    .next()
                    .map_err(|e| CoreError::connection(format!("protocol error: {e}")))?
                {
                    ranges.push(r);
                }
                let buf = body.buffer();
                let values = ranges.iter().map(|r| r.clone().and_then(|r| buf.get(r)));
                if let Err(e) = builder.push_row(values) {
                    decode_error = Some(e);
                } else if builder.rows() >= CHUNK_ROWS {
                    if let (Some(sink), Some((fields, builder))) = (sink.as_mut(), current.as_mut())
                    {
                        let (rows, columns) = builder.take_chunk();
                        sink(
                            out.len(),
                            ResultSet {
                                command: None,
                                row_count: None,
                                oid: None,
                                fields: fields.clone(),
                                rows,
                                columns,
                            },
                        );
                    }
                }
            }
            RawMessage::CommandComplete(tag) => {
                let (command, row_count, oid) = parse_tag(&tag);
                out.push(finish(current.take(), command, row_count, oid));
            }
            RawMessage::EmptyQuery => {
                out.push(finish(current.take(), None, None, None));
            }
        }
    }
    match decode_error {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

fn finish(
    current: Option<(Arc<[FieldInfo]>, ResultSetBuilder)>,
    command: Option<String>,
    row_count: Option<u64>,
    oid: Option<u32>,
) -> ResultSet {
    match current {
        Some((fields, builder)) => ResultSet {
            command,
            row_count,
            oid,
            fields,
            rows: builder.rows(),
            columns: builder.finish(),
        },
        None => ResultSet {
            command,
            row_count,
            oid,
            fields: Arc::from(Vec::new()),
            rows: 0,
            columns: Vec::new(),
        },
    }
}

/// Where a statement runs: any pooled connection, or the one a transaction holds.
#[derive(Clone)]
pub enum Target {
    Pool(Pool),
    Held(Arc<Client>),
}

/// Runs a statement on its target.
pub async fn run_target(
    target: &Target,
    sql: &str,
    params: Option<&[BindParam]>,
    sink: Option<&mut Sink>,
) -> CoreResult<Vec<ResultSet>> {
    match target {
        Target::Pool(pool) => run(pool, sql, params, sink).await,
        Target::Held(client) => {
            if client.is_closed() {
                return Err(CoreError::connection("Connection terminated unexpectedly"));
            }
            let result = run_on(client, sql, params, sink).await;
            result
        }
    }
}

/// Checks out a connection, runs the statement, returns the connection.
/// A connection that turns out to be dead *before* anything was sent is
/// replaced transparently (once); an error after sending is reported.
pub async fn run(
    pool: &Pool,
    sql: &str,
    params: Option<&[BindParam]>,
    mut sink: Option<&mut Sink>,
) -> CoreResult<Vec<ResultSet>> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let lease = pool.lease().await?;
        if lease.client().is_closed() {
            pool.end(lease, true);
            if attempts < 3 {
                continue;
            }
            return Err(CoreError::connection("Connection terminated unexpectedly"));
        }
        let result = run_on(lease.client(), sql, params, sink.as_deref_mut()).await;
        let broken = match &result {
            Err(e) => e.kind == ErrorKind::Connection || lease.client().is_closed(),
            Ok(_) => false,
        };
        pool.end(lease, broken);
        return result;
    }
}

#[cfg(test)]
mod tests {
    use super::parse_tag;

    #[test]
    fn tags_parse_like_pg() {
        assert_eq!(
            parse_tag("SELECT 3"),
            (Some("SELECT".into()), Some(3), None)
        );
        assert_eq!(
            parse_tag("INSERT 0 1"),
            (Some("INSERT".into()), Some(1), Some(0))
        );
        assert_eq!(
            parse_tag("CREATE TABLE"),
            (Some("CREATE".into()), None, None)
        );
        assert_eq!(
            parse_tag("UPDATE 6"),
            (Some("UPDATE".into()), Some(6), None)
        );
        assert_eq!(parse_tag(""), (None, None, None));
    }
}
