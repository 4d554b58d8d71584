//! Readability formulas under their published names and constants.
//!
//! Each formula reads a [`Profile`]: W words, S sentences, Y syllables,
//! L letters, ASL = W/S (average sentence length), ASW = Y/W (average
//! syllables per word). Formulas defined for particular languages refuse
//! others with an error naming the languages they serve; LIX and RIX only
//! need word and sentence boundaries and serve every language.
//!
//! Scripts written without spaces (zh, ja, th, lo, km, my) have
//! `characters_per_sentence` (letters and Han/Kana characters per sentence)
//! and, for Japanese, Tateisi et al.'s (1988) formula on runs of each
//! script: the syllable- and word-length formulas assume words.
//!
//! A text without words gives NaN for every formula: each divides by the
//! number of words or sentences, and textlens does not invent a value (for
//! a text with words there is always at least one sentence). The
//! character-based formulas need characters instead of words.

use crate::error::{Error, Result};
use crate::stats::profile::Profile;

/// Languages a formula serves.
#[derive(Clone, Copy)]
enum Langs {
    /// Every language with word boundaries.
    Any,
    /// Only these ISO 639-1 codes.
    Only(&'static [&'static str]),
}

/// One readability formula.
struct Formula {
    name: &'static str,
    langs: Langs,
    score: fn(&Profile) -> f64,
}

const EN: &[&str] = &["en"];

/// Languages written without spaces between words, where readability is
/// measured on characters.
const UNSPACED: &[&str] = &["zh", "ja", "th", "lo", "km", "my"];

/// The formulas that count characters instead of words.
const CHARACTER_BASED: &[&str] = &["characters_per_sentence", "tateisi"];

/// Letters and Han/Kana characters per sentence.
fn characters_per_sentence(p: &Profile) -> f64 {
    (p.letters + p.cjk_characters) as f64 / s(p)
}

/// Tateisi, Ono & Yamada (1988), "A computer readability formula of
/// Japanese texts for machine scoring" (COLING 1988): RS = −0.12 ls −
/// 1.37 la + 7.4 lh − 23.18 lc − 5.4 lk − 4.67 cp + 115.79, with ls the
/// mean sentence length in characters, la, lh, lc, lk the mean lengths of
/// runs of Roman letters, hiragana, kanji and katakana, cp commas (、) per
/// sentence. Higher is easier.
fn tateisi(p: &Profile) -> f64 {
    let r = p.runs.unwrap_or_default();
    let ls = p.characters as f64 / s(p);
    let cp = r.commas as f64 / s(p);
    -0.12 * ls - 1.37 * r.mean(0) + 7.4 * r.mean(1)
        - 23.18 * r.mean(2)
        - 5.4 * r.mean(3)
        - 4.67 * cp
        + 115.79
}

/// Flesch Reading Ease constants per language: (base, sentence length
/// weight, syllables per word weight).
fn flesch_constants(lang: &str) -> Option<(f64, f64, f64)> {
    Some(match lang {
        // Flesch (1948), "A new readability yardstick".
        "en" => (206.835, 1.015, 84.6),
        // Amstad (1978).
        "de" => (180.0, 1.0, 58.5),
        // Fernández Huerta (1959), as corrected by Gwillim Law.
        "es" => (206.84, 1.02, 60.0),
        // Kandel & Moles (1958).
        "fr" => (207.0, 1.015, 73.6),
        // Franchina & Vacca (1986).
        "it" => (217.0, 1.3, 60.0),
        // Douma (1960).
        "nl" => (206.835, 0.93, 77.0),
        // Martins et al. (1996), Flesch adapted for Brazilian Portuguese.
        "pt" => (248.835, 1.015, 84.6),
        // Oborneva (2006).
        "ru" => (206.835, 1.3, 60.1),
        // Ateşman (1997).
        "tr" => (198.825, 2.610, 40.175),
        _ => return None,
    })
}

const FLESCH_LANGS: &[&str] = &["en", "de", "es", "fr", "it", "nl", "pt", "ru", "tr"];

fn w(p: &Profile) -> f64 {
    p.words as f64
}
fn s(p: &Profile) -> f64 {
    p.sentences as f64
}
fn y(p: &Profile) -> f64 {
    p.syllables.unwrap_or(0) as f64
}
fn asl(p: &Profile) -> f64 {
    w(p) / s(p)
}
fn asw(p: &Profile) -> f64 {
    y(p) / w(p)
}
/// Percentage of words with at least `n` syllables.
fn pct_syl(p: &Profile, n: usize) -> f64 {
    100.0 * p.words_with_at_least(n) as f64 / w(p)
}

