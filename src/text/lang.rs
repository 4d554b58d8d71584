//! The language table: one row per language textlens knows, saying which
//! parts of the pipeline (detection, stemming engines, stopwords) serve it.

use std::fmt;

use frostem::Algorithm as Current;
use rust_stemmers::Algorithm as Classic;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use whatlang::Lang as Wl;

use crate::error::{Error, Result};

/// One row of the language table.
struct Row {
    iso1: &'static str,
    iso3: &'static str,
    name: &'static str,
    /// Other accepted spellings (ISO 639-2/B codes, macrolanguage codes, …).
    aliases: &'static [&'static str],
    detect: Option<Wl>,
    classic: Option<Classic>,
    current: Option<Current>,
}

macro_rules! rows {
    ($(($iso1:literal, $iso3:literal, $name:literal, [$($alias:literal),*], $wl:expr, $classic:expr, $current:expr)),* $(,)?) => {
        &[$(Row {
            iso1: $iso1,
            iso3: $iso3,
            name: $name,
            aliases: &[$($alias),*],
            detect: $wl,
            classic: $classic,
            current: $current,
        }),*]
    };
}

/// Sorted by English name; `Language` indexes into it.
static TABLE: &[Row] = rows![
    ("af", "afr", "Afrikaans", [], Some(Wl::Afr), None, None),
    ("ak", "aka", "Akan", [], Some(Wl::Aka), None, None),
    ("sq", "sqi", "Albanian", ["alb"], None, None, None),
    ("am", "amh", "Amharic", [], Some(Wl::Amh), None, None),
    (
        "ar",
        "ara",
        "Arabic",
        [],
        Some(Wl::Ara),
        Some(Classic::Arabic),
        Some(Current::Arabic)
    ),
    (
        "hy",
        "hye",
        "Armenian",
        ["arm"],
        Some(Wl::Hye),
        None,
        Some(Current::Armenian)
    ),
    ("az", "aze", "Azerbaijani", [], Some(Wl::Aze), None, None),
    (
        "eu",
        "eus",
        "Basque",
        ["baq"],
        None,
        None,
        Some(Current::Basque)
    ),
    ("be", "bel", "Belarusian", [], Some(Wl::Bel), None, None),
    ("bn", "ben", "Bengali", [], Some(Wl::Ben), None, None),
    ("br", "bre", "Breton", [], None, None, None),
    ("bg", "bul", "Bulgarian", [], Some(Wl::Bul), None, None),
    ("my", "mya", "Burmese", ["bur"], Some(Wl::Mya), None, None),
    (
        "ca",
        "cat",
        "Catalan",
        [],
        Some(Wl::Cat),
        None,
        Some(Current::Catalan)
    ),
    (
        "zh",
        "zho",
        "Chinese",
        ["chi", "cmn", "mandarin"],
        Some(Wl::Cmn),
        None,
        None
    ),
    ("hr", "hrv", "Croatian", [], Some(Wl::Hrv), None, None),
    (
        "cs",
        "ces",
        "Czech",
        ["cze"],
        Some(Wl::Ces),
        None,
        Some(Current::Czech)
    ),
    (
        "da",
        "dan",
        "Danish",
        [],
        Some(Wl::Dan),
        Some(Classic::Danish),
        Some(Current::Danish)
    ),
    (
        "nl",
        "nld",
        "Dutch",
        ["dut"],
        Some(Wl::Nld),
        Some(Classic::Dutch),
        Some(Current::Dutch)
    ),
    (
        "en",
        "eng",
        "English",
        [],
        Some(Wl::Eng),
        Some(Classic::English),
        Some(Current::English)
    ),
    (
        "eo",
        "epo",
        "Esperanto",
        [],
        Some(Wl::Epo),
        None,
        Some(Current::Esperanto)
    ),
    (
        "et",
        "est",
        "Estonian",
        [],
        Some(Wl::Est),
        None,
        Some(Current::Estonian)
    ),
    (
        "fi",
        "fin",
        "Finnish",
        [],
        Some(Wl::Fin),
        Some(Classic::Finnish),
        Some(Current::Finnish)
    ),
    (
        "fr",
        "fra",
        "French",
        ["fre"],
        Some(Wl::Fra),
        Some(Classic::French),
        Some(Current::French)
    ),
    ("gl", "glg", "Galician", [], None, None, None),
    ("ka", "kat", "Georgian", ["geo"], Some(Wl::Kat), None, None),
    (
        "de",
        "deu",
        "German",
        ["ger"],
        Some(Wl::Deu),
        Some(Classic::German),
        Some(Current::German)
    ),
    (
        "el",
        "ell",
        "Greek",
        ["gre"],
        Some(Wl::Ell),
        Some(Classic::Greek),
        Some(Current::Greek)
    ),
    ("gu", "guj", "Gujarati", [], Some(Wl::Guj), None, None),
    ("ha", "hau", "Hausa", [], None, None, None),
    ("he", "heb", "Hebrew", [], Some(Wl::Heb), None, None),
    (
        "hi",
        "hin",
        "Hindi",
        [],
        Some(Wl::Hin),
        None,
        Some(Current::Hindi)
    ),
    (
        "hu",
        "hun",
        "Hungarian",
        [],
        Some(Wl::Hun),
        Some(Classic::Hungarian),
        Some(Current::Hungarian)
    ),
    (
        "id",
        "ind",
        "Indonesian",
        [],
        Some(Wl::Ind),
        None,
        Some(Current::Indonesian)
    ),
    ("ga", "gle", "Irish", [], None, None, Some(Current::Irish)),
    (
        "it",
        "ita",
        "Italian",
        [],
        Some(Wl::Ita),
        Some(Classic::Italian),
        Some(Current::Italian)
    ),
    ("ja", "jpn", "Japanese", [], Some(Wl::Jpn), None, None),
    ("jv", "jav", "Javanese", [], Some(Wl::Jav), None, None),
    ("kn", "kan", "Kannada", [], Some(Wl::Kan), None, None),
    ("kk", "kaz", "Kazakh", [], None, None, None),
    ("km", "khm", "Khmer", [], Some(Wl::Khm), None, None),
    ("ko", "kor", "Korean", [], Some(Wl::Kor), None, None),
    ("ku", "kur", "Kurdish", [], None, None, None),
    ("la", "lat", "Latin", [], Some(Wl::Lat), None, None),
    ("lv", "lav", "Latvian", [], Some(Wl::Lav), None, None),
    (
        "lt",
        "lit",
        "Lithuanian",
        [],
        Some(Wl::Lit),
        None,
        Some(Current::Lithuanian)
    ),
    (
        "mk",
        "mkd",
        "Macedonian",
        ["mac"],
        Some(Wl::Mkd),
        None,
        None
    ),
    ("ms", "msa", "Malay", ["may"], None, None, None),
    ("ml", "mal", "Malayalam", [], Some(Wl::Mal), None, None),
    ("mr", "mar", "Marathi", [], Some(Wl::Mar), None, None),
    (
        "ne",
        "nep",
        "Nepali",
        [],
        Some(Wl::Nep),
        None,
        Some(Current::Nepali)
    ),
    (
        "no",
        "nob",
        "Norwegian",
        [
            "nb",
            "nor",
            "bokmal",
            "norwegian bokmal",
            "norwegian bokmål"
        ],
        Some(Wl::Nob),
        Some(Classic::Norwegian),
        Some(Current::Norwegian)
    ),
    ("or", "ori", "Oriya", ["odia"], Some(Wl::Ori), None, None),
    (
        "fa",
        "fas",
        "Persian",
        ["per", "pes", "farsi"],
        Some(Wl::Pes),
        None,
        Some(Current::Persian)
    ),
    (
        "pl",
        "pol",
        "Polish",
        [],
        Some(Wl::Pol),
        None,
        Some(Current::Polish)
    ),
    (
        "pt",
        "por",
        "Portuguese",
        [],
        Some(Wl::Por),
        Some(Classic::Portuguese),
        Some(Current::Portuguese)
    ),
    (
        "pa",
        "pan",
        "Punjabi",
        ["panjabi"],
        Some(Wl::Pan),
        None,
        None
    ),
    (
        "ro",
        "ron",
        "Romanian",
        ["rum", "mol"],
        Some(Wl::Ron),
        Some(Classic::Romanian),
        Some(Current::Romanian)
    ),
    (
        "ru",
        "rus",
        "Russian",
        [],
        Some(Wl::Rus),
        Some(Classic::Russian),
        Some(Current::Russian)
    ),
    (
        "sr",
        "srp",
        "Serbian",
        [],
        Some(Wl::Srp),
        None,
        Some(Current::Serbian)
    ),
    (
        "st",
        "sot",
        "Sesotho",
        ["southern sotho", "sotho"],
        None,
        None,
        Some(Current::Sesotho)
    ),
    ("sn", "sna", "Shona", [], Some(Wl::Sna), None, None),
    (
        "si",
        "sin",
        "Sinhala",
        ["sinhalese"],
        Some(Wl::Sin),
        None,
        None
    ),
    ("sk", "slk", "Slovak", ["slo"], Some(Wl::Slk), None, None),
    (
        "sl",
        "slv",
        "Slovenian",
        ["slovene"],
        Some(Wl::Slv),
        None,
        None
    ),
    ("so", "som", "Somali", [], None, None, None),
    (
        "es",
        "spa",
        "Spanish",
        ["castilian"],
        Some(Wl::Spa),
        Some(Classic::Spanish),
        Some(Current::Spanish)
    ),
    ("sw", "swa", "Swahili", ["swh"], None, None, None),
    (
        "sv",
        "swe",
        "Swedish",
        [],
        Some(Wl::Swe),
        Some(Classic::Swedish),
        Some(Current::Swedish)
    ),
    (
        "tl",
        "tgl",
        "Tagalog",
        ["filipino"],
        Some(Wl::Tgl),
        None,
        None
    ),
    ("tg", "tgk", "Tajik", [], None, None, None),
    (
        "ta",
        "tam",
        "Tamil",
        [],
        Some(Wl::Tam),
        Some(Classic::Tamil),
        Some(Current::Tamil)
    ),
    ("te", "tel", "Telugu", [], Some(Wl::Tel), None, None),
    ("th", "tha", "Thai", [], Some(Wl::Tha), None, None),
    (
        "tr",
        "tur",
        "Turkish",
        [],
        Some(Wl::Tur),
        Some(Classic::Turkish),
        Some(Current::Turkish)
    ),
    ("tk", "tuk", "Turkmen", [], Some(Wl::Tuk), None, None),
    (
        "uk",
        "ukr",
        "Ukrainian",
        [],
        Some(Wl::Ukr),
        None,
        Some(Current::Ukrainian)
    ),
    ("ur", "urd", "Urdu", [], Some(Wl::Urd), None, None),
    ("uz", "uzb", "Uzbek", [], Some(Wl::Uzb), None, None),
    ("vi", "vie", "Vietnamese", [], Some(Wl::Vie), None, None),
    ("cy", "cym", "Welsh", ["wel"], Some(Wl::Cym), None, None),
    (
        "yi",
        "yid",
        "Yiddish",
        [],
        Some(Wl::Yid),
        None,
        Some(Current::Yiddish)
    ),
    ("yo", "yor", "Yoruba", [], None, None, None),
    ("zu", "zul", "Zulu", [], Some(Wl::Zul), None, None),
];

