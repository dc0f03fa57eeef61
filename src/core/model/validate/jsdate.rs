//! `Date.parse` as V8 (Node) implements it: the ES5 ISO format first, then
//! V8's legacy fallback parser (`Tue Jan 02 2024 10:00:00 GMT+0100`,
//! `1/2/2024`, `2024-01-02 10:00`, `Jan 5`, ...). Dates without a time zone
//! are local time; the process time zone is taken to be UTC.

use super::js::{days_from_civil, is_js_space};

const NONE: i64 = i64::MIN;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// value (first 9 significant digits), length in chars
    Number(i64, usize),
    Symbol(char),
    /// keyword kind, value, length
    Word(Kw, i64, usize),
    Space,
    Unknown,
    End,
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kw {
    Month,
    AmPm,
    TimeZone,
    TimeSeparator,
    Invalid,
}

const KEYWORDS: &[(&str, Kw, i64)] = &[
    ("jan", Kw::Month, 1),
    ("feb", Kw::Month, 2),
    ("mar", Kw::Month, 3),
    ("apr", Kw::Month, 4),
    ("may", Kw::Month, 5),
    ("jun", Kw::Month, 6),
    ("jul", Kw::Month, 7),
    ("aug", Kw::Month, 8),
    ("sep", Kw::Month, 9),
    ("oct", Kw::Month, 10),
    ("nov", Kw::Month, 11),
    ("dec", Kw::Month, 12),
    ("am", Kw::AmPm, 0),
    ("pm", Kw::AmPm, 12),
    ("ut", Kw::TimeZone, 0),
    ("utc", Kw::TimeZone, 0),
    ("z", Kw::TimeZone, 0),
    ("gmt", Kw::TimeZone, 0),
    ("cdt", Kw::TimeZone, -5),
    ("cst", Kw::TimeZone, -6),
    ("edt", Kw::TimeZone, -4),
    ("est", Kw::TimeZone, -5),
    ("mdt", Kw::TimeZone, -6),
    ("mst", Kw::TimeZone, -7),
    ("pdt", Kw::TimeZone, -7),
    ("pst", Kw::TimeZone, -8),
    ("t", Kw::TimeSeparator, 0),
];

impl Tok {
    fn is_number(&self) -> bool {
        matches!(self, Tok::Number(..))
    }
    fn number(&self) -> i64 {
        match self {
            Tok::Number(n, _) => *n,
            _ => 0,
        }
    }
    fn is_fixed(&self, len: usize) -> bool {
        matches!(self, Tok::Number(_, l) if *l == len)
    }
    fn is_symbol(&self, c: char) -> bool {
        *self == Tok::Symbol(c)
    }
    fn sign(&self) -> Option<i64> {
        match self {
            Tok::Symbol('+') => Some(1),
            Tok::Symbol('-') => Some(-1),
            _ => None,
        }
    }
    fn is_z(&self) -> bool {
        matches!(self, Tok::Word(Kw::TimeZone, 0, 1))
    }
}

struct Scanner {
    s: Vec<char>,
    pos: usize,
    next: Tok,
}

impl Scanner {
    fn new(s: &str) -> Scanner {
        let mut sc = Scanner {
            s: s.chars().collect(),
            pos: 0,
            next: Tok::End,
        };
        sc.next = sc.scan();
        sc
    }

