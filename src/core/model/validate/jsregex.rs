//! JavaScript regular expressions (`new RegExp(source, flags)`), translated
//! to `fancy_regex` syntax so the semantics are JavaScript's where it matters
//! for validation:
//!
//! - `\d \w \s \b` are ASCII/JS sets, `.` excludes JS line terminators,
//!   `^ $` with `m` see `\n \r \u2028 \u2029`;
//! - Annex B (non-`u`) leniencies: a lone `{ } ]` is literal, `\8` is `8`,
//!   `\1` without groups is an octal escape, `\c` without a letter is a
//!   backslash, quantified lookaheads;
//! - a backreference to a group that did not participate matches empty;
//! - syntax errors carry V8's messages (`Invalid regular expression:
//!   /(/: Unterminated group`).
//!
//! Known differences: matching runs on code points, not UTF-16 units (an
//! astral character is one `.`), and `i` uses Unicode simple case folding
//! instead of JS's `toUpperCase` canonicalisation (e.g. `ſ` matches `s`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A compiled JavaScript RegExp.
#[derive(Debug)]
pub struct JsRegex {
    re: fancy_regex::Regex,
    global: bool,
}

impl JsRegex {
    /// `re.test(s)` / `!!s.match(re)` (a match-time backtracking overflow
    /// counts as no match; so does a panic inside the engine, which must not
    /// unwind into Node).
    pub fn is_match(&self, s: &str) -> bool {
        guarded(|| self.re.is_match(s).unwrap_or(false)).unwrap_or(false)
    }

    /// `s.replace(re, '')`: every match with `g`, else the first.
    pub fn remove_matches(&self, s: &str) -> String {
        self.replace(s, "")
    }

    /// `s.replace(re, replacement)` with `$1`-style group references.
    pub fn replace(&self, s: &str, replacement: &str) -> String {
        guarded(|| {
            if self.global {
                self.re.replace_all(s, replacement).into_owned()
            } else {
                self.re.replace(s, replacement).into_owned()
            }
        })
        .unwrap_or_else(|| s.to_string())
    }
}

/// Runs regex-engine code, turning a panic into `None`.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

const CACHE_LIMIT: usize = 512;

type Cache = Mutex<HashMap<(String, String), Arc<JsRegex>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// `new RegExp(source, flags)`; `Err` is the SyntaxError message.
pub fn compile(source: &str, flags: &str) -> Result<Arc<JsRegex>, String> {
    let key = (source.to_string(), flags.to_string());
    if let Ok(map) = cache().lock() {
        if let Some(re) = map.get(&key) {
            return Ok(Arc::clone(re));
        }
    }
    let compiled = Arc::new(compile_uncached(source, flags)?);
    if let Ok(mut map) = cache().lock() {
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, Arc::clone(&compiled));
    }
    Ok(compiled)
}

fn compile_uncached(source: &str, flags: &str) -> Result<JsRegex, String> {
    let mut f = Flags::default();
    for c in flags.chars() {
        let slot = match c {
            'd' => &mut f.indices,
            'g' => &mut f.global,
            'i' => &mut f.ignore_case,
            'm' => &mut f.multiline,
            's' => &mut f.dot_all,
            'u' => &mut f.unicode,
            'v' => &mut f.unicode_sets,
            'y' => &mut f.sticky,
            _ => return Err(bad_flags(flags)),
        };
        if *slot {
            return Err(bad_flags(flags));
        }
        *slot = true;
    }
    if f.unicode && f.unicode_sets {
        return Err(bad_flags(flags));
    }
    let syntax_error = |reason: &str| {
        let shown = if source.is_empty() { "(?:)" } else { source };
        format!("Invalid regular expression: /{shown}/{flags}: {reason}")
    };
    let translated = translate(source, &f).map_err(&syntax_error)?;
    let mut pattern = String::with_capacity(translated.len() + 16);
    // Outside unicode mode the parser expands case variants itself (JS's
    // toUpperCase canonicalisation); unicode mode uses simple case folding,
    // which is what the regex engine's `(?i)` does.
    if f.ignore_case && (f.unicode || f.unicode_sets) {
        pattern.push_str("(?i)");
    }
    if f.sticky {
        pattern.push_str("\\A(?:");
        pattern.push_str(&translated);
        pattern.push(')');
    } else {
        pattern.push_str(&translated);
    }
    let re = guarded(|| fancy_regex::RegexBuilder::new(&pattern).build())
        .ok_or_else(|| syntax_error("unsupported pattern"))?
        .map_err(|e| syntax_error(&e.to_string()))?;
    Ok(JsRegex {
        re,
        global: f.global,
    })
}