fn flesch_with(p: &Profile, lang: &str) -> f64 {
    let (a, b, c) = flesch_constants(lang).unwrap_or((f64::NAN, 0.0, 0.0));
    a - b * asl(p) - c * asw(p)
}

fn flesch(p: &Profile) -> f64 {
    flesch_with(p, p.lang.unwrap_or(""))
}

fn wiener(p: &Profile, k: u8) -> f64 {
    let ms = pct_syl(p, 3);
    let sl = asl(p);
    let iw = 100.0 * p.long_words as f64 / w(p);
    let es = 100.0 * p.words_with(1) as f64 / w(p);
    match k {
        1 => 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875,
        2 => 0.2007 * ms + 0.1682 * sl + 0.1373 * iw - 2.779,
        3 => 0.2963 * ms + 0.1905 * sl - 1.1144,
        _ => 0.2744 * ms + 0.2656 * sl - 1.693,
    }
}

fn pdw(p: &Profile) -> f64 {
    100.0 * p.difficult_words.unwrap_or(0) as f64 / w(p)
}

fn linsear(p: &Profile) -> f64 {
    let hard = p.words_with_at_least(3) as f64;
    let easy = w(p) - hard - p.words_with(0) as f64;
    let r = (easy + 3.0 * hard) / s(p);
    if r > 20.0 {
        r / 2.0
    } else {
        (r - 2.0) / 2.0
    }
}

fn bezirci_yilmaz(p: &Profile) -> f64 {
    let per_sentence = |n: u64| n as f64 / s(p);
    let h3 = per_sentence(p.words_with(3));
    let h4 = per_sentence(p.words_with(4));
    let h5 = per_sentence(p.words_with(5));
    let h6 = per_sentence(p.words_with_at_least(6));
    (asl(p) * (h3 * 0.84 + h4 * 1.5 + h5 * 3.5 + h6 * 26.25)).sqrt()
}

/// Every formula, in the order `"all"` returns them.
const FORMULAS: &[Formula] = &[
    Formula {
        name: "flesch",
        langs: Langs::Only(FLESCH_LANGS),
        score: flesch,
    },
    Formula {
        name: "flesch_kincaid",
        langs: Langs::Only(EN),
        score: |p| 0.39 * asl(p) + 11.8 * asw(p) - 15.59,
    },
    Formula {
        name: "fog",
        langs: Langs::Only(EN),
        score: |p| 0.4 * (asl(p) + pct_syl(p, 3)),
    },
    Formula {
        name: "smog",
        langs: Langs::Only(EN),
        score: |p| 1.0430 * (p.words_with_at_least(3) as f64 * 30.0 / s(p)).sqrt() + 3.1291,
    },
    Formula {
        name: "coleman_liau",
        langs: Langs::Only(EN),
        score: |p| {
            0.0588 * (100.0 * p.letters as f64 / w(p)) - 0.296 * (100.0 * s(p) / w(p)) - 15.8
        },
    },
    Formula {
        name: "ari",
        langs: Langs::Only(EN),
        score: |p| 4.71 * (p.letters as f64 / w(p)) + 0.5 * asl(p) - 21.43,
    },
    Formula {
        name: "dale_chall",
        langs: Langs::Only(EN),
        score: |p| {
            let d = pdw(p);
            0.1579 * d + 0.0496 * asl(p) + if d > 5.0 { 3.6365 } else { 0.0 }
        },
    },
    Formula {
        name: "spache",
        langs: Langs::Only(EN),
        score: |p| 0.141 * asl(p) + 0.086 * pdw(p) + 0.839,
    },
    Formula {
        name: "linsear_write",
        langs: Langs::Only(EN),
        score: linsear,
    },
    Formula {
        name: "forcast",
        langs: Langs::Only(EN),
        score: |p| 20.0 - (p.words_with(1) as f64 * 150.0 / w(p)) / 10.0,
    },
    Formula {
        name: "lix",
        langs: Langs::Any,
        score: |p| asl(p) + 100.0 * p.long_words as f64 / w(p),
    },
    Formula {
        name: "rix",
        langs: Langs::Any,
        score: |p| p.long_words as f64 / s(p),
    },
    Formula {
        name: "amstad",
        langs: Langs::Only(&["de"]),
        score: |p| flesch_with(p, "de"),
    },
    Formula {
        name: "wiener_1",
        langs: Langs::Only(&["de"]),
        score: |p| wiener(p, 1),
    },
    Formula {
        name: "wiener_2",
        langs: Langs::Only(&["de"]),
        score: |p| wiener(p, 2),
    },
    Formula {
        name: "wiener_3",
        langs: Langs::Only(&["de"]),
        score: |p| wiener(p, 3),
    },
    Formula {
        name: "wiener_4",
        langs: Langs::Only(&["de"]),
        score: |p| wiener(p, 4),
    },
    Formula {
        name: "fernandez_huerta",
        langs: Langs::Only(&["es"]),
        score: |p| flesch_with(p, "es"),
    },
    Formula {
        name: "szigriszt_pazos",
        langs: Langs::Only(&["es"]),
        score: |p| 206.835 - 62.3 * asw(p) - asl(p),
    },
    Formula {
        name: "gutierrez_polini",
        langs: Langs::Only(&["es"]),
        score: |p| 95.2 - 9.7 * (p.letters as f64 / w(p)) - 0.35 * asl(p),
    },
    Formula {
        name: "crawford",
        langs: Langs::Only(&["es"]),
        score: |p| -0.205 * (100.0 * s(p) / w(p)) + 0.049 * (100.0 * asw(p)) - 3.407,
    },
    Formula {
        name: "kandel_moles",
        langs: Langs::Only(&["fr"]),
        score: |p| flesch_with(p, "fr"),
    },
    Formula {
        name: "gulpease",
        langs: Langs::Only(&["it"]),
        score: |p| 89.0 + (300.0 * s(p) - 10.0 * p.letters as f64) / w(p),
    },
    Formula {
        name: "flesch_vacca",
        langs: Langs::Only(&["it"]),
        score: |p| flesch_with(p, "it"),
    },
    Formula {
        name: "flesch_douma",
        langs: Langs::Only(&["nl"]),
        score: |p| flesch_with(p, "nl"),
    },
    Formula {
        name: "brouwer",
        langs: Langs::Only(&["nl"]),
        score: |p| 195.0 - 2.0 * asl(p) - 67.0 * asw(p),
    },
    Formula {
        name: "atesman",
        langs: Langs::Only(&["tr"]),
        score: |p| flesch_with(p, "tr"),
    },
    Formula {
        name: "bezirci_yilmaz",
        langs: Langs::Only(&["tr"]),
        score: bezirci_yilmaz,
    },
    Formula {
        name: "pisarek",
        langs: Langs::Only(&["pl"]),
        score: |p| asl(p) / 3.0 + pct_syl(p, 4) / 3.0 + 1.0,
    },
    Formula {
        name: "oborneva",
        langs: Langs::Only(&["ru"]),
        score: |p| flesch_with(p, "ru"),
    },
    Formula {
        name: "characters_per_sentence",
        langs: Langs::Only(UNSPACED),
        score: characters_per_sentence,
    },
    Formula {
        name: "tateisi",
        langs: Langs::Only(&["ja"]),
        score: tateisi,
    },
];

