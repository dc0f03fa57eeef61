//! `sequelize.query(sql, { replacements })`: values escaped client-side and
//! inlined into the SQL text.
//!
//! A port of Sequelize 6.37.8 `lib/utils/sql.js` `injectReplacements` for the
//! postgres dialect. The SQL is scanned once; `?` (positional) or `:name`
//! (named) tokens are replaced by [`escape_list`] of their value, except
//! inside `'string literals'` (backslash-aware for `E'…'`),
//! `"quoted identifiers"`, `$tag$dollar-quoted strings$tag$`, `-- comments`
//! (the `--` must be followed by a space) and `/* block comments */`.
//!
//! Token rules (same as Sequelize):
//! - A token only starts after whitespace, `(`, `>`, `,`, `=`, `[` or at the
//!   start of the SQL; so `a:b`, `x<?` and `5::int` are left alone.
//! - `:name` is `[a-z_][0-9a-z_]*` (ASCII, any case) and must be followed by
//!   `)`, `,`, `;`, `]`, whitespace, `::` or the end of the SQL; `:x::int`
//!   replaces `:x` and keeps the cast.
//! - `?|` and `?&` (jsonb operators) are not placeholders.
//! - Positional mode only looks at `?`, named mode only at `:name`.

use crate::core::error::{CoreError, CoreResult};
use crate::core::escape::escape_list;
use crate::core::value::SqlValue;

/// The `replacements` option: a JS array (`?`) or a plain object (`:name`).
///
/// The binding should drop object keys whose value is `undefined` (Sequelize
/// treats them as missing), and cut a positional array before its first
/// `undefined` element (Sequelize fails on the `?` that reaches it, exactly
/// as if the array ended there).
#[derive(Debug, Clone, PartialEq)]
pub enum Replacements {
    Positional(Vec<SqlValue>),
    Named(Vec<(String, SqlValue)>),
}

/// Inlines `replacements` into `sql`, for a server with
/// `standard_conforming_strings=on` (Sequelize's default).
///
/// Errors (messages as Sequelize words them):
/// - `Named replacement ":nope" has no entry in the replacement map.`
/// - `Positional replacement (?) 1 has no entry in the replacement map (replacements[1] is undefined).`
///   (the index is 0-based)
/// - `The following SQL query includes an unterminated string literal:\n<sql>`
pub fn inject_replacements(sql: &str, r: &Replacements) -> CoreResult<String> {
    inject_replacements_with(sql, r, true)
}

