//! What `Corpus.group_by`, `Corpus.frequencies` and `Corpus.keyness` take
//! from Python (group keys, document selections) and hand back (columns for
//! `textlens._tables`).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};
use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;

use super::convert::{array, item_str};
use super::ints::Int;
use crate::error::Error;
use crate::io::document::Document;
use crate::stats::keyness::{FrequencyRow, GroupOrder, Groups, KeyTerm};

/// One label per document: a field (`id`, `source`, `date`, `lang`), a
/// metadata key, or a sequence of labels (each turned into its `str`);
/// documents without the field or key get `missing`, or are an error.
pub(crate) fn labels(
    option: &'static str,
    docs: &[Document],
    key: &Bound<'_, PyAny>,
    missing_label: Option<&str>,
) -> PyResult<Vec<String>> {
    if let Ok(key) = key.cast::<PyString>() {
        let key = key.to_str()?;
        let mut out = Vec::with_capacity(docs.len());
        let mut missing = None;
        let mut found = 0;
        for doc in docs {
            let value = match key {
                "id" => Some(doc.id.clone()),
                "source" => doc.source.clone(),
                "date" => doc.date.clone(),
                "lang" => doc.lang.clone(),
                other => match doc.meta.get(other) {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(v) => Some(v.to_string()),
                },
            };
            match value {
                Some(v) => {
                    found += 1;
                    out.push(v);
                }
                None => {
                    missing.get_or_insert(doc.id.as_str());
                    out.extend(missing_label.map(str::to_owned));
                }
            }
        }
        return match missing {
            None => Ok(out),
            Some(_) if found == 0 => Err(Error::invalid(
                option,
                format!(
                    "unknown key {key:?}: no document has it (keys: 'id', 'source', 'date', 'lang' or a metadata key)"
                ),
            )
            .into()),
            Some(_) if missing_label.is_some() => Ok(out),
            Some(id) => Err(Error::invalid(
                option,
                format!("document {id:?} has no {key:?}; every document needs a label"),
            )
            .into()),
        };
    }
    let mut out = Vec::new();
    for (i, item) in key.try_iter()?.enumerate() {
        let item = item?;
        if item.is_none() || item.extract::<f64>().is_ok_and(f64::is_nan) {
            // A missing label, as a document without the key above.
            match missing_label {
                Some(label) => out.push(label.to_owned()),
                None => {
                    return Err(Error::invalid(
                        option,
                        format!("{option}[{i}] is a missing label ({item}); pass missing= to group such documents"),
                    )
                    .into())
                }
            }
            continue;
        }
        out.push(match item.cast::<PyString>() {
            Ok(s) => item_str(option, i, s)?.to_owned(),
            Err(_) => item.str()?.to_str()?.to_owned(),
        });
    }
    if out.len() != docs.len() {
        return Err(Error::invalid(
            option,
            format!("has {} labels for {} documents", out.len(), docs.len()),
        )
        .into());
    }
    Ok(out)
}

/// Groups from a key (see [`labels`]).
pub(crate) fn groups(
    option: &'static str,
    docs: &[Document],
    key: &Bound<'_, PyAny>,
    order: GroupOrder,
    missing: Option<&str>,
) -> PyResult<Groups> {
    Ok(Groups::new(&labels(option, docs, key, missing)?, order))
}