/// The names of every readability formula textlens knows.
///
/// # Examples
///
/// ```
/// assert!(textlens::readability_measures().contains(&"gulpease"));
/// ```
pub fn readability_measures() -> Vec<&'static str> {
    FORMULAS.iter().map(|f| f.name).collect()
}

fn find(name: &str) -> Result<&'static Formula> {
    let key = name.trim().to_ascii_lowercase();
    FORMULAS.iter().find(|f| f.name == key).ok_or_else(|| {
        Error::invalid(
            "measure",
            format!(
                "{name:?} is not a readability formula; known: {}",
                readability_measures().join(", ")
            ),
        )
    })
}

fn serves(f: &Formula, lang: Option<&str>) -> bool {
    match f.langs {
        Langs::Any => true,
        Langs::Only(codes) => lang.is_some_and(|l| codes.contains(&l)),
    }
}

fn score(f: &Formula, p: &Profile) -> f64 {
    // Character-based formulas need characters, the others words.
    let counted = if CHARACTER_BASED.contains(&f.name) {
        p.words + p.cjk_characters
    } else {
        p.words
    };
    if counted == 0 || p.sentences == 0 {
        return f64::NAN;
    }
    (f.score)(p)
}

/// One readability formula on a profile.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an unknown name, or for a formula that is
/// not defined for the profile's language (the message names the languages
/// it serves).
///
/// # Examples
///
/// ```
/// let p = textlens::profile("The cat sat on the mat. It was happy!", Some("en".parse()?));
/// let fre = textlens::readability(&p, "flesch")?;
/// assert!((fre - (206.835 - 1.015 * 4.5 - 84.6 * 10.0 / 9.0)).abs() < 1e-9);
/// assert!(textlens::readability(&p, "gulpease").is_err()); // Italian only
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn readability(p: &Profile, measure: &str) -> Result<f64> {
    let f = find(measure)?;
    if !serves(f, p.lang) {
        let langs = match f.langs {
            Langs::Only(codes) => codes.join(", "),
            Langs::Any => String::new(),
        };
        let doc = match p.lang {
            Some(l) => format!("the text is {l}"),
            None => "the text's language is unknown (pass lang)".to_owned(),
        };
        return Err(Error::invalid(
            "measure",
            format!("{} is defined for {langs} only; {doc}", f.name),
        ));
    }
    Ok(score(f, p))
}

