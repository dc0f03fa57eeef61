//! STUB (replaced by the real decoder).
use crate::core::error::CoreResult;
pub enum ColumnData {
    Number { values: Vec<f64>, nulls: Vec<u8> },
    Bool { values: Vec<u8> },
    Text { text: String, offsets: Vec<u32>, nulls: Vec<u8> },
    Json { text: String, offsets: Vec<u32>, nulls: Vec<u8> },
    Timestamp { values: Vec<f64>, nulls: Vec<u8>, tz: bool },
    Bytes { data: Vec<u8>, offsets: Vec<u32>, nulls: Vec<u8> },
    Array { text: String, offsets: Vec<u32>, nulls: Vec<u8>, elem: ArrayElem },
}
pub enum ArrayElem { Plain, Timestamp { tz: bool }, Bytes }
pub struct ResultSetBuilder { cols: Vec<(String, Vec<u32>, Vec<u8>)>, rows: usize }
impl ResultSetBuilder {
    pub fn new(type_oids: &[u32], _expected_rows: usize) -> Self {
        ResultSetBuilder { cols: type_oids.iter().map(|_| (String::new(), vec![0], vec![])).collect(), rows: 0 }
    }
    pub fn push_row<'a, I: IntoIterator<Item = Option<&'a [u8]>>>(&mut self, values: I) -> CoreResult<()> {
        for (c, v) in self.cols.iter_mut().zip(values) {
            match v { Some(b) => { c.0.push_str(&String::from_utf8_lossy(b)); c.2.push(0) } None => c.2.push(1) }
            c.1.push(c.0.encode_utf16().count() as u32);
        }
        self.rows += 1;
        Ok(())
    }
    pub fn rows(&self) -> usize { self.rows }
    pub fn finish(self) -> Vec<ColumnData> {
        self.cols.into_iter().map(|(text, offsets, nulls)| ColumnData::Text { text, offsets, nulls }).collect()
    }
}