fn bad_flags(flags: &str) -> String {
    format!("Invalid flags supplied to RegExp constructor '{flags}'")
}

#[derive(Default)]
struct Flags {
    indices: bool,
    global: bool,
    ignore_case: bool,
    multiline: bool,
    dot_all: bool,
    unicode: bool,
    unicode_sets: bool,
    sticky: bool,
}

/// Translates a JS pattern; `Err` is V8's reason text.
fn translate(source: &str, flags: &Flags) -> Result<String, &'static str> {
    let chars: Vec<char> = source.chars().collect();
    let (ncaps, names) = scan_groups(&chars);
    let mut p = Parser {
        src: chars,
        pos: 0,
        unicode: flags.unicode || flags.unicode_sets,
        dot_all: flags.dot_all,
        multiline: flags.multiline,
        ignore_case: flags.ignore_case && !(flags.unicode || flags.unicode_sets),
        ncaps,
        names,
        cap_index: 0,
        seen_names: Vec::new(),
        named_refs: Vec::new(),
        in_lookbehind: 0,
        depth: 0,
    };
    let out = p.disjunction()?;
    if p.pos < p.src.len() {
        // Only a stray ')' stops the top-level disjunction.
        return Err("Unmatched ')'");
    }
    // Named references may point forward: checked once the pattern is read.
    if p.named_refs
        .iter()
        .any(|r| !p.seen_names.iter().any(|n| n == r))
    {
        return Err("Invalid named capture referenced");
    }
    Ok(out)
}

