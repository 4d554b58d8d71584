//! Readable terms: the most frequent surface form of each term.
//!
//! Terms are keys (`ukrain`, `presid`); readers expect words (`Ukraine`,
//! `president`). Each token of a text that the analyzer turns into a term
//! is counted under that term as written; the most frequent form wins.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::analyzer::Analyzer;

/// term → (surface form → count)
type FormCounts = FxHashMap<String, FxHashMap<String, usize>>;

impl Analyzer {
    /// The most frequent surface form (as written in the texts) of each
    /// unigram term of `texts`: term → form. Ties go to the form that sorts
    /// first, so the answer does not depend on the order of work.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Analyzer, AnalyzerOptions, LangChoice};
    ///
    /// let en = Analyzer::new(AnalyzerOptions {
    ///     lang: LangChoice::Fixed("en".parse()?),
    ///     ..Default::default()
    /// })?;
    /// let forms = en.surface_forms(&["Ukraine and the Ukrainians.", "Ukraine's president."]);
    /// assert_eq!(forms["ukrain"], "Ukraine");
    /// assert_eq!(forms["presid"], "president");
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn surface_forms<S: AsRef<str> + Sync>(&self, texts: &[S]) -> FxHashMap<String, String> {
        self.surface_forms_of(texts, None)
    }

    /// [`Analyzer::surface_forms`] of the terms in `only` (all terms when
    /// `None`): a report that shows a few hundred terms of a large corpus
    /// keeps counts for those only.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Analyzer, AnalyzerOptions};
    ///
    /// let an = Analyzer::new(AnalyzerOptions::default())?;
    /// let only = ["ukrain".to_owned()].into_iter().collect();
    /// let forms = an.surface_forms_of(&["Ukraine's president, Ukraine."], Some(&only));
    /// assert_eq!(forms.len(), 1);
    /// assert_eq!(forms["ukrain"], "Ukraine");
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn surface_forms_of<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        only: Option<&FxHashSet<String>>,
    ) -> FxHashMap<String, String> {
        let counts = texts
            .par_iter()
            .fold(FormCounts::default, |mut acc, text| {
                self.count_forms(text.as_ref(), only, &mut acc);
                acc
            })
            .reduce(FormCounts::default, merge);
        counts
            .into_iter()
            .filter_map(|(term, forms)| {
                let best = forms
                    .into_iter()
                    .max_by(|(fa, na), (fb, nb)| na.cmp(nb).then_with(|| fb.cmp(fa)))?;
                Some((term, best.0))
            })
            .collect()
    }

    fn count_forms(&self, text: &str, only: Option<&FxHashSet<String>>, acc: &mut FormCounts) {
        let lang = self.language_of(text);
        // Each token the analyzer turns into a unigram term, as written
        // (joined words such as Vietnamese `Quốc hội` included).
        self.for_each_token_term(text, lang, &mut |t, term| {
            if only.is_some_and(|o| !o.contains(term)) {
                return;
            }
            *acc.entry(term.to_owned())
                .or_default()
                .entry(t.text.to_owned())
                .or_default() += 1;
        });
    }
}

fn merge(mut a: FormCounts, b: FormCounts) -> FormCounts {
    if a.len() < b.len() {
        return merge(b, a);
    }
    for (term, forms) in b {
        let into = a.entry(term).or_default();
        for (form, n) in forms {
            *into.entry(form).or_default() += n;
        }
    }
    a
}