    fn ch(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn scan(&mut self) -> Tok {
        let start = self.pos;
        let c = match self.ch() {
            None => return Tok::End,
            Some(c) => c,
        };
        if c.is_ascii_digit() {
            while self.ch() == Some('0') {
                self.pos += 1;
            }
            let mut n: i64 = 0;
            let mut i = 0;
            while let Some(d) = self.ch().and_then(|c| c.to_digit(10)) {
                if i < 9 {
                    n = n * 10 + i64::from(d);
                }
                i += 1;
                self.pos += 1;
            }
            return Tok::Number(n, self.pos - start);
        }
        if matches!(c, ':' | '-' | '+' | '.' | ')') {
            self.pos += 1;
            return Tok::Symbol(c);
        }
        if c >= 'A' && !is_js_space(c) {
            let mut prefix = String::new();
            let mut len = 0;
            while let Some(w) = self.ch() {
                if w < 'A' || is_js_space(w) {
                    break;
                }
                if len < 3 {
                    // V8 lowercases ASCII letters only (`c | 0x20`).
                    prefix.push(if w.is_ascii_uppercase() {
                        w.to_ascii_lowercase()
                    } else {
                        w
                    });
                }
                len += 1;
                self.pos += 1;
            }
            for (kw, kind, value) in KEYWORDS {
                if prefix == *kw && (len <= 3 || *kind == Kw::Month) {
                    return Tok::Word(*kind, *value, len);
                }
            }
            return Tok::Word(Kw::Invalid, 0, len);
        }
        if is_js_space(c) {
            self.pos += 1;
            return Tok::Space;
        }
        if c == '(' {
            let mut balance = 0;
            loop {
                match self.ch() {
                    Some(')') => balance -= 1,
                    Some('(') => balance += 1,
                    _ => {}
                }
                self.pos += 1;
                if balance <= 0 || self.ch().is_none_or(|c| c == '\0') {
                    break;
                }
            }
            return Tok::Unknown;
        }
        self.pos += 1;
        Tok::Unknown
    }

    fn next(&mut self) -> Tok {
        let t = self.next;
        self.next = self.scan();
        t
    }

    fn peek(&self) -> Tok {
        self.next
    }

    fn skip_symbol(&mut self, c: char) -> bool {
        if self.next.is_symbol(c) {
            self.next();
            true
        } else {
            false
        }
    }
}

#[derive(Default)]
struct Day {
    comp: Vec<i64>,
    named_month: Option<i64>,
    iso: bool,
}

impl Day {
    fn add(&mut self, n: i64) -> bool {
        if self.comp.len() >= 3 {
            return false;
        }
        self.comp.push(n);
        true
    }

