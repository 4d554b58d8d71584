//! A compressed sparse row matrix: the document-term matrix's shape in memory,
//! the same three arrays scipy's `csr_array` takes.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// Rows are documents, columns are terms. Column indices are sorted within
/// each row and no explicit zeros are stored.
///
/// # Examples
///
/// ```
/// use textlens::CsrMatrix;
///
/// let m = CsrMatrix::from_rows(3, vec![vec![(0, 2.0), (2, 1.0)], vec![], vec![(1, 5.0)]]);
/// assert_eq!(m.shape(), (3, 3));
/// assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 2.0), (2, 1.0)]);
/// assert_eq!(m.to_dense()[[2, 1]], 5.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CsrMatrix {
    /// Number of columns.
    pub n_cols: usize,
    /// Row `i` holds entries `indptr[i]..indptr[i + 1]`; `indptr.len() == rows + 1`.
    pub indptr: Vec<usize>,
    /// Column index of each stored entry.
    pub indices: Vec<u32>,
    /// Value of each stored entry.
    pub data: Vec<f64>,
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns and no rows.
    pub fn new(n_cols: usize) -> CsrMatrix {
        CsrMatrix {
            n_cols,
            indptr: vec![0],
            indices: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Build from rows of `(column, value)`; each row is sorted by column and
    /// zeros are dropped.
    pub fn from_rows(n_cols: usize, rows: Vec<Vec<(u32, f64)>>) -> CsrMatrix {
        let mut m = CsrMatrix::new(n_cols);
        for mut row in rows {
            row.sort_unstable_by_key(|&(c, _)| c);
            m.push_row(row);
        }
        m
    }

    /// Append one row of `(column, value)` sorted by column.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = (u32, f64)>) {
        for (c, v) in row {
            if v != 0.0 {
                self.indices.push(c);
                self.data.push(v);
            }
        }
        self.indptr.push(self.indices.len());
    }

    /// `(rows, columns)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.indptr.len() - 1, self.n_cols)
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// The stored `(column, value)` entries of row `i`.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (u32, f64)> + '_ {
        let range = self.indptr[i]..self.indptr[i + 1];
        self.indices[range.clone()]
            .iter()
            .copied()
            .zip(self.data[range].iter().copied())
    }

    /// The columns and the mutable values of row `i`.
    pub(crate) fn row_parts_mut(&mut self, i: usize) -> (&[u32], &mut [f64]) {
        let range = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[range.clone()], &mut self.data[range])
    }

    /// The columns and the mutable values of every row, e.g. for a pass
    /// over the rows in parallel.
    pub(crate) fn rows_mut(&mut self) -> Vec<(&[u32], &mut [f64])> {
        let mut rows = Vec::with_capacity(self.indptr.len().saturating_sub(1));
        let mut rest: &mut [f64] = &mut self.data;
        for w in self.indptr.windows(2) {
            let (values, tail) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
            rows.push((&self.indices[w[0]..w[1]], values));
            rest = tail;
        }
        rows
    }

    /// Stack rows of matrices with the same columns.
    pub fn vstack(parts: impl IntoIterator<Item = CsrMatrix>, n_cols: usize) -> CsrMatrix {
        // Sized once: growing by doubling would hold the old and the new
        // arrays at once near the end, the peak of a whole corpus build.
        let parts: Vec<CsrMatrix> = parts.into_iter().collect();
        let nnz = parts.iter().map(|p| p.indices.len()).sum();
        let rows: usize = parts.iter().map(|p| p.indptr.len() - 1).sum();
        let mut m = CsrMatrix::new(n_cols);
        m.indices.reserve_exact(nnz);
        m.data.reserve_exact(nnz);
        m.indptr.reserve_exact(rows);
        for part in parts {
            let offset = m.indices.len();
            m.indices.extend_from_slice(&part.indices);
            m.data.extend_from_slice(&part.data);
            m.indptr.extend(part.indptr[1..].iter().map(|p| p + offset));
        }
        m
    }

    /// The dense `rows × columns` array.
    pub fn to_dense(&self) -> Array2<f64> {
        let (rows, cols) = self.shape();
        let mut out = Array2::zeros((rows, cols));
        for i in 0..rows {
            for (c, v) in self.row(i) {
                out[[i, c as usize]] = v;
            }
        }
        out
    }
}
