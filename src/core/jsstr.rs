//! JavaScript string semantics the core reproduces in several places.

/// JavaScript's `WhiteSpace` + `LineTerminator`: what `String.prototype.trim`
/// strips and what `\s` matches in a regex.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn js_spaces() {
        assert!(super::is_js_space('\u{feff}'));
        assert!(super::is_js_space('\u{2009}'));
        assert!(!super::is_js_space('\u{200b}'));
        assert!(!super::is_js_space('a'));
    }
}