/// A language textlens knows. Cheap to copy; compares by identity.
///
/// Parse one from an ISO 639-1 code, an ISO 639-3 (or 639-2/B) code or an
/// English name, case-insensitively:
///
/// # Examples
///
/// ```
/// use textlens::Language;
///
/// let de: Language = "de".parse()?;
/// assert_eq!(de, "deu".parse()?);
/// assert_eq!(de, "German".parse()?);
/// assert_eq!(de.code(), "de");
/// assert_eq!(de.name(), "German");
/// assert!("xx".parse::<Language>().is_err());
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(u8);

/// Which Snowball implementation stems a word.
///
/// # Examples
///
/// ```
/// use textlens::Engine;
///
/// assert_eq!("current".parse::<Engine>()?, Engine::Current);
/// assert_eq!(Engine::default(), Engine::Classic);
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// rust-stemmers 1.2 (Snowball algorithms of 2017–2019), the default.
    /// Languages it lacks are stemmed by [`Engine::Current`].
    #[default]
    Classic,
    /// Today's Snowball (3.x) through the frostem crate.
    Current,
}

impl std::str::FromStr for Engine {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "classic" => Ok(Engine::Classic),
            "current" => Ok(Engine::Current),
            _ => Err(Error::invalid(
                "engine",
                format!("{s:?} is not one of \"classic\", \"current\""),
            )),
        }
    }
}

