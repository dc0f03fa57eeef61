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

/// `text` as Latin-1 bytes when every character is below U+0100 (then V8
/// can take the bytes as a one-byte string as they are, instead of decoding
/// UTF-8); `None` otherwise. Each character stays one UTF-16 unit, so
/// offsets computed on `text` hold for the result.
pub fn to_latin1(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = ascii_run(&bytes[i..]);
        out.extend_from_slice(&bytes[i..i + run]);
        i += run;
        if i >= bytes.len() {
            break;
        }
        // U+0080..U+00FF are the two-byte sequences C2 xx and C3 xx.
        let lead = bytes[i];
        let cont = *bytes.get(i + 1)?;
        if lead != 0xC2 && lead != 0xC3 {
            return None;
        }
        out.push(((lead & 0x03) << 6) | (cont & 0x3F));
        i += 2;
    }
    Some(out)
}

/// Length of the ASCII prefix of `bytes`, eight bytes at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    for w in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        if u64::from_ne_bytes(word) & HIGH != 0 {
            break;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| b < 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::to_latin1;

    #[test]
    fn latin1_when_every_char_fits() {
        assert_eq!(to_latin1("").unwrap_or_default(), b"");
        assert_eq!(to_latin1("abc").unwrap_or_default(), b"abc");
        assert_eq!(
            to_latin1("é\u{80}x\u{ff}\u{a0}").unwrap_or_default(),
            vec![0xE9, 0x80, b'x', 0xFF, 0xA0]
        );
        for c in ['\u{100}', '€', '😀', '日'] {
            assert_eq!(to_latin1(&format!("ab{c}é")), None, "{c}");
        }
        // Every Latin-1 character round-trips.
        let all: String = (0u32..256).filter_map(char::from_u32).collect();
        let bytes = to_latin1(&all).unwrap_or_default();
        assert_eq!(bytes, (0u8..=255).collect::<Vec<_>>());
    }

    #[test]
    fn js_spaces() {
        assert!(super::is_js_space('\u{feff}'));
        assert!(super::is_js_space('\u{2009}'));
        assert!(!super::is_js_space('\u{200b}'));
        assert!(!super::is_js_space('a'));
    }
}