/// As [`inject_replacements`]; with `standard_conforming_strings == false`
/// (Sequelize option `standardConformingStrings: false`) a backslash escapes
/// a quote in every string literal, not only in `E'…'` ones.
pub fn inject_replacements_with(
    sql: &str,
    r: &Replacements,
    standard_conforming_strings: bool,
) -> CoreResult<String> {
    let can_backslash_escape = !standard_conforming_strings;
    let chars: Vec<char> = sql.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    // The character before position `i` (None at the start).
    let before = |i: usize| i.checked_sub(1).and_then(|j| chars.get(j).copied());

    let (positional, named) = match r {
        Replacements::Positional(v) => (Some(v.as_slice()), None),
        Replacements::Named(v) => (None, Some(v.as_slice())),
    };

    let mut output = String::with_capacity(sql.len());
    let mut previous_slice_end = 0usize;
    let mut last_positional: usize = 0; // number of `?` consumed so far
    let mut dollar_tag: Option<String> = None;
    let mut is_string = false;
    let mut is_column = false;
    let mut single_line_comment = false;
    let mut block_comment = false;
    let mut string_backslash_escapable = false;

    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        if is_column {
            if c == '"' {
                is_column = false;
            }
            i += 1;
            continue;
        }
        if is_string {
            if c == '\'' && (!string_backslash_escapable || !is_backslash_escaped(&chars, i)) {
                is_string = false;
                string_backslash_escapable = false;
            }
            i += 1;
            continue;
        }
        if let Some(tag) = &dollar_tag {
            if c == '$' {
                if let Some((name, _)) = dollar_tag_at(&chars, i) {
                    if name == *tag {
                        dollar_tag = None;
                    }
                }
            }
            i += 1;
            continue;
        }
        if single_line_comment {
            if c == '\n' {
                single_line_comment = false;
            }
            i += 1;
            continue;
        }
        if block_comment {
            if c == '*' && at(i + 1) == Some('/') {
                block_comment = false;
            }
            i += 1;
            continue;
        }

        match c {
            '"' => is_column = true,
            '\'' => {
                is_string = true;
                string_backslash_escapable = can_backslash_escape
                    || (matches!(before(i), Some('E' | 'e'))
                        && can_precede_new_token(i.checked_sub(1).and_then(before)));
            }
            '-' if at(i + 1) == Some('-') && at(i + 2) == Some(' ') => {
                single_line_comment = true;
            }
            '/' if at(i + 1) == Some('*') => block_comment = true,
            '$' => {
                // Sequelize tests /[0-9a-z_]/i against the previous character;
                // at the start that is `undefined`, whose string form matches.
                let prev_is_word = before(i).is_none_or(|p| p.is_ascii_alphanumeric() || p == '_');
                if !prev_is_word {
                    if let Some((name, len)) = dollar_tag_at(&chars, i) {
                        dollar_tag = Some(name);
                        i += len;
                        continue;
                    }
                }
            }
            ':' if named.is_some() => {
                let prev = before(i);
                if can_precede_new_token(prev) || prev == Some('[') {
                    if let Some(name_len) = named_token_at(&chars, i) {
                        let name: String = chars
                            .get(i + 1..i + 1 + name_len)
                            .unwrap_or_default()
                            .iter()
                            .collect();
                        let value = named
                            .and_then(|entries| entries.iter().rev().find(|(k, _)| *k == name))
                            .map(|(_, v)| v)
                            .ok_or_else(|| {
                                CoreError::invalid(format!(
                                    "Named replacement \":{name}\" has no entry in the replacement map."
                                ))
                            })?;
                        let escaped = escape_list(value)?;
                        output.extend(chars.get(previous_slice_end..i).unwrap_or_default());
                        previous_slice_end = i + name_len + 1;
                        output.push_str(&escaped);
                    }
                }
            }
            '?' if positional.is_some() => {
                let prev = before(i);
                let next = at(i + 1);
                if (can_precede_new_token(prev) || prev == Some('['))
                    && next != Some('|')
                    && next != Some('&')
                {
                    let index = last_positional;
                    last_positional += 1;
                    let value = positional.and_then(|v| v.get(index)).ok_or_else(|| {
                        CoreError::invalid(format!(
                            "Positional replacement (?) {index} has no entry in the replacement map (replacements[{index}] is undefined)."
                        ))
                    })?;
                    let escaped = escape_list(value)?;
                    output.extend(chars.get(previous_slice_end..i).unwrap_or_default());
                    previous_slice_end = i + 1;
                    output.push_str(&escaped);
                }
            }
            _ => {}
        }
        i += 1;
    }

    if is_string {
        return Err(CoreError::invalid(format!(
            "The following SQL query includes an unterminated string literal:\n{sql}"
        )));
    }
    if let Some(rest) = chars.get(previous_slice_end..) {
        output.extend(rest);
    }
    Ok(output)
}

/// Sequelize's `canPrecedeNewToken`: start of SQL, JS `\s`, `(`, `>`, `,`, `=`.
fn can_precede_new_token(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => is_js_whitespace(c) || matches!(c, '(' | '>' | ',' | '='),
    }
}

use crate::core::jsstr::is_js_space as is_js_whitespace;

/// Whether the quote at `quote_pos` is preceded by an odd run of backslashes.
fn is_backslash_escaped(chars: &[char], quote_pos: usize) -> bool {
    let run = chars
        .get(..quote_pos)
        .map(|head| head.iter().rev().take_while(|&&c| c == '\\').count())
        .unwrap_or(0);
    run % 2 == 1
}