    fn write(&mut self) -> Option<(i64, i64, i64)> {
        if self.comp.is_empty() {
            return None;
        }
        while self.comp.len() < 3 {
            self.comp.push(1);
        }
        let c = |i: usize| self.comp.get(i).copied().unwrap_or(1);
        let is_day = |x: i64| (1..=31).contains(&x);
        let (mut year, month, day);
        match self.named_month {
            None => {
                if self.iso || !is_day(c(0)) {
                    year = c(0);
                    month = c(1);
                    day = c(2);
                } else {
                    month = c(0);
                    day = c(1);
                    year = c(2);
                }
            }
            Some(m) => {
                month = m;
                if !is_day(c(0)) {
                    year = c(0);
                    day = c(1);
                } else {
                    day = c(0);
                    year = c(1);
                }
            }
        }
        if !self.iso {
            if (0..=49).contains(&year) {
                year += 2000;
            } else if (50..=99).contains(&year) {
                year += 1900;
            }
        }
        if year < i64::from(i32::MIN)
            || year > i64::from(i32::MAX)
            || !(1..=12).contains(&month)
            || !is_day(day)
        {
            return None;
        }
        Some((year, month, day))
    }
}

#[derive(Default)]
struct Time {
    comp: Vec<i64>,
    hour_offset: Option<i64>,
}

impl Time {
    fn is_empty(&self) -> bool {
        self.comp.is_empty()
    }
    fn is_expecting(&self, n: i64) -> bool {
        match self.comp.len() {
            1 | 2 => (0..=59).contains(&n),
            3 => (0..=999).contains(&n),
            _ => false,
        }
    }
    fn add(&mut self, n: i64) -> bool {
        if self.comp.len() >= 4 {
            return false;
        }
        self.comp.push(n);
        true
    }
    fn add_final(&mut self, n: i64) -> bool {
        if !self.add(n) {
            return false;
        }
        while self.comp.len() < 4 {
            self.comp.push(0);
        }
        true
    }
    fn write(&mut self) -> Option<(i64, i64, i64, i64)> {
        while self.comp.len() < 4 {
            self.comp.push(0);
        }
        let c = |i: usize| self.comp.get(i).copied().unwrap_or(0);
        let (mut h, m, s, ms) = (c(0), c(1), c(2), c(3));
        if let Some(off) = self.hour_offset {
            if !(0..=12).contains(&h) {
                return None;
            }
            h = h % 12 + off;
        }
        let ok = (0..=23).contains(&h)
            && (0..=59).contains(&m)
            && (0..=59).contains(&s)
            && (0..=999).contains(&ms);
        let midnight_24 = h == 24 && m == 0 && s == 0 && ms == 0;
        if !(ok || midnight_24) {
            return None;
        }
        Some((h, m, s, ms))
    }
}

struct Tz {
    sign: i64,
    hour: i64,
    minute: i64,
}

impl Tz {
    fn new() -> Tz {
        Tz {
            sign: NONE,
            hour: NONE,
            minute: NONE,
        }
    }
    fn set(&mut self, offset_hours: i64) {
        self.sign = if offset_hours < 0 { -1 } else { 1 };
        self.hour = offset_hours.abs();
        self.minute = 0;
    }
    fn is_expecting(&self, n: i64) -> bool {
        self.hour != NONE && self.minute == NONE && (0..=59).contains(&n)
    }
    fn is_utc(&self) -> bool {
        self.hour == 0 && self.minute == 0
    }
    fn is_empty(&self) -> bool {
        self.hour == NONE
    }
    /// Offset in seconds; `Some(None)` = local time.
    fn write(&self) -> Option<Option<i64>> {
        if self.sign == NONE {
            return Some(None);
        }
        let h = if self.hour == NONE { 0 } else { self.hour };
        let m = if self.minute == NONE { 0 } else { self.minute };
        // V8 computes this in unsigned 32-bit arithmetic and compares it
        // with the largest Smi (2^31 - 1 in Node's builds).
        let total = (h as u32)
            .wrapping_mul(3600)
            .wrapping_add((m as u32).wrapping_mul(60));
        if total > i32::MAX as u32 {
            return None;
        }
        let total = i64::from(total);
        Some(Some(if self.sign < 0 { -total } else { total }))
    }
}

fn read_ms(t: Tok) -> i64 {
    let (mut n, len) = match t {
        Tok::Number(n, l) => (n, l),
        _ => return 0,
    };
    match len {
        1 => n *= 100,
        2 => n *= 10,
        3 => {}
        _ => {
            let mut l = len.min(9);
            while l > 3 {
                n /= 10;
                l -= 1;
            }
        }
    }
    n
}

/// ES5 ISO part; returns the first token it did not handle.
fn parse_es5(sc: &mut Scanner, day: &mut Day, time: &mut Time, tz: &mut Tz) -> Tok {
    if let Some(sign) = sc.peek().sign() {
        let sign_tok = sc.next();
        if !sc.peek().is_fixed(6) {
            return sign_tok;
        }
        let year = sc.next().number();
        if sign < 0 && year == 0 {
            return sign_tok;
        }
        day.add(sign * year);
    } else if sc.peek().is_fixed(4) {
        let y = sc.next().number();
        day.add(y);
    } else {
        return sc.next();
    }
    if sc.skip_symbol('-') {
        let p = sc.peek();
        if !p.is_fixed(2) || !(1..=12).contains(&p.number()) {
            return sc.next();
        }
        let m = sc.next().number();
        day.add(m);
        if sc.skip_symbol('-') {
            let p = sc.peek();
            if !p.is_fixed(2) || !(1..=31).contains(&p.number()) {
                return sc.next();
            }
            let d = sc.next().number();
            day.add(d);
        }
    }
    if !matches!(sc.peek(), Tok::Word(Kw::TimeSeparator, _, _)) {
        if sc.peek() != Tok::End {
            return sc.next();
        }
    } else {
        sc.next();
        let p = sc.peek();
        if !p.is_fixed(2) || !(0..=24).contains(&p.number()) {
            return Tok::Invalid;
        }
        let hour_is_24 = p.number() == 24;
        let h = sc.next().number();
        time.add(h);
        if !sc.skip_symbol(':') {
            return Tok::Invalid;
        }
        let p = sc.peek();
        if !p.is_fixed(2) || !(0..=59).contains(&p.number()) || (hour_is_24 && p.number() > 0) {
            return Tok::Invalid;
        }
        let m = sc.next().number();
        time.add(m);
        if sc.skip_symbol(':') {
            let p = sc.peek();
            if !p.is_fixed(2) || !(0..=59).contains(&p.number()) || (hour_is_24 && p.number() > 0) {
                return Tok::Invalid;
            }
            let s = sc.next().number();
            time.add(s);
            if sc.skip_symbol('.') {
                let p = sc.peek();
                if !p.is_number() || (hour_is_24 && p.number() > 0) {
                    return Tok::Invalid;
                }
                let ms = read_ms(sc.next());
                time.add(ms);
            }
        }
        if sc.peek().is_z() {
            sc.next();
            tz.set(0);
        } else if let Some(sign) = sc.peek().sign() {
            sc.next();
            tz.sign = sign;
            if sc.peek().is_fixed(4) {
                let hm = sc.next().number();
                let (h, m) = (hm / 100, hm % 100);
                if !(0..=23).contains(&h) || !(0..=59).contains(&m) {
                    return Tok::Invalid;
                }
                tz.hour = h;
                tz.minute = m;
            } else {
                let p = sc.peek();
                if !p.is_fixed(2) || !(0..=23).contains(&p.number()) {
                    return Tok::Invalid;
                }
                tz.hour = sc.next().number();
                if !sc.skip_symbol(':') {
                    return Tok::Invalid;
                }
                let p = sc.peek();
                if !p.is_fixed(2) || !(0..=59).contains(&p.number()) {
                    return Tok::Invalid;
                }
                tz.minute = sc.next().number();
            }
        }
        if sc.peek() != Tok::End {
            return Tok::Invalid;
        }
    }
    if tz.is_empty() && time.is_empty() {
        tz.set(0);
    }
    day.iso = true;
    Tok::End
}

/// `Date.parse(s)`: milliseconds since the epoch, `None` for NaN.
pub fn date_parse(s: &str) -> Option<f64> {
    let mut sc = Scanner::new(s);
    let mut day = Day::default();
    let mut time = Time::default();
    let mut tz = Tz::new();
    let first = parse_es5(&mut sc, &mut day, &mut time, &mut tz);
    if first == Tok::Invalid {
        return None;
    }
    let mut has_read_number = !day.comp.is_empty();
    let mut token = first;
    while token != Tok::End {
        match token {
            Tok::Number(n, _) => {
                has_read_number = true;
                if sc.skip_symbol(':') {
                    if sc.skip_symbol(':') {
                        if !time.is_empty() {
                            return None;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return None;
                        }
                        if sc.peek().is_symbol('.') {
                            sc.next();
                        }
                    }
                } else if sc.peek().is_symbol('.') && {
                    sc.next();
                    time.is_expecting(n)
                } {
                    time.add(n);
                    if !sc.peek().is_number() {
                        return None;
                    }
                    let ms = read_ms(sc.next());
                    if ms < 0 {
                        return None;
                    }
                    time.add_final(ms);
                } else if tz.is_expecting(n) {
                    tz.minute = n;
                } else if time.is_expecting(n) {
                    time.add_final(n);
                    let p = sc.peek();
                    if !(p == Tok::End || p == Tok::Space || p.is_z() || p.sign().is_some()) {
                        return None;
                    }
                } else {
                    if !day.add(n) {
                        return None;
                    }
                    sc.skip_symbol('-');
                }
            }
            Tok::Word(kind, value, _) => {
                if kind == Kw::AmPm && !time.is_empty() {
                    time.hour_offset = Some(value);
                } else if kind == Kw::Month {
                    day.named_month = Some(value);
                    sc.skip_symbol('-');
                } else if kind == Kw::TimeZone && has_read_number {
                    tz.set(value);
                } else {
                    if has_read_number {
                        return None;
                    }
                    if sc.peek().is_number() {
                        return None;
                    }
                }
            }
            t if t.sign().is_some() && (tz.is_utc() || !time.is_empty()) => {
                tz.sign = t.sign().unwrap_or(1);
                let mut n = 0;
                let mut length = 0;
                if let Tok::Number(v, l) = sc.peek() {
                    sc.next();
                    n = v;
                    length = l;
                }
                has_read_number = true;
                if sc.peek().is_symbol(':') {
                    tz.hour = n;
                    tz.minute = NONE;
                } else if length == 1 || length == 2 {
                    tz.hour = n;
                    tz.minute = 0;
                } else if length == 3 || length == 4 {
                    tz.hour = n / 100;
                    tz.minute = n % 100;
                } else {
                    return None;
                }
            }
            t if (t.sign().is_some() || t.is_symbol(')')) && has_read_number => return None,
            _ => {}
        }
        token = sc.next();
    }
    let (y, mo, d) = day.write()?;
    let (h, mi, se, ms) = time.write()?;
    let offset = tz.write()?;
    let days = days_from_civil(y, mo as u32, 1) + (d - 1);
    let mut t = (days as f64) * 86_400_000.0
        + (h as f64) * 3_600_000.0
        + (mi as f64) * 60_000.0
        + (se as f64) * 1000.0
        + ms as f64;
    match offset {
        None => {
            // Local time (UTC here).
            if t.abs() > 8.64e15 + 864e6 {
                return None;
            }
        }
        Some(off) => {
            t -= (off as f64) * 1000.0;
        }
    }
    if t.abs() > 8.64e15 {
        return None;
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_legacy() {
        assert_eq!(date_parse("1970-01-01"), Some(0.0));
        assert_eq!(
            date_parse("2024-01-02T03:04:05.000Z"),
            Some(1_704_164_645_000.0)
        );
        assert_eq!(
            date_parse("2024-01-02T03:04:05+01:00"),
            Some(1_704_161_045_000.0)
        );
        assert_eq!(date_parse("2024-01-02 03:04:05"), Some(1_704_164_645_000.0));
        assert_eq!(
            date_parse("Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)"),
            Some(1_704_164_645_000.0)
        );
        assert_eq!(date_parse("1/2/2024"), date_parse("2024-01-02"));
        assert_eq!(date_parse("Jan 2, 2024"), date_parse("2024-01-02"));
        assert_eq!(date_parse("foo"), None);
        assert_eq!(date_parse(""), None);
        assert_eq!(date_parse("2024-13-01"), None);
        assert_eq!(date_parse("2024-01-02T25:00"), None);
        assert_eq!(date_parse("2024-01-02T24:00"), date_parse("2024-01-03"));
        assert_eq!(date_parse("+275760-09-13T00:00:00.000Z"), Some(8.64e15));
        assert_eq!(date_parse("+275760-09-13T00:00:00.001Z"), None);
        assert_eq!(date_parse("abc 2024"), Some(1_704_067_200_000.0));
        assert_eq!(date_parse("abc2024"), None);
        assert!(date_parse("2024").is_some());
        assert!(date_parse("12").is_some());
    }
}