impl Engine {
    /// The engine's name as accepted by [`str::parse`].
    pub fn name(self) -> &'static str {
        match self {
            Engine::Classic => "classic",
            Engine::Current => "current",
        }
    }
}

/// Which stemmer serves a language under a requested engine.
#[derive(Clone, Copy)]
pub(crate) enum StemAlgorithm {
    Classic(Classic),
    Current(Current),
}

impl Language {
    /// Position in [`Language::all`]; stable within one textlens version.
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    /// Number of languages in the table.
    pub(crate) fn count() -> usize {
        TABLE.len()
    }

    fn row(self) -> &'static Row {
        &TABLE[self.0 as usize]
    }

    /// Every language textlens knows, sorted by English name.
    pub fn all() -> impl ExactSizeIterator<Item = Language> {
        (0..TABLE.len()).map(|i| Language(i as u8))
    }

    /// ISO 639-1 code (every language in the table has one), e.g. `"en"`.
    pub fn code(self) -> &'static str {
        self.row().iso1
    }

    /// ISO 639-3 code, e.g. `"eng"`.
    pub fn iso639_3(self) -> &'static str {
        self.row().iso3
    }

    /// English name, e.g. `"English"`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// Whether [`crate::detect()`] can return this language.
    pub fn detectable(self) -> bool {
        self.row().detect.is_some() || crate::detect::in_model(self)
    }

    /// The engine that actually stems this language when `requested` is asked
    /// for: [`Engine::Classic`] falls back to [`Engine::Current`] where
    /// rust-stemmers has no algorithm. `None` when no stemmer exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Engine, Language};
    ///
    /// let pl: Language = "pl".parse()?;
    /// assert_eq!(pl.stem_engine(Engine::Classic), Some(Engine::Current));
    /// let ja: Language = "ja".parse()?;
    /// assert_eq!(ja.stem_engine(Engine::Classic), None);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn stem_engine(self, requested: Engine) -> Option<Engine> {
        self.stem_algorithm(requested).map(|a| match a {
            StemAlgorithm::Classic(_) => Engine::Classic,
            StemAlgorithm::Current(_) => Engine::Current,
        })
    }

    pub(crate) fn stem_algorithm(self, requested: Engine) -> Option<StemAlgorithm> {
        let row = self.row();
        match (requested, row.classic, row.current) {
            (Engine::Classic, Some(c), _) => Some(StemAlgorithm::Classic(c)),
            (_, _, Some(c)) => Some(StemAlgorithm::Current(c)),
            _ => None,
        }
    }

    /// The current-Snowball algorithm for this language, if any.
    pub(crate) fn current_algorithm(self) -> Option<Current> {
        self.row().current
    }

    pub(crate) fn whatlang(self) -> Option<Wl> {
        self.row().detect
    }

    pub(crate) fn from_whatlang(lang: Wl) -> Option<Language> {
        TABLE
            .iter()
            .position(|r| r.detect == Some(lang))
            .map(|i| Language(i as u8))
    }

    /// Lowercasing differs from the Unicode default (dotted and dotless i).
    pub(crate) fn turkic_casing(self) -> bool {
        matches!(self.code(), "tr" | "az")
    }

    /// Look a language up by ISO 639-1, ISO 639-3/639-2 code or English name.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownLanguage`] listing the supported codes.
    pub fn from_name(given: &str) -> Result<Language> {
        let key = given.trim().to_lowercase();
        // "en-US", "pt_BR": the language subtag decides.
        let key = key.split(['-', '_']).next().unwrap_or_default();
        TABLE
            .iter()
            .position(|r| {
                r.iso1 == key
                    || r.iso3 == key
                    || r.name.eq_ignore_ascii_case(key)
                    || r.aliases.contains(&key)
            })
            .map(|i| Language(i as u8))
            .ok_or_else(|| Error::UnknownLanguage {
                given: given.to_owned(),
                supported: TABLE.iter().map(|r| r.iso1).collect::<Vec<_>>().join(", "),
            })
    }
}