/// `^\$(?<name>[a-z_][0-9a-z_]*)?\$` (case-insensitive) at `i`:
/// the tag name (possibly empty) and the length of the whole `$tag$`.
fn dollar_tag_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    if chars.get(i) != Some(&'$') {
        return None;
    }
    let mut j = i + 1;
    if chars
        .get(j)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == '_')
    {
        j += 1;
        while chars
            .get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
        {
            j += 1;
        }
    }
    if chars.get(j) != Some(&'$') {
        return None;
    }
    let name: String = chars.get(i + 1..j)?.iter().collect();
    Some((name, j + 1 - i))
}

/// `^:(?<name>[a-z_][0-9a-z_]*)(?:\)|,|$|\s|::|;|])` at `i` (a `:`): the
/// length of the name. (Backtracking cannot help: a shorter name is always
/// followed by a name character, which is never a valid terminator.)
fn named_token_at(chars: &[char], i: usize) -> Option<usize> {
    let start = i + 1;
    let first = chars.get(start)?;
    if !(first.is_ascii_alphabetic() || *first == '_') {
        return None;
    }
    let mut end = start + 1;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    {
        end += 1;
    }
    let terminated = match chars.get(end) {
        None => true,
        Some(')' | ',' | ';' | ']') => true,
        Some(':') => chars.get(end + 1) == Some(&':'),
        Some(c) => is_js_whitespace(*c),
    };
    terminated.then_some(end - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_string())
    }
    fn num(n: f64) -> SqlValue {
        SqlValue::Number(n)
    }
    fn named(pairs: &[(&str, SqlValue)]) -> Replacements {
        Replacements::Named(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    fn pos(v: &[SqlValue]) -> Replacements {
        Replacements::Positional(v.to_vec())
    }
    fn inject(sql: &str, r: &Replacements) -> String {
        inject_replacements(sql, r).unwrap()
    }
    fn inject_err(sql: &str, r: &Replacements) -> String {
        inject_replacements(sql, r).unwrap_err().message
    }

    // A.12 of the research doc.
    #[test]
    fn observed_sql() {
        assert_eq!(
            inject(
                "SELECT * FROM \"Accs\" WHERE name = ? AND bal > ?",
                &pos(&[text("a"), num(0.0)])
            ),
            "SELECT * FROM \"Accs\" WHERE name = 'a' AND bal > 0"
        );
        assert_eq!(
            inject(
                "SELECT * FROM \"Accs\" WHERE name = :name AND name IN (:list)",
                &named(&[
                    ("name", text("a")),
                    ("list", SqlValue::Array(vec![text("a"), text("c")]))
                ])
            ),
            "SELECT * FROM \"Accs\" WHERE name = 'a' AND name IN ('a', 'c')"
        );
        assert_eq!(
            inject("SELECT ? AS v", &pos(&[text("x'; DROP TABLE x; --")])),
            "SELECT 'x''; DROP TABLE x; --' AS v"
        );
        assert_eq!(
            inject(
                "SELECT ? AS d, ? AS b, ? AS n, ? AS arr",
                &pos(&[
                    SqlValue::Date {
                        ms: 1_704_164_645_000.0,
                        offset_minutes: 0
                    },
                    SqlValue::Bool(true),
                    SqlValue::Null,
                    SqlValue::Array(vec![num(1.0), num(2.0)]),
                ])
            ),
            "SELECT '2024-01-02 03:04:05.000 +00:00' AS d, true AS b, NULL AS n, 1, 2 AS arr"
        );
    }

    // The statements of conformance case 047.
    #[test]
    fn conformance_047() {
        assert_eq!(
            inject(
                "SELECT name FROM people WHERE age > :min AND active = :act ORDER BY id",
                &named(&[("min", num(20.0)), ("act", SqlValue::Bool(true))])
            ),
            "SELECT name FROM people WHERE age > 20 AND active = true ORDER BY id"
        );
        assert_eq!(
            inject(
                "SELECT name FROM people WHERE age BETWEEN ? AND ? ORDER BY id",
                &pos(&[num(35.0), num(60.0)])
            ),
            "SELECT name FROM people WHERE age BETWEEN 35 AND 60 ORDER BY id"
        );
        assert_eq!(
            inject(
                "SELECT name FROM people WHERE id IN (:ids) ORDER BY id",
                &named(&[("ids", SqlValue::Array(vec![num(1.0), num(3.0)]))])
            ),
            "SELECT name FROM people WHERE id IN (1, 3) ORDER BY id"
        );
        assert_eq!(
            inject(
                "SELECT name FROM people WHERE name IN (?) ORDER BY id",
                &pos(&[SqlValue::Array(vec![text("Ann"), text("O'Reilly")])])
            ),
            "SELECT name FROM people WHERE name IN ('Ann', 'O''Reilly') ORDER BY id"
        );
        assert_eq!(
            inject(
                "SELECT id FROM people WHERE name = :n",
                &named(&[("n", text("O'Reilly"))])
            ),
            "SELECT id FROM people WHERE name = 'O''Reilly'"
        );
        assert_eq!(
            inject(
                "SELECT count(*)::int AS c FROM people WHERE name = ?",
                &pos(&[text("x' OR '1'='1")])
            ),
            "SELECT count(*)::int AS c FROM people WHERE name = 'x'' OR ''1''=''1'"
        );
        assert_eq!(
            inject(
                "SELECT :v::text IS NULL AS isnull",
                &named(&[("v", SqlValue::Null)])
            ),
            "SELECT NULL::text IS NULL AS isnull"
        );
        assert_eq!(
            inject(
                "SELECT :s AS s, :n AS n, :b AS b, :d::timestamptz AS d",
                &named(&[
                    ("s", text("str")),
                    ("n", num(12.5)),
                    ("b", SqlValue::Bool(false)),
                    (
                        "d",
                        SqlValue::Date {
                            ms: 1_577_934_245_678.0,
                            offset_minutes: 0
                        }
                    ),
                ])
            ),
            "SELECT 'str' AS s, 12.5 AS n, false AS b, '2020-01-02 03:04:05.678 +00:00'::timestamptz AS d"
        );
        assert_eq!(
            inject(
                "SELECT ':notareplacement' AS lit, :x AS x",
                &named(&[("x", num(1.0))])
            ),
            "SELECT ':notareplacement' AS lit, 1 AS x"
        );
        assert_eq!(
            inject(
                "SELECT 5::text AS t, :x::int AS x",
                &named(&[("x", text("7"))])
            ),
            "SELECT 5::text AS t, '7'::int AS x"
        );
        assert_eq!(
            inject_err("SELECT :missing AS m", &named(&[("other", num(1.0))])),
            "Named replacement \":missing\" has no entry in the replacement map."
        );
        assert_eq!(
            inject_err("SELECT ? AS a, ? AS b", &pos(&[num(1.0)])),
            "Positional replacement (?) 1 has no entry in the replacement map (replacements[1] is undefined)."
        );
        assert_eq!(
            inject_err("SELECT ?", &pos(&[])),
            "Positional replacement (?) 0 has no entry in the replacement map (replacements[0] is undefined)."
        );
    }

    // Conformance case 089: NUL in a replacement becomes the two chars `\0`.
    #[test]
    fn nul_and_unicode() {
        assert_eq!(
            inject("SELECT :v::text AS v", &named(&[("v", text("x\u{0}y"))])),
            "SELECT 'x\\0y'::text AS v"
        );
        assert_eq!(
            inject("SELECT 'é', :v, '😀'", &named(&[("v", text("日本語"))])),
            "SELECT 'é', '日本語', '😀'"
        );
        // Placeholders right after non-ASCII characters are not tokens.
        assert_eq!(
            inject("SELECT é:v, é?", &named(&[("v", num(1.0))])),
            "SELECT é:v, é?"
        );
        // Unicode whitespace (JS \s) can precede a token.
        assert_eq!(
            inject("SELECT\u{3000}:v,\u{A0}?", &named(&[("v", num(1.0))])),
            "SELECT\u{3000}1,\u{A0}?"
        );
        // NEL is not JS whitespace.
        assert_eq!(
            inject("SELECT\u{85}:v", &named(&[("v", num(1.0))])),
            "SELECT\u{85}:v"
        );
    }

    // Recorded from Sequelize 6.37.8 injectReplacements.
    #[test]
    fn skips_strings_identifiers_dollar_quotes_comments() {
        assert_eq!(
            inject(
                "SELECT :a, :a::int, ':a', \"a:a\", $$ :a $$, $t$ :a $t$ -- :a\n /* :a */ :a",
                &named(&[("a", text("O'R"))])
            ),
            "SELECT 'O''R', 'O''R'::int, ':a', \"a:a\", $$ :a $$, $t$ :a $t$ -- :a\n /* :a */ 'O''R'"
        );
        let r = named(&[("x", num(1.0))]);
        assert_eq!(inject("SELECT \"a:b\", :x", &r), "SELECT \"a:b\", 1");
        assert_eq!(inject("SELECT \"a?b\"", &pos(&[])), "SELECT \"a?b\"");
        assert_eq!(
            inject("SELECT $$ ? $$, ?", &pos(&[num(1.0)])),
            "SELECT $$ ? $$, 1"
        );
        // A different tag inside does not close the dollar string.
        assert_eq!(
            inject("SELECT $a$ $b$ :x $a$, :x", &r),
            "SELECT $a$ $b$ :x $a$, 1"
        );
        // Tags are case-sensitive when closing.
        assert_eq!(
            inject("SELECT $A$ $a$ :x $A$ :x", &r),
            "SELECT $A$ $a$ :x $A$ 1"
        );
        // `$1` is not a dollar-quote opener; `x$$` neither (word before it).
        assert_eq!(inject("SELECT $1, :x", &r), "SELECT $1, 1");
        assert_eq!(inject("SELECT x$$ :x", &r), "SELECT x$$ 1");
        // At the very start `$$` is not a dollar quote (Sequelize quirk).
        assert_eq!(inject("$$ :x", &r), "$$ 1");
        // `--` needs a space after it to start a comment.
        assert_eq!(inject("SELECT 1 --:x", &r), "SELECT 1 --:x");
        assert_eq!(inject("SELECT 1 -- :x\n, :x", &r), "SELECT 1 -- :x\n, 1");
        assert_eq!(inject("SELECT 2--1, :x", &r), "SELECT 2--1, 1");
        assert_eq!(
            inject("SELECT /* :x */ :x /**/ :x", &r),
            "SELECT /* :x */ 1 /**/ 1"
        );
        // Doubled quotes inside a string.
        assert_eq!(inject("SELECT 'it''s :x', :x", &r), "SELECT 'it''s :x', 1");
        // Backslash escapes only in E'' strings.
        assert_eq!(inject("SELECT E'\\'' , :x", &r), "SELECT E'\\'' , 1");
        assert_eq!(inject("SELECT e'\\\\', :x", &r), "SELECT e'\\\\', 1");
        assert_eq!(inject("SELECT '\\', :x", &r), "SELECT '\\', 1");
        // `xE'…'` is not an escape string (E must start a token).
        assert_eq!(
            inject_err("SELECT xE'\\'', :x", &r),
            "The following SQL query includes an unterminated string literal:\nSELECT xE'\\'', :x"
        );
    }

    #[test]
    fn standard_conforming_strings_off() {
        let r = named(&[("x", num(1.0))]);
        assert_eq!(
            inject_replacements_with("SELECT '\\'', :x", &r, false).unwrap(),
            "SELECT '\\'', 1"
        );
        assert!(inject_replacements_with("SELECT '\\'', :x", &r, true).is_err());
    }

    #[test]
    fn token_boundaries() {
        let r = named(&[("x", num(1.0)), ("a", num(2.0))]);
        // Casts and names glued to words stay.
        assert_eq!(inject("SELECT a::x, a:x", &r), "SELECT a::x, a:x");
        // Allowed predecessors: start, whitespace ( > , = [
        assert_eq!(inject(":x", &r), "1");
        assert_eq!(inject("(:x)", &r), "(1)");
        assert_eq!(inject("a>:x", &r), "a>1");
        assert_eq!(inject("a=:x", &r), "a=1");
        assert_eq!(inject("a<:x", &r), "a<:x");
        assert_eq!(inject("ARRAY[:x]", &r), "ARRAY[1]");
        assert_eq!(inject("f(:x,:a)", &r), "f(1,2)");
        assert_eq!(inject("SELECT :x;", &r), "SELECT 1;");
        // Invalid terminators leave the text alone (and need no entry).
        assert_eq!(inject("SELECT :x+1, :nope.", &r), "SELECT :x+1, :nope.");
        assert_eq!(inject("SELECT :x:int", &r), "SELECT :x:int");
        assert_eq!(inject("SELECT :1", &r), "SELECT :1");
        // Names are ASCII, any case; the map lookup is case-sensitive.
        assert_eq!(
            inject_err("SELECT :X", &r),
            "Named replacement \":X\" has no entry in the replacement map."
        );
        // In named mode `?` is untouched; in positional mode `:x` is.
        assert_eq!(inject("SELECT ?, :x", &r), "SELECT ?, 1");
        assert_eq!(inject("SELECT ?, :x", &pos(&[num(5.0)])), "SELECT 5, :x");
        // Positional predecessors and jsonb operators.
        let p = pos(&[num(1.0), num(2.0)]);
        assert_eq!(
            inject("SELECT x<? , ?|", &pos(&[num(1.0)])),
            "SELECT x<? , ?|"
        );
        assert_eq!(inject("a ?& b, a ? b", &pos(&[num(1.0)])), "a ?& b, a 1 b");
        assert_eq!(inject("?,?", &p), "1,2");
        assert_eq!(inject("[?]=?", &p), "[1]=2");
        // Extra replacements are ignored.
        assert_eq!(inject("SELECT 1", &p), "SELECT 1");
    }

    #[test]
    fn unterminated_string() {
        let r = named(&[("a", num(1.0))]);
        assert_eq!(
            inject_err("SELECT ':a", &r),
            "The following SQL query includes an unterminated string literal:\nSELECT ':a"
        );
        // Unterminated identifiers, dollar quotes and comments are not errors.
        assert_eq!(inject("SELECT \":a", &r), "SELECT \":a");
        assert_eq!(inject("SELECT $$ :a", &r), "SELECT $$ :a");
        assert_eq!(inject("SELECT /* :a", &r), "SELECT /* :a");
    }

    #[test]
    fn values_escape_in_list_form() {
        let r = named(&[(
            "v",
            SqlValue::Array(vec![
                num(1.0),
                SqlValue::Array(vec![num(2.0), num(3.0)]),
                SqlValue::Bytes(b"hi".to_vec()),
                SqlValue::Raw("NOW()".into()),
            ]),
        )]);
        assert_eq!(
            inject("SELECT :v", &r),
            "SELECT 1, (2, 3), E'\\\\x6869', NOW()"
        );
        let r = pos(&[SqlValue::Date {
            ms: 1_577_934_245_678.0,
            offset_minutes: 330,
        }]);
        assert_eq!(
            inject("SELECT ?", &r),
            "SELECT '2020-01-02 08:34:05.678 +05:30'"
        );
        let r = pos(&[SqlValue::Date {
            ms: 1_577_934_245_678.0,
            offset_minutes: -480,
        }]);
        assert_eq!(
            inject("SELECT ?", &r),
            "SELECT '2020-01-01 19:04:05.678 -08:00'"
        );
        // An escaped value containing `?` or `:x` is never re-scanned.
        let r = pos(&[text("? :x"), num(2.0)]);
        assert_eq!(inject("SELECT ?, ?", &r), "SELECT '? :x', 2");
    }

    #[test]
    fn duplicate_names_use_last_and_repeat() {
        let r = named(&[("a", num(1.0)), ("a", num(2.0))]);
        assert_eq!(inject("SELECT :a, :a", &r), "SELECT 2, 2");
    }
}