/// One readability formula over many profiles: a column with NaN where the
/// formula is not defined for a profile's language, or `None` when it is
/// defined for none of them (or there are none). The formula is looked up
/// once, not once per profile.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an unknown name.
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) fn readability_column(ps: &[Profile], measure: &str) -> Result<Option<Vec<f64>>> {
    let f = find(measure)?;
    let mut any = false;
    let col = ps
        .iter()
        .map(|p| {
            let ok = serves(f, p.lang);
            any |= ok;
            if ok {
                score(f, p)
            } else {
                f64::NAN
            }
        })
        .collect();
    Ok(any.then_some(col))
}

/// Every formula defined for the profile's language, by name, in a fixed
/// order (LIX and RIX for any language).
///
/// # Examples
///
/// ```
/// let p = textlens::profile("Die Katze schläft. Der Hund bellt laut.", Some("de".parse()?));
/// let names: Vec<_> = textlens::readability_all(&p).into_iter().map(|(n, _)| n).collect();
/// assert_eq!(names, ["flesch", "lix", "rix", "amstad", "wiener_1", "wiener_2", "wiener_3", "wiener_4"]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn readability_all(p: &Profile) -> Vec<(&'static str, f64)> {
    FORMULAS
        .iter()
        .filter(|f| serves(f, p.lang))
        .map(|f| (f.name, score(f, p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_is_each_profile_or_nan() {
        let en = crate::profile("The cat sat on the mat. It was happy!", "en".parse().ok());
        let de = crate::profile("Der Hund bellt laut.", "de".parse().ok());
        let ps = [en.clone(), de.clone()];
        let fk = readability_column(&ps, "Flesch_Kincaid")
            .ok()
            .flatten()
            .unwrap_or_default();
        assert_eq!(fk.len(), 2);
        assert_eq!(fk[0], readability(&en, "flesch_kincaid").unwrap_or(0.0));
        assert!(fk[1].is_nan());
        assert!(matches!(readability_column(&ps[1..], "fog"), Ok(None)));
        assert!(readability_column(&ps, "nope").is_err());
    }
    use crate::stats::profile::profile;
    use crate::text::lang::Language;

    fn p(text: &str, lang: &str) -> Profile {
        profile(text, Language::from_name(lang).ok())
    }

    #[test]
    fn hand_computed_english() {
        // 9 words, 2 sentences, 10 syllables, 1 long word? none > 6 letters.
        let pr = p("The cat sat on the mat. It was happy!", "en");
        let close = |m: &str, v: f64| {
            let got = readability(&pr, m).unwrap_or(f64::NAN);
            assert!((got - v).abs() < 1e-9, "{m}: {got} vs {v}");
        };
        close("flesch_kincaid", 0.39 * 4.5 + 11.8 * 10.0 / 9.0 - 15.59);
        close("lix", 4.5);
        close("rix", 0.0);
        close("smog", 3.1291);
        close("forcast", 20.0 - (8.0 * 150.0 / 9.0) / 10.0);
        close("fog", 0.4 * 4.5);
    }

    #[test]
    fn empty_text_is_nan_and_wrong_language_is_an_error() {
        assert!(readability(&p("", "en"), "flesch").is_ok_and(f64::is_nan));
        let e = readability(&p("Hallo Welt.", "de"), "flesch_kincaid").err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("invalid option measure: flesch_kincaid is defined for en only; the text is de")
        );
        assert!(readability(&p("日本語です。", "ja"), "lix").is_ok());
    }

    #[test]
    fn japanese_by_hand() {
        // Runs: kanji 今日 (2), hiragana は (1), kanji 天気 (2), hiragana がいいです (5);
        // kanji 散歩 (2), hiragana に (1), kanji 行 (1), hiragana きます (3).
        // 2 sentences, 1 comma, 20 non-space characters, 17 of them Han or Kana.
        let pr = p("今日は天気がいいです。散歩に、行きます。", "ja");
        assert_eq!(
            (pr.sentences, pr.characters, pr.cjk_characters),
            (2, 20, 17)
        );
        let (lh, lc) = (10.0 / 4.0, 7.0 / 4.0);
        let want = -0.12 * 10.0 + 7.4 * lh - 23.18 * lc - 4.67 * 0.5 + 115.79;
        let got = readability(&pr, "tateisi").unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        let cps = readability(&pr, "characters_per_sentence").unwrap_or(f64::NAN);
        assert!((cps - 8.5).abs() < 1e-9, "{cps}");
        assert!(readability(&p("我们走了。", "zh"), "tateisi").is_err());
    }
}