impl std::str::FromStr for Language {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Language::from_name(s)
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({})", self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Language::from_name(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_resolve_to_their_row() {
        for lang in Language::all() {
            for key in [lang.code(), lang.iso639_3(), lang.name()] {
                assert_eq!(Language::from_name(key).unwrap(), lang, "{key}");
            }
        }
    }

    #[test]
    fn every_whatlang_language_is_in_the_table() {
        for &wl in whatlang::Lang::all() {
            let lang = Language::from_whatlang(wl).unwrap_or_else(|| panic!("{wl:?}"));
            assert_eq!(lang.whatlang(), Some(wl));
        }
    }

    #[test]
    fn every_frostem_algorithm_for_a_language_is_in_the_table() {
        let used: Vec<_> = Language::all()
            .filter_map(|l| l.current_algorithm())
            .collect();
        for algo in Current::all() {
            let variant = matches!(
                algo,
                Current::Porter
                    | Current::Lovins
                    | Current::DutchPorter
                    | Current::Earlymodernenglish
            );
            assert!(variant || used.contains(algo), "{algo:?}");
        }
    }

    #[test]
    fn region_subtags_and_case_are_ignored() {
        assert_eq!(Language::from_name("PT_br").unwrap().code(), "pt");
        assert_eq!(Language::from_name(" en-US ").unwrap().code(), "en");
    }

    #[test]
    fn unknown_language_lists_the_supported_ones() {
        let err = Language::from_name("klingon").unwrap_err().to_string();
        assert!(err.contains("\"klingon\"") && err.contains("en, "), "{err}");
    }
}