/// One document per group: the label as id, the member texts joined by a
/// blank line, the source, date and lang its members share (if they all
/// do), and `n_documents` in its meta.
pub(crate) fn group_documents(docs: &[Document], groups: &Groups) -> Vec<Document> {
    fn shared(members: &[&Document], field: fn(&Document) -> &Option<String>) -> Option<String> {
        let first = field(members.first()?).as_ref()?;
        members
            .iter()
            .all(|d| field(d).as_ref() == Some(first))
            .then(|| first.clone())
    }
    groups
        .labels()
        .iter()
        .zip(groups.members())
        .map(|(label, members)| {
            let members: Vec<&Document> = members.iter().map(|&i| &docs[i]).collect();
            let text = members
                .iter()
                .map(|d| d.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut meta = std::collections::BTreeMap::new();
            meta.insert("n_documents".to_owned(), Value::from(members.len()));
            Document {
                id: label.clone(),
                text,
                date: shared(&members, |d| &d.date),
                source: shared(&members, |d| &d.source),
                lang: shared(&members, |d| &d.lang),
                meta,
            }
        })
        .collect()
}

/// A selection of documents as a mask: a group label (with `groups`), or a
/// sequence of booleans (a mask), of int positions (negative from the end)
/// or of str document ids.
pub(crate) fn selection(
    option: &'static str,
    docs: &[Document],
    spec: &Bound<'_, PyAny>,
    groups: Option<&[String]>,
) -> PyResult<Vec<bool>> {
    let n = docs.len();
    if let Ok(label) = spec.cast::<PyString>() {
        let label = label.to_str()?;
        let Some(groups) = groups else {
            return Err(Error::invalid(
                option,
                format!("{label:?} is a group label: pass groups= (a key or labels); select documents by a list of ids"),
            )
            .into());
        };
        let mask: Vec<bool> = groups.iter().map(|g| g == label).collect();
        if !mask.iter().any(|&m| m) {
            let mut known: Vec<&str> = groups.iter().map(String::as_str).collect();
            known.sort_unstable();
            known.dedup();
            known.truncate(20);
            return Err(Error::invalid(
                option,
                format!("unknown group {label:?}; groups include {known:?}"),
            )
            .into());
        }
        return Ok(mask);
    }
    let items: Vec<Bound<'_, PyAny>> = spec.try_iter()?.collect::<PyResult<_>>()?;
    let Some(first) = items.first() else {
        return Err(Error::invalid(option, "is empty").into());
    };
    let is_bool = |x: &Bound<'_, PyAny>| {
        x.is_instance_of::<PyBool>()
            || x.get_type()
                .name()
                .is_ok_and(|t| t.to_str().is_ok_and(|t| t == "bool" || t == "bool_"))
    };
    let mut mask = vec![false; n];
    if is_bool(first) {
        if items.len() != n {
            return Err(Error::invalid(
                option,
                format!("boolean mask has {} entries for {n} documents", items.len()),
            )
            .into());
        }
        for (m, item) in mask.iter_mut().zip(&items) {
            *m = item.extract()?;
        }
    } else if first.is_instance_of::<PyString>() {
        // Ids need not be unique: an id selects every document that has it.
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, doc) in docs.iter().enumerate() {
            by_id.entry(doc.id.as_str()).or_default().push(i);
        }
        for item in &items {
            let id: String = item.extract()?;
            let Some(at) = by_id.get(id.as_str()) else {
                return Err(Error::invalid(option, format!("unknown document id {id:?}")).into());
            };
            at.iter().for_each(|&i| mask[i] = true);
        }
    } else {
        for item in &items {
            mask[item.extract::<Int>()?.index(option, n)?] = true;
        }
    }
    Ok(mask)
}

/// External reference counts from a dict term → count.
pub(crate) fn external_counts(counts: &Bound<'_, PyDict>) -> PyResult<Vec<(String, u64)>> {
    let mut out = Vec::with_capacity(counts.len());
    for (term, n) in counts.iter() {
        let n = n.extract::<Int>()?.u64("reference")?;
        out.push((term.extract()?, n));
    }
    Ok(out)
}

/// A table (DataFrame, or list of dicts without pandas) from columns.
fn table<'py>(py: Python<'py>, columns: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    py.import("textlens._tables")?
        .getattr("table")?
        .call1((columns,))
}

pub(crate) fn frequency_table(
    py: Python<'_>,
    rows: Vec<FrequencyRow>,
) -> PyResult<Bound<'_, PyAny>> {
    let d = PyDict::new(py);
    let ints =
        |f: fn(&FrequencyRow) -> u64| -> Vec<i64> { rows.iter().map(|r| f(r) as i64).collect() };
    d.set_item(
        "term",
        rows.iter().map(|r| r.term.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item("frequency", array(py, ints(|r| r.frequency))?)?;
    d.set_item("rank", array(py, ints(|r| r.rank))?)?;
    d.set_item("docfreq", array(py, ints(|r| r.docfreq))?)?;
    d.set_item(
        "group",
        rows.iter().map(|r| r.group.as_str()).collect::<Vec<_>>(),
    )?;
    table(py, d)
}

pub(crate) fn keyness_table<'py>(
    py: Python<'py>,
    measure: &str,
    rows: Vec<KeyTerm>,
) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item(
        "term",
        rows.iter().map(|r| r.term.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        measure,
        array(py, rows.iter().map(|r| r.statistic).collect())?,
    )?;
    d.set_item("p", array(py, rows.iter().map(|r| r.p).collect())?)?;
    d.set_item(
        "sign",
        array(py, rows.iter().map(|r| i64::from(r.sign)).collect())?,
    )?;
    d.set_item(
        "n_target",
        array(py, rows.iter().map(|r| r.n_target as i64).collect())?,
    )?;
    d.set_item(
        "n_reference",
        array(py, rows.iter().map(|r| r.n_reference as i64).collect())?,
    )?;
    table(py, d)
}
