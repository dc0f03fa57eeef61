//! sequelize-rs addition (not upstream): statement execution that keeps the
//! whole wire-level result, as node-postgres exposes it.
//!
//! Upstream `simple_query` drops everything but the column names and the
//! row count, and the extended-protocol APIs always request binary results.
//! A Sequelize-compatible client needs, per result set, the full
//! RowDescription (type OID, table OID, column number, size, modifier), the
//! CommandComplete tag ("SELECT 3", "CREATE TABLE"), and text-format values
//! so every type (enums, ranges, domains, extensions) decodes as pg does.
//! Both entry points below return a stream of [`RawMessage`]s.

use crate::client::{InnerClient, Responses};
use crate::codec::FrontendMessage;
use crate::connection::RequestMessages;
use crate::{Client, Error};
use bytes::{BufMut, Bytes};
use fallible_iterator::FallibleIterator;
use postgres_protocol::IsNull;
use postgres_protocol::message::backend::{DataRowBody, Message};
use postgres_protocol::message::frontend;
use std::sync::Arc;

/// One field of a RowDescription, exactly as the server sent it.
#[derive(Debug, Clone)]
pub struct FieldInfo {
    /// Column name (or alias).
    pub name: String,
    /// OID of the table the column comes from, 0 if none.
    pub table_oid: u32,
    /// Attribute number within that table, 0 if none.
    pub column_id: i16,
    /// Type OID.
    pub type_oid: u32,
    /// `pg_type.typlen` (negative for variable width).
    pub type_size: i16,
    /// Type modifier (`atttypmod`), -1 when none.
    pub type_modifier: i32,
    /// 0 = text, 1 = binary.
    pub format: i16,
}

/// A message of a raw result stream.
#[derive(Debug)]
pub enum RawMessage {
    /// A result set starts; its rows follow.
    RowDescription(Arc<[FieldInfo]>),
    /// One row of the current result set (text-format values).
    DataRow(DataRowBody),
    /// A statement finished; the CommandComplete tag (`"SELECT 2"`).
    CommandComplete(String),
    /// The statement text was empty.
    EmptyQuery,
}

/// A parameter for [`Client::query_raw_text`]: NULL, a text value, or a binary value.
#[derive(Debug, Clone)]
pub enum RawParam {
    /// SQL NULL.
    Null,
    /// Sent in text format; the server infers the type.
    Text(String),
    /// Sent in binary format (used for bytea).
    Binary(Bytes),
}

/// Stream of [`RawMessage`]s; ends after ReadyForQuery.
pub struct RawStream {
    responses: Responses,
    done: bool,
}

impl RawStream {
    /// Next message, `Ok(None)` once the server is ready for the next query.
    pub async fn next(&mut self) -> Result<Option<RawMessage>, Error> {
        loop {
            if self.done {
                return Ok(None);
            }
            let msg = std::future::poll_fn(|cx| self.responses.poll_next(cx)).await?;
            match msg {
                Message::ParseComplete | Message::BindComplete | Message::NoData => {}
                Message::PortalSuspended => {}
                Message::RowDescription(body) => {
                    let fields: Vec<FieldInfo> = body
                        .fields()
                        .map(|f| {
                            Ok(FieldInfo {
                                name: f.name().to_string(),
                                table_oid: f.table_oid(),
                                column_id: f.column_id(),
                                type_oid: f.type_oid(),
                                type_size: f.type_size(),
                                type_modifier: f.type_modifier(),
                                format: f.format(),
                            })
                        })
                        .collect()
                        .map_err(Error::parse)?;
                    return Ok(Some(RawMessage::RowDescription(fields.into())));
                }
                Message::DataRow(body) => return Ok(Some(RawMessage::DataRow(body))),
                Message::CommandComplete(body) => {
                    let tag = body.tag().map_err(Error::parse)?.to_string();
                    return Ok(Some(RawMessage::CommandComplete(tag)));
                }
                Message::EmptyQueryResponse => return Ok(Some(RawMessage::EmptyQuery)),
                Message::ReadyForQuery(_) => {
                    self.done = true;
                    return Ok(None);
                }
                _ => return Err(Error::unexpected_message()),
            }
        }
    }
}

fn send(client: &InnerClient, buf: Bytes) -> Result<RawStream, Error> {
    let responses = client.send(RequestMessages::Single(FrontendMessage::Raw(buf)))?;
    Ok(RawStream {
        responses,
        done: false,
    })
}

impl Client {
    /// Runs `query` with the simple query protocol (several statements allowed),
    /// keeping full row descriptions and command tags.
    pub fn simple_query_raw_full(&self, query: &str) -> Result<RawStream, Error> {
        let inner = self.inner();
        let buf = inner.with_buf(|buf| {
            frontend::query(query, buf).map_err(Error::encode)?;
            Ok(buf.split().freeze())
        })?;
        send(inner, buf)
    }

    /// Runs one statement with the extended protocol through the unnamed
    /// statement and portal (Parse/Bind/Describe/Execute/Sync in one flight),
    /// parameter types left to the server, results in text format.
    pub fn query_raw_text(&self, query: &str, params: &[RawParam]) -> Result<RawStream, Error> {
        let inner = self.inner();
        let buf = inner.with_buf(|buf| {
            frontend::parse("", query, std::iter::repeat_n(0u32, params.len()), buf)
                .map_err(Error::encode)?;
            let formats = params.iter().map(|p| match p {
                RawParam::Binary(_) => 1i16,
                _ => 0i16,
            });
            let r = frontend::bind(
                "",
                "",
                formats,
                params.iter(),
                |p, buf| match p {
                    RawParam::Null => Ok(IsNull::Yes),
                    RawParam::Text(s) => {
                        buf.put_slice(s.as_bytes());
                        Ok(IsNull::No)
                    }
                    RawParam::Binary(b) => {
                        buf.put_slice(b);
                        Ok(IsNull::No)
                    }
                },
                Some(0i16),
                buf,
            );
            match r {
                Ok(()) => {}
                Err(frontend::BindError::Conversion(e)) => return Err(Error::encode(std::io::Error::other(e))),
                Err(frontend::BindError::Serialization(e)) => return Err(Error::encode(e)),
            }
            frontend::describe(b'P', "", buf).map_err(Error::encode)?;
            frontend::execute("", 0, buf).map_err(Error::encode)?;
            frontend::sync(buf);
            Ok(buf.split().freeze())
        })?;
        send(inner, buf)
    }
}
