//! PEM text: the DER bytes of a labelled block.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The DER bytes of the first PEM block with this label (`CERTIFICATE`, `PRIVATE KEY`).
pub(crate) fn pem_block(pem: &str, label: &str) -> Result<Vec<u8>, String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let missing = || format!("no {label} block in the PEM text");
    let start = pem.find(&begin).ok_or_else(missing)? + begin.len();
    let stop = pem[start..].find(&end).ok_or_else(missing)? + start;
    let base64: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    STANDARD
        .decode(base64)
        .map_err(|e| format!("the {label} block is not base64: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_are_found_by_label() {
        let pem = "junk\n-----BEGIN CERTIFICATE-----\nAAEC\nAw==\n-----END CERTIFICATE-----\n";
        assert_eq!(pem_block(pem, "CERTIFICATE").ok(), Some(vec![0, 1, 2, 3]));
        assert!(pem_block(pem, "PRIVATE KEY").is_err());
        assert!(pem_block("-----BEGIN X-----\n!!\n-----END X-----", "X").is_err());
    }
}