/// Counts capturing groups and collects group names (JS numbers groups by
/// their opening parenthesis, named ones included).
fn scan_groups(s: &[char]) -> (u32, Vec<(String, u32)>) {
    let mut i = 0;
    let mut n = 0u32;
    let mut names = Vec::new();
    let mut in_class = false;
    while i < s.len() {
        match s[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if s.get(i + 1) != Some(&'?') {
                    n += 1;
                } else if s.get(i + 2) == Some(&'<')
                    && !matches!(s.get(i + 3), Some('=') | Some('!'))
                {
                    n += 1;
                    let start = i + 3;
                    let mut j = start;
                    while j < s.len() && s[j] != '>' {
                        j += 1;
                    }
                    names.push((s[start..j.min(s.len())].iter().collect(), n));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (n, names)
}

struct Parser {
    src: Vec<char>,
    pos: usize,
    unicode: bool,
    dot_all: bool,
    multiline: bool,
    /// `i` outside unicode mode: case variants are expanded here.
    ignore_case: bool,
    ncaps: u32,
    names: Vec<(String, u32)>,
    cap_index: u32,
    /// Group names met so far (duplicates are an error).
    seen_names: Vec<String>,
    /// `\k<name>` references, checked at the end.
    named_refs: Vec<String>,
    /// Nesting depth of lookbehinds (the engine cannot run backreferences
    /// there).
    in_lookbehind: u32,
    /// Current group nesting.
    depth: u32,
}

const MAX_DEPTH: u32 = 200;

type Ranges = Vec<(u32, u32)>;

/// (min, max, lazy).
type Quantifier = (u64, Option<u64>, bool);

const MAX_CP: u32 = 0x10_FFFF;
const DIGITS: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
const SPACE: &[(u32, u32)] = &[
    (0x9, 0xD),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const WORD_CLASS: &str = "[0-9A-Za-z_]";

enum ClassAtom {
    Char(u32),
    Set(Ranges),
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.src.get(self.pos + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn disjunction(&mut self) -> Result<String, &'static str> {
        // Nested groups recurse: bound the depth so a hostile pattern cannot
        // overflow the stack (V8 gives up on such patterns too).
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("Regular expression too large");
        }
        let mut out = self.alternative();
        if let Ok(o) = out.as_mut() {
            while self.eat('|') {
                o.push('|');
                match self.alternative() {
                    Ok(a) => o.push_str(&a),
                    Err(e) => {
                        self.depth -= 1;
                        return Err(e);
                    }
                }
            }
        }
        self.depth -= 1;
        out
    }

    fn alternative(&mut self) -> Result<String, &'static str> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.term(&mut out)?;
        }
        Ok(out)
    }

    fn term(&mut self, out: &mut String) -> Result<(), &'static str> {
        let c = match self.peek() {
            Some(c) => c,
            None => return Ok(()),
        };
        // Assertions.
        match c {
            '^' => {
                self.pos += 1;
                out.push_str(if self.multiline {
                    "(?:^|(?<=[\\x{a}\\x{d}\\x{2028}\\x{2029}]))"
                } else {
                    "^"
                });
                return self.no_quantifier();
            }
            '$' => {
                self.pos += 1;
                out.push_str(if self.multiline {
                    "(?:$|(?=[\\x{a}\\x{d}\\x{2028}\\x{2029}]))"
                } else {
                    "$"
                });
                return self.no_quantifier();
            }
            '\\' if matches!(self.peek_at(1), Some('b') | Some('B')) => {
                let negate = self.peek_at(1) == Some('B');
                self.pos += 2;
                let w = WORD_CLASS;
                out.push_str(&if negate {
                    format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
                } else {
                    format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))")
                });
                return self.no_quantifier();
            }
            '(' if self.peek_at(1) == Some('?')
                && matches!(
                    (self.peek_at(2), self.peek_at(3)),
                    (Some('='), _)
                        | (Some('!'), _)
                        | (Some('<'), Some('='))
                        | (Some('<'), Some('!'))
                ) =>
            {
                let behind = self.peek_at(2) == Some('<');
                let head_len = if behind { 4 } else { 3 };
                let head: String = self.src[self.pos..self.pos + head_len].iter().collect();
                self.pos += head_len;
                if behind {
                    self.in_lookbehind += 1;
                }
                let inner = self.disjunction();
                if behind {
                    self.in_lookbehind -= 1;
                }
                let inner = inner?;
                if !self.eat(')') {
                    return Err("Unterminated group");
                }
                let group = format!("{head}{inner})");
                if behind || self.unicode {
                    out.push_str(&group);
                    return match self.peek() {
                        Some('*') | Some('+') | Some('?') => Err("Invalid quantifier"),
                        Some('{') if self.braced_quantifier_at(self.pos).is_some() => {
                            Err("Invalid quantifier")
                        }
                        Some('{') if self.unicode => Err("Incomplete quantifier"),
                        _ => Ok(()),
                    };
                }
                // Annex B: a lookahead may be quantified; `{0,…}` makes it
                // optional (never tested), anything else keeps it.
                match self.quantifier()? {
                    Some((0, _, _)) => out.push_str(&format!("(?:{group}|)")),
                    _ => out.push_str(&group),
                }
                return Ok(());
            }
            _ => {}
        }
        let atom = self.atom()?;
        out.push_str(&atom);
        if let Some((min, max, lazy)) = self.quantifier()? {
            out.push_str(&match (min, max) {
                (0, None) => "*".to_string(),
                (1, None) => "+".to_string(),
                (0, Some(1)) => "?".to_string(),
                (m, None) => format!("{{{m},}}"),
                (m, Some(n)) if m == n => format!("{{{m}}}"),
                (m, Some(n)) => format!("{{{m},{n}}}"),
            });
            if lazy {
                out.push('?');
            }
        }
        Ok(())
    }

    /// After an assertion that cannot be quantified.
    fn no_quantifier(&mut self) -> Result<(), &'static str> {
        match self.peek() {
            Some('*') | Some('+') | Some('?') => Err("Nothing to repeat"),
            Some('{') if self.braced_quantifier_at(self.pos).is_some() => Err("Nothing to repeat"),
            _ => Ok(()),
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` at `at`: (min, max, end position).
    fn braced_quantifier_at(&self, at: usize) -> Option<(u64, Option<u64>, usize)> {
        let s = &self.src;
        if s.get(at) != Some(&'{') {
            return None;
        }
        let mut i = at + 1;
        let num = |i: &mut usize| -> Option<u64> {
            let start = *i;
            let mut v: u64 = 0;
            while let Some(d) = s.get(*i).and_then(|c| c.to_digit(10)) {
                v = v.saturating_mul(10).saturating_add(u64::from(d));
                *i += 1;
            }
            (*i > start).then_some(v)
        };
        let min = num(&mut i)?;
        let max = if s.get(i) == Some(&',') {
            i += 1;
            num(&mut i)
        } else {
            Some(min)
        };
        if s.get(i) != Some(&'}') {
            return None;
        }
        Some((min, max, i + 1))
    }

    fn quantifier(&mut self) -> Result<Option<Quantifier>, &'static str> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => match self.braced_quantifier_at(self.pos) {
                Some((min, max, end)) => {
                    if let Some(m) = max {
                        if m < min {
                            return Err("numbers out of order in {} quantifier");
                        }
                    }
                    self.pos = end;
                    (min, max)
                }
                None if self.unicode => return Err("Incomplete quantifier"),
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let lazy = self.eat('?');
        if matches!(self.peek(), Some('*') | Some('+') | Some('?'))
            || (self.peek() == Some('{') && self.braced_quantifier_at(self.pos).is_some())
        {
            return Err("Nothing to repeat");
        }
        Ok(Some((min, max, lazy)))
    }

    fn atom(&mut self) -> Result<String, &'static str> {
        let c = match self.peek() {
            Some(c) => c,
            None => return Ok(String::new()),
        };
        match c {
            '*' | '+' | '?' => Err("Nothing to repeat"),
            '{' => {
                if self.braced_quantifier_at(self.pos).is_some() {
                    Err("Nothing to repeat")
                } else if self.unicode {
                    Err("Lone quantifier brackets")
                } else {
                    self.pos += 1;
                    Ok(self.lit(u32::from('{')))
                }
            }
            '}' | ']' if self.unicode => Err("Lone quantifier brackets"),
            '.' => {
                self.pos += 1;
                Ok(if self.dot_all {
                    "[\\x{0}-\\x{10FFFF}]".to_string()
                } else {
                    "[^\\x{a}\\x{d}\\x{2028}\\x{2029}]".to_string()
                })
            }
            '(' => self.group(),
            '[' => self.class(),
            '\\' => self.atom_escape(),
            _ => {
                self.pos += 1;
                Ok(self.lit(u32::from(c)))
            }
        }
    }

    fn group(&mut self) -> Result<String, &'static str> {
        self.pos += 1; // '('
        let mut named: Option<String> = None;
        let head = if self.eat('?') {
            if self.eat(':') {
                "(?:"
            } else if self.peek() == Some('<') {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if c == '>' {
                        break;
                    }
                    if !(c == '$' || c == '_' || c.is_alphanumeric()) {
                        return Err("Invalid capture group name");
                    }
                    self.pos += 1;
                }
                if self.pos == start || !self.eat('>') {
                    return Err("Invalid capture group name");
                }
                if self.src[start].is_ascii_digit() {
                    return Err("Invalid capture group name");
                }
                named = Some(self.src[start..self.pos - 1].iter().collect::<String>());
                self.cap_index += 1;
                "("
            } else {
                return Err("Invalid group");
            }
        } else {
            self.cap_index += 1;
            "("
        };
        let inner = self.disjunction()?;
        if !self.eat(')') {
            return Err("Unterminated group");
        }
        // V8 registers a group name when the group closes.
        if let Some(name) = named {
            if self.seen_names.contains(&name) {
                return Err("Duplicate capture group name");
            }
            self.seen_names.push(name);
        }
        Ok(format!("{head}{inner})"))
    }

    fn backref(&self, n: u32) -> Result<String, &'static str> {
        if self.in_lookbehind > 0 {
            return Err("backreferences inside a lookbehind are not supported");
        }
        Ok(self.backref_unchecked(n))
    }

    fn backref_unchecked(&self, n: u32) -> String {
        // A group that did not participate matches the empty string in JS.
        if self.ignore_case {
            format!("(?({n})(?i:\\{n})|)")
        } else {
            format!("(?({n})\\{n}|)")
        }
    }

    fn atom_escape(&mut self) -> Result<String, &'static str> {
        self.pos += 1; // '\'
        let c = match self.peek() {
            Some(c) => c,
            None => return Err("\\ at end of pattern"),
        };
        // Back references and legacy octal escapes.
        if c.is_ascii_digit() && c != '0' {
            let start = self.pos;
            let mut v: u64 = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                v = v.saturating_mul(10).saturating_add(u64::from(d));
                self.pos += 1;
            }
            if v <= u64::from(self.ncaps) {
                return self.backref(v as u32);
            }
            if self.unicode {
                return Err("Invalid escape");
            }
            self.pos = start;
            if c == '8' || c == '9' {
                self.pos += 1;
                return Ok(self.lit(u32::from(c)));
            }
            let cp = self.legacy_octal();
            return Ok(self.lit(cp));
        }
        if c == 'k' && (self.unicode || !self.names.is_empty()) {
            self.pos += 1;
            if !self.eat('<') {
                return Err("Invalid named reference");
            }
            let start = self.pos;
            while self.peek().is_some_and(|c| c != '>') {
                self.pos += 1;
            }
            let name: String = self.src[start..self.pos].iter().collect();
            if !self.eat('>') {
                return Err("Invalid named reference");
            }
            let idx = self
                .names
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, idx)| *idx);
            self.named_refs.push(name);
            return match idx {
                Some(idx) => self.backref(idx),
                // Reported after parsing (unless a syntax error comes first).
                None => Ok(String::new()),
            };
        }
        if let Some(set) = self.class_escape_set(c) {
            self.pos += 1;
            return Ok(self.class_out(set, false));
        }
        if (c == 'p' || c == 'P') && self.unicode {
            return self.unicode_property();
        }
        let cp = self.character_escape(false)?;
        match cp {
            Escaped::Char(cp) => Ok(self.lit(cp)),
            Escaped::Backslash => Ok(self.lit(u32::from('\\'))),
        }
    }

    /// `\p{…}` / `\P{…}` in unicode mode, passed through.
    fn unicode_property(&mut self) -> Result<String, &'static str> {
        let start = self.pos - 1;
        self.pos += 1;
        if !self.eat('{') {
            return Err("Invalid property name");
        }
        while self.peek().is_some_and(|c| c != '}') {
            self.pos += 1;
        }
        if !self.eat('}') {
            return Err("Invalid property name");
        }
        Ok(self.src[start..self.pos].iter().collect())
    }

    fn class_escape_set(&self, c: char) -> Option<Ranges> {
        let universe = if self.unicode { MAX_CP } else { 0xFFFF };
        Some(match c {
            'd' => DIGITS.to_vec(),
            'D' => complement(DIGITS, universe),
            'w' => WORD.to_vec(),
            'W' => complement(WORD, universe),
            's' => SPACE.to_vec(),
            'S' => complement(SPACE, universe),
            _ => return None,
        })
    }

    /// Up to three octal digits (`\377` max), at the current position.
    fn legacy_octal(&mut self) -> u32 {
        let mut v = 0u32;
        let first = self.peek().and_then(|c| c.to_digit(8)).unwrap_or(0);
        let max_len = if first <= 3 { 3 } else { 2 };
        let mut n = 0;
        while n < max_len {
            match self.peek().and_then(|c| c.to_digit(8)) {
                Some(d) => {
                    v = v * 8 + d;
                    self.pos += 1;
                    n += 1;
                }
                None => break,
            }
        }
        v
    }

    /// A CharacterEscape after the backslash (the position is on the char
    /// after `\`). `in_class` enables `\b` (backspace) and `\-`.
    fn character_escape(&mut self, in_class: bool) -> Result<Escaped, &'static str> {
        let c = match self.peek() {
            Some(c) => c,
            None => return Err("\\ at end of pattern"),
        };
        self.pos += 1;
        let hex = |c: Option<char>| c.and_then(|c| c.to_digit(16));
        Ok(Escaped::Char(match c {
            'f' => 0xC,
            'n' => 0xA,
            'r' => 0xD,
            't' => 0x9,
            'v' => 0xB,
            'b' if in_class => 0x8,
            '-' if in_class => u32::from('-'),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                Some(l) if in_class && !self.unicode && (l.is_ascii_digit() || l == '_') => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                _ if self.unicode => return Err("Invalid Unicode escape"),
                _ => {
                    // `\c` without a control letter: a literal backslash; the
                    // `c` is read again as a normal character.
                    self.pos -= 1;
                    return Ok(Escaped::Backslash);
                }
            },
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            '0'..='7' if !self.unicode => {
                self.pos -= 1;
                self.legacy_octal()
            }
            '8' | '9' if !self.unicode && in_class => u32::from(c),
            'x' => match (hex(self.peek()), hex(self.peek_at(1))) {
                (Some(a), Some(b)) => {
                    self.pos += 2;
                    a * 16 + b
                }
                _ if self.unicode => return Err("Invalid escape"),
                _ => u32::from('x'),
            },
            'u' => match self.unicode_escape()? {
                Some(cp) => cp,
                None if self.unicode => return Err("Invalid Unicode escape"),
                None => u32::from('u'),
            },
            _ if self.unicode => {
                if "^$\\.*+?()[]{}|/".contains(c) {
                    u32::from(c)
                } else {
                    return Err("Invalid escape");
                }
            }
            _ => u32::from(c),
        }))
    }

    /// After `\u`: `XXXX` (a surrogate pair `\uD83D\uDE00` combines), or
    /// `{…}` in unicode mode. `None` when malformed.
    fn unicode_escape(&mut self) -> Result<Option<u32>, &'static str> {
        let hex4 = |p: &Parser, at: usize| -> Option<u32> {
            let mut v = 0;
            for k in 0..4 {
                v = v * 16 + p.src.get(at + k)?.to_digit(16)?;
            }
            Some(v)
        };
        if self.unicode && self.peek() == Some('{') {
            let mut i = self.pos + 1;
            let mut v: u32 = 0;
            let start = i;
            while let Some(d) = self.src.get(i).and_then(|c| c.to_digit(16)) {
                v = v.saturating_mul(16).saturating_add(d);
                i += 1;
            }
            if i == start || self.src.get(i) != Some(&'}') || v > MAX_CP {
                return Ok(None);
            }
            self.pos = i + 1;
            return Ok(Some(v));
        }
        let Some(hi) = hex4(self, self.pos) else {
            return Ok(None);
        };
        self.pos += 4;
        if (0xD800..=0xDBFF).contains(&hi)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            if let Some(lo) = hex4(self, self.pos + 2) {
                if (0xDC00..=0xDFFF).contains(&lo) {
                    self.pos += 6;
                    return Ok(Some(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)));
                }
            }
        }
        Ok(Some(hi))
    }

    fn class(&mut self) -> Result<String, &'static str> {
        self.pos += 1; // '['
        let negated = self.eat('^');
        let mut set: Ranges = Vec::new();
        loop {
            let a = match self.peek() {
                None => return Err("Unterminated character class"),
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => self.class_atom()?,
            };
            // A range `a-b`?
            if self.peek() == Some('-') && self.peek_at(1).is_some() && self.peek_at(1) != Some(']')
            {
                self.pos += 1;
                let b = self.class_atom()?;
                match (&a, &b) {
                    (ClassAtom::Char(x), ClassAtom::Char(y)) => {
                        if x > y {
                            return Err("Range out of order in character class");
                        }
                        set.push((*x, *y));
                    }
                    _ if self.unicode => return Err("Invalid character class"),
                    _ => {
                        // Annex B: a class escape next to '-' makes it literal.
                        add_atom(&mut set, a);
                        set.push((u32::from('-'), u32::from('-')));
                        add_atom(&mut set, b);
                    }
                }
                continue;
            }
            add_atom(&mut set, a);
        }
        Ok(self.class_out(set, negated))
    }

    /// A class, with JS case variants under a non-unicode `i`.
    fn class_out(&self, set: Ranges, negated: bool) -> String {
        let set = normalize(set);
        if self.ignore_case {
            emit_class(&case_closure(&set), negated, self.unicode)
        } else {
            emit_class(&set, negated, self.unicode)
        }
    }

    /// One literal code point (case variants under a non-unicode `i`).
    fn lit(&self, cp: u32) -> String {
        if self.ignore_case {
            let set = case_closure(&[(cp, cp)]);
            if set.len() > 1 || set.first().is_some_and(|&(a, b)| a != b) {
                return emit_class(&set, false, self.unicode);
            }
        }
        literal(cp)
    }

    fn class_atom(&mut self) -> Result<ClassAtom, &'static str> {
        let c = match self.peek() {
            Some(c) => c,
            None => return Err("Unterminated character class"),
        };
        if c != '\\' {
            self.pos += 1;
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        self.pos += 1;
        let e = match self.peek() {
            Some(e) => e,
            None => return Err("\\ at end of pattern"),
        };
        if let Some(set) = self.class_escape_set(e) {
            self.pos += 1;
            return Ok(ClassAtom::Set(set));
        }
        if (e == 'p' || e == 'P') && self.unicode {
            // Unsupported inside our range sets: approximate as nothing.
            self.unicode_property()?;
            return Ok(ClassAtom::Set(Vec::new()));
        }
        if e.is_ascii_digit() && e != '0' && self.unicode {
            return Err("Invalid class escape");
        }
        if e == 'k' && !self.unicode {
            self.pos += 1;
            return Ok(ClassAtom::Char(u32::from('k')));
        }
        match self.character_escape(true)? {
            Escaped::Char(cp) => Ok(ClassAtom::Char(cp)),
            Escaped::Backslash => Ok(ClassAtom::Char(u32::from('\\'))),
        }
    }
}

enum Escaped {
    Char(u32),
    /// Annex B `\c` without a control letter: a literal backslash.
    Backslash,
}

fn add_atom(set: &mut Ranges, a: ClassAtom) {
    match a {
        ClassAtom::Char(c) => set.push((c, c)),
        ClassAtom::Set(s) => set.extend(s),
    }
}

fn normalize(mut set: Ranges) -> Ranges {
    set.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(set.len());
    for (a, b) in set {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn complement(set: &[(u32, u32)], universe: u32) -> Ranges {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(a, b) in set {
        if a > next {
            out.push((next, a - 1));
        }
        next = b + 1;
    }
    if next <= universe {
        out.push((next, universe));
    }
    out
}

fn covers(set: &[(u32, u32)], lo: u32, hi: u32) -> bool {
    set.iter().any(|&(a, b)| a <= lo && hi <= b)
}

fn intersects(set: &[(u32, u32)], lo: u32, hi: u32) -> bool {
    set.iter().any(|&(a, b)| a <= hi && lo <= b)
}

/// A class from a normalised range set. Outside unicode mode JS sees an
/// astral character as two surrogates: a class holding every surrogate
/// matches it (one unit at a time), so it gets the astral planes; a negated
/// class keeps them unless it names a surrogate.
fn emit_class(set: &[(u32, u32)], negated: bool, unicode: bool) -> String {
    let mut ranges: Ranges = set.to_vec();
    if !unicode {
        let astral = if negated {
            intersects(set, 0xD800, 0xDFFF)
        } else {
            covers(set, 0xD800, 0xDFFF)
        };
        if astral {
            ranges.push((0x10000, MAX_CP));
        }
    }
    // Rust strings hold no surrogates: drop them from the ranges.
    let mut clean: Ranges = Vec::new();
    for (a, b) in normalize(ranges) {
        if b < 0xD800 || a > 0xDFFF {
            clean.push((a, b));
            continue;
        }
        if a < 0xD800 {
            clean.push((a, 0xD7FF));
        }
        if b > 0xDFFF {
            clean.push((0xE000, b));
        }
    }
    if clean.is_empty() {
        return if negated {
            "[\\x{0}-\\x{10FFFF}]".to_string()
        } else {
            "[^\\x{0}-\\x{10FFFF}]".to_string()
        };
    }
    let mut out = String::from(if negated { "[^" } else { "[" });
    for (a, b) in clean {
        if a == b {
            out.push_str(&format!("\\x{{{a:x}}}"));
        } else {
            out.push_str(&format!("\\x{{{a:x}}}-\\x{{{b:x}}}"));
        }
    }
    out.push(']');
    out
}

/// JS `Canonicalize(ch)` without the `u` flag: the single-character
/// `toUpperCase`, except that non-ASCII never maps into ASCII.
fn canonicalize(c: u32) -> u32 {
    let Some(ch) = char::from_u32(c) else {
        return c;
    };
    let mut up = ch.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => {
            let u = u32::from(u);
            if c >= 128 && u < 128 {
                c
            } else {
                u
            }
        }
        _ => c,
    }
}

/// canonical value → the other BMP characters with that canonical value.
fn canonical_inverse() -> &'static HashMap<u32, Vec<u32>> {
    static INV: OnceLock<HashMap<u32, Vec<u32>>> = OnceLock::new();
    INV.get_or_init(|| {
        let mut m: HashMap<u32, Vec<u32>> = HashMap::new();
        for c in 0..=0xFFFFu32 {
            let k = canonicalize(c);
            if k != c {
                m.entry(k).or_default().push(c);
            }
        }
        m
    })
}

/// Every character whose canonical value is that of a member of `set`
/// (how a JS class matches under `i`). Astral members are kept as they are.
fn case_closure(set: &[(u32, u32)]) -> Ranges {
    let inv = canonical_inverse();
    let mut out: Ranges = set.to_vec();
    for &(a, b) in set {
        if a > 0xFFFF {
            continue;
        }
        for c in a..=b.min(0xFFFF) {
            let k = canonicalize(c);
            if canonicalize(k) == k {
                out.push((k, k));
            }
            if let Some(v) = inv.get(&k) {
                out.extend(v.iter().map(|&x| (x, x)));
            }
        }
    }
    normalize(out)
}

/// One literal code point (a lone surrogate can never match a Rust string).
fn literal(cp: u32) -> String {
    match char::from_u32(cp) {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        Some(_) => format!("\\x{{{cp:x}}}"),
        None => "[^\\x{0}-\\x{10FFFF}]".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(src: &str, flags: &str, s: &str) -> bool {
        match compile(src, flags) {
            Ok(re) => re.is_match(s),
            Err(e) => panic!("{src}: {e}"),
        }
    }

    fn err(src: &str, flags: &str) -> String {
        compile(src, flags).err().unwrap_or_default()
    }

    #[test]
    fn basics() {
        assert!(m("^[a-z]+$", "", "abc"));
        assert!(!m("^[a-z]+$", "", "aBc"));
        assert!(m("^[a-z]+$", "i", "aBc"));
        assert!(m("^\\d{2,3}$", "", "123"));
        assert!(!m("^\\d{2,3}$", "", "١٢"));
        assert!(m("^\\w+$", "", "a_1"));
        assert!(!m("^\\w+$", "", "é"));
        assert!(m("^\\s$", "", "\u{feff}"));
        assert!(!m("^.$", "", "\n"));
        assert!(m("^.$", "s", "\n"));
        assert!(m("a.c", "", "xabcx"));
        assert!(m("^(?=.*\\d)(?=.*[a-z]).{8,}$", "", "abcdefg1"));
        assert!(!m("^(?=.*\\d)(?=.*[a-z]).{8,}$", "", "abcdefgh"));
        assert!(m("(?<=\\$)\\d+", "", "$42"));
        assert!(m("^(a)\\1$", "", "aa"));
        assert!(m("^(?<x>a)\\k<x>$", "", "aa"));
        assert!(m("^(a)?\\1b$", "", "b"));
        assert!(m("\\bfoo\\b", "", "a foo b"));
        assert!(!m("\\bfoo\\b", "", "afoo"));
        assert!(m("\\Boo", "", "foo"));
        assert!(m("^a{$", "", "a{"));
        assert!(m("^a{2$", "", "a{2"));
        assert!(m("^]$", "", "]"));
        assert!(m("^\\8$", "", "8"));
        assert!(m("^\\1$", "", "\u{1}"));
        assert!(m("^\\x41\\u0042$", "", "AB"));
        assert!(m("^\\xZ$", "", "xZ"));
        assert!(m("^\\uD83D\\uDE00$", "", "😀"));
        assert!(m("^\\cJ$", "", "\n"));
        assert!(m("^\\c$", "", "\\c"));
        assert!(m("^[\\d-z]+$", "", "1-z"));
        assert!(m("^[^]$", "", "\n"));
        assert!(!m("[]", "", "a"));
        assert!(m("^$", "", ""));
        assert!(m("", "", "abc"));
        assert!(m("^b", "m", "a\nb"));
        assert!(m("a$", "m", "a\rb"));
        assert!(!m("^b", "", "a\nb"));
        assert!(!m("b", "y", "ab"));
        assert!(m("a", "y", "ab"));
        assert!(m("^(?=a)*b$", "", "b"));
        assert!(m("^[\\u00a1-\\uffff]+$", "", "é😀"));
        assert!(m("[^\\x00-\\x7F]", "", "😀"));
        assert!(m("^\\u{1F600}$", "u", "😀"));
        assert!(m("^a|b$", "", "xb"));
    }

    #[test]
    fn errors() {
        assert_eq!(
            err("(", ""),
            "Invalid regular expression: /(/: Unterminated group"
        );
        assert_eq!(
            err("(", "i"),
            "Invalid regular expression: /(/i: Unterminated group"
        );
        assert_eq!(
            err("a", "x"),
            "Invalid flags supplied to RegExp constructor 'x'"
        );
        assert_eq!(
            err("a", "gg"),
            "Invalid flags supplied to RegExp constructor 'gg'"
        );
        assert_eq!(
            err("*", ""),
            "Invalid regular expression: /*/: Nothing to repeat"
        );
        assert_eq!(
            err("a**", ""),
            "Invalid regular expression: /a**/: Nothing to repeat"
        );
        assert_eq!(
            err("{2}", ""),
            "Invalid regular expression: /{2}/: Nothing to repeat"
        );
        assert_eq!(
            err("[z-a]", ""),
            "Invalid regular expression: /[z-a]/: Range out of order in character class"
        );
        assert_eq!(
            err("a{2,1}", ""),
            "Invalid regular expression: /a{2,1}/: numbers out of order in {} quantifier"
        );
        assert_eq!(
            err(")", ""),
            "Invalid regular expression: /)/: Unmatched ')'"
        );
        assert_eq!(
            err("[a", ""),
            "Invalid regular expression: /[a/: Unterminated character class"
        );
        assert_eq!(
            err("\\", ""),
            "Invalid regular expression: /\\/: \\ at end of pattern"
        );
        assert_eq!(
            err("(?x)", ""),
            "Invalid regular expression: /(?x)/: Invalid group"
        );
        assert_eq!(
            err("^*", ""),
            "Invalid regular expression: /^*/: Nothing to repeat"
        );
    }
}
